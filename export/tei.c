/* tei.c - the issue as TEI P5 (mapping: docs/tei-mapping.md).  Each issue
 * element has its handler in a table, as mandoc's per-node handler
 * tables: blocks[] for what may stand in an article, sections[] for the
 * issue's top-level elements and the TEI division (front, body, back) each
 * goes to.  The document is built as a libxml2 tree and serialised by
 * libxml2, which does all escaping. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "tei.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
/* More pages than this is not an issue but an attack on memory. */
#define IX_MAX_PAGES 10000

/* A handler maps one issue element `in` to TEI under parent. */
typedef void handler_fn(struct tei *t, xmlNodePtr parent, xmlNodePtr in);

struct handler {
	enum kp_el el;     /* issue element */
	handler_fn *fn;
	int in_text;       /* may stand inside running text (p, lead, item) */
};

static const struct handler *handler_for(xmlNodePtr in);

static void note(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr n = ix_tei_el(parent, "note");
	char *s = ix_text_new(in);

	ix_tei_set(n, "place", "foot");
	ix_tei_set(n, "n", ix_attr0(in, KP_A_MARK));
	ix_tei_set_cert(n, in);
	ix_tei_prose(t, n, s);
	free(s);
}

/* The mixed content of a p, lead, item: its text (squeezed, Hanja marked)
 * with notes and nested lists where they stand. */
static void mixed(struct tei *t, xmlNodePtr out, xmlNodePtr in)
{
	const struct handler *h;
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
			ix_tei_prose(t, out, b.s);
			kp_buf_clear(&b);
		}
		if ((h = handler_for(c)) != NULL && h->in_text)
			h->fn(t, out, c);
	}
	if (b.len > 0) {
		kp_squeeze_space(b.s);
		ix_tei_prose(t, out, b.s);
	}
	kp_buf_release(&b);
}

/* A list; none without items (a TEI list needs one). */
static void list(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr l, item, it;

	if (ix_first(in, KP_EL_ITEM) == NULL)
		return;
	l = ix_tei_el(parent, "list");
	ix_tei_set_cert(l, in);
	for (it = ix_first(in, KP_EL_ITEM); it != NULL; it = ix_next(it, KP_EL_ITEM)) {
		ix_tei_page_breaks(t, l, it);
		item = ix_tei_el(l, "item");
		ix_tei_set(item, "n", ix_attr0(it, KP_A_MARK));
		ix_tei_set_cert(item, it);
		mixed(t, item, it);
	}
}

static void lead(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr p = ix_tei_el(parent, "ab"), d;
	const char *when = ix_attr(in, KP_A_DATE), *shown = ix_attr(in, KP_A_DATETEXT);

	ix_tei_set(p, "type", "lead");
	ix_tei_set_cert(p, in);
	mixed(t, p, in);
	if (when == NULL && shown == NULL)
		return;
	ix_tei_add_text(p, "(", 1);
	d = ix_tei_el_text(p, "date", shown != NULL ? shown : when);
	ix_tei_set_when(d, when);
	ix_tei_add_text(p, ")", 1);
}

/* A caption as the <head> of a figure or table. */
static void caption(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr cap = ix_first(in, KP_EL_CAPTION);

	if (cap != NULL)
		ix_tei_text_el(t, parent, "head", cap);
}

static void figure(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr f = ix_tei_el(parent, "figure"), image = ix_first(in, KP_EL_IMAGE);

	ix_tei_set_zone(t, f, ix_attr(in, KP_A_BOX) == NULL && image != NULL ? image : in);
	ix_tei_set_cert(f, in);
	caption(t, f, in);
}

/* A cell's lines: plain lines separated by <lb/>, runs of "•" lines as a
 * list of items. */
static void cell_lines(struct tei *t, xmlNodePtr cell, xmlNodePtr in)
{
	xmlNodePtr line, items = NULL, item;
	int first = 1;
	char *s;

	for (line = ix_first(in, KP_EL_LINE); line != NULL; line = ix_next(line, KP_EL_LINE)) {
		s = ix_text_new(line);
		if (ix_attr(line, KP_A_MARK) != NULL) {
			if (items == NULL)
				items = ix_tei_el(cell, "list");
			item = ix_tei_el(items, "item");
			ix_tei_set(item, "n", ix_attr(line, KP_A_MARK));
			ix_tei_prose(t, item, s);
		} else {
			if (!first && items == NULL)
				ix_tei_el(cell, "lb");
			items = NULL;
			ix_tei_prose(t, cell, s);
		}
		first = 0;
		free(s);
	}
}

/* The first row of table in that has a cell, or NULL. */
static xmlNodePtr first_row_with_cells(xmlNodePtr in)
{
	xmlNodePtr r;

	for (r = ix_first(in, KP_EL_ROW); r != NULL; r = ix_next(r, KP_EL_ROW))
		if (ix_first(r, KP_EL_CELL) != NULL)
			return r;
	return NULL;
}

static void table(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr tab, row, r, cell, c;
	long v;

	if (first_row_with_cells(in) == NULL) {
		/* TEI tables need a row and rows a cell: a table printed as a
		 * picture and not recognised is a figure of type "table" */
		tab = ix_tei_el(parent, "figure");
		ix_tei_set(tab, "type", "table");
		ix_tei_set_zone(t, tab, in);
		ix_tei_set_cert(tab, in);
		caption(t, tab, in);
		return;
	}
	tab = ix_tei_el(parent, "table");
	ix_tei_set(tab, "type", ix_attr0(in, KP_A_TYPE));
	if (ix_attr_count(in, KP_A_ROWS, 0, &v) == 0)
		ix_tei_set_long(tab, "rows", v);
	if (ix_attr_count(in, KP_A_COLS, 0, &v) == 0)
		ix_tei_set_long(tab, "cols", v);
	if (strcmp(ix_attr0(in, KP_A_IMAGE), "1") == 0)
		ix_tei_set(tab, "rend", "image");
	ix_tei_set_zone(t, tab, in);
	ix_tei_set_cert(tab, in);
	caption(t, tab, in);
	for (r = first_row_with_cells(in); r != NULL; r = ix_next(r, KP_EL_ROW)) {
		if (ix_first(r, KP_EL_CELL) == NULL)
			continue;
		row = ix_tei_el(tab, "row");
		if (strcmp(ix_attr0(r, KP_A_HEADER), "1") == 0)
			ix_tei_set(row, "role", "label");
		for (c = ix_first(r, KP_EL_CELL); c != NULL; c = ix_next(c, KP_EL_CELL)) {
			cell = ix_tei_el(row, "cell");
			if (ix_attr_count(c, KP_A_ROWSPAN, 1, &v) == 0 && v > 1)
				ix_tei_set_long(cell, "rows", v);
			if (ix_attr_count(c, KP_A_COLSPAN, 1, &v) == 0 && v > 1)
				ix_tei_set_long(cell, "cols", v);
			if (strcmp(ix_attr0(c, KP_A_SHADED), "1") == 0)
				ix_tei_set(cell, "rend", "shaded");
			ix_tei_set_cert(cell, c);
			cell_lines(t, cell, c);
		}
	}
}

/* A "* 출처:" line: its text, the URL a <ref> where printed (or after). */
static void source(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr n = ix_tei_el(parent, "note");
	const char *url = ix_attr(in, KP_A_URL);
	char *s = ix_text_new(in), *at;

	ix_tei_set(n, "type", "source");
	ix_tei_set_cert(n, in);
	if (url == NULL || *url == '\0') {
		ix_tei_prose(t, n, s);
	} else if ((at = strstr(s, url)) != NULL) {
		*at = '\0';
		ix_tei_prose(t, n, s);
		ix_tei_pointer(n, "ref", url, url);
		ix_tei_prose(t, n, at + strlen(url));
	} else {
		ix_tei_prose(t, n, s);
		if (*s != '\0')
			ix_tei_add_text(n, " ", 1);
		ix_tei_pointer(n, "ref", url, url);
	}
	free(s);
}

/* A references block as a listBibl; none without a ref (a TEI listBibl
 * needs one: OCR that misread the marks left an empty block). */
static void references(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr lb, bibl, ref, title, d;
	const char *v;
	char *s;

	if (ix_first(in, KP_EL_REF) == NULL)
		return;
	lb = ix_tei_el(parent, "listBibl");
	ix_tei_set_cert(lb, in);
	for (ref = ix_first(in, KP_EL_REF); ref != NULL; ref = ix_next(ref, KP_EL_REF)) {
		bibl = ix_tei_el(lb, "bibl");
		ix_tei_set_cert(bibl, ref);
		s = ix_text_new(ix_first(ref, KP_EL_TITLE) ? ix_first(ref, KP_EL_TITLE) : ref);
		title = ix_tei_el(bibl, "title");
		if (ix_tei_is_han(t, s)) {
			ix_tei_set_xml(t, title, "lang", t->han_lang);
			ix_tei_add_text(title, s, strlen(s));
		} else {
			ix_tei_prose(t, title, s);
		}
		free(s);
		if ((v = ix_attr(ref, KP_A_MEDIUM)) != NULL && *v != '\0')
			ix_tei_el_text(bibl, "publisher", v);
		if ((v = ix_attr(ref, KP_A_DATE)) != NULL && *v != '\0') {
			d = ix_tei_el_text(bibl, "date", v);
			ix_tei_set_when(d, v);
		}
		if ((v = ix_attr(ref, KP_A_URL)) != NULL && *v != '\0')
			ix_tei_pointer(bibl, "ptr", v, NULL);
	}
}

/* A p, or a heading as an ab (a TEI head may only open a div). */
static void paragraph(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr out = ix_tei_el(parent, ix_is(in, KP_EL_P) ? "p" : "ab");

	if (ix_is(in, KP_EL_HEADING))
		ix_tei_set(out, "type", "heading");
	ix_tei_set_cert(out, in);
	mixed(t, out, in);
}

static const struct handler blocks[] = {
	{ KP_EL_LEAD, lead, 0 },
	{ KP_EL_P, paragraph, 0 },
	{ KP_EL_HEADING, paragraph, 0 },
	{ KP_EL_LIST, list, 1 },
	{ KP_EL_NOTE, note, 1 },
	{ KP_EL_FIGURE, figure, 0 },
	{ KP_EL_TABLE, table, 0 },
	{ KP_EL_SOURCE, source, 0 },
	{ KP_EL_REFERENCES, references, 0 },
};

static const struct handler *handler_for(xmlNodePtr in)
{
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (ix_is(in, blocks[i].el))
			return &blocks[i];
	return NULL;
}

void ix_tei_block(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	const struct handler *h = handler_for(in);

	if (h == NULL)
		return;
	ix_tei_page_breaks(t, parent, in);
	h->fn(t, parent, in);
}

static void article(struct tei *t, xmlNodePtr parent, xmlNodePtr in)
{
	xmlNodePtr div, head, title = ix_first(in, KP_EL_TITLE), b;
	const char *category = ix_attr(in, KP_A_CATEGORY);

	ix_tei_page_breaks(t, parent, in);
	div = ix_tei_el(parent, "div");
	ix_tei_set(div, "type", "article");
	ix_tei_set(div, "n", ix_attr0(in, KP_A_N));
	ix_tei_set_zone(t, div, in);
	ix_tei_set_cert(div, in);
	if (category != NULL && *category != '\0') {
		head = ix_tei_el(div, "head");
		ix_tei_set(head, "type", "category");
		ix_tei_prose(t, head, category);
	}
	if (title != NULL)
		ix_tei_text_el(t, div, "head", title);
	for (b = ix_first(in, IX_ANY); b != NULL; b = ix_next(b, IX_ANY))
		ix_tei_block(t, div, b);
}

static void part(struct tei *t, xmlNodePtr body, xmlNodePtr in)
{
	xmlNodePtr div = ix_tei_el(body, "div"), head, c;

	ix_tei_set(div, "type", "part");
	ix_tei_set(div, "n", ix_attr0(in, KP_A_N));
	ix_tei_set_zone(t, div, in);
	ix_tei_set_cert(div, in);
	head = ix_tei_el(div, "head");
	ix_tei_prose(t, head, ix_attr0(in, KP_A_TITLE));
	for (c = ix_first(in, IX_ANY); c != NULL; c = ix_next(c, IX_ANY)) {
		if (ix_is(c, KP_EL_ARTICLE))
			article(t, div, c);
		else
			ix_tei_block(t, div, c);
	}
}

/* A head holding the issue's label for key, when it has one. */
static void labelled_head(struct tei *t, xmlNodePtr div, const char *key)
{
	char *label = ix_label_new(t->is, key);

	if (label != NULL)
		ix_tei_el_text(div, "head", label);
	free(label);
}

/* The el children of in as a list of prose items under parent, with the
 * given type (NULL: none); no list when there is none (TEI needs an item). */
static void prose_list(struct tei *t, xmlNodePtr parent, xmlNodePtr in, int el,
                       const char *type)
{
	xmlNodePtr l = NULL, e, item;
	char *s;

	for (e = ix_first(in, el); e != NULL; e = ix_next(e, el)) {
		if (l == NULL) {
			l = ix_tei_el(parent, "list");
			if (type != NULL)
				ix_tei_set(l, "type", type);
		}
		item = ix_tei_el(l, "item");
		ix_tei_set_cert(item, e);
		s = ix_text_new(e);
		ix_tei_prose(t, item, s);
		free(s);
	}
}

static void contents(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr div = ix_tei_el(front, "div"), parts = NULL, cp, item, cats, cat, citem;

	ix_tei_set(div, "type", "contents");
	ix_tei_set_cert(div, in);
	labelled_head(t, div, "contents");
	for (cp = ix_first(in, KP_EL_CPART); cp != NULL; cp = ix_next(cp, KP_EL_CPART)) {
		if (parts == NULL) {
			parts = ix_tei_el(div, "list");
			ix_tei_set(parts, "type", "parts");
		}
		item = ix_tei_el(parts, "item");
		ix_tei_set(item, "n", ix_attr0(cp, KP_A_N));
		ix_tei_set_cert(item, cp);
		ix_tei_prose(t, item, ix_attr0(cp, KP_A_TITLE));
		prose_list(t, item, cp, KP_EL_ENTRY, "entries");
		cats = NULL;
		for (cat = ix_first(cp, KP_EL_CATEGORY); cat != NULL; cat = ix_next(cat, KP_EL_CATEGORY)) {
			if (cats == NULL) {
				cats = ix_tei_el(item, "list");
				ix_tei_set(cats, "type", "categories");
			}
			citem = ix_tei_el(cats, "item");
			ix_tei_set_cert(citem, cat);
			ix_tei_prose(t, citem, ix_attr0(cat, KP_A_NAME));
			prose_list(t, citem, cat, KP_EL_ENTRY, "entries");
		}
	}
	ix_tei_entries(t, div, in);
}

static void summary(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr div = ix_tei_el(front, "div");

	ix_tei_set(div, "type", "summary");
	ix_tei_set_cert(div, in);
	labelled_head(t, div, "summary");
	prose_list(t, div, in, KP_EL_ITEM, NULL);
}

static void colophon(struct tei *t, xmlNodePtr back, xmlNodePtr in)
{
	xmlNodePtr div = ix_tei_el(back, "div"), l = NULL, f, item;
	char *s;

	ix_tei_set(div, "type", "colophon");
	ix_tei_set_cert(div, in);
	for (f = ix_first(in, KP_EL_FIELD); f != NULL; f = ix_next(f, KP_EL_FIELD)) {
		if (l == NULL) {
			l = ix_tei_el(div, "list");
			ix_tei_set(l, "type", "gloss");
		}
		ix_tei_el_text(l, "label", ix_attr0(f, KP_A_NAME));
		item = ix_tei_el(l, "item");
		ix_tei_set_cert(item, f);
		s = ix_text_new(f);
		ix_tei_prose(t, item, s);
		free(s);
	}
}

static void unplaced(struct tei *t, xmlNodePtr back, xmlNodePtr in)
{
	xmlNodePtr div = ix_tei_el(back, "div"), c;

	ix_tei_set(div, "type", "unplaced");
	for (c = ix_first(in, IX_ANY); c != NULL; c = ix_next(c, IX_ANY))
		ix_tei_block(t, div, c);
}

/* The TEI divisions of text, in their order. */
enum division { FRONT, BODY, BACK, NDIVISIONS };
static const char *const division_names[NDIVISIONS] = { "front", "body", "back" };

/* The issue's top-level elements that hold text (meta, labels and layout
 * go to the header and the facsimile). */
static const struct section {
	enum kp_el el;
	handler_fn *fn;
	enum division in;
} sections[] = {
	{ KP_EL_COVER, ix_tei_cover, FRONT },
	{ KP_EL_CONTENTS, contents, FRONT },
	{ KP_EL_SUMMARY, summary, FRONT },
	{ KP_EL_PART, part, BODY },
	{ KP_EL_SECTION, ix_tei_section, BODY },
	{ KP_EL_BACK, ix_tei_back, BACK },
	{ KP_EL_COLOPHON, colophon, BACK },
	{ KP_EL_UNPLACED, unplaced, BACK },
};

/* Division d of txt, made when first needed and placed in TEI order
 * whatever the order of the issue's elements. */
static xmlNodePtr division(xmlNodePtr txt, xmlNodePtr *div, enum division d)
{
	int i;

	if (div[d] != NULL)
		return div[d];
	div[d] = xmlNewNode(NULL, BAD_CAST division_names[d]);
	for (i = (int)d + 1; i < NDIVISIONS && div[i] == NULL; i++)
		;
	if (i < NDIVISIONS)
		xmlAddPrevSibling(div[i], div[d]);
	else
		xmlAddChild(txt, div[d]);
	return div[d];
}

static void text(struct tei *t, xmlNodePtr tei)
{
	xmlNodePtr txt = ix_tei_el(tei, "text"), div[NDIVISIONS] = { NULL }, n, body, d;
	size_t i;

	for (n = ix_first(t->is->root, IX_ANY); n != NULL; n = ix_next(n, IX_ANY)) {
		for (i = 0; i < sizeof sections / sizeof sections[0]; i++) {
			if (ix_is(n, sections[i].el)) {
				d = division(txt, div, sections[i].in);
				ix_tei_page_breaks(t, d, n);
				sections[i].fn(t, d, n);
				break;
			}
		}
	}
	body = division(txt, div, BODY);
	if (body->children == NULL)
		ix_tei_el(body, "p"); /* a body must hold something */
}

/* xmlSaveToIO's writer: to the FILE, or the kp_buf, of *ctx. */
struct tei_sink {
	struct kp_buf *buf;
	FILE *fp;
};

static int sink_write(void *ctx, const char *s, int n)
{
	struct tei_sink *k = ctx;

	if (k->fp != NULL)
		return fwrite(s, 1, (size_t)n, k->fp) == (size_t)n ? n : -1;
	kp_buf_add(k->buf, s, (size_t)n);
	return n;
}

int ix_tei(const struct ix_issue *is, const struct ix_tei_opts *o, struct kp_buf *out, FILE *fp)
{
	struct tei t;
	struct tei_sink sink = { out, fp };
	xmlNodePtr tei, header;
	xmlSaveCtxtPtr save;

	memset(&t, 0, sizeof t);
	t.is = is;
	if (o != NULL)
		t.opts = *o;
	t.main_lang = ix_language(is, "main");
	t.han_lang = ix_language(is, "han");
	if (ix_attr_count(is->root, KP_A_PAGES, 0, &t.npages) < 0)
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
	if (t.main_lang != NULL)
		ix_tei_set_xml(&t, tei, "lang", t.main_lang);

	ix_tei_number_sections(&t);
	header = ix_tei_header(&t, tei);
	ix_tei_facsimile(&t, tei);
	text(&t, tei);
	ix_tei_header_end(&t, header);

	/* streamed: the whole text in memory as well took 776 MB more on a
	 * 34 MB issue of 200000 articles */
	save = xmlSaveToIO(sink_write, NULL, &sink, "UTF-8", XML_SAVE_FORMAT);
	if (save == NULL || xmlSaveDoc(save, t.doc) < 0)
		kp_die(KP_EXIT_INTERNAL, is->name, 0, "out of memory");
	xmlSaveClose(save); /* a write error shows on fp, reported when it is closed */
	free(t.surfaces);
	free(t.secs);
	xmlFreeDoc(t.doc);
	return KP_EXIT_OK;
}
