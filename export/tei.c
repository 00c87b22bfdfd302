/* tei.c - the issue as TEI P5 (mapping: docs/tei-mapping.md).  The
 * document is built as a libxml2 tree and serialised by libxml2, which
 * does all escaping. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "export.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
/* More pages than this is not an issue but an attack on memory. */
#define IX_MAX_PAGES 10000

/* The TEI document being built. */
struct tei {
	const struct ix_issue *is;
	xmlDocPtr doc;
	xmlNsPtr xml;         /* the xml: namespace, for xml:id and xml:lang */
	xmlNodePtr *surfaces; /* surface of page i+1, NULL without facsimile */
	long npages;
	long nzones;
};

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

/* An element holding plain text (escaped by libxml2 on output). */
static xmlNodePtr el_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

static void set_long(xmlNodePtr n, const char *name, long value)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", value);
	set(n, name, num);
}

static void set_xml(struct tei *t, xmlNodePtr n, const char *name, const char *value)
{
	xmlSetNsProp(n, t->xml, BAD_CAST name, BAD_CAST value);
}

static void add_text(xmlNodePtr parent, const char *s, size_t n)
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
 * <foreign xml:lang="zh">.
 */
static void prose(struct tei *t, xmlNodePtr parent, const char *s)
{
	size_t n = strlen(s), i = 0, from = 0, k, run;
	unsigned long cp;
	int depth = 0;
	xmlNodePtr f;

	while (i < n) {
		if (depth > 0 && (run = han_run(s + i, n - i)) > 0) {
			add_text(parent, s + from, i - from);
			f = xmlNewChild(parent, NULL, BAD_CAST "foreign", NULL);
			set_xml(t, f, "lang", "zh");
			add_text(f, s + i, run);
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
	add_text(parent, s + from, n - from);
}

/* The OCR confidence of an element, as @cert: conf/100 (0..1), or
 * "unknown" for OCR text without a confidence. */
static void set_cert(xmlNodePtr out, xmlNodePtr in)
{
	const char *conf = ix_attr(in, "conf");
	char *end, num[32];
	double c;
	size_t n;

	if (strcmp(ix_attr0(in, "ocr"), "1") != 0)
		return;
	c = conf != NULL ? strtod(conf, &end) : -1;
	if (conf == NULL || end == conf || *end != '\0' || !(c >= 0 && c <= 100)) {
		set(out, "cert", "unknown");
		return;
	}
	snprintf(num, sizeof num, "%.4f", c / 100);
	n = strlen(num);
	while (n > 1 && num[n - 1] == '0')
		num[--n] = '\0';
	if (num[n - 1] == '.')
		num[--n] = '\0';
	set(out, "cert", num);
}

/* Give out a zone on its page's surface for in's box, and point to it. */
static void set_zone(struct tei *t, xmlNodePtr out, xmlNodePtr in)
{
	const char *box = ix_attr(in, "box");
	struct kp_box b;
	xmlNodePtr zone;
	char id[48], ref[50], num[32];
	long page;

	if (t->surfaces == NULL || box == NULL || kp_box_parse(box, &b) != 0 ||
	    ix_attr_count(in, "page", 0, &page) < 0 || page < 1 || page > t->npages)
		return;
	snprintf(id, sizeof id, "zone-%ld", ++t->nzones);
	zone = el(t->surfaces[page - 1], "zone");
	set_xml(t, zone, "id", id);
	snprintf(num, sizeof num, "%.1f", b.x0);
	set(zone, "ulx", num);
	snprintf(num, sizeof num, "%.1f", b.y0);
	set(zone, "uly", num);
	snprintf(num, sizeof num, "%.1f", b.x1);
	set(zone, "lrx", num);
	snprintf(num, sizeof num, "%.1f", b.y1);
	set(zone, "lry", num);
	snprintf(ref, sizeof ref, "#%s", id);
	set(out, "facs", ref);
}

static void note(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr n = el(parent, "note");
	char *s = ix_text_new(in);

	set(n, "place", "foot");
	set(n, "n", ix_attr0(in, "mark"));
	set_cert(n, in);
	prose(t, n, s);
	free(s);
}

static void list(struct tei *t, xmlNodePtr parent, xmlNodePtr in);

/* The mixed content of a p, lead, item: its text (squeezed, Hanja marked)
 * with notes and nested lists where they stand. */
static void mixed(struct tei *t, xmlNodePtr out, xmlNodePtr in)
{
	struct kp_buf b;
	xmlNodePtr c;

	kp_buf_init(&b);
	for (c = in->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			kp_buf_puts(&b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (b.len > 0) {
			kp_squeeze_space(b.s);
			prose(t, out, b.s);
			kp_buf_clear(&b);
		}
		if (ix_is(c, "note"))
			note(t, out, c);
		else if (ix_is(c, "list"))
			list(t, out, c);
	}
	if (b.len > 0) {
		kp_squeeze_space(b.s);
		prose(t, out, b.s);
	}
	kp_buf_release(&b);
}

static void list(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr l = el(parent, "list"), item, it;

	set_cert(l, in);
	for (it = ix_first(in, "item"); it != NULL; it = ix_next(it, "item")) {
		item = el(l, "item");
		set(item, "n", ix_attr0(it, "mark"));
		set_cert(item, it);
		mixed(t, item, it);
	}
}

static void lead(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr p = el(parent, "ab"), d;
	const char *when = ix_attr(in, "date"), *shown = ix_attr(in, "datetext");

	set(p, "type", "lead");
	set_cert(p, in);
	mixed(t, p, in);
	if (when == NULL && shown == NULL)
		return;
	add_text(p, "(", 1);
	d = el_text(p, "date", shown != NULL ? shown : when);
	if (when != NULL)
		set(d, "when", when);
	add_text(p, ")", 1);
}

/* A caption as the <head> of a figure or table. */
static void caption(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr cap = ix_first(in, "caption"), head;
	char *s;

	if (cap == NULL)
		return;
	s = ix_text_new(cap);
	head = el(parent, "head");
	set_cert(head, cap);
	prose(t, head, s);
	free(s);
}

static void figure(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr f = el(parent, "figure"), image = ix_first(in, "image");

	set_zone(t, f, ix_attr(in, "box") == NULL && image != NULL ? image : in);
	set_cert(f, in);
	caption(t, f, in);
}

/* A cell's lines: plain lines separated by <lb/>, runs of "•" lines as a
 * list of items. */
static void cell_lines(struct tei *t, xmlNodePtr cell, xmlNodePtr in)
{
	xmlNodePtr line, items = NULL, item;
	int first = 1;
	char *s;

	for (line = ix_first(in, "line"); line != NULL; line = ix_next(line, "line")) {
		s = ix_text_new(line);
		if (ix_attr(line, "mark") != NULL) {
			if (items == NULL)
				items = el(cell, "list");
			item = el(items, "item");
			set(item, "n", ix_attr(line, "mark"));
			prose(t, item, s);
		} else {
			if (!first && items == NULL)
				el(cell, "lb");
			items = NULL;
			prose(t, cell, s);
		}
		first = 0;
		free(s);
	}
}

static void table(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr tab, row, r, cell, c;
	long v;

	if (ix_first(in, "row") == NULL) {
		/* TEI tables need a row: a table printed as a picture and
		 * not recognised is a figure of type "table" */
		tab = el(parent, "figure");
		set(tab, "type", "table");
		set_zone(t, tab, in);
		set_cert(tab, in);
		caption(t, tab, in);
		return;
	}
	tab = el(parent, "table");
	set(tab, "type", ix_attr0(in, "type"));
	if (ix_attr_count(in, "rows", 0, &v) == 0)
		set_long(tab, "rows", v);
	if (ix_attr_count(in, "cols", 0, &v) == 0)
		set_long(tab, "cols", v);
	if (strcmp(ix_attr0(in, "image"), "1") == 0)
		set(tab, "rend", "image");
	set_zone(t, tab, in);
	set_cert(tab, in);
	caption(t, tab, in);
	for (r = ix_first(in, "row"); r != NULL; r = ix_next(r, "row")) {
		row = el(tab, "row");
		if (strcmp(ix_attr0(r, "header"), "1") == 0)
			set(row, "role", "label");
		for (c = ix_first(r, "cell"); c != NULL; c = ix_next(c, "cell")) {
			cell = el(row, "cell");
			if (ix_attr_count(c, "rowspan", 1, &v) == 0 && v > 1)
				set_long(cell, "rows", v);
			if (ix_attr_count(c, "colspan", 1, &v) == 0 && v > 1)
				set_long(cell, "cols", v);
			if (strcmp(ix_attr0(c, "shaded"), "1") == 0)
				set(cell, "rend", "shaded");
			set_cert(cell, c);
			cell_lines(t, cell, c);
		}
	}
}

/* Pointers must be URIs without white space: encode spaces as %20. */
static char *uri_new(const char *url)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	for (; *url != '\0'; url++) {
		if (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
			kp_buf_printf(&b, "%%%02X", (unsigned char)*url);
		else
			kp_buf_putc(&b, *url);
	}
	return kp_buf_detach(&b);
}

static void pointer(xmlNodePtr parent, const char *name, const char *url, const char *text)
{
	char *target = uri_new(url);
	xmlNodePtr p = text != NULL ? el_text(parent, name, text) : el(parent, name);

	set(p, "target", target);
	free(target);
}

/* A "* 출처:" line: its text, the URL a <ref> where printed (or after). */
static void source(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr n = el(parent, "note");
	const char *url = ix_attr(in, "url");
	char *s = ix_text_new(in), *at;

	set(n, "type", "source");
	set_cert(n, in);
	if (url == NULL || *url == '\0') {
		prose(t, n, s);
	} else if ((at = strstr(s, url)) != NULL) {
		*at = '\0';
		prose(t, n, s);
		pointer(n, "ref", url, url);
		prose(t, n, at + strlen(url));
	} else {
		prose(t, n, s);
		if (*s != '\0')
			add_text(n, " ", 1);
		pointer(n, "ref", url, url);
	}
	free(s);
}

/* Whether s has Han ideographs and no Hangul: a Chinese title. */
static int is_chinese(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	unsigned long cp;
	int han = 0;

	while (i < n && (k = kp_utf8_decode(s + i, n - i, &cp)) > 0) {
		if (kp_is_hangul(cp))
			return 0;
		han |= kp_is_han(cp);
		i += k;
	}
	return han;
}

static void references(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr lb = el(parent, "listBibl"), bibl, ref, title, d;
	const char *v;
	char *s;

	set_cert(lb, in);
	for (ref = ix_first(in, "ref"); ref != NULL; ref = ix_next(ref, "ref")) {
		bibl = el(lb, "bibl");
		set_cert(bibl, ref);
		s = ix_text_new(ix_first(ref, "title") ? ix_first(ref, "title") : ref);
		title = el(bibl, "title");
		if (is_chinese(s)) {
			set_xml(t, title, "lang", "zh");
			add_text(title, s, strlen(s));
		} else {
			prose(t, title, s);
		}
		free(s);
		if ((v = ix_attr(ref, "medium")) != NULL && *v != '\0')
			el_text(bibl, "publisher", v);
		if ((v = ix_attr(ref, "date")) != NULL && *v != '\0') {
			d = el_text(bibl, "date", v);
			set(d, "when", v);
		}
		if ((v = ix_attr(ref, "url")) != NULL && *v != '\0')
			pointer(bibl, "ptr", v, NULL);
	}
}

/* One block of the issue XML (p, lead, list, table...) into parent. */
static void block(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr out;

	if (ix_is(in, "lead")) {
		lead(t, parent, in);
	} else if (ix_is(in, "p") || ix_is(in, "heading")) {
		out = el(parent, ix_is(in, "p") ? "p" : "ab");
		if (ix_is(in, "heading"))
			set(out, "type", "heading");
		set_cert(out, in);
		mixed(t, out, in);
	} else if (ix_is(in, "list")) {
		list(t, parent, in);
	} else if (ix_is(in, "note")) {
		note(t, parent, in);
	} else if (ix_is(in, "figure")) {
		figure(t, parent, in);
	} else if (ix_is(in, "table")) {
		table(t, parent, in);
	} else if (ix_is(in, "source")) {
		source(t, parent, in);
	} else if (ix_is(in, "references")) {
		references(t, parent, in);
	}
}

static void article(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr div = el(parent, "div"), head, title = ix_first(in, "title"), b;
	const char *category = ix_attr(in, "category");
	char *s;

	set(div, "type", "article");
	set(div, "n", ix_attr0(in, "n"));
	set_zone(t, div, in);
	set_cert(div, in);
	if (category != NULL && *category != '\0') {
		head = el(div, "head");
		set(head, "type", "category");
		prose(t, head, category);
	}
	if (title != NULL) {
		s = ix_text_new(title);
		head = el(div, "head");
		set_cert(head, title);
		prose(t, head, s);
		free(s);
	}
	for (b = ix_first(in, NULL); b != NULL; b = ix_next(b, NULL))
		block(t, div, b);
}

static void part(struct tei *t, xmlNodePtr body, xmlNodePtr in)
{
	xmlNodePtr div = el(body, "div"), head, c;

	set(div, "type", "part");
	set(div, "n", ix_attr0(in, "n"));
	set_zone(t, div, in);
	set_cert(div, in);
	head = el(div, "head");
	prose(t, head, ix_attr0(in, "title"));
	for (c = ix_first(in, NULL); c != NULL; c = ix_next(c, NULL)) {
		if (ix_is(c, "article"))
			article(t, div, c);
		else
			block(t, div, c);
	}
}

/* Items of entry elements under parent, as a list of the given type. */
static void entries(struct tei *t, xmlNodePtr parent, xmlNodePtr in, const char *type)
{
	xmlNodePtr l = NULL, e, item;
	char *s;

	for (e = ix_first(in, "entry"); e != NULL; e = ix_next(e, "entry")) {
		if (l == NULL) {
			l = el(parent, "list");
			set(l, "type", type);
		}
		item = el(l, "item");
		set_cert(item, e);
		s = ix_text_new(e);
		prose(t, item, s);
		free(s);
	}
}

static void contents(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr div = el(front, "div"), parts = NULL, cp, item, cats, cat, citem;

	set(div, "type", "contents");
	set_cert(div, in);
	el_text(div, "head", "CONTENTS");
	for (cp = ix_first(in, "cpart"); cp != NULL; cp = ix_next(cp, "cpart")) {
		if (parts == NULL) {
			parts = el(div, "list");
			set(parts, "type", "parts");
		}
		item = el(parts, "item");
		set(item, "n", ix_attr0(cp, "n"));
		set_cert(item, cp);
		prose(t, item, ix_attr0(cp, "title"));
		entries(t, item, cp, "entries");
		cats = NULL;
		for (cat = ix_first(cp, "category"); cat != NULL; cat = ix_next(cat, "category")) {
			if (cats == NULL) {
				cats = el(item, "list");
				set(cats, "type", "categories");
			}
			citem = el(cats, "item");
			set_cert(citem, cat);
			prose(t, citem, ix_attr0(cat, "name"));
			entries(t, citem, cat, "entries");
		}
	}
}

static void summary(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr div = el(front, "div"), l = NULL, it, item;
	char *s;

	set(div, "type", "summary");
	set_cert(div, in);
	el_text(div, "head", "요약");
	for (it = ix_first(in, "item"); it != NULL; it = ix_next(it, "item")) {
		if (l == NULL)
			l = el(div, "list");
		item = el(l, "item");
		set_cert(item, it);
		s = ix_text_new(it);
		prose(t, item, s);
		free(s);
	}
}

static void colophon(struct tei *t, xmlNodePtr back, xmlNodePtr in)
{
	xmlNodePtr div = el(back, "div"), l = NULL, f, item;
	char *s;

	set(div, "type", "colophon");
	set_cert(div, in);
	for (f = ix_first(in, "field"); f != NULL; f = ix_next(f, "field")) {
		if (l == NULL) {
			l = el(div, "list");
			set(l, "type", "gloss");
		}
		el_text(l, "label", ix_attr0(f, "name"));
		item = el(l, "item");
		set_cert(item, f);
		s = ix_text_new(f);
		prose(t, item, s);
		free(s);
	}
}

/* The text of meta's child `name`, or NULL: a new string. */
static char *meta_new(const struct tei *t, const char *name)
{
	xmlNodePtr n = ix_first(ix_first(t->is->root, "meta"), name);

	return n != NULL ? ix_text_new(n) : NULL;
}

static void english(struct tei *t, xmlNodePtr parent, const char *name, const char *text)
{
	set_xml(t, el_text(parent, name, text), "lang", "en");
}

static void header_file(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr root = t->is->root, meta = ix_first(root, "meta");
	xmlNodePtr fd = el(header, "fileDesc"), ts, ps, bibl, n, resp, addr;
	xmlNodePtr date = ix_first(meta, "date");
	char *series = meta_new(t, "series"), *publisher = meta_new(t, "publisher");
	char *editor = meta_new(t, "editor"), *address = meta_new(t, "address");
	char *phone = meta_new(t, "phone"), *web = meta_new(t, "web");
	char *datetext = date != NULL ? ix_text_new(date) : NULL;
	const char *when = date != NULL ? ix_attr(date, "when") : NULL;

	ts = el(fd, "titleStmt");
	n = el(ts, "title");
	set(n, "type", "main");
	prose(t, n, series != NULL ? series : ix_attr0(root, "source"));
	n = el_text(ts, "title", ix_issue_label(t->is));
	set(n, "type", "sub");
	if (editor != NULL) {
		resp = el(ts, "respStmt");
		el_text(resp, "resp", "발행인");
		el_text(resp, "name", editor);
	}

	ps = el(fd, "publicationStmt");
	el_text(ps, "publisher", publisher != NULL ? publisher : "");
	if (address != NULL || phone != NULL) {
		addr = el(el(ps, "pubPlace"), "address");
		if (address != NULL)
			el_text(addr, "addrLine", address);
		if (phone != NULL)
			el_text(addr, "addrLine", phone);
	}
	if (date != NULL) {
		n = el_text(ps, "date", datetext);
		if (when != NULL)
			set(n, "when", when);
	}
	if (web != NULL)
		pointer(ps, "ptr", web, NULL);

	bibl = el(el(fd, "sourceDesc"), "bibl");
	n = el_text(bibl, "idno", ix_attr0(root, "source"));
	set(n, "type", "file");
	if (ix_attr(root, "sha256") != NULL) {
		n = el_text(bibl, "idno", ix_attr(root, "sha256"));
		set(n, "type", "sha256");
	}
	if (t->npages > 0) {
		n = el_text(el(bibl, "extent"), "measure", ix_attr0(root, "pages"));
		set(n, "unit", "pages");
		set_long(n, "quantity", t->npages);
	}
	free(series), free(publisher), free(editor), free(address);
	free(phone), free(web), free(datetext);
}

static void header_encoding(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr root = t->is->root, ed = el(header, "encodingDesc"), app, n;
	const char *ocr = ix_attr(root, "ocr-pages");
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_printf(&b, "Converted from the PDF by kostec-pipe: pdf2text | structure "
	              "(rules %s) | issue-export --tei.", ix_attr0(root, "rules"));
	if (ix_attr(root, "producer") != NULL)
		kp_buf_printf(&b, " The PDF was made with %s.", ix_attr(root, "producer"));
	english(t, el(ed, "projectDesc"), "p", b.s);
	if (ocr != NULL && *ocr != '\0') {
		kp_buf_clear(&b);
		kp_buf_printf(&b, "The text of page(s) %s was recognised by OCR; @cert on an "
		              "element gives its mean OCR confidence (0-1).", ocr);
		english(t, el(ed, "editorialDecl"), "p", b.s);
	}
	app = el(el(ed, "appInfo"), "application");
	set(app, "ident", "kostec-pipe");
	set(app, "version", KP_VERSION);
	n = el_text(app, "desc", "issue-export: issue XML to TEI P5");
	set_xml(t, n, "lang", "en");
	kp_buf_release(&b);
}

static void header_profile(xmlNodePtr header)
{
	xmlNodePtr lu = el(el(header, "profileDesc"), "langUsage");

	set(el_text(lu, "language", "한국어"), "ident", "ko");
	set(el_text(lu, "language", "한자 (중국어)"), "ident", "zh");
	set(el_text(lu, "language", "English"), "ident", "en");
}

/* A page dimension: a whole decimal number of points, 0 < v < 10^6. */
static int points(const char *s, double *v)
{
	char *end;

	if (s == NULL)
		return -1;
	*v = strtod(s, &end);
	return *s != '\0' && *end == '\0' && *v > 0 && *v < 1e6 ? 0 : -1;
}

static void facsimile(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr fac;
	char id[32];
	long i;

	if (t->npages == 0)
		return;
	fac = el(tei, "facsimile");
	t->surfaces = kp_xcalloc((size_t)t->npages, sizeof *t->surfaces);
	for (i = 0; i < t->npages; i++) {
		t->surfaces[i] = el(fac, "surface");
		set_long(t->surfaces[i], "n", i + 1);
		snprintf(id, sizeof id, "page-%ld", i + 1);
		set_xml(t, t->surfaces[i], "id", id);
	}
	/* the page sizes, when structure recorded them, bound each surface */
	for (xmlNodePtr p = ix_first(ix_first(t->is->root, "layout"), "page"); p != NULL;
	     p = ix_next(p, "page")) {
		double w, h;
		char num[32];
		long n;

		if (ix_attr_count(p, "n", 0, &n) < 0 || n < 1 || n > t->npages ||
		    points(ix_attr(p, "width"), &w) < 0 || points(ix_attr(p, "height"), &h) < 0)
			continue;
		set(t->surfaces[n - 1], "ulx", "0");
		set(t->surfaces[n - 1], "uly", "0");
		snprintf(num, sizeof num, "%.1f", w);
		set(t->surfaces[n - 1], "lrx", num);
		snprintf(num, sizeof num, "%.1f", h);
		set(t->surfaces[n - 1], "lry", num);
	}
}

static void text(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr root = t->is->root, txt = el(tei, "text"), front, body, back, n, c;
	xmlNodePtr cont = ix_first(root, "contents"), sum = ix_first(root, "summary");
	xmlNodePtr col = ix_first(root, "colophon"), unpl = ix_first(root, "unplaced");

	if (cont != NULL || sum != NULL) {
		front = el(txt, "front");
		if (cont != NULL)
			contents(t, front, cont);
		if (sum != NULL)
			summary(t, front, sum);
	}
	body = el(txt, "body");
	for (n = ix_first(root, "part"); n != NULL; n = ix_next(n, "part"))
		part(t, body, n);
	if (body->children == NULL)
		el(body, "p"); /* a body must hold something */
	if (col == NULL && unpl == NULL)
		return;
	back = el(txt, "back");
	if (col != NULL)
		colophon(t, back, col);
	if (unpl != NULL) {
		n = el(back, "div");
		set(n, "type", "unplaced");
		for (c = ix_first(unpl, NULL); c != NULL; c = ix_next(c, NULL))
			block(t, n, c);
	}
}

int ix_tei(const struct ix_issue *is, struct kp_buf *out)
{
	struct tei t;
	xmlNodePtr tei, header;
	xmlChar *mem = NULL;
	int len = 0;

	memset(&t, 0, sizeof t);
	t.is = is;
	if (ix_attr_count(is->root, "pages", 0, &t.npages) < 0)
		t.npages = 0;
	if (t.npages > IX_MAX_PAGES) {
		kp_warn(is->name, 0, "%ld pages: more than %d", t.npages, IX_MAX_PAGES);
		return KP_EXIT_LIMIT;
	}
	t.doc = xmlNewDoc(BAD_CAST "1.0");
	tei = xmlNewDocNode(t.doc, NULL, BAD_CAST "TEI", NULL);
	xmlDocSetRootElement(t.doc, tei);
	xmlSetNs(tei, xmlNewNs(tei, BAD_CAST TEI_NS, NULL));
	t.xml = xmlSearchNs(t.doc, tei, BAD_CAST "xml");
	set_xml(&t, tei, "lang", "ko");

	header = el(tei, "teiHeader");
	header_file(&t, header);
	header_encoding(&t, header);
	header_profile(header);
	facsimile(&t, tei);
	text(&t, tei);

	xmlDocDumpFormatMemoryEnc(t.doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL)
		kp_die(KP_EXIT_INTERNAL, is->name, 0, "out of memory");
	kp_buf_add(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	free(t.surfaces);
	xmlFreeDoc(t.doc);
	return KP_EXIT_OK;
}
