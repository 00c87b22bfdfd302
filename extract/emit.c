/* emit.c - the layout stream writer (docs/layout-stream.md). */
#include <math.h>

#include "extract.h"
#include "kp_stream.h"

/* A coordinate or size with one decimal, never "-0.0". */
static void put_num(FILE *fp, double v)
{
	v = round(v * 10) / 10;
	fprintf(fp, "\t%.1f", v == 0 ? 0.0 : v);
}

static void put_box(FILE *fp, const struct kp_box *b)
{
	put_num(fp, b->x0);
	put_num(fp, b->y0);
	put_num(fp, b->x1);
	put_num(fp, b->y1);
}

static void put_conf(FILE *fp, int ocr, double conf)
{
	if (ocr && conf >= 0)
		put_num(fp, conf);
	else
		fputs("\t-", fp);
}

static void put_field(FILE *fp, const char *s)
{
	fputc('\t', fp);
	kp_stream_put_text(fp, s);
}

void ex_emit_header(FILE *fp, const char *file, int pages, const char *sha256,
                    const char *producer, const char *creator)
{
	fprintf(fp, "%s\t%d\n", KP_STREAM_MAGIC, KP_STREAM_VERSION);
	fputs("doc", fp);
	put_field(fp, file);
	fprintf(fp, "\t%d", pages);
	put_field(fp, sha256);
	put_field(fp, producer);
	put_field(fp, creator);
	fputc('\n', fp);
}

static void emit_line(FILE *fp, const struct ex_page *pg, const struct ex_line *l)
{
	fprintf(fp, "line\t%d", pg->number);
	if (l->block >= 0)
		fprintf(fp, "\tb%d", l->block + 1);
	else
		fputs("\t-", fp);
	put_box(fp, &l->box);
	put_num(fp, l->size);
	fprintf(fp, "\t%s%s%s", l->bold ? "b" : "", l->italic ? "i" : "",
	        l->bold || l->italic ? "" : "-");
	fputs(l->ocr ? "\tocr" : "\ttext", fp);
	put_conf(fp, l->ocr, l->conf);
	put_field(fp, l->text);
	fputc('\n', fp);
}

static void emit_block(FILE *fp, const struct ex_page *pg, size_t i)
{
	const struct ex_block *b = &pg->blocks[i];

	fprintf(fp, "block\t%d\tb%zu", pg->number, i + 1);
	put_box(fp, &b->box);
	fputs(b->role == EX_FURNITURE ? "\tfurniture\n" : "\tbody\n", fp);
	for (size_t j = b->first_line; j < b->first_line + b->nlines && j < pg->nlines; j++)
		emit_line(fp, pg, &pg->lines[j]);
}

static void emit_table(FILE *fp, const struct ex_page *pg, size_t i)
{
	const struct ex_table *t = &pg->tables[i];

	fprintf(fp, "table\t%d\tt%zu", pg->number, i + 1);
	put_box(fp, &t->box);
	fprintf(fp, "\t%d\t%d\t%s", t->rows, t->cols, t->ocr ? "ocr" : "text");
	put_conf(fp, t->ocr, t->conf);
	if (t->image >= 0)
		fprintf(fp, "\ti%d\n", t->image + 1);
	else
		fputs("\t-\n", fp);
	for (size_t j = 0; j < t->ncells; j++) {
		const struct ex_cell *c = &t->cells[j];

		fprintf(fp, "cell\t%d\tt%zu\t%d\t%d\t%d\t%d", pg->number, i + 1,
		        c->row, c->col, c->rowspan, c->colspan);
		put_box(fp, &c->box);
		fprintf(fp, "\t%d\t%s", c->shaded ? 1 : 0, c->ocr ? "ocr" : "text");
		put_conf(fp, c->ocr, c->conf);
		put_field(fp, c->text);
		fputc('\n', fp);
	}
}

const char *ex_image_use_name(enum ex_image_use use)
{
	switch (use) {
	case EX_IMG_OCR_TABLE: return "ocr-table";
	case EX_IMG_OCR_TEXT: return "ocr-text";
	default: return "figure";
	}
}

static void emit_image(FILE *fp, const struct ex_page *pg, size_t i)
{
	const struct ex_image *im = &pg->images[i];

	fprintf(fp, "image\t%d\ti%zu", pg->number, i + 1);
	put_box(fp, &im->box);
	fprintf(fp, "\t%d\t%d\t%s\n", im->pxw, im->pxh, ex_image_use_name(im->use));
}

/* Contract: writes page, rule, fill records, then the items of pg->order
 * (each block with its lines, each table with its cells), then lines that
 * belong to no block, then endpage.  Lines of a block are
 * pg->lines[first_line .. first_line + nlines). */
void ex_emit_page(FILE *fp, const struct ex_page *pg)
{
	fprintf(fp, "page\t%d", pg->number);
	put_num(fp, pg->width);
	put_num(fp, pg->height);
	fprintf(fp, "\t%d\t%s", pg->rotate, pg->source == EX_SRC_OCR ? "ocr" : "text");
	put_field(fp, pg->reason);
	fputc('\n', fp);
	for (size_t i = 0; i < pg->nrules; i++) {
		fprintf(fp, "rule\t%d", pg->number);
		put_box(fp, &pg->rules[i].box);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < pg->nfills; i++) {
		fprintf(fp, "fill\t%d", pg->number);
		put_box(fp, &pg->fills[i].box);
		fprintf(fp, "\t%d\n", pg->fills[i].gray);
	}
	for (size_t i = 0; i < pg->norder; i++) {
		const struct ex_item *it = &pg->order[i];

		switch (it->kind) {
		case EX_ITEM_BLOCK: emit_block(fp, pg, it->index); break;
		case EX_ITEM_TABLE: emit_table(fp, pg, it->index); break;
		case EX_ITEM_IMAGE: emit_image(fp, pg, it->index); break;
		}
	}
	for (size_t i = 0; i < pg->nlines; i++)
		if (pg->lines[i].block < 0)
			emit_line(fp, pg, &pg->lines[i]);
	fprintf(fp, "endpage\t%d\t%ld\t%ld\n", pg->number, pg->glyphs, pg->unmapped);
}

void ex_emit_end(FILE *fp, int pages)
{
	fprintf(fp, "end\t%d\n", pages);
}
