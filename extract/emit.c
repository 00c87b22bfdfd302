/* emit.c - the page model as layout stream records (kp_stream.h writes
 * each record; this file says which records a page makes, in what order). */
#include <stdio.h>

#include "extract.h"
#include "kp_stream.h"

#define EDGE_RULE_GAP 6.0   /* points from a table's edge to a rule along it */
#define FURNITURE_GAP 12.0  /* points from a running header to its rule */

/* An item ID: a letter and a 1-based number ("b3"), or NULL for index -1. */
static const char *item_id(char *buf, size_t bufsz, char letter, long index)
{
	if (index < 0)
		return NULL;
	snprintf(buf, bufsz, "%c%ld", letter, index + 1);
	return buf;
}

void ex_emit_header(FILE *fp, const char *file, int pages, const char *sha256,
                    const char *producer, const char *creator)
{
	struct kp_rec_doc d = {file, pages, sha256, producer, creator};

	kp_put_header(fp);
	kp_put_doc(fp, &d);
}

/* The word records of w's words. */
static void emit_words(FILE *fp, const struct ex_page *pg, const struct ex_words *w)
{
	for (size_t i = 0; i < w->n; i++) {
		struct kp_rec_word word = {
			.page = pg->number, .box = w->v[i].box, .conf = w->v[i].conf,
			.cc = w->v[i].cc, .text = w->v[i].text,
		};

		kp_put_word(fp, &word);
	}
}

/* A line and its words (w is scratch space, reused line after line). */
static void emit_line(FILE *fp, const struct ex_page *pg, const struct ex_line *l,
                      struct ex_words *w)
{
	char id[32];
	struct kp_rec_line rec = {
		.page = pg->number, .block = item_id(id, sizeof(id), 'b', l->block),
		.box = l->box, .size = l->size, .bold = l->bold, .italic = l->italic,
		.space_after = l->space_after,
		.ocr = l->ocr, .conf = l->conf, .text = l->text,
	};

	kp_put_line(fp, &rec);
	ex_line_words(l, w);
	emit_words(fp, pg, w);
}

static void emit_block(FILE *fp, const struct ex_page *pg, size_t i, struct ex_words *w)
{
	const struct ex_block *b = &pg->blocks[i];
	char id[32];
	struct kp_rec_block rec = {
		.page = pg->number, .id = item_id(id, sizeof(id), 'b', (long)i),
		.box = b->box, .furniture = b->role == EX_FURNITURE,
	};

	kp_put_block(fp, &rec);
	for (size_t j = b->first_line; j < b->first_line + b->nlines && j < pg->nlines; j++)
		emit_line(fp, pg, &pg->lines[j], w);
}

/* Does the horizontal rule r set off a running header or footer: does it
 * run under a furniture block (or over one) at most FURNITURE_GAP points
 * away, overlapping it across?  Such a rule is the page's, not a table's. */
static int furniture_rule(const struct ex_page *pg, const struct kp_box *r)
{
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct kp_box *b = &pg->blocks[i].box;

		if (pg->blocks[i].role != EX_FURNITURE || r->x1 <= b->x0 || r->x0 >= b->x1)
			continue;
		if ((r->y0 >= b->y1 && r->y0 - b->y1 <= FURNITURE_GAP) ||
		    (r->y1 <= b->y0 && b->y0 - r->y1 <= FURNITURE_GAP))
			return 1;
	}
	return 0;
}

/* Is the edge of box at height y ruled: do horizontal rules run along it
 * over a fifth of its width or more?  (A page break through a row leaves
 * the edge wholly open; a cell spanning rows over the break leaves the
 * rules under its neighbours.)  A rule counts from `outside` points beyond
 * the edge (a table found from alignment ends at its text, a little inside
 * its rules) to 2 points within it; outside is negative above the box. */
static int edge_ruled(const struct ex_page *pg, const struct kp_box *box, double y,
                      double outside)
{
	double lo = outside < 0 ? y + outside : y - 2, hi = outside < 0 ? y + 2 : y + outside;
	double covered = 0;

	for (size_t i = 0; i < pg->nrules; i++) {
		const struct kp_box *r = &pg->rules[i].box;
		double mid = (r->y0 + r->y1) / 2;
		double x0 = r->x0 > box->x0 ? r->x0 : box->x0, x1 = r->x1 < box->x1 ? r->x1 : box->x1;

		if (r->x1 - r->x0 > r->y1 - r->y0 && mid >= lo && mid <= hi && x1 > x0 &&
		    !furniture_rule(pg, r))
			covered += x1 - x0;
	}
	return covered >= 0.2 * (box->x1 - box->x0);
}

static void emit_table(FILE *fp, const struct ex_page *pg, size_t i, struct ex_words *w)
{
	const struct ex_table *t = &pg->tables[i];
	char id[32], image[32];
	struct kp_rec_table rec = {
		.page = pg->number, .id = item_id(id, sizeof(id), 't', (long)i), .box = t->box,
		.rows = t->rows, .cols = t->cols, .ocr = t->ocr, .conf = t->conf,
		.image = item_id(image, sizeof(image), 'i', t->image),
		.top_ruled = edge_ruled(pg, &t->box, t->box.y0, -EDGE_RULE_GAP),
		.bottom_ruled = edge_ruled(pg, &t->box, t->box.y1, EDGE_RULE_GAP),
	};

	kp_put_table(fp, &rec);
	for (size_t j = 0; j < t->ncells; j++) {
		const struct ex_cell *c = &t->cells[j];
		struct kp_rec_cell cell = {
			.page = pg->number, .table = id, .row = c->row, .col = c->col,
			.rowspan = c->rowspan, .colspan = c->colspan, .box = c->box,
			.shaded = c->shaded, .ocr = c->ocr, .conf = c->conf, .text = c->text,
		};

		kp_put_cell(fp, &cell);
		ex_cell_words(c, w);
		emit_words(fp, pg, w);
	}
}

static enum kp_image_use image_use(enum ex_image_use use)
{
	switch (use) {
	case EX_IMG_OCR_TABLE: return KP_USE_OCR_TABLE;
	case EX_IMG_OCR_TEXT: return KP_USE_OCR_TEXT;
	default: return KP_USE_FIGURE;
	}
}

const char *ex_image_use_name(enum ex_image_use use)
{
	return kp_image_use_name(image_use(use));
}

static void emit_image(FILE *fp, const struct ex_page *pg, size_t i)
{
	const struct ex_image *im = &pg->images[i];
	char id[32];
	struct kp_rec_image rec = {
		.page = pg->number, .id = item_id(id, sizeof(id), 'i', (long)i), .box = im->box,
		.pxw = im->pxw, .pxh = im->pxh, .use = image_use(im->use),
	};

	kp_put_image(fp, &rec);
}

/* Contract: writes page, rule, fill records, then the items of pg->order
 * (each block with its lines, each table with its cells, each line and
 * cell with its words), then lines that
 * belong to no block, then endpage.  Lines of a block are
 * pg->lines[first_line .. first_line + nlines). */
void ex_emit_page(FILE *fp, const struct ex_page *pg)
{
	struct kp_rec_page page = {
		.n = pg->number, .width = pg->width, .height = pg->height, .rotate = pg->rotate,
		.ocr = pg->source == EX_SRC_OCR, .reason = pg->reason,
	};
	struct kp_rec_endpage end = {pg->number, pg->glyphs, pg->unmapped};
	struct ex_words words = {0};

	kp_put_page(fp, &page);
	for (size_t i = 0; i < pg->nrules; i++) {
		struct kp_rec_rule rule = {pg->number, pg->rules[i].box};

		kp_put_rule(fp, &rule);
	}
	for (size_t i = 0; i < pg->nfills; i++) {
		struct kp_rec_fill fill = {pg->number, pg->fills[i].box, pg->fills[i].gray};

		kp_put_fill(fp, &fill);
	}
	for (size_t i = 0; i < pg->norder; i++) {
		const struct ex_item *it = &pg->order[i];

		switch (it->kind) {
		case EX_ITEM_BLOCK: emit_block(fp, pg, it->index, &words); break;
		case EX_ITEM_TABLE: emit_table(fp, pg, it->index, &words); break;
		case EX_ITEM_IMAGE: emit_image(fp, pg, it->index); break;
		}
	}
	for (size_t i = 0; i < pg->nlines; i++)
		if (pg->lines[i].block < 0)
			emit_line(fp, pg, &pg->lines[i], &words);
	kp_put_endpage(fp, &end);
	ex_words_release(&words);
}

void ex_emit_end(FILE *fp, int pages)
{
	struct kp_rec_end end = {pages};

	kp_put_end(fp, &end);
}
