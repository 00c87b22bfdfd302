/* pix.c - pages to grey Leptonica images; rules and fills found in them. */
#include <math.h>
#include <stdint.h>

#include <cairo.h>

#include "pix.h"

#define RENDER_PIXELS_CAP 100000000L /* when the caller gives no cap */
#define CAIRO_SIDE_MAX 32767          /* cairo's largest image side */
#define RULE_INK 200                  /* darker than this is ink of a rule */
#define FILL_INK 250                  /* darker than this is not paper */
#define FILL_MIN_PT 12.0              /* a fill is solid over at least this (a ■ glyph is not a fill) */

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

/* pixThresholdToBinary(grey, thresh) for thresh <= 255 (a pixel darker
 * than thresh is 1), with a fast path for runs of white paper, which is
 * most of a page: 32 pixels of 255 at a time. */
static PIX *ink(PIX *grey, int thresh)
{
	int w = pixGetWidth(grey), h = pixGetHeight(grey);
	PIX *bin = pixCreate(w, h, 1);
	const l_uint32 *src = pixGetData(grey);
	l_uint32 *dst;
	int swpl = pixGetWpl(grey), dwpl;

	if (bin == NULL)
		return NULL;
	dst = pixGetData(bin);
	dwpl = pixGetWpl(bin);
	for (int y = 0; y < h; y++) {
		const l_uint32 *sl = src + (size_t)y * swpl;
		l_uint32 *dl = dst + (size_t)y * dwpl;

		for (int x = 0; x < w; x += 32) {
			const l_uint32 *g = sl + x / 4;

			if (x + 32 <= w && (g[0] & g[1] & g[2] & g[3] & g[4] & g[5] & g[6] & g[7]) == 0xffffffffu)
				continue; /* the new Pix is all 0 */
			for (int i = x; i < x + 32 && i < w; i++)
				if ((int)GET_DATA_BYTE(sl, i) < thresh)
					SET_DATA_BIT(dl, i);
		}
	}
	return bin;
}

/* Components of `bin` opened with an hsize x vsize brick, as boxes.  The
 * DWA opening is several times faster and gives the same pixels as the
 * rasterop one for bricks up to 63 (checked on random images of rules
 * and specks, edges included); larger bricks (OCR at high resolution)
 * take the rasterop one, whose decomposition differs. */
static BOXA *opened_boxes(PIX *bin, int hsize, int vsize)
{
	PIX *open = hsize <= 63 && vsize <= 63 ? pixOpenCompBrickDwa(NULL, bin, hsize, vsize)
	                                      : pixOpenCompBrick(NULL, bin, hsize, vsize);
	BOXA *boxa;

	if (open == NULL)
		return NULL;
	boxa = pixConnCompBB(open, 8);
	pixDestroy(&open);
	return boxa;
}

/* Long thin strokes along one direction become rules. */
static void add_rules(PIX *bin, int horizontal, double scale, double ox, double oy,
                      struct ex_page *out)
{
	int k = (int)ceil(EX_RULE_MIN_PT / scale);
	BOXA *boxa = opened_boxes(bin, horizontal ? k : 1, horizontal ? 1 : k);
	int n = boxa ? boxaGetCount(boxa) : 0;

	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;
		double thick;

		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		thick = (horizontal ? h : w) * scale;
		if (thick > EX_RULE_MAX_PT)
			continue; /* a solid area; fills are found separately */
		struct ex_rule *r = ex_page_add_rule(out);
		r->box.x0 = ox + x * scale;
		r->box.y0 = oy + y * scale;
		r->box.x1 = ox + (x + w) * scale;
		r->box.y1 = oy + (y + h) * scale;
	}
	boxaDestroy(&boxa);
}

/* Solid non-white areas of one dominant grey become fills: the opening
 * with a FILL_MIN_PT square removes text and rules; a dominant grey
 * shared by at least 40% of the area rejects photographs. */
static void add_fills(PIX *grey, double scale, double ox, double oy, struct ex_page *out)
{
	int k = (int)ceil(FILL_MIN_PT / scale);
	PIX *bin = ink(grey, FILL_INK);
	BOXA *boxa = bin ? opened_boxes(bin, k, k) : NULL;
	int n = boxa ? boxaGetCount(boxa) : 0;

	for (int i = 0; i < n; i++) {
		BOX *b = boxaGetBox(boxa, i, L_CLONE);
		l_int32 x, y, w, h;
		double share;
		int gray = dominant_gray(grey, b, &share);

		boxGetGeometry(b, &x, &y, &w, &h);
		boxDestroy(&b);
		if (gray >= FILL_INK || share < 0.4)
			continue;
		struct ex_fill *f = ex_page_add_fill(out);
		f->box.x0 = ox + x * scale;
		f->box.y0 = oy + y * scale;
		f->box.x1 = ox + (x + w) * scale;
		f->box.y1 = oy + (y + h) * scale;
		f->gray = gray;
	}
	boxaDestroy(&boxa);
	pixDestroy(&bin);
}

void ex_pix_strokes(PIX *grey, double scale, double ox, double oy, struct ex_page *out)
{
	PIX *bin = ink(grey, RULE_INK);

	if (bin != NULL) {
		add_rules(bin, 1, scale, ox, oy, out);
		add_rules(bin, 0, scale, ox, oy, out);
		pixDestroy(&bin);
	}
	add_fills(grey, scale, ox, oy, out);
	ex_grid_merge_rules(out->rules, &out->nrules);
}
