/*
 * graphics.c - rules, fills and images of a born-digital page, from the
 * marks its drawing operators paint (drawing.h), in painting order.
 *
 * What counts is what a reader sees on paper, so the marks are judged as
 * painted: a line or a thin rectangle dark enough to read as ink is a
 * rule, a large solid rectangle that is not paper white is a fill (with
 * its grey), and paint that is light enough to read as paper hides the
 * parts of earlier rules it covers (a white box over a border, a cell
 * background laid over the grid).  A hairline reads in its own colour,
 * however thin: viewers draw it at least one pixel wide.  Duplicated
 * borders (two cells drawing one edge) and dashes are joined by
 * ex_grid_merge_rules().
 */
#include <math.h>
#include <stdlib.h>

#include "extract.h"
#include "drawing.h"

/* Is box b (mostly) inside one of the page's images?  Strokes there
 * belong to the picture: image tables are read by ex_ocr_image. */
static int inside_image(const struct ex_page *pg, const struct kp_box *b)
{
	for (size_t i = 0; i < pg->nimages; i++)
		if (kp_box_overlap(&pg->images[i].box, b) > 0.8)
			return 1;
	return 0;
}

/* Does stroke b run through the page's characters rather than between
 * them?  A line through the middle of the glyph boxes along most of its
 * length (strike-through, or text drawn as strokes) is not a table rule
 * or an underline. */
static int through_glyphs(const struct ex_page *pg, const struct kp_box *b)
{
	int horizontal = kp_box_width(b) >= kp_box_height(b);
	double mid = horizontal ? (b->y0 + b->y1) / 2 : (b->x0 + b->x1) / 2;
	double len = horizontal ? kp_box_width(b) : kp_box_height(b), covered = 0;

	for (size_t i = 0; i < pg->nchars; i++) {
		const struct kp_box *c = &pg->chars[i].box;
		double lo = horizontal ? c->y0 : c->x0, hi = horizontal ? c->y1 : c->x1;
		double a = horizontal ? fmax(c->x0, b->x0) : fmax(c->y0, b->y0);
		double z = horizontal ? fmin(c->x1, b->x1) : fmin(c->y1, b->y1);

		if (z > a && mid > lo + 0.2 * (hi - lo) && mid < hi - 0.2 * (hi - lo))
			covered += z - a;
	}
	return covered > 0.5 * len;
}

/* Light paint `c` hides what it covers of the rules pg->rules[0..n):
 * each rule it crosses from side to side is cut in two (or shortened, or
 * dropped); rules it only grazes stay. */
static void hide_rules(struct ex_page *pg, const struct kp_box *c)
{
	size_t n = pg->nrules;

	for (size_t i = 0; i < n; i++) {
		struct kp_box r = pg->rules[i].box, rest;
		int horizontal = kp_box_width(&r) >= kp_box_height(&r);

		if (horizontal ? (c->y0 > r.y0 || c->y1 < r.y1 || c->x1 <= r.x0 || c->x0 >= r.x1)
		               : (c->x0 > r.x0 || c->x1 < r.x1 || c->y1 <= r.y0 || c->y0 >= r.y1))
			continue;
		rest = r;
		if (horizontal) {
			r.x1 = fmin(r.x1, c->x0);
			rest.x0 = fmax(rest.x0, c->x1);
		} else {
			r.y1 = fmin(r.y1, c->y0);
			rest.y0 = fmax(rest.y0, c->y1);
		}
		pg->rules[i].box = r; /* may be empty: dropped at the end */
		if (horizontal ? rest.x1 > rest.x0 : rest.y1 > rest.y0)
			ex_page_add_rule(pg)->box = rest;
	}
}

/* Drop the fills that paint `c` covers entirely: what shows is c. */
static void hide_fills(struct ex_page *pg, const struct kp_box *c)
{
	size_t n = 0;

	for (size_t i = 0; i < pg->nfills; i++)
		if (!(c->x0 <= pg->fills[i].box.x0 && c->y0 <= pg->fills[i].box.y0 &&
		      c->x1 >= pg->fills[i].box.x1 && c->y1 >= pg->fills[i].box.y1))
			pg->fills[n++] = pg->fills[i];
	pg->nfills = n;
}

void ex_graphics_page(const struct ex_mark *m, size_t nm, struct ex_page *pg)
{
	size_t n = 0;

	for (size_t i = 0; i < nm; i++) {
		const struct ex_mark *k = &m[i];
		struct kp_box b = { k->x0, k->y0, k->x1, k->y1 };
		double w = kp_box_width(&b), h = kp_box_height(&b);

		if (k->kind == EX_MARK_IMAGE) {
			struct ex_image *im = ex_page_add_image(pg);

			im->box = b;
			im->id = (int)pg->nimages;
			im->pxw = k->pxw;
			im->pxh = k->pxh;
			im->use = EX_IMG_FIGURE;
			continue;
		}
		if (pg->nchars == 0)
			continue; /* rules matter only around text; scans get theirs from OCR */
		if (k->gray >= EX_RULE_INK)
			hide_rules(pg, &b);
		if (k->kind == EX_MARK_RECT)
			hide_fills(pg, &b);
		if (fmin(w, h) <= EX_RULE_MAX_PT && k->gray < EX_RULE_INK) {
			ex_page_add_rule(pg)->box = b;
		} else if (k->kind == EX_MARK_RECT && w >= EX_FILL_MIN_PT && h >= EX_FILL_MIN_PT &&
		           k->gray < EX_FILL_INK) {
			struct ex_fill *f = ex_page_add_fill(pg);

			f->box = b;
			f->gray = k->gray;
		}
	}
	ex_grid_merge_rules(pg->rules, &pg->nrules);
	for (size_t i = 0; i < pg->nrules; i++)
		if (!inside_image(pg, &pg->rules[i].box) && !through_glyphs(pg, &pg->rules[i].box))
			pg->rules[n++] = pg->rules[i];
	pg->nrules = n;
	n = 0;
	for (size_t i = 0; i < pg->nfills; i++)
		if (!inside_image(pg, &pg->fills[i].box))
			pg->fills[n++] = pg->fills[i];
	pg->nfills = n;
}
