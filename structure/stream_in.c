/* stream_in.c - the layout stream into page items, one record at a time. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

#define MAX_FURNITURE 256       /* furniture block ids remembered per page */
#define MAX_TABLE_CELLS 100000  /* rows x cols of one table */
#define MAX_DOC_CELLS 100000    /* cells of all tables: each costs about 2 KB
                                 * here (1.3 M took 2.3 GB) and as much again in
                                 * issue-export (IX_MAX_ELEMENTS) */

struct reader_state {
	struct kp_reader r;
	struct st_doc *doc;
	long page;              /* current page, 0 outside one */
	long last_page;
	char *furniture[MAX_FURNITURE];
	size_t nfurniture;
	long table;             /* index of the current page's last table, -1 none */
	size_t cells;           /* cells read so far */
};

/* A copy of stream text fit for XML 1.0: control characters other than
 * TAB, LF and CR, and the non-characters U+FFFE and U+FFFF (all valid
 * UTF-8, so the stream may carry them, e.g. unmapped glyphs) become
 * U+FFFD, so the document written is always well formed. */
static char *xml_text_dup(const char *s)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c == 0xEF && (unsigned char)s[1] == 0xBF && ((unsigned char)s[2] & 0xFE) == 0xBE)) {
			kp_buf_puts(&b, "\xEF\xBF\xBD");
			s += c < 0x20 ? 0 : 2;
		} else {
			kp_buf_putc(&b, c);
		}
	}
	return kp_buf_detach(&b);
}

static int fail(struct reader_state *st, const struct kp_record *rec, const char *msg)
{
	kp_warn(st->r.name, rec->lineno, "%s record: %s", rec->fields[0], msg);
	return KP_EXIT_FORMAT;
}

/* A record inside a page must be for the current page. */
static int on_page(struct reader_state *st, const struct kp_record *rec, long n)
{
	if (st->page == 0 || n != st->page) {
		kp_warn(st->r.name, rec->lineno, "%s record for page %ld outside that page",
		        rec->fields[0], n);
		return -1;
	}
	return 0;
}

static struct st_item *new_item(struct st_doc *doc, enum st_kind kind, long page, long lineno)
{
	struct st_item *it;

	if (doc->nitems == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 256;
		doc->items = kp_xreallocarray(doc->items, doc->cap, sizeof(*doc->items));
	}
	it = &doc->items[doc->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->page = it->lastpage = (int)page;
	it->lineno = lineno;
	it->conf = -1;
	return it;
}

static void forget_furniture(struct reader_state *st)
{
	for (size_t i = 0; i < st->nfurniture; i++)
		free(st->furniture[i]);
	st->nfurniture = 0;
}

static int is_furniture(const struct reader_state *st, const char *block)
{
	for (size_t i = 0; block != NULL && i < st->nfurniture; i++)
		if (strcmp(st->furniture[i], block) == 0)
			return 1;
	return 0;
}

static int rec_doc(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_doc d;

	if (kp_get_doc(&st->r, rec, &d) < 0)
		return KP_EXIT_FORMAT;
	if (st->doc->file != NULL || st->last_page != 0)
		return fail(st, rec, "not the first record after the header");
	if (d.pages < 0)
		return fail(st, rec, "negative page count");
	st->doc->pages = d.pages;
	st->doc->file = xml_text_dup(d.file ? d.file : "");
	if (d.sha256 != NULL)
		st->doc->sha256 = xml_text_dup(d.sha256);
	if (d.producer != NULL)
		st->doc->producer = xml_text_dup(d.producer);
	return KP_EXIT_OK;
}

static int rec_page(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_page p;
	struct st_doc *d = st->doc;
	struct st_page *pi;

	if (kp_get_page(&st->r, rec, &p) < 0)
		return KP_EXIT_FORMAT;
	if (st->page != 0)
		return fail(st, rec, "page begins before the previous one ended");
	if (p.n <= st->last_page)
		return fail(st, rec, "page numbers must increase");
	if (p.n > INT_MAX)            /* items keep their page in an int */
		return fail(st, rec, "page number out of range");
	st->page = st->last_page = p.n;
	st->table = -1;
	if (!(p.width > 0 && p.width < KP_PAGE_MAX && p.height > 0 && p.height < KP_PAGE_MAX))
		return fail(st, rec, "page size out of range");
	d->page_info = kp_xreallocarray(d->page_info, d->npage_info + 1, sizeof(*pi));
	pi = &d->page_info[d->npage_info++];
	pi->n = p.n;
	pi->width = p.width;
	pi->height = p.height;
	pi->ocr = p.ocr;
	pi->reason = p.reason ? xml_text_dup(p.reason) : NULL;
	return KP_EXIT_OK;
}

static int rec_block(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_block b;

	if (kp_get_block(&st->r, rec, &b) < 0 || on_page(st, rec, b.page) < 0)
		return KP_EXIT_FORMAT;
	if (b.furniture) {
		if (st->nfurniture == MAX_FURNITURE) {
			kp_warn(st->r.name, rec->lineno, "more than %d furniture blocks on a page",
			        MAX_FURNITURE);
			return KP_EXIT_LIMIT;
		}
		st->furniture[st->nfurniture++] = kp_xstrdup(b.id ? b.id : "");
	}
	return KP_EXIT_OK;
}

static int rec_line(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_line l;
	struct st_item *it;

	if (kp_get_line(&st->r, rec, &l) < 0 || on_page(st, rec, l.page) < 0)
		return KP_EXIT_FORMAT;
	if (l.text == NULL)
		return KP_EXIT_OK;
	if (is_furniture(st, l.block)) {
		char *text = xml_text_dup(l.text);

		kp_squeeze_space(text);
		st_running_add(st->doc, (int)st->page, &l.box, l.ocr, l.conf, text);
		free(text);
		return KP_EXIT_OK;
	}
	it = new_item(st->doc, ST_LINE, st->page, rec->lineno);
	it->box = l.box;
	it->size = l.size;
	it->bold = l.bold;
	it->space_after = l.space_after;
	it->ocr = l.ocr;
	it->conf = l.conf;
	it->id = l.block ? xml_text_dup(l.block) : NULL;
	it->text = xml_text_dup(l.text);
	kp_squeeze_space(it->text);
	return KP_EXIT_OK;
}

static int rec_image(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_image im;
	struct st_item *it;

	if (kp_get_image(&st->r, rec, &im) < 0 || on_page(st, rec, im.page) < 0)
		return KP_EXIT_FORMAT;
	if (im.pxw < 0 || im.pxh < 0 || im.pxw > 1000000 || im.pxh > 1000000)
		return fail(st, rec, "pixel size out of range");
	it = new_item(st->doc, ST_IMAGE, st->page, rec->lineno);
	it->box = im.box;
	it->id = xml_text_dup(im.id ? im.id : "");
	it->pxw = (int)im.pxw;
	it->pxh = (int)im.pxh;
	it->figure = im.use == KP_USE_FIGURE;
	return KP_EXIT_OK;
}

static int rec_table(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_table t;
	struct st_item *it;

	if (kp_get_table(&st->r, rec, &t) < 0 || on_page(st, rec, t.page) < 0)
		return KP_EXIT_FORMAT;
	if (t.rows < 0 || t.cols < 0)
		return fail(st, rec, "negative size");
	if (t.rows > MAX_TABLE_CELLS || t.cols > MAX_TABLE_CELLS ||
	    t.rows * t.cols > MAX_TABLE_CELLS) {
		kp_warn(st->r.name, rec->lineno, "table of %ld x %ld cells is too large",
		        t.rows, t.cols);
		return KP_EXIT_LIMIT;
	}
	it = new_item(st->doc, ST_TABLE, st->page, rec->lineno);
	it->box = t.box;
	it->id = xml_text_dup(t.id ? t.id : "");
	it->rows = (int)t.rows;
	it->cols = (int)t.cols;
	it->ocr = t.ocr;
	it->conf = t.conf;
	it->from_image = t.image != NULL;
	it->top_ruled = t.top_ruled;
	it->bottom_ruled = t.bottom_ruled;
	st->table = (long)(st->doc->nitems - 1);
	return KP_EXIT_OK;
}

static int rec_cell(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_cell c;
	struct st_item *t;
	struct st_cell *cell;

	if (kp_get_cell(&st->r, rec, &c) < 0 || on_page(st, rec, c.page) < 0)
		return KP_EXIT_FORMAT;
	if (st->table < 0 || strcmp(st->doc->items[st->table].id, c.table ? c.table : "") != 0)
		return fail(st, rec, "not after its table");
	t = &st->doc->items[st->table];
	if (c.row < 0 || c.col < 0 || c.rowspan < 1 || c.colspan < 1 ||
	    c.rowspan > t->rows - c.row || c.colspan > t->cols - c.col)
		return fail(st, rec, "cell outside its table");
	if (t->ncells >= (size_t)t->rows * (size_t)t->cols)
		return fail(st, rec, "more cells than the table holds");
	if (++st->cells > MAX_DOC_CELLS) {
		kp_warn(st->r.name, rec->lineno, "more than %d table cells in the document",
		        MAX_DOC_CELLS);
		return KP_EXIT_LIMIT;
	}
	/* Grown by doubling, its capacity the next power of two (only this
	 * reader appends): growing by one cell copied a big table over and
	 * over where realloc cannot grow in place (ASan: minutes for 1e5). */
	if ((t->ncells & (t->ncells - 1)) == 0)
		t->cells = kp_xreallocarray(t->cells, t->ncells ? 2 * t->ncells : 1, sizeof(*t->cells));
	cell = &t->cells[t->ncells++];
	cell->row = (int)c.row;
	cell->col = (int)c.col;
	cell->rowspan = (int)c.rowspan;
	cell->colspan = (int)c.colspan;
	cell->box = c.box;
	cell->page = (int)st->page;
	cell->lastpage = 0;
	cell->shaded = c.shaded;
	cell->ocr = c.ocr;
	cell->conf = c.conf;
	cell->text = xml_text_dup(c.text ? c.text : "");
	return KP_EXIT_OK;
}

static int rec_endpage(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_rec_endpage e;

	if (kp_get_endpage(&st->r, rec, &e) < 0 || on_page(st, rec, e.page) < 0)
		return KP_EXIT_FORMAT;
	st->page = 0;
	st->table = -1;
	forget_furniture(st);
	return KP_EXIT_OK;
}

static int rec_end(struct reader_state *st, const struct kp_record *rec)
{
	if (st->page != 0)
		return fail(st, rec, "inside an unfinished page");
	return KP_EXIT_OK;
}

/* A page's own body text size needs this many bytes of text on it. */
#define PAGE_BODY_MIN 600

/* The most common size of the lines of items[from..to), weighted by text
 * length (of the OCR'd lines when all are: their sizes are estimates);
 * 0 when they hold fewer than min bytes of text. */
static double common_size(const struct st_item *items, size_t from, size_t to, size_t min)
{
	double weight[2][400] = {{0}};
	size_t best = 0, bytes[2] = {0, 0};
	int ocr = 1;

	for (size_t i = from; i < to; i++) {
		const struct st_item *it = &items[i];
		long k = lround(it->size * 2);

		if (it->kind == ST_LINE && k > 0 && k < 400) {
			weight[it->ocr != 0][k] += (double)strlen(it->text);
			bytes[it->ocr != 0] += strlen(it->text);
			ocr = ocr && it->ocr;
		}
	}
	for (size_t k = 1; k < 400; k++)
		if (weight[ocr][k] > weight[ocr][best])
			best = k;
	return best && bytes[ocr] >= min ? (double)best / 2 : 0;
}

/* Body text size of the document, and of each page with text enough (a
 * page set larger or smaller than the rest has headings of its own size),
 * else the document's. */
static void find_body_size(struct st_doc *doc)
{
	double size = common_size(doc->items, 0, doc->nitems, 0);

	doc->body_size = size > 0 ? size : 10.0;
	for (size_t i = 0, j; i < doc->nitems; i = j) {
		for (j = i; j < doc->nitems && doc->items[j].page == doc->items[i].page; j++)
			;
		size = common_size(doc->items, i, j, PAGE_BODY_MIN);
		for (size_t k = i; k < j; k++)
			doc->items[k].body = size > 0 ? size : doc->body_size;
	}
}

int st_read(FILE *fp, const char *name, struct st_doc *doc)
{
	struct reader_state st;
	struct kp_record rec;
	int code = KP_EXIT_OK;
	enum kp_read_status s;

	memset(&st, 0, sizeof(st));
	memset(doc, 0, sizeof(*doc));
	kp_reader_init(&st.r, fp, name);
	st.doc = doc;
	st.table = -1;
	while ((s = kp_reader_next(&st.r, &rec, &code)) == KP_READ_OK) {
		switch (kp_record_type(&rec)) {
		case KP_REC_DOC: code = rec_doc(&st, &rec); break;
		case KP_REC_PAGE: code = rec_page(&st, &rec); break;
		case KP_REC_BLOCK: code = rec_block(&st, &rec); break;
		case KP_REC_LINE: code = rec_line(&st, &rec); break;
		case KP_REC_IMAGE: code = rec_image(&st, &rec); break;
		case KP_REC_TABLE: code = rec_table(&st, &rec); break;
		case KP_REC_CELL: code = rec_cell(&st, &rec); break;
		case KP_REC_ENDPAGE: code = rec_endpage(&st, &rec); break;
		case KP_REC_END: code = rec_end(&st, &rec); break;
		default: break;   /* the header (the reader checks it), rule, fill, unknown */
		}
		if (code != KP_EXIT_OK)
			break;
	}
	forget_furniture(&st);
	kp_reader_release(&st.r);
	if (s == KP_READ_ERROR || code != KP_EXIT_OK)
		return code != KP_EXIT_OK ? code : KP_EXIT_FORMAT;
	if (doc->file == NULL) {
		kp_warn(name, 0, "no doc record");
		return KP_EXIT_FORMAT;
	}
	find_body_size(doc);
	st_wrap_scan(doc);
	return KP_EXIT_OK;
}

void st_doc_release(struct st_doc *doc)
{
	for (size_t i = 0; i < doc->nitems; i++) {
		struct st_item *it = &doc->items[i];

		free(it->id);
		free(it->text);
		for (size_t c = 0; c < it->ncells; c++)
			free(it->cells[c].text);
		free(it->cells);
	}
	free(doc->items);
	for (size_t i = 0; i < doc->npage_info; i++)
		free(doc->page_info[i].reason);
	free(doc->page_info);
	free(doc->file);
	free(doc->sha256);
	free(doc->producer);
	st_running_release(doc);
	memset(doc, 0, sizeof(*doc));
}
