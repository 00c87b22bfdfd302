/* tei_header.c - the teiHeader and the facsimile of the TEI writer
 * (docs/tei-mapping.md). */
#include <stdlib.h>
#include <string.h>

#include "tei.h"

/* The text of meta's child `name`, or NULL: a new string. */
static char *meta_new(const struct tei *t, const char *name)
{
	xmlNodePtr n = ix_first(ix_first(t->is->root, "meta"), name);

	return n != NULL ? ix_text_new(n) : NULL;
}

static void english(struct tei *t, xmlNodePtr parent, const char *name, const char *text)
{
	ix_tei_set_xml(t, ix_tei_el_text(parent, name, text), "lang", "en");
}

static void header_file(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr root = t->is->root, meta = ix_first(root, "meta");
	xmlNodePtr fd = ix_tei_el(header, "fileDesc"), ts, ps, bibl, n, resp, addr;
	xmlNodePtr date = ix_first(meta, "date");
	char *series = meta_new(t, "series"), *publisher = meta_new(t, "publisher");
	char *editor = meta_new(t, "editor"), *address = meta_new(t, "address");
	char *phone = meta_new(t, "phone"), *web = meta_new(t, "web");
	char *datetext = date != NULL ? ix_text_new(date) : NULL;
	const char *when = date != NULL ? ix_attr(date, "when") : NULL;
	char *role = ix_label_new(t->is, "editor");

	ts = ix_tei_el(fd, "titleStmt");
	n = ix_tei_el(ts, "title");
	ix_tei_set(n, "type", "main");
	ix_tei_prose(t, n, series != NULL ? series : ix_attr0(root, "source"));
	n = ix_tei_el_text(ts, "title", ix_issue_label(t->is));
	ix_tei_set(n, "type", "sub");
	if (editor != NULL) {
		resp = ix_tei_el(ts, "respStmt");
		ix_tei_el_text(resp, "resp", role != NULL ? role : "");
		ix_tei_el_text(resp, "name", editor);
	}

	ps = ix_tei_el(fd, "publicationStmt");
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
		if (when != NULL)
			ix_tei_set(n, "when", when);
	}
	if (web != NULL)
		ix_tei_pointer(ps, "ptr", web, NULL);

	bibl = ix_tei_el(ix_tei_el(fd, "sourceDesc"), "bibl");
	n = ix_tei_el_text(bibl, "idno", ix_attr0(root, "source"));
	ix_tei_set(n, "type", "file");
	if (ix_attr(root, "sha256") != NULL) {
		n = ix_tei_el_text(bibl, "idno", ix_attr(root, "sha256"));
		ix_tei_set(n, "type", "sha256");
	}
	if (t->npages > 0) {
		n = ix_tei_el_text(ix_tei_el(bibl, "extent"), "measure", ix_attr0(root, "pages"));
		ix_tei_set(n, "unit", "pages");
		ix_tei_set_long(n, "quantity", t->npages);
	}
	free(series), free(publisher), free(editor), free(address);
	free(phone), free(web), free(datetext), free(role);
}

static void header_encoding(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr root = t->is->root, ed = ix_tei_el(header, "encodingDesc"), app, n;
	const char *ocr = ix_attr(root, "ocr-pages");
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_printf(&b, "Converted from the PDF by kostec-pipe: pdf2text | structure "
	              "(rules %s) | issue-export --tei.", ix_attr0(root, "rules"));
	if (ix_attr(root, "producer") != NULL)
		kp_buf_printf(&b, " The PDF was made with %s.", ix_attr(root, "producer"));
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

/* The languages the issue's labels name, in their order. */
static void header_profile(struct tei *t, xmlNodePtr header)
{
	xmlNodePtr lu = NULL, lang;
	char *name;

	for (lang = ix_first(ix_first(t->is->root, "labels"), "language"); lang != NULL;
	     lang = ix_next(lang, "language")) {
		if (lu == NULL)
			lu = ix_tei_el(ix_tei_el(header, "profileDesc"), "langUsage");
		name = ix_text_new(lang);
		ix_tei_set(ix_tei_el_text(lu, "language", name), "ident", ix_attr0(lang, "ident"));
		free(name);
	}
}

void ix_tei_header(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr header = ix_tei_el(tei, "teiHeader");

	header_file(t, header);
	header_encoding(t, header);
	header_profile(t, header);
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
		ix_tei_set(t->surfaces[n - 1], "ulx", "0");
		ix_tei_set(t->surfaces[n - 1], "uly", "0");
		snprintf(num, sizeof num, "%.1f", w);
		ix_tei_set(t->surfaces[n - 1], "lrx", num);
		snprintf(num, sizeof num, "%.1f", h);
		ix_tei_set(t->surfaces[n - 1], "lry", num);
	}
}

