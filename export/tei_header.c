/* tei_header.c - the teiHeader and the facsimile of the TEI writer
 * (docs/tei-mapping.md). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tei.h"

/* The text of the meta field, or NULL: a new string. */
static char *meta_new(const struct tei *t, enum kp_el field)
{
	xmlNodePtr n = ix_first(ix_first(t->is->root, KP_EL_META), field);

	return n != NULL ? ix_text_new(n) : NULL;
}

static void english(struct tei *t, xmlNodePtr parent, const char *name, const char *text)
{
	ix_tei_set_xml(t, ix_tei_el_text(parent, name, text), "lang", "en");
}

/* titleStmt: the series (a report's title) and the issue, the editor in
 * the series' words. */
static void header_title(struct tei *t, xmlNodePtr fd)
{
	xmlNodePtr ts = ix_tei_el(fd, "titleStmt"), n, resp;
	char *series = meta_new(t, KP_EL_SERIES), *editor = meta_new(t, KP_EL_EDITOR);
	char *role = ix_label_new(t->is, "editor");

	/* a report names no series: its cover's title is the document's */
	if (series == NULL && (n = ix_first(ix_first(t->is->root, KP_EL_COVER), KP_EL_TITLE)) != NULL)
		series = ix_text_new(n);
	n = ix_tei_el(ts, "title");
	ix_tei_set(n, "type", "main");
	ix_tei_prose(t, n, series != NULL ? series : ix_source_name(t->is));
	n = ix_tei_el_text(ts, "title", ix_issue_label(t->is));
	ix_tei_set(n, "type", "sub");
	if (editor != NULL) {
		resp = ix_tei_el(ts, "respStmt");
		ix_tei_el_text(resp, "resp", role != NULL ? role : "");
		ix_tei_el_text(resp, "name", editor);
	}
	free(series), free(editor), free(role);
}

/* publicationStmt: the publisher's colophon, and the licence from the
 * command line or the rules table. */
static void header_publication(struct tei *t, xmlNodePtr fd)
{
	xmlNodePtr ps = ix_tei_el(fd, "publicationStmt"), n, addr;
	xmlNodePtr date = ix_first(ix_first(t->is->root, KP_EL_META), KP_EL_DATE);
	char *publisher = meta_new(t, KP_EL_PUBLISHER), *address = meta_new(t, KP_EL_ADDRESS);
	char *phone = meta_new(t, KP_EL_PHONE), *web = meta_new(t, KP_EL_WEB);
	char *datetext = date != NULL ? ix_text_new(date) : NULL;
	char *licence = t->opts.availability != NULL ? kp_xstrdup(t->opts.availability)
	                                             : ix_label_new(t->is, "availability");
	const char *when = date != NULL ? ix_attr(date, KP_A_WHEN) : NULL;

	ix_tei_el_text(ps, "publisher", publisher != NULL ? publisher : "");
	if (address != NULL || phone != NULL) {
		addr = ix_tei_el(ix_tei_el(ps, "pubPlace"), "address");
		if (address != NULL)
			ix_tei_el_text(addr, "addrLine", address);
		if (phone != NULL)
			ix_tei_el_text(addr, "addrLine", phone);
	}
	if (date != NULL) {
		n = ix_tei_el_text(ps, "date", datetext);
		ix_tei_set_when(n, when);
	}
	if (web != NULL)
		ix_tei_pointer(ps, "ptr", web, NULL);
	if (licence != NULL)
		ix_tei_prose(t, ix_tei_el(ix_tei_el(ps, "availability"), "p"), licence);
	free(publisher), free(address), free(phone), free(web), free(datetext), free(licence);
}

/* sourceDesc: the PDF's own title and creation day (--source-pdf), its
 * base name (never a directory of the converting machine), fixity, size
 * and producer. */
static void header_source(struct tei *t, xmlNodePtr fd)
{
	xmlNodePtr root = t->is->root, bibl = ix_tei_el(ix_tei_el(fd, "sourceDesc"), "bibl"), n;

	if (t->opts.pdf.title != NULL)
		ix_tei_prose(t, ix_tei_el(bibl, "title"), t->opts.pdf.title);
	if (t->opts.pdf.created != NULL) {
		n = ix_tei_el_text(bibl, "date", t->opts.pdf.created);
		ix_tei_set(n, "type", "created");
		ix_tei_set(n, "when", t->opts.pdf.created);
	}
	n = ix_tei_el_text(bibl, "idno", ix_source_name(t->is));
	ix_tei_set(n, "type", "file");
	if (ix_attr(root, KP_A_SHA256) != NULL) {
		n = ix_tei_el_text(bibl, "idno", ix_attr(root, KP_A_SHA256));
		ix_tei_set(n, "type", "sha256");
	}
	if (t->npages > 0) {
		n = ix_tei_el_text(ix_tei_el(bibl, "extent"), "measure", ix_attr0(root, KP_A_PAGES));
		ix_tei_set(n, "unit", "pages");
		ix_tei_set_long(n, "quantity", t->npages);
	}
	if (ix_attr(root, KP_A_PRODUCER) != NULL) {
		n = ix_tei_el_text(bibl, "note", ix_attr(root, KP_A_PRODUCER));
		ix_tei_set(n, "type", "producer");
	}
}

static void header_encoding(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr root = t->is->root, ed = ix_tei_el(header, "encodingDesc"), app, n;
	const char *ocr = ix_attr(root, KP_A_OCR_PAGES);
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_printf(&b, "Converted from the PDF by kostec-pipe: pdf2text | structure "
	              "(rules %s) | issue-export --tei.", ix_attr0(root, KP_A_RULES));
	if (ix_attr(root, KP_A_PRODUCER) != NULL)
		kp_buf_printf(&b, " The PDF was made with %s.", ix_attr(root, KP_A_PRODUCER));
	english(t, ix_tei_el(ed, "projectDesc"), "p", b.s);
	if (ocr != NULL && *ocr != '\0') {
		kp_buf_clear(&b);
		kp_buf_printf(&b, "The text of page(s) %s was recognised by OCR; @cert on an "
		              "element gives its mean OCR confidence (0-1).", ocr);
		english(t, ix_tei_el(ed, "editorialDecl"), "p", b.s);
	}
	app = ix_tei_el(ix_tei_el(ed, "appInfo"), "application");
	ix_tei_set(app, "ident", "kostec-pipe");
	ix_tei_set(app, "version", KP_VERSION);
	n = ix_tei_el_text(app, "desc", "issue-export: issue XML to TEI P5");
	ix_tei_set_xml(t, n, "lang", "en");
	kp_buf_release(&b);
}

/* langUsage: the languages the text used, named as the issue's labels
 * name them. */
static void header_profile(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr lu = NULL, lang, n;
	char *name;

	for (size_t i = 0; i < t->nlangs; i++) {
		if (lu == NULL)
			lu = ix_tei_el(ix_tei_el(header, "profileDesc"), "langUsage");
		n = ix_tei_el(lu, "language");
		ix_tei_set(n, "ident", t->langs[i]);
		for (lang = ix_first(ix_first(t->is->root, KP_EL_LABELS), KP_EL_LANGUAGE); lang != NULL;
		     lang = ix_next(lang, KP_EL_LANGUAGE)) {
			if (strcmp(ix_attr0(lang, KP_A_IDENT), t->langs[i]) == 0) {
				name = ix_text_new(lang);
				ix_tei_add_text(n, name, strlen(name));
				free(name);
				break;
			}
		}
	}
}

/* revisionDesc: this conversion, by which program, on which day. */
static xmlNodePtr header_revision(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr rev, change;
	struct kp_buf b;

	if (t->opts.date == NULL)
		return NULL;
	rev = ix_tei_el(header, "revisionDesc");
	change = ix_tei_el(rev, "change");
	ix_tei_set(change, "when", t->opts.date);
	kp_buf_init(&b);
	kp_buf_printf(&b, "Converted to TEI by issue-export, kostec-pipe %s.", KP_VERSION);
	ix_tei_set_xml(t, change, "lang", "en");
	ix_tei_add_text(change, b.s, b.len);
	kp_buf_release(&b);
	return rev;
}

xmlNodePtr ix_tei_header(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr header = ix_tei_el(tei, "teiHeader"), fd = ix_tei_el(header, "fileDesc");

	header_title(t, fd);
	header_publication(t, fd);
	header_source(t, fd);
	header_encoding(t, header);
	return header;
}

void ix_tei_header_end(struct tei *t, xmlNodePtr header)
{
	/* the revision is written first so that its language is counted,
	 * then moved after profileDesc, where TEI wants it */
	xmlNodePtr rev = header_revision(t, header);

	header_profile(t, header);
	if (rev != NULL) {
		xmlUnlinkNode(rev);
		xmlAddChild(header, rev);
	}
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

/* <graphic url> of page n's image, when --page-images names one that
 * exists: the pattern with its first %d replaced by n. */
static void page_image(struct tei *t, xmlNodePtr surface, long n)
{
	const char *pat = t->opts.page_images, *at;
	struct kp_buf b;
	char *url;

	if (pat == NULL || (at = strstr(pat, "%d")) == NULL)
		return;
	kp_buf_init(&b);
	kp_buf_add(&b, pat, (size_t)(at - pat));
	kp_buf_printf(&b, "%ld%s", n, at + 2);
	if (access(b.s, R_OK) == 0) {
		url = ix_tei_uri_new(b.s);
		ix_tei_set(ix_tei_el(surface, "graphic"), "url", url);
		free(url);
	}
	kp_buf_release(&b);
}

void ix_tei_facsimile(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr fac;
	char id[32];
	long i;

	if (t->npages == 0)
		return;
	fac = ix_tei_el(tei, "facsimile");
	t->surfaces = kp_xcalloc((size_t)t->npages, sizeof *t->surfaces);
	for (i = 0; i < t->npages; i++) {
		t->surfaces[i] = ix_tei_el(fac, "surface");
		ix_tei_set_long(t->surfaces[i], "n", i + 1);
		snprintf(id, sizeof id, "page-%ld", i + 1);
		ix_tei_set_xml(t, t->surfaces[i], "id", id);
		page_image(t, t->surfaces[i], i + 1);
	}
	/* the page sizes, when structure recorded them, bound each surface */
	for (xmlNodePtr p = ix_first(ix_first(t->is->root, KP_EL_LAYOUT), KP_EL_PAGE); p != NULL;
	     p = ix_next(p, KP_EL_PAGE)) {
		double w, h;
		char num[32];
		long n;

		if (ix_attr_count(p, KP_A_N, 0, &n) < 0 || n < 1 || n > t->npages ||
		    points(ix_attr(p, KP_A_WIDTH), &w) < 0 || points(ix_attr(p, KP_A_HEIGHT), &h) < 0)
			continue;
		ix_tei_set(t->surfaces[n - 1], "ulx", "0");
		ix_tei_set(t->surfaces[n - 1], "uly", "0");
		snprintf(num, sizeof num, "%.1f", w);
		ix_tei_set(t->surfaces[n - 1], "lrx", num);
		snprintf(num, sizeof num, "%.1f", h);
		ix_tei_set(t->surfaces[n - 1], "lry", num);
	}
}

