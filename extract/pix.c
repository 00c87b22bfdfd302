/* pix.c - pages to grey Leptonica images; rules and fills found in them. */
#include <math.h>
#include <stdint.h>

#include <cairo.h>

#include "pix.h"

#define RENDER_PIXELS_CAP 100000000L /* when the caller gives no cap */
#define CAIRO_SIDE_MAX 32767          /* cairo's largest image side */

PIX *ex_pix_render(PopplerPage *page, const struct kp_box *region, double dpi,
                   long max_pixels, double *scale)
{
	double wpt = kp_box_width(region), hpt = kp_box_height(region);
	long cap = max_pixels > 0 ? max_pixels : RENDER_PIXELS_CAP;
	cairo_surface_t *surf;
	cairo_t *cr;
	PIX *pix;
	int w, h;

	if (wpt <= 0 || hpt <= 0 || dpi <= 0)
		return NULL;
	if (wpt * hpt * (dpi / 72) * (dpi / 72) > (double)cap)
		dpi = 72 * sqrt((double)cap / (wpt * hpt));
	if (wpt * dpi / 72 > CAIRO_SIDE_MAX)
		dpi = 72.0 * CAIRO_SIDE_MAX / wpt;
	if (hpt * dpi / 72 > CAIRO_SIDE_MAX)
		dpi = 72.0 * CAIRO_SIDE_MAX / hpt;
	w = (int)floor(wpt * dpi / 72);
	h = (int)floor(hpt * dpi / 72);
	if (w < 1 || h < 1)
		return NULL;

	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return NULL;
	}
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, (double)w / wpt, (double)h / hpt);
	cairo_translate(cr, -region->x0, -region->y0);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surf);

	pix = pixCreate(w, h, 8);
	if (pix != NULL) {
		const unsigned char *src = cairo_image_surface_get_data(surf);
		int stride = cairo_image_surface_get_stride(surf);
		l_uint32 *dst = pixGetData(pix);
		int wpl = pixGetWpl(pix);

		for (int y = 0; y < h; y++) {
			const uint32_t *row = (const uint32_t *)(const void *)(src + (size_t)y * stride);
			l_uint32 *line = dst + (size_t)y * wpl;

			for (int x = 0; x < w; x += 4) {
				/* most of a page is paper: 4 white pixels make a word */
				if (x + 4 <= w &&
				    (row[x] & row[x + 1] & row[x + 2] & row[x + 3] & 0xffffff) == 0xffffff) {
					line[x / 4] = 0xffffffffu;
					continue;
				}
				for (int i = x; i < x + 4 && i < w; i++) {
					uint32_t p = row[i];
					unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

					SET_DATA_BYTE(line, i, (r * 299 + g * 587 + b * 114 + 500) / 1000);
				}
			}
		}
		pixSetResolution(pix, (l_int32)lround(dpi), (l_int32)lround(dpi));
	}
	cairo_surface_destroy(surf);
	*scale = wpt / w;
	return pix;
}

/* The most frequent grey level inside box b of an 8 bpp image, and the
 * share of pixels within +-4 of it. */
static int dominant_gray(PIX *grey, BOX *b, double *share)
{
	NUMA *hist = pixGetGrayHistogramInRect(grey, b, 1);
	l_float32 best = -1, total = 0, near = 0;
	int mode = 255;

	if (hist == NULL) {
		*share = 0;
		return 255;
	}
	for (int v = 0; v < 256; v++) {
		l_float32 c = 0;

		numaGetFValue(hist, v, &c);
		total += c;
		if (c > best) {
			best = c;
			mode = v;
		}
	}
	for (int v = mode - 4; v <= mode + 4; v++) {
		l_float32 c = 0;

		if (v >= 0 && v < 256) {
			numaGetFValue(hist, v, &c);
			near += c;
		}
	}
	numaDestroy(&hist);
	*share = total > 0 ? near / total : 0;
	return mode;
}

/* A run of dark pixels: pixels a..b of row (or column) `line`. */
struct run {
	int line, a, b;
};

struct runs {
	struct run *v;
	size_t n, cap;
};

static void add_run(struct runs *r, int line, int a, int b)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = kp_xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	r->v[r->n++] = (struct run){ line, a, b };
}

/* The side of the brick that pixOpenCompBrick[Dwa](k) really opens
 * with: above a few pixels Leptonica composes a brick and a comb whose
 * product is near k, not always k (17 opens with 16, 62 with 63).  Checked
 * against both openings for k up to 260, edges included. */
static int opening_side(int k)
{
	l_int32 s1 = 1, s2 = 1;

	if (k <= 1)
		return 1;
	selectComposableSizes(k, &s1, &s2);
	return s1 * s2;
}

/* The runs of pixels of `grey` darker than EX_RULE_INK at least `len` long,
 * along rows into `rows` and along columns into `cols`, and those darker
 * than EX_FILL_INK at least `flen` long along rows into `frows`: what
 * opening the thresholded image with a len x 1, a 1 x len and (before the
 * vertical step) a flen x flen brick keeps.  White paper, most of a page,
 * is skipped 32 then 4 pixels at a time; column runs are counted per
 * column as the rows go by. */
static void dark_runs(PIX *grey, int len, int flen, struct runs *rows, struct runs *cols,
                      struct runs *frows)
{
	int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
	const l_uint32 *data = pixGetData(grey);
	int *down = kp_xcalloc((size_t)w + 32, sizeof(*down)); /* dark pixels above, per column */
	int *busy = kp_xcalloc((size_t)w / 32 + 1, sizeof(*busy)); /* down[x] > 0 per 32 columns */

	for (int y = 0; y < h; y++) {
		const l_uint32 *line = data + (size_t)y * wpl;
		int start = -1, fstart = -1; /* of the current row runs */

		for (int x32 = 0; x32 < w; x32 += 32) {
			const l_uint32 *g = line + x32 / 4;

			if (x32 + 32 <= w && start < 0 && fstart < 0 && busy[x32 / 32] == 0 &&
			    (g[0] & g[1] & g[2] & g[3] & g[4] & g[5] & g[6] & g[7]) == 0xffffffffu)
				continue;
			for (int x = x32; x < x32 + 32 && x < w; x += 4) {
				if (x + 4 <= w && line[x / 4] == 0xffffffffu && start < 0 && fstart < 0 &&
				    (down[x] | down[x + 1] | down[x + 2] | down[x + 3]) == 0)
					continue;
				for (int i = x; i < x + 4 && i < w; i++) {
					int v = (int)GET_DATA_BYTE(line, i);

					if (v < EX_RULE_INK) {
						if (start < 0)
							start = i;
						if (down[i]++ == 0)
							busy[i / 32]++;
					} else {
						if (start >= 0 && i - start >= len)
							add_run(rows, y, start, i - 1);
						start = -1;
						if (down[i] > 0) {
							if (down[i] >= len)
								add_run(cols, i, y - down[i], y - 1);
							down[i] = 0;
							busy[i / 32]--;
						}
					}
					if (v < EX_FILL_INK) {
						if (fstart < 0)
							fstart = i;
					} else {
						if (fstart >= 0 && i - fstart >= flen)
							add_run(frows, y, fstart, i - 1);
						fstart = -1;
					}
				}
			}
		}
		if (start >= 0 && w - start >= len)
			add_run(rows, y, start, w - 1);
		if (fstart >= 0 && w - fstart >= flen)
			add_run(frows, y, fstart, w - 1);
	}
	for (int x = 0; x < w; x++)
		if (down[x] >= len)
			add_run(cols, x, h - down[x], h - 1);
	free(down);
	free(busy);
}

static int cmp_run(const void *pa, const void *pb)
{
	const struct run *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* A component: its first pixel in raster order and its bounding box. */
struct comp {
	int fy, fx, x0, y0, x1, y1;
};

static int cmp_comp(const void *pa, const void *pb)
{
	const struct comp *a = pa, *b = pb;

	if (a->fy != b->fy)
		return a->fy < b->fy ? -1 : 1;
	return a->fx < b->fx ? -1 : a->fx > b->fx;
}

/* Bounding boxes of the 8-connected components of the pixels of runs r
 * (sorted by line, then start; runs of one line neither overlap nor
 * touch), runs along columns when `vertical`, in the order
 * pixConnCompBB() gives them: by each component's first pixel in raster
 * order.  Same boxes as pixConnCompBB() of an image of those pixels. */
static BOXA *run_boxes(const struct runs *r, int vertical)
{
	size_t n = r->n, *parent = kp_xreallocarray(NULL, n ? n : 1, sizeof(*parent));
	struct comp *c = kp_xreallocarray(NULL, n ? n : 1, sizeof(*c));
	size_t *slot = kp_xreallocarray(NULL, n ? n : 1, sizeof(*slot));
	size_t nc = 0;
	BOXA *boxa = boxaCreate((l_int32)(n ? n : 1));

	for (size_t i = 0; i < n; i++)
		parent[i] = i;
	/* join the runs of each line with those of the next line they touch */
	for (size_t i = 0, j = 0; i < n;) {
		size_t iend = i, jend;

		while (iend < n && r->v[iend].line == r->v[i].line)
			iend++;
		j = jend = iend;
		while (jend < n && r->v[jend].line == r->v[i].line + 1)
			jend++;
		for (size_t p = i, q = j; p < iend && q < jend;) {
			const struct run *a = &r->v[p], *b = &r->v[q];

			if (a->a <= b->b + 1 && b->a <= a->b + 1)
				kp_uf_join(parent, p, q);
			if (a->b < b->b)
				p++;
			else
				q++;
		}
		i = iend;
	}
	for (size_t i = 0; i < n; i++) {
		const struct run *a = &r->v[i];
		size_t root = kp_uf_find(parent, i);
		int x0 = vertical ? a->line : a->a, x1 = vertical ? a->line : a->b;
		int y0 = vertical ? a->a : a->line, y1 = vertical ? a->b : a->line;

		if (root == i) {
			slot[i] = nc;
			c[nc++] = (struct comp){ y0, x0, x0, y0, x1, y1 };
			continue;
		}
		struct comp *k = &c[slot[root]];
		if (y0 < k->fy || (y0 == k->fy && x0 < k->fx)) {
			k->fy = y0;
			k->fx = x0;
		}
		k->x0 = x0 < k->x0 ? x0 : k->x0;
		k->y0 = y0 < k->y0 ? y0 : k->y0;
		k->x1 = x1 > k->x1 ? x1 : k->x1;
		k->y1 = y1 > k->y1 ? y1 : k->y1;
	}
	qsort(c, nc, sizeof(*c), cmp_comp);
	for (size_t i = 0; i < nc; i++)
		boxaAddBox(boxa, boxCreate(c[i].x0, c[i].y0, c[i].x1 - c[i].x0 + 1, c[i].y1 - c[i].y0 + 1),
		           L_INSERT);
	free(parent);
	free(c);
	free(slot);
	return boxa;
}
/* The pixels that opening with a len x len brick keeps of an image of
 * h rows whose row runs at least len long are `rows` (sorted), as row
 * runs into `out`: the squares lying on dark pixels (a run of len rows
 * whose runs share columns) and their union. */
static void square_opening(const struct runs *rows, int len, int h, struct runs *out)
{
	size_t *first = kp_xreallocarray(NULL, (size_t)h + 1, sizeof(*first));
	int *deep = kp_xreallocarray(NULL, (size_t)h + 1, sizeof(*deep));
	struct runs tops = { 0 }, cur = { 0 }, next = { 0 }, row = { 0 };

	/* first[y]: the first run of row y; deep[y]: rows from y down with runs */
	for (size_t i = 0, y = 0; y <= (size_t)h; y++) {
		while (i < rows->n && rows->v[i].line < (int)y)
			i++;
		first[y] = i;
	}
	deep[h] = 0;
	for (int y = h - 1; y >= 0; y--)
		deep[y] = first[y + 1] > first[y] ? deep[y + 1] + 1 : 0;
	/* tops: the columns where a square's top-left corner fits, per row */
	for (int y = 0; y + len <= h; y++) {
		if (deep[y] < len)
			continue;
		cur.n = 0;
		for (size_t i = first[y]; i < first[y + 1]; i++)
			add_run(&cur, y, rows->v[i].a, rows->v[i].b - len + 1);
		for (int j = 1; j < len && cur.n > 0; j++) {
			size_t p = 0, q = first[y + j];

			next.n = 0;
			while (p < cur.n && q < first[y + j + 1]) {
				int a = cur.v[p].a, b = cur.v[p].b;
				int c = rows->v[q].a, d = rows->v[q].b - len + 1;

				if ((a > c ? a : c) <= (b < d ? b : d))
					add_run(&next, y, a > c ? a : c, b < d ? b : d);
				if (b < d)
					p++;
				else
					q++;
			}
			struct runs t = cur;
			cur = next;
			next = t;
		}
		for (size_t i = 0; i < cur.n; i++)
			add_run(&tops, y, cur.v[i].a, cur.v[i].b);
	}
	/* each row of the opening: the union of the squares over it */
	for (size_t lo = 0, hi = 0, y = 0; y < (size_t)h && lo < tops.n; y++) {
		while (hi < tops.n && tops.v[hi].line <= (int)y)
			hi++;
		while (lo < hi && tops.v[lo].line + len <= (int)y)
			lo++;
		if (lo == hi)
			continue;
		row.n = 0;
		for (size_t i = lo; i < hi; i++)
			add_run(&row, (int)y, tops.v[i].a, tops.v[i].b + len - 1);
		qsort(row.v, row.n, sizeof(*row.v), cmp_run);
		for (size_t i = 0; i < row.n;) {
			int a = row.v[i].a, b = row.v[i].b;

			for (i++; i < row.n && row.v[i].a <= b + 1; i++)
				b = row.v[i].b > b ? row.v[i].b : b;
			add_run(out, (int)y, a, b);
		}
	}
	free(first);
	free(deep);
	free(tops.v);
	free(cur.v);
	free(next.v);
	free(row.v);
}

/* Long thin strokes along one direction (runs along columns when
 * `vertical`) become rules. */
static void add_rules(const struct runs *r, int vertical, double scale, double ox, double oy,
                      struct ex_page *out)
{
	BOXA *boxa = run_boxes(r, vertical);
	int n = boxaGetCount(boxa);

	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;
		double thick;

		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		thick = (vertical ? w : h) * scale;
		if (thick > EX_RULE_MAX_PT)
			continue; /* a solid area; fills are found separately */
		struct ex_rule *rule = ex_page_add_rule(out);
		rule->box.x0 = ox + x * scale;
		rule->box.y0 = oy + y * scale;
		rule->box.x1 = ox + (x + w) * scale;
		rule->box.y1 = oy + (y + h) * scale;
	}
	boxaDestroy(&boxa);
}

/* Solid non-white areas of one dominant grey become fills: the opening
 * with a EX_FILL_MIN_PT square (of the row runs `frows`, len long or more)
 * removes text and rules; a dominant grey shared by at least 40% of the
 * area rejects photographs. */
static void add_fills(PIX *grey, const struct runs *frows, int len, double scale, double ox,
                      double oy, struct ex_page *out)
{
	struct runs open = { 0 };
	BOXA *boxa;
	int n;

	square_opening(frows, len, pixGetHeight(grey), &open);
	boxa = run_boxes(&open, 0);
	n = boxaGetCount(boxa);
	for (int i = 0; i < n; i++) {
		BOX *b = boxaGetBox(boxa, i, L_CLONE);
		l_int32 x, y, w, h;
		double share;
		int gray = dominant_gray(grey, b, &share);

		boxGetGeometry(b, &x, &y, &w, &h);
		boxDestroy(&b);
		if (gray >= EX_FILL_INK || share < 0.4)
			continue;
		struct ex_fill *f = ex_page_add_fill(out);
		f->box.x0 = ox + x * scale;
		f->box.y0 = oy + y * scale;
		f->box.x1 = ox + (x + w) * scale;
		f->box.y1 = oy + (y + h) * scale;
		f->gray = gray;
	}
	boxaDestroy(&boxa);
	free(open.v);
}

/* Rules and fills are what opening the thresholded image with bricks of
 * EX_RULE_MIN_PT x 1, 1 x EX_RULE_MIN_PT and EX_FILL_MIN_PT square
 * (pixOpenCompBrickDwa), then pixConnCompBB(8) kept, found instead from
 * runs of dark pixels in one pass over the image: same boxes in the same
 * order, a fraction of the instructions. */
void ex_pix_strokes(PIX *grey, double scale, double ox, double oy, struct ex_page *out)
{
	int len = opening_side((int)ceil(EX_RULE_MIN_PT / scale));
	int flen = opening_side((int)ceil(EX_FILL_MIN_PT / scale));
	struct runs rows = { 0 }, cols = { 0 }, frows = { 0 };

	dark_runs(grey, len, flen, &rows, &cols, &frows);
	if (cols.n > 1)
		qsort(cols.v, cols.n, sizeof(*cols.v), cmp_run);
	add_rules(&rows, 0, scale, ox, oy, out);
	add_rules(&cols, 1, scale, ox, oy, out);
	add_fills(grey, &frows, flen, scale, ox, oy, out);
	ex_grid_merge_rules(out->rules, &out->nrules);
	free(rows.v);
	free(cols.v);
	free(frows.v);
}
