/* stream_rec.c - each layout stream record as a struct: written and parsed
 * here only, so the field positions of docs/layout-stream.md are known once. */
#include <math.h>
#include <string.h>

#include "kp_stream.h"

static const char *const rec_names[] = {
	[KP_REC_HEADER] = KP_STREAM_MAGIC, [KP_REC_DOC] = "doc", [KP_REC_PAGE] = "page",
	[KP_REC_BLOCK] = "block", [KP_REC_LINE] = "line", [KP_REC_RULE] = "rule",
	[KP_REC_FILL] = "fill", [KP_REC_IMAGE] = "image", [KP_REC_TABLE] = "table",
	[KP_REC_CELL] = "cell", [KP_REC_ENDPAGE] = "endpage", [KP_REC_END] = "end",
	[KP_REC_WORD] = "word",
};

/* Fields of each record, the type included. */
static const size_t rec_fields[] = {
	[KP_REC_HEADER] = 2, [KP_REC_DOC] = 6, [KP_REC_PAGE] = 7, [KP_REC_BLOCK] = 8,
	[KP_REC_LINE] = 12, [KP_REC_RULE] = 6, [KP_REC_FILL] = 7, [KP_REC_IMAGE] = 10,
	[KP_REC_TABLE] = 14, [KP_REC_CELL] = 15, [KP_REC_ENDPAGE] = 4, [KP_REC_END] = 2,
	[KP_REC_WORD] = 9,
};

static const char *const use_names[] = {
	[KP_USE_FIGURE] = "figure", [KP_USE_OCR_TABLE] = "ocr-table",
	[KP_USE_OCR_TEXT] = "ocr-text",
};

enum kp_rec_type kp_record_type(const struct kp_record *rec)
{
	for (int t = 0; t < KP_REC_OTHER; t++)
		if (strcmp(rec->fields[0], rec_names[t]) == 0)
			return (enum kp_rec_type)t;
	return KP_REC_OTHER;
}

const char *kp_image_use_name(enum kp_image_use use)
{
	return use < KP_USE_OTHER ? use_names[use] : use_names[KP_USE_FIGURE];
}

/* ---- writing ------------------------------------------------------------ */

/* A coordinate or size with one decimal, never "-0.0".  The tenths are
 * written as an integer: printf's %.1f cost ~5000 instructions a number,
 * a quarter of pdf2text's own work on a page.  It prints the same: r / 10
 * is within a sixty-fourth of the one-decimal number r tenths below 1e14. */
static void put_num(FILE *fp, double v)
{
	double r = round(v * 10);
	char buf[32], *p = buf + sizeof(buf);
	unsigned long long u;

	if (!(fabs(r) < 1e14)) { /* NaN, infinite, far off any page */
		fprintf(fp, "\t%.1f", r / 10);
		return;
	}
	u = (unsigned long long)fabs(r);
	*--p = (char)('0' + u % 10);
	*--p = '.';
	u /= 10;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (r < 0) /* not -0.0 */
		*--p = '-';
	*--p = '\t';
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), fp);
}

static void put_box(FILE *fp, const struct kp_box *b)
{
	put_num(fp, b->x0);
	put_num(fp, b->y0);
	put_num(fp, b->x1);
	put_num(fp, b->y1);
}

static void put_source(FILE *fp, int ocr, double conf)
{
	fputs(ocr ? "\tocr" : "\ttext", fp);
	if (ocr && conf >= 0)
		put_num(fp, conf);
	else
		fputs("\t-", fp);
}

static void put_text(FILE *fp, const char *s)
{
	fputc('\t', fp);
	kp_stream_put_text(fp, s);
}

/* The record's type and its page number. */
static void put_start(FILE *fp, enum kp_rec_type t, long page)
{
	fprintf(fp, "%s\t%ld", rec_names[t], page);
}

void kp_put_header(FILE *fp)
{
	fprintf(fp, "%s\t%d\n", KP_STREAM_MAGIC, KP_STREAM_VERSION);
}

void kp_put_doc(FILE *fp, const struct kp_rec_doc *d)
{
	fputs(rec_names[KP_REC_DOC], fp);
	put_text(fp, d->file);
	fprintf(fp, "\t%ld", d->pages);
	put_text(fp, d->sha256);
	put_text(fp, d->producer);
	put_text(fp, d->creator);
	fputc('\n', fp);
}

void kp_put_page(FILE *fp, const struct kp_rec_page *p)
{
	put_start(fp, KP_REC_PAGE, p->n);
	put_num(fp, p->width);
	put_num(fp, p->height);
	fprintf(fp, "\t%ld\t%s", p->rotate, p->ocr ? "ocr" : "text");
	put_text(fp, p->reason);
	fputc('\n', fp);
}

void kp_put_block(FILE *fp, const struct kp_rec_block *b)
{
	put_start(fp, KP_REC_BLOCK, b->page);
	put_text(fp, b->id);
	put_box(fp, &b->box);
	fputs(b->furniture ? "\tfurniture\n" : "\tbody\n", fp);
}

void kp_put_line(FILE *fp, const struct kp_rec_line *l)
{
	put_start(fp, KP_REC_LINE, l->page);
	put_text(fp, l->block);
	put_box(fp, &l->box);
	put_num(fp, l->size);
	fprintf(fp, "\t%s%s%s%s", l->bold ? "b" : "", l->italic ? "i" : "",
	        l->space_after ? "s" : "", l->bold || l->italic || l->space_after ? "" : "-");
	put_source(fp, l->ocr, l->conf);
	put_text(fp, l->text);
	fputc('\n', fp);
}

void kp_put_word(FILE *fp, const struct kp_rec_word *w)
{
	put_start(fp, KP_REC_WORD, w->page);
	put_box(fp, &w->box);
	if (w->conf >= 0)
		put_num(fp, w->conf);
	else
		fputs("\t-", fp);
	put_text(fp, w->cc);
	put_text(fp, w->text);
	fputc('\n', fp);
}

void kp_put_rule(FILE *fp, const struct kp_rec_rule *r)
{
	put_start(fp, KP_REC_RULE, r->page);
	put_box(fp, &r->box);
	fputc('\n', fp);
}

void kp_put_fill(FILE *fp, const struct kp_rec_fill *f)
{
	put_start(fp, KP_REC_FILL, f->page);
	put_box(fp, &f->box);
	fprintf(fp, "\t%ld\n", f->gray);
}

void kp_put_image(FILE *fp, const struct kp_rec_image *im)
{
	put_start(fp, KP_REC_IMAGE, im->page);
	put_text(fp, im->id);
	put_box(fp, &im->box);
	fprintf(fp, "\t%ld\t%ld\t%s\n", im->pxw, im->pxh, kp_image_use_name(im->use));
}

void kp_put_table(FILE *fp, const struct kp_rec_table *t)
{
	put_start(fp, KP_REC_TABLE, t->page);
	put_text(fp, t->id);
	put_box(fp, &t->box);
	fprintf(fp, "\t%ld\t%ld", t->rows, t->cols);
	put_source(fp, t->ocr, t->conf);
	put_text(fp, t->image);
	fprintf(fp, "\t%d\t%d\n", t->top_ruled ? 1 : 0, t->bottom_ruled ? 1 : 0);
}

void kp_put_cell(FILE *fp, const struct kp_rec_cell *c)
{
	put_start(fp, KP_REC_CELL, c->page);
	put_text(fp, c->table);
	fprintf(fp, "\t%ld\t%ld\t%ld\t%ld", c->row, c->col, c->rowspan, c->colspan);
	put_box(fp, &c->box);
	fprintf(fp, "\t%d", c->shaded ? 1 : 0);
	put_source(fp, c->ocr, c->conf);
	put_text(fp, c->text);
	fputc('\n', fp);
}

void kp_put_endpage(FILE *fp, const struct kp_rec_endpage *e)
{
	put_start(fp, KP_REC_ENDPAGE, e->page);
	fprintf(fp, "\t%ld\t%ld\n", e->glyphs, e->unmapped);
}

void kp_put_end(FILE *fp, const struct kp_rec_end *e)
{
	fprintf(fp, "%s\t%ld\n", rec_names[KP_REC_END], e->pages);
}

/* ---- parsing ------------------------------------------------------------ */

static int need_fields(const struct kp_reader *r, const struct kp_record *rec,
                       enum kp_rec_type t)
{
	if (rec->nfields >= rec_fields[t])
		return 0;
	kp_warn(r->name, rec->lineno, "%s record has %zu fields, expected %zu",
	        rec->fields[0], rec->nfields - 1, rec_fields[t] - 1);
	return -1;
}

static int get_box(const struct kp_reader *r, const struct kp_record *rec, size_t i,
                   struct kp_box *b)
{
	if (kp_record_double(r, rec, i, &b->x0) < 0 ||
	    kp_record_double(r, rec, i + 1, &b->y0) < 0 ||
	    kp_record_double(r, rec, i + 2, &b->x1) < 0 ||
	    kp_record_double(r, rec, i + 3, &b->y1) < 0)
		return -1;
	return 0;
}

static int is_ocr(const struct kp_record *rec, size_t i)
{
	return strcmp(rec->fields[i], "ocr") == 0;
}

/* CONF field: "-" is none (-1), else a number 0..100. */
static int get_conf(const struct kp_reader *r, const struct kp_record *rec, size_t i,
                    double *conf)
{
	if (kp_record_text(rec, i) == NULL) {
		*conf = -1;
		return 0;
	}
	if (kp_record_double(r, rec, i, conf) < 0)
		return -1;
	if (*conf < 0 || *conf > 100) {
		kp_warn(r->name, rec->lineno, "confidence out of range");
		return -1;
	}
	return 0;
}

int kp_get_doc(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_doc *d)
{
	if (need_fields(r, rec, KP_REC_DOC) < 0 || kp_record_long(r, rec, 2, &d->pages) < 0)
		return -1;
	d->file = kp_record_text(rec, 1);
	d->sha256 = kp_record_text(rec, 3);
	d->producer = kp_record_text(rec, 4);
	d->creator = kp_record_text(rec, 5);
	return 0;
}

int kp_get_page(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_page *p)
{
	if (need_fields(r, rec, KP_REC_PAGE) < 0 || kp_record_long(r, rec, 1, &p->n) < 0 ||
	    kp_record_double(r, rec, 2, &p->width) < 0 ||
	    kp_record_double(r, rec, 3, &p->height) < 0 ||
	    kp_record_long(r, rec, 4, &p->rotate) < 0)
		return -1;
	p->ocr = is_ocr(rec, 5);
	p->reason = kp_record_text(rec, 6);
	return 0;
}

int kp_get_block(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_block *b)
{
	if (need_fields(r, rec, KP_REC_BLOCK) < 0 || kp_record_long(r, rec, 1, &b->page) < 0 ||
	    get_box(r, rec, 3, &b->box) < 0)
		return -1;
	b->id = kp_record_text(rec, 2);
	b->furniture = strcmp(rec->fields[7], "furniture") == 0;
	return 0;
}

int kp_get_line(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_line *l)
{
	if (need_fields(r, rec, KP_REC_LINE) < 0 || kp_record_long(r, rec, 1, &l->page) < 0 ||
	    get_box(r, rec, 3, &l->box) < 0 || kp_record_double(r, rec, 7, &l->size) < 0 ||
	    get_conf(r, rec, 10, &l->conf) < 0)
		return -1;
	l->block = kp_record_text(rec, 2);
	l->bold = strchr(rec->fields[8], 'b') != NULL;
	l->italic = strchr(rec->fields[8], 'i') != NULL;
	l->space_after = strchr(rec->fields[8], 's') != NULL;
	l->ocr = is_ocr(rec, 9);
	l->text = kp_record_text(rec, 11);
	return 0;
}

int kp_get_word(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_word *w)
{
	if (need_fields(r, rec, KP_REC_WORD) < 0 || kp_record_long(r, rec, 1, &w->page) < 0 ||
	    get_box(r, rec, 2, &w->box) < 0 || get_conf(r, rec, 6, &w->conf) < 0)
		return -1;
	w->cc = kp_record_text(rec, 7);
	w->text = kp_record_text(rec, 8);
	return 0;
}

int kp_get_rule(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_rule *ru)
{
	if (need_fields(r, rec, KP_REC_RULE) < 0 || kp_record_long(r, rec, 1, &ru->page) < 0 ||
	    get_box(r, rec, 2, &ru->box) < 0)
		return -1;
	return 0;
}

int kp_get_image(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_image *im)
{
	if (need_fields(r, rec, KP_REC_IMAGE) < 0 || kp_record_long(r, rec, 1, &im->page) < 0 ||
	    get_box(r, rec, 3, &im->box) < 0 || kp_record_long(r, rec, 7, &im->pxw) < 0 ||
	    kp_record_long(r, rec, 8, &im->pxh) < 0)
		return -1;
	im->id = kp_record_text(rec, 2);
	im->use = KP_USE_OTHER;
	for (int u = 0; u < KP_USE_OTHER; u++)
		if (strcmp(rec->fields[9], use_names[u]) == 0)
			im->use = (enum kp_image_use)u;
	return 0;
}

int kp_get_table(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_table *t)
{
	if (need_fields(r, rec, KP_REC_TABLE) < 0 || kp_record_long(r, rec, 1, &t->page) < 0 ||
	    get_box(r, rec, 3, &t->box) < 0 || kp_record_long(r, rec, 7, &t->rows) < 0 ||
	    kp_record_long(r, rec, 8, &t->cols) < 0 || get_conf(r, rec, 10, &t->conf) < 0)
		return -1;
	t->id = kp_record_text(rec, 2);
	t->ocr = is_ocr(rec, 9);
	t->image = kp_record_text(rec, 11);
	t->top_ruled = strcmp(rec->fields[12], "1") == 0;
	t->bottom_ruled = strcmp(rec->fields[13], "1") == 0;
	return 0;
}

int kp_get_cell(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_cell *c)
{
	if (need_fields(r, rec, KP_REC_CELL) < 0 || kp_record_long(r, rec, 1, &c->page) < 0 ||
	    kp_record_long(r, rec, 3, &c->row) < 0 || kp_record_long(r, rec, 4, &c->col) < 0 ||
	    kp_record_long(r, rec, 5, &c->rowspan) < 0 ||
	    kp_record_long(r, rec, 6, &c->colspan) < 0 || get_box(r, rec, 7, &c->box) < 0 ||
	    get_conf(r, rec, 13, &c->conf) < 0)
		return -1;
	c->table = kp_record_text(rec, 2);
	c->shaded = strcmp(rec->fields[11], "1") == 0;
	c->ocr = is_ocr(rec, 12);
	c->text = kp_record_text(rec, 14);
	return 0;
}

int kp_get_endpage(const struct kp_reader *r, const struct kp_record *rec,
                   struct kp_rec_endpage *e)
{
	if (need_fields(r, rec, KP_REC_ENDPAGE) < 0 || kp_record_long(r, rec, 1, &e->page) < 0 ||
	    kp_record_long(r, rec, 2, &e->glyphs) < 0 || kp_record_long(r, rec, 3, &e->unmapped) < 0)
		return -1;
	return 0;
}
