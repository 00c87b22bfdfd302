/* read.c - the layout stream into page items, one record at a time. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

#define MAX_FURNITURE 256       /* furniture block ids remembered per page */
#define MAX_TABLE_CELLS 100000  /* rows x cols of one table */

struct reader_state {
	struct kp_reader r;
	struct st_doc *doc;
	long page;              /* current page, 0 outside one */
	long last_page;
	char *furniture[MAX_FURNITURE];
	size_t nfurniture;
	long table;             /* index of the current page's last table, -1 none */
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

static int need_fields(struct reader_state *st, const struct kp_record *rec, size_t n)
{
	if (rec->nfields >= n)
		return 0;
	kp_warn(st->r.name, rec->lineno, "%s record has %zu fields, expected %zu",
	        rec->fields[0], rec->nfields - 1, n - 1);
	return -1;
}

/* Field i as a page number that must be the current page. */
static int on_page(struct reader_state *st, const struct kp_record *rec)
{
	long n;

	if (kp_record_long(&st->r, rec, 1, &n) < 0)
		return -1;
	if (st->page == 0 || n != st->page) {
		kp_warn(st->r.name, rec->lineno, "%s record for page %ld outside that page",
		        rec->fields[0], n);
		return -1;
	}
	return 0;
}

static int get_box(struct reader_state *st, const struct kp_record *rec, size_t i,
                   struct kp_box *b)
{
	if (kp_record_double(&st->r, rec, i, &b->x0) < 0 ||
	    kp_record_double(&st->r, rec, i + 1, &b->y0) < 0 ||
	    kp_record_double(&st->r, rec, i + 2, &b->x1) < 0 ||
	    kp_record_double(&st->r, rec, i + 3, &b->y1) < 0)
		return -1;
	return 0;
}

/* CONF field: "-" is none (-1), else a number 0..100. */
static int get_conf(struct reader_state *st, const struct kp_record *rec, size_t i,
                    double *conf)
{
	if (kp_record_text(rec, i) == NULL) {
		*conf = -1;
		return 0;
	}
	if (kp_record_double(&st->r, rec, i, conf) < 0)
		return -1;
	if (*conf < 0 || *conf > 100 || isnan(*conf)) {
		kp_warn(st->r.name, rec->lineno, "confidence out of range");
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
	const char *sha;

	if (need_fields(st, rec, 6) < 0)
		return KP_EXIT_FORMAT;
	if (st->doc->file != NULL || st->last_page != 0)
		return fail(st, rec, "not the first record after the header");
	if (kp_record_long(&st->r, rec, 2, &st->doc->pages) < 0 || st->doc->pages < 0)
		return KP_EXIT_FORMAT;
	st->doc->file = xml_text_dup(rec->fields[1]);
	sha = kp_record_text(rec, 3);
	if (sha != NULL)
		st->doc->sha256 = xml_text_dup(sha);
	if (kp_record_text(rec, 4) != NULL)
		st->doc->producer = xml_text_dup(rec->fields[4]);
	return KP_EXIT_OK;
}

static int rec_page(struct reader_state *st, const struct kp_record *rec)
{
	long n;

	if (need_fields(st, rec, 7) < 0 || kp_record_long(&st->r, rec, 1, &n) < 0)
		return KP_EXIT_FORMAT;
	if (st->page != 0)
		return fail(st, rec, "page begins before the previous one ended");
	if (n <= st->last_page)
		return fail(st, rec, "page numbers must increase");
	if (n > INT_MAX)            /* items keep their page in an int */
		return fail(st, rec, "page number out of range");
	st->page = st->last_page = n;
	st->table = -1;
	{
		struct st_doc *d = st->doc;
		struct st_page *pi;
		double w, h;

		if (kp_record_double(&st->r, rec, 2, &w) < 0 ||
		    kp_record_double(&st->r, rec, 3, &h) < 0)
			return KP_EXIT_FORMAT;
		if (!(w > 0 && w < 1e6 && h > 0 && h < 1e6))
			return fail(st, rec, "page size out of range");
		d->page_info = kp_xreallocarray(d->page_info, d->npage_info + 1, sizeof(*pi));
		pi = &d->page_info[d->npage_info++];
		pi->n = n;
		pi->width = w;
		pi->height = h;
		pi->ocr = strcmp(rec->fields[5], "ocr") == 0;
		pi->reason = kp_record_text(rec, 6) ? xml_text_dup(rec->fields[6]) : NULL;
	}
	return KP_EXIT_OK;
}

static int rec_block(struct reader_state *st, const struct kp_record *rec)
{
	if (need_fields(st, rec, 8) < 0 || on_page(st, rec) < 0)
		return KP_EXIT_FORMAT;
	if (strcmp(rec->fields[7], "furniture") == 0) {
		if (st->nfurniture == MAX_FURNITURE) {
			kp_warn(st->r.name, rec->lineno, "more than %d furniture blocks on a page",
			        MAX_FURNITURE);
			return KP_EXIT_LIMIT;
		}
		st->furniture[st->nfurniture++] = kp_xstrdup(rec->fields[2]);
	}
	return KP_EXIT_OK;
}

static int rec_line(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_box box;
	double size, conf;
	const char *block, *text, *style;
	struct st_item *it;

	if (need_fields(st, rec, 12) < 0 || on_page(st, rec) < 0 ||
	    get_box(st, rec, 3, &box) < 0 || kp_record_double(&st->r, rec, 7, &size) < 0 ||
	    get_conf(st, rec, 10, &conf) < 0)
		return KP_EXIT_FORMAT;
	block = kp_record_text(rec, 2);
	text = kp_record_text(rec, 11);
	if (is_furniture(st, block) || text == NULL)
		return KP_EXIT_OK;
	it = new_item(st->doc, ST_LINE, st->page, rec->lineno);
	it->box = box;
	it->size = size;
	style = rec->fields[8];
	it->bold = strchr(style, 'b') != NULL;
	it->ocr = strcmp(rec->fields[9], "ocr") == 0;
	it->conf = conf;
	it->id = block ? xml_text_dup(block) : NULL;
	it->text = xml_text_dup(text);
	kp_squeeze_space(it->text);
	return KP_EXIT_OK;
}

static int rec_image(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_box box;
	long pw, ph;
	struct st_item *it;

	if (need_fields(st, rec, 10) < 0 || on_page(st, rec) < 0 ||
	    get_box(st, rec, 3, &box) < 0 || kp_record_long(&st->r, rec, 7, &pw) < 0 ||
	    kp_record_long(&st->r, rec, 8, &ph) < 0)
		return KP_EXIT_FORMAT;
	if (pw < 0 || ph < 0 || pw > 1000000 || ph > 1000000)
		return fail(st, rec, "pixel size out of range");
	it = new_item(st->doc, ST_IMAGE, st->page, rec->lineno);
	it->box = box;
	it->id = xml_text_dup(rec->fields[2]);
	it->pxw = (int)pw;
	it->pxh = (int)ph;
	it->figure = strcmp(rec->fields[9], "figure") == 0;
	return KP_EXIT_OK;
}

static int rec_table(struct reader_state *st, const struct kp_record *rec)
{
	struct kp_box box;
	long rows, cols;
	double conf;
	struct st_item *it;

	if (need_fields(st, rec, 12) < 0 || on_page(st, rec) < 0 ||
	    get_box(st, rec, 3, &box) < 0 || kp_record_long(&st->r, rec, 7, &rows) < 0 ||
	    kp_record_long(&st->r, rec, 8, &cols) < 0 || get_conf(st, rec, 10, &conf) < 0)
		return KP_EXIT_FORMAT;
	if (rows < 0 || cols < 0)
		return fail(st, rec, "negative size");
	if (rows > MAX_TABLE_CELLS || cols > MAX_TABLE_CELLS || rows * cols > MAX_TABLE_CELLS) {
		kp_warn(st->r.name, rec->lineno, "table of %ld x %ld cells is too large", rows, cols);
		return KP_EXIT_LIMIT;
	}
	it = new_item(st->doc, ST_TABLE, st->page, rec->lineno);
	it->box = box;
	it->id = xml_text_dup(rec->fields[2]);
	it->rows = (int)rows;
	it->cols = (int)cols;
	it->ocr = strcmp(rec->fields[9], "ocr") == 0;
	it->conf = conf;
	it->from_image = kp_record_text(rec, 11) != NULL;
	st->table = (long)(st->doc->nitems - 1);
	return KP_EXIT_OK;
}

static int rec_cell(struct reader_state *st, const struct kp_record *rec)
{
	long v[4];
	struct kp_box box;
	double conf;
	struct st_item *t;
	struct st_cell *c;

	if (need_fields(st, rec, 15) < 0 || on_page(st, rec) < 0)
		return KP_EXIT_FORMAT;
	for (int i = 0; i < 4; i++)
		if (kp_record_long(&st->r, rec, 3 + (size_t)i, &v[i]) < 0)
			return KP_EXIT_FORMAT;
	if (get_box(st, rec, 7, &box) < 0 || get_conf(st, rec, 13, &conf) < 0)
		return KP_EXIT_FORMAT;
	if (st->table < 0 || strcmp(st->doc->items[st->table].id, rec->fields[2]) != 0)
		return fail(st, rec, "not after its table");
	t = &st->doc->items[st->table];
	if (v[0] < 0 || v[1] < 0 || v[2] < 1 || v[3] < 1 || v[2] > t->rows - v[0] ||
	    v[3] > t->cols - v[1])
		return fail(st, rec, "cell outside its table");
	if (t->ncells >= (size_t)t->rows * (size_t)t->cols)
		return fail(st, rec, "more cells than the table holds");
	t->cells = kp_xreallocarray(t->cells, t->ncells + 1, sizeof(*t->cells));
	c = &t->cells[t->ncells++];
	c->row = (int)v[0];
	c->col = (int)v[1];
	c->rowspan = (int)v[2];
	c->colspan = (int)v[3];
	c->box = box;
	c->page = (int)st->page;
	c->shaded = strcmp(rec->fields[11], "1") == 0;
	c->ocr = strcmp(rec->fields[12], "ocr") == 0;
	c->conf = conf;
	c->text = xml_text_dup(kp_record_text(rec, 14) ? rec->fields[14] : "");
	return KP_EXIT_OK;
}

static int rec_endpage(struct reader_state *st, const struct kp_record *rec)
{
	if (need_fields(st, rec, 4) < 0 || on_page(st, rec) < 0)
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

/* Body text size: the most common size of the text layer's lines,
 * weighted by text length (of the OCR'd lines when there is no text
 * layer: their sizes are estimates). */
static void find_body_size(struct st_doc *doc)
{
	double weight[2][400] = {{0}};
	size_t best = 0;
	int ocr = 1;

	for (size_t i = 0; i < doc->nitems; i++) {
		const struct st_item *it = &doc->items[i];
		long k = lround(it->size * 2);

		if (it->kind == ST_LINE && k > 0 && k < 400) {
			weight[it->ocr != 0][k] += (double)strlen(it->text);
			ocr = ocr && it->ocr;
		}
	}
	for (size_t k = 1; k < 400; k++)
		if (weight[ocr][k] > weight[ocr][best])
			best = k;
	doc->body_size = best ? (double)best / 2 : 10.0;
}

int st_read(FILE *fp, const char *name, struct st_doc *doc)
{
	struct reader_state st;
	struct kp_record rec;
	int code = KP_EXIT_OK;
	enum kp_read_status s;
	int first = 1;

	memset(&st, 0, sizeof(st));
	memset(doc, 0, sizeof(*doc));
	kp_reader_init(&st.r, fp, name);
	st.doc = doc;
	st.table = -1;
	while ((s = kp_reader_next(&st.r, &rec, &code)) == KP_READ_OK) {
		const char *type = rec.fields[0];

		if (first) {      /* the header, checked by the reader */
			first = 0;
			continue;
		}
		if (strcmp(type, "doc") == 0)
			code = rec_doc(&st, &rec);
		else if (strcmp(type, "page") == 0)
			code = rec_page(&st, &rec);
		else if (strcmp(type, "block") == 0)
			code = rec_block(&st, &rec);
		else if (strcmp(type, "line") == 0)
			code = rec_line(&st, &rec);
		else if (strcmp(type, "image") == 0)
			code = rec_image(&st, &rec);
		else if (strcmp(type, "table") == 0)
			code = rec_table(&st, &rec);
		else if (strcmp(type, "cell") == 0)
			code = rec_cell(&st, &rec);
		else if (strcmp(type, "endpage") == 0)
			code = rec_endpage(&st, &rec);
		else if (strcmp(type, "end") == 0)
			code = rec_end(&st, &rec);
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
	memset(doc, 0, sizeof(*doc));
}
