/* layout.c - blocks from lines, and the page's reading order (XY-cut). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

static double line_em(const struct ex_line *l)
{
	double h = kp_box_height(&l->box);

	return l->size >= 2 ? l->size : (h > 0 ? h : 10);
}

static double x_overlap(const struct kp_box *a, const struct kp_box *b)
{
	double l = fmax(a->x0, b->x0), r = fmin(a->x1, b->x1);

	return r - l;
}

/* May line l continue the block whose last line is `last` (box `bb`)?
 * Returns the vertical gap (>= 0, smaller is better) or -1.  Same band
 * zone, same size class, close below, and left-aligned or overlapping by
 * half the narrower width. */
static double joins(const struct ex_page *pg, const struct ex_line *last,
                    const struct kp_box *bb, const struct ex_line *l)
{
	double em = fmax(line_em(last), line_em(l));
	double gap = l->box.y0 - last->box.y1;
	double narrow = fmin(kp_box_width(bb), kp_box_width(&l->box));
	double ov = x_overlap(bb, &l->box);

	if (ex_band_of(pg, &last->box) != ex_band_of(pg, &l->box))
		return -1;
	if (fabs(line_em(last) - line_em(l)) > 0.1 * em + 0.2)
		return -1;
	if (gap > 0.9 * em || gap < -0.3 * em)
		return -1;
	if (ov <= 0)
		return -1;
	if (fabs(l->box.x0 - bb->x0) > 2.5 * em && ov < 0.5 * narrow)
		return -1;
	return fmax(gap, 0);
}

static int line_pos_cmp(const void *pa, const void *pb)
{
	const struct ex_line *a = pa, *b = pb;

	if (a->box.y0 != b->box.y0)
		return a->box.y0 < b->box.y0 ? -1 : 1;
	if (a->box.x0 != b->box.x0)
		return a->box.x0 < b->box.x0 ? -1 : 1;
	return strcmp(a->text ? a->text : "", b->text ? b->text : "");
}

/* Contract: pg->lines sorted top to bottom; each line joins the block
 * whose last line it continues with the smallest gap (see joins()), or
 * starts one.  Sets line->block; blocks get boxes, not yet line ranges. */
static void group_blocks(struct ex_page *pg, size_t **last_line)
{
	size_t cap = 0;

	*last_line = NULL;
	if (pg->nlines == 0)
		return;
	qsort(pg->lines, pg->nlines, sizeof(*pg->lines), line_pos_cmp);
	for (size_t i = 0; i < pg->nlines; i++) {
		struct ex_line *l = &pg->lines[i];
		long best = -1;
		double best_gap = 0;

		for (size_t b = 0; b < pg->nblocks; b++) {
			double g = joins(pg, &pg->lines[(*last_line)[b]], &pg->blocks[b].box, l);

			if (g >= 0 && (best < 0 || g < best_gap)) {
				best = (long)b;
				best_gap = g;
			}
		}
		if (best < 0) {
			if (pg->nblocks == cap) {
				cap = cap ? cap * 2 : 16;
				pg->blocks = kp_xreallocarray(pg->blocks, cap, sizeof(*pg->blocks));
				*last_line = kp_xreallocarray(*last_line, cap, sizeof(**last_line));
			}
			best = (long)pg->nblocks++;
			memset(&pg->blocks[best], 0, sizeof(pg->blocks[best]));
			pg->blocks[best].box = l->box;
		}
		kp_box_union(&pg->blocks[best].box, &l->box);
		(*last_line)[best] = i;
		l->block = (int)best;
	}
}

/* --- XY-cut ------------------------------------------------------------ */

static int item_y_cmp(const void *pa, const void *pb)
{
	const struct ex_item *a = pa, *b = pb;

	if (a->box.y0 != b->box.y0)
		return a->box.y0 < b->box.y0 ? -1 : 1;
	if (a->box.x0 != b->box.x0)
		return a->box.x0 < b->box.x0 ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->index < b->index ? -1 : (a->index > b->index);
}

static int item_x_cmp(const void *pa, const void *pb)
{
	const struct ex_item *a = pa, *b = pb;

	if (a->box.x0 != b->box.x0)
		return a->box.x0 < b->box.x0 ? -1 : 1;
	return item_y_cmp(pa, pb);
}

/* Runs of it[0..n), sorted by x0 (vertical = 0) or y0 (vertical = 1),
 * separated by whitespace across the whole run: writes the start of each
 * run to starts[] and returns their number. */
static size_t runs(const struct ex_item *it, size_t n, int by_y, size_t *starts)
{
	size_t nr = 0;
	double reach = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		double lo = by_y ? it[i].box.y0 : it[i].box.x0;
		double hi = by_y ? it[i].box.y1 : it[i].box.x1;

		if (i == 0 || lo > reach)
			starts[nr++] = i;
		reach = fmax(reach, hi);
	}
	return nr;
}

/* Narrow [*glo, *ghi] (initially the whole axis) to the widest free
 * x-interval of the strip it[0..n) that lies within it; returns 0 (and
 * leaves it alone) when there is none. */
static int gutter_narrow(const struct ex_item *it, size_t n, double *glo, double *ghi)
{
	double best_lo = 0, best_hi = 0, reach;
	struct ex_item *tmp = kp_xreallocarray(NULL, n, sizeof(*tmp));
	int found = 0;

	memcpy(tmp, it, n * sizeof(*tmp));
	qsort(tmp, n, sizeof(*tmp), item_x_cmp);
	reach = tmp[0].box.x1;
	for (size_t i = 1; i < n; i++) {
		double a = fmax(reach, *glo), b = fmin(tmp[i].box.x0, *ghi);

		if (tmp[i].box.x0 > reach && b > a && (!found || b - a > best_hi - best_lo)) {
			best_lo = a;
			best_hi = b;
			found = 1;
		}
		reach = fmax(reach, tmp[i].box.x1);
	}
	free(tmp);
	if (found) {
		*glo = best_lo;
		*ghi = best_hi;
	}
	return found;
}

/* Are the items on each side of the gutter [glo, ghi] together at least
 * min_w wide (columns of text, not a narrow list of labels and values)? */
static int wide_columns(const struct ex_item *it, size_t n, double glo, double ghi,
                        double min_w)
{
	double l0 = INFINITY, l1 = -INFINITY, r0 = INFINITY, r1 = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		if (it[i].box.x1 <= glo) {
			l0 = fmin(l0, it[i].box.x0);
			l1 = fmax(l1, it[i].box.x1);
		} else if (it[i].box.x0 >= ghi) {
			r0 = fmin(r0, it[i].box.x0);
			r1 = fmax(r1, it[i].box.x1);
		}
	}
	return l1 - l0 >= min_w && r1 - r0 >= min_w;
}

/* Contract: order it[0..n) in place.  Cut into horizontal strips at
 * full-width whitespace, top to bottom, merging neighbour strips that
 * continue the same columns (a gutter at the same x, and both sides at
 * least min_col_w wide), so paragraph gaps that happen to line up across
 * columns do not interleave them; a
 * single strip is cut into columns at full-height whitespace, left to
 * right; what cannot be cut is read top to bottom. */
static void xy_cut(struct ex_item *it, size_t n, double min_col_w)
{
	size_t *starts, nr, ng = 0;

	if (n <= 1)
		return;
	starts = kp_xreallocarray(NULL, n + 1, sizeof(*starts));
	qsort(it, n, sizeof(*it), item_y_cmp);
	nr = runs(it, n, 1, starts);
	starts[nr] = n;
	/* merge strips into groups; starts[] is rewritten to group starts */
	for (size_t r = 0; r < nr;) {
		size_t e = r + 1;
		double glo = -INFINITY, ghi = INFINITY;

		if (gutter_narrow(it + starts[r], starts[r + 1] - starts[r], &glo, &ghi))
			while (e < nr && gutter_narrow(it + starts[e], starts[e + 1] - starts[e],
			                               &glo, &ghi))
				e++;
		if (e > r + 1 && !wide_columns(it + starts[r], starts[e] - starts[r], glo, ghi, min_col_w))
			e = r + 1;
		starts[ng++] = starts[r];
		r = e;
	}
	starts[ng] = n;
	if (ng >= 2) {
		for (size_t g = 0; g < ng; g++)
			xy_cut(it + starts[g], starts[g + 1] - starts[g], min_col_w);
	} else {
		qsort(it, n, sizeof(*it), item_x_cmp);
		nr = runs(it, n, 0, starts);
		starts[nr] = n;
		if (nr >= 2) {
			for (size_t c = 0; c < nr; c++)
				xy_cut(it + starts[c], starts[c + 1] - starts[c], min_col_w);
		} else {
			qsort(it, n, sizeof(*it), item_y_cmp);
		}
	}
	free(starts);
}

/* Contract: rewrite pg->lines so that each block's lines are contiguous
 * and blocks are numbered in reading order (pg->order). */
static void renumber(struct ex_page *pg)
{
	struct ex_line *lines = kp_xreallocarray(NULL, pg->nlines ? pg->nlines : 1, sizeof(*lines));
	struct ex_block *blocks = kp_xreallocarray(NULL, pg->nblocks ? pg->nblocks : 1, sizeof(*blocks));
	size_t nl = 0, nb = 0;

	for (size_t k = 0; k < pg->norder; k++) {
		struct ex_item *it = &pg->order[k];
		size_t old = it->index;

		if (it->kind != EX_ITEM_BLOCK)
			continue;
		blocks[nb] = pg->blocks[old];
		blocks[nb].first_line = nl;
		for (size_t i = 0; i < pg->nlines; i++) {
			if (pg->lines[i].block != (int)old)
				continue;
			lines[nl] = pg->lines[i];
			lines[nl++].block = (int)nb;
		}
		blocks[nb].nlines = nl - blocks[nb].first_line;
		it->index = nb++;
	}
	free(pg->lines);
	free(pg->blocks);
	pg->lines = lines;
	pg->blocks = blocks;
	pg->nblocks = nb;
}

void ex_layout_order(struct ex_page *pg)
{
	size_t *last_line = NULL, n;

	free(pg->blocks);
	pg->blocks = NULL;
	pg->nblocks = 0;
	group_blocks(pg, &last_line);
	free(last_line);
	n = pg->nblocks + pg->ntables + pg->nimages;
	free(pg->order);
	pg->order = kp_xreallocarray(NULL, n ? n : 1, sizeof(*pg->order));
	pg->norder = 0;
	for (size_t i = 0; i < pg->nblocks; i++)
		pg->order[pg->norder++] = (struct ex_item){ EX_ITEM_BLOCK, i, pg->blocks[i].box };
	for (size_t i = 0; i < pg->ntables; i++)
		pg->order[pg->norder++] = (struct ex_item){ EX_ITEM_TABLE, i, pg->tables[i].box };
	for (size_t i = 0; i < pg->nimages; i++)
		pg->order[pg->norder++] = (struct ex_item){ EX_ITEM_IMAGE, i, pg->images[i].box };
	xy_cut(pg->order, pg->norder, 0.2 * (pg->width > 0 ? pg->width : 595));
	renumber(pg);
}
