/* tei_text.c - the TEI writer's helpers: elements, running text with its
 * Hanja marked, OCR certainty, zones on the page (docs/tei-mapping.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "tei.h"

xmlNodePtr ix_tei_el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

/* An element holding plain text (escaped by libxml2 on output). */
xmlNodePtr ix_tei_el_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

void ix_tei_set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

/* Whether s is YYYY, YYYY-MM or YYYY-MM-DD, a real day: the dates an
 * xsd:gYear, gYearMonth or date of @when accepts that we write. */
static int is_w3c_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0;

	if (strspn(s, "0123456789") != 4)
		return 0;
	if (s[4] == '\0')
		return 1;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &n) != 2 || n != 7 || m < 1 || m > 12)
		return 0;
	if (s[7] == '\0')
		return 1;
	if (sscanf(s + 7, "-%2d%n", &d, &n) != 1 || n != 3 || s[10] != '\0' || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

void ix_tei_set_when(xmlNodePtr n, const char *when)
{
	if (when != NULL && is_w3c_date(when))
		ix_tei_set(n, "when", when);
}

void ix_tei_set_long(xmlNodePtr n, const char *name, long value)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", value);
	ix_tei_set(n, name, num);
}

void ix_tei_set_xml(struct tei *t, xmlNodePtr n, const char *name, const char *value)
{
	size_t i;

	if (strcmp(name, "lang") == 0) {
		for (i = 0; i < t->nlangs && strcmp(t->langs[i], value) != 0; i++)
			;
		if (i == t->nlangs && t->nlangs < sizeof t->langs / sizeof t->langs[0])
			t->langs[t->nlangs++] = value;
	}
	xmlSetNsProp(n, t->xml, BAD_CAST name, BAD_CAST value);
}

void ix_tei_add_text(xmlNodePtr parent, const char *s, size_t n)
{
	if (n > 0)
		xmlAddChild(parent, xmlNewTextLen(BAD_CAST s, (int)n));
}

static int is_open_paren(unsigned long cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int is_close_paren(unsigned long cp)
{
	return cp == ')' || cp == 0xFF09;
}

/* Length of the run of Han ideographs at s, taking in a middle dot that
 * joins two ideographs (鄉·鎮); 0 when s does not start with one. */
static size_t han_run(const char *s, size_t n)
{
	size_t i = 0, k, k2;
	unsigned long cp, next;

	while (i < n && (k = kp_utf8_decode(s + i, n - i, &cp)) > 0) {
		if (kp_is_han(cp)) {
			i += k;
		} else if (i > 0 && (cp == 0xB7 || cp == 0x30FB) &&
		           (k2 = kp_utf8_decode(s + i + k, n - i - k, &next)) > 0 &&
		           kp_is_han(next)) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

/*
 * Append running text to parent, marking each run of Han ideographs inside
 * parentheses (the Hanja printed after Korean names, 선양(沈陽)) as
 * <foreign> in the han language; plain text when it names none.
 */
void ix_tei_prose(struct tei *t, xmlNodePtr parent, const char *s)
{
	size_t n = strlen(s), i = 0, from = 0, k, run;
	unsigned long cp;
	int depth = 0;
	xmlNodePtr f;

	while (i < n) {
		if (depth > 0 && t->han_lang != NULL && (run = han_run(s + i, n - i)) > 0) {
			ix_tei_add_text(parent, s + from, i - from);
			f = xmlNewChild(parent, NULL, BAD_CAST "foreign", NULL);
			ix_tei_set_xml(t, f, "lang", t->han_lang);
			ix_tei_add_text(f, s + i, run);
			i += run;
			from = i;
			continue;
		}
		k = kp_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (is_open_paren(cp))
			depth++;
		else if (is_close_paren(cp) && depth > 0)
			depth--;
		i += k;
	}
	ix_tei_add_text(parent, s + from, n - from);
}

/* The OCR confidence of an element, as @cert: conf/100 (0..1), or
 * "unknown" for OCR text without a confidence. */
void ix_tei_set_cert(xmlNodePtr out, xmlNodePtr in)
{
	const char *conf = ix_attr(in, KP_A_CONF);
	char *end, num[32];
	double c;
	size_t n;

	if (strcmp(ix_attr0(in, KP_A_OCR), "1") != 0)
		return;
	c = conf != NULL ? strtod(conf, &end) : -1;
	if (conf == NULL || end == conf || *end != '\0' || !(c >= 0 && c <= 100)) {
		ix_tei_set(out, "cert", "unknown");
		return;
	}
	snprintf(num, sizeof num, "%.4f", c / 100);
	n = strlen(num);
	while (n > 1 && num[n - 1] == '0')
		num[--n] = '\0';
	if (num[n - 1] == '.')
		num[--n] = '\0';
	ix_tei_set(out, "cert", num);
}

/* Give out a zone on its page's surface for in's box, and point to it. */
void ix_tei_set_zone(struct tei *t, xmlNodePtr out, xmlNodePtr in)
{
	const char *box = ix_attr(in, KP_A_BOX);
	struct kp_box b;
	xmlNodePtr zone;
	char id[48], ref[50], num[32];
	long page;

	if (t->surfaces == NULL || box == NULL || kp_box_parse(box, &b) != 0 ||
	    ix_attr_count(in, KP_A_PAGE, 0, &page) < 0 || page < 1 || page > t->npages)
		return;
	snprintf(id, sizeof id, "zone-%ld", ++t->nzones);
	zone = ix_tei_el(t->surfaces[page - 1], "zone");
	ix_tei_set_xml(t, zone, "id", id);
	snprintf(num, sizeof num, "%.1f", b.x0);
	ix_tei_set(zone, "ulx", num);
	snprintf(num, sizeof num, "%.1f", b.y0);
	ix_tei_set(zone, "uly", num);
	snprintf(num, sizeof num, "%.1f", b.x1);
	ix_tei_set(zone, "lrx", num);
	snprintf(num, sizeof num, "%.1f", b.y1);
	ix_tei_set(zone, "lry", num);
	snprintf(ref, sizeof ref, "#%s", id);
	ix_tei_set(out, "facs", ref);
}

/* Whether s is an xsd:anyURI as libxml2 checks one: the characters a URI
 * may not hold are read as '_' and the rest must parse as a URI. */
static int is_any_uri(const char *s)
{
	char *t = kp_xstrdup(s);
	xmlURIPtr uri;
	int ok;

	for (char *c = t; *c != '\0'; c++)
		if ((unsigned char)*c < 32 || (unsigned char)*c >= 127 || strchr(" <>\"{}|\\^`'", *c))
			*c = '_';
	uri = xmlParseURI(t);
	ok = uri != NULL;
	xmlFreeURI(uri);
	free(t);
	return ok;
}

/* Pointers must be URIs without white space: encode spaces as %20.  A URL
 * that is still no URI (OCR made "http://ttp://x" of a link: an empty
 * port) is escaped whole, a relative reference that is one; the printed
 * text keeps the URL as it was. */
char *ix_tei_uri_new(const char *url)
{
	struct kp_buf b;
	xmlChar *escaped;
	char *s;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	for (const char *c = url; *c != '\0'; c++) {
		if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
			kp_buf_printf(&b, "%%%02X", (unsigned char)*c);
		else
			kp_buf_putc(&b, *c);
	}
	if (is_any_uri(b.s))
		return kp_buf_detach(&b);
	kp_buf_release(&b);
	escaped = xmlURIEscapeStr(BAD_CAST url, BAD_CAST "");
	if (escaped == NULL)
		kp_die(KP_EXIT_INTERNAL, NULL, 0, "out of memory");
	s = kp_xstrdup((const char *)escaped);
	xmlFree(escaped);
	return s;
}

void ix_tei_pointer(xmlNodePtr parent, const char *name, const char *url, const char *text)
{
	char *target = ix_tei_uri_new(url);
	xmlNodePtr p = text != NULL ? ix_tei_el_text(parent, name, text) : ix_tei_el(parent, name);

	ix_tei_set(p, "target", target);
	free(target);
}

int ix_tei_is_han(const struct tei *t, const char *s)
{
	return t->han_lang != NULL && kp_is_chinese(s);
}

void ix_tei_page_breaks(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	char ref[40];
	xmlNodePtr pb;
	long page;

	if (ix_attr_count(in, KP_A_PAGE, 0, &page) < 0 || page > t->npages)
		return;
	while (t->page_seen < page) {
		pb = ix_tei_el(parent, "pb");
		ix_tei_set_long(pb, "n", ++t->page_seen);
		if (t->surfaces != NULL) {
			snprintf(ref, sizeof ref, "#page-%ld", t->page_seen);
			ix_tei_set(pb, "facs", ref);
		}
	}
}

xmlNodePtr ix_tei_text_el(struct tei *t, xmlNodePtr parent, const char *name, xmlNodePtr in)
{
	xmlNodePtr out = ix_tei_el(parent, name);
	char *s = ix_text_new(in);

	ix_tei_set_cert(out, in);
	ix_tei_prose(t, out, s);
	free(s);
	return out;
}
