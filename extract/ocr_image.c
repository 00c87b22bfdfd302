/*
 * ocr_image.c - the images OCR reads, made ready for it: a cell cropped
 * inside its rules on a whitened background, the rules of frames and the
 * areas of tables blanked on a page, a line's rows shrunk to its ink, and
 * the measures (ink, mid-tones) that tell what a picture holds.
 */
#include <math.h>

#include "ocr.h"

#define RULE_TOL 2.0           /* points: rules this close meet at a corner */
#define RULE_LONG 100.0        /* points: a rule this long is no run of text strokes */
#define FAINT_INK 200          /* darker than this is ink, grey print too */

/* Number of ink pixels in an 8 bpp image. */
long ex_ink_pixels(PIX *pix)
{
	PIX *bin = pixThresholdToBinary(pix, EX_INK);
	l_int32 n = 0;

	if (bin != NULL)
		pixCountPixels(bin, &n, NULL);
	pixDestroy(&bin);
	return n;
}

/* Share of ink pixels in row or column k of the crop (w x h). */
static double edge_ink(PIX *pix, int k, int vertical)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), n = 0, len = vertical ? h : w;

	for (int i = 0; i < len; i++) {
		l_uint32 v = 255;

		pixGetPixel(pix, vertical ? k : i, vertical ? i : k, &v);
		n += v < EX_INK;
	}
	return len ? (double)n / len : 0;
}

/* Stretch an 8 bpp image so its most frequent (background) level becomes
 * white: a shaded header cell then reads like paper. */
static void whiten_background(PIX *pix)
{
	NUMA *hist = pixGetGrayHistogram(pix, 1);
	l_int32 bg = 255, w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_float32 best = -1;
	l_uint32 *data = pixGetData(pix);

	if (hist == NULL)
		return;
	for (int v = 0; v < 256; v++) {
		l_float32 c = 0;

		numaGetFValue(hist, v, &c);
		if (c > best) {
			best = c;
			bg = v;
		}
	}
	numaDestroy(&hist);
	if (bg >= 250 || bg < 128)
		return; /* paper already, or dark: white text on a dark fill */
	for (l_int32 y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (l_int32 x = 0; x < w; x++) {
			l_int32 v = GET_DATA_BYTE(line, x) * 255 / bg;

			SET_DATA_BYTE(line, x, v > 255 ? 255 : v);
		}
	}
}

/* Crop the cell rectangle (pixels) inside its rules: start a little
 * inside, then move each edge in while it still crosses a rule (a line of
 * mostly ink); pad with white.  NULL when nothing is left; else (*cx,*cy)
 * is the pixel of pix that the crop's (0,0) is. */
PIX *ex_cell_crop(PIX *pix, int x0, int y0, int x1, int y1, int inset, int *cx, int *cy)
{
	int maxin = 3 * inset + 2;
	BOX *box;
	PIX *crop, *clean, *out;
	int l = 0, r, t = 0, bt;

	x0 += inset;
	y0 += inset;
	x1 -= inset;
	y1 -= inset;
	if (x1 - x0 < 4 || y1 - y0 < 4)
		return NULL;
	box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	crop = pixClipRectangle(pix, box, NULL);
	boxDestroy(&box);
	if (crop == NULL)
		return NULL;
	r = pixGetWidth(crop) - 1;
	bt = pixGetHeight(crop) - 1;
	while (l < maxin && l < r && edge_ink(crop, l, 1) > 0.3) l++;
	while (r > pixGetWidth(crop) - 1 - maxin && r > l && edge_ink(crop, r, 1) > 0.3) r--;
	while (t < maxin && t < bt && edge_ink(crop, t, 0) > 0.3) t++;
	while (bt > pixGetHeight(crop) - 1 - maxin && bt > t && edge_ink(crop, bt, 0) > 0.3) bt--;
	box = boxCreate(l, t, r - l + 1, bt - t + 1);
	clean = pixClipRectangle(crop, box, NULL);
	boxDestroy(&box);
	pixDestroy(&crop);
	if (clean == NULL)
		return NULL;
	whiten_background(clean);
	*cx = x0 + l - EX_CELL_PAD;
	*cy = y0 + t - EX_CELL_PAD;
	out = pixAddBorder(clean, EX_CELL_PAD, 0xff);
	pixDestroy(&clean);
	return out;
}

/* Shrink the rows y0..y1 of the box x0..x1 (pixels of the 8 bpp pix) to
 * the ink inside it, grey print included (FAINT_INK): LSTM symbol boxes
 * are loose (a "(" or a "까" may reach far above or below its line), the
 * ink is not. */
void ex_ink_rows(PIX *pix, int x0, int *y0, int x1, int *y1)
{
	BOX *box = boxCreate(x0, *y0, x1 - x0 + 1, *y1 - *y0 + 1);
	PIX *crop = box ? pixClipRectangle(pix, box, NULL) : NULL;
	PIX *bin = crop ? pixThresholdToBinary(crop, FAINT_INK) : NULL;
	NUMA *rows = bin ? pixCountPixelsByRow(bin, NULL) : NULL;
	l_int32 n = rows ? numaGetCount(rows) : 0, first = -1, last = -1;

	for (l_int32 i = 0; i < n; i++) {
		l_int32 v = 0;

		numaGetIValue(rows, i, &v);
		if (v > 0) {
			first = first < 0 ? i : first;
			last = i;
		}
	}
	if (first >= 0) {
		*y1 = *y0 + last;
		*y0 += first;
	}
	numaDestroy(&rows);
	boxDestroy(&box);
	pixDestroy(&bin);
	pixDestroy(&crop);
}

/* Blank (whiten) page box b, and `pad` pixels around it, in pix. */
static void blank_box(PIX *pix, const struct kp_box *b, int pad, double scale, double ox,
                      double oy)
{
	BOX *box = boxCreate((int)((b->x0 - ox) / scale) - pad, (int)((b->y0 - oy) / scale) - pad,
	                     (int)(kp_box_width(b) / scale) + 2 * pad + 1,
	                     (int)(kp_box_height(b) / scale) + 2 * pad + 1);

	if (box != NULL)
		pixSetInRect(pix, box);
	boxDestroy(&box);
}

/* Does rule r meet another of pg's rules across it at one of its ends (a
 * corner of a frame or a box)? */
static int rule_meets(const struct ex_page *pg, const struct kp_box *r)
{
	int vert = kp_box_height(r) > kp_box_width(r);

	for (size_t i = 0; i < pg->nrules; i++) {
		const struct kp_box *o = &pg->rules[i].box;

		if ((kp_box_height(o) > kp_box_width(o)) == vert)
			continue;
		if (vert && o->x0 <= r->x1 + RULE_TOL && o->x1 >= r->x0 - RULE_TOL &&
		    (fabs(o->y0 - r->y0) <= RULE_TOL || fabs(o->y1 - r->y1) <= RULE_TOL))
			return 1;
		if (!vert && o->y0 <= r->y1 + RULE_TOL && o->y1 >= r->y0 - RULE_TOL &&
		    (fabs(o->x0 - r->x0) <= RULE_TOL || fabs(o->x1 - r->x1) <= RULE_TOL))
			return 1;
	}
	return 0;
}

/* Blank the areas of pg's tables, then its rules, in pix: what is left
 * to read as lines.  A rule left in is read as "|", "-" or "_" beside the
 * text it frames (a boxed article number read "| 02") and hides a framed
 * line's mark (ex_line_mark).  Only rules that are surely not text: the
 * long ones, and those meeting another at a corner; on a scan, the
 * strokes of a few touching syllables ("응용") pass for a short rule. */
void ex_blank_tables_rules(PIX *pix, const struct ex_page *pg, double scale, double ox,
                               double oy)
{
	for (size_t i = 0; i < pg->ntables; i++)
		blank_box(pix, &pg->tables[i].box, 2, scale, ox, oy);
	for (size_t i = 0; i < pg->nrules; i++) {
		const struct kp_box *r = &pg->rules[i].box;

		if (fmax(kp_box_width(r), kp_box_height(r)) >= RULE_LONG || rule_meets(pg, r))
			blank_box(pix, r, 2, scale, ox, oy);
	}
}

/* Does the picture look like a photograph or a drawing rather than text
 * on paper?  Text and tables are mostly paper with some ink; photographs
 * and charts have many mid-tones. */
int ex_photo_like(PIX *pix)
{
	NUMA *hist = pixGetGrayHistogram(pix, 2);
	double total = 0, mid = 0, paper = 0;

	if (hist == NULL)
		return 1;
	for (int v = 0; v < 256; v++) {
		l_float32 c = 0;

		numaGetFValue(hist, v, &c);
		total += c;
		if (v >= 60 && v < 200)
			mid += c;
		if (v >= 200)
			paper += c;
	}
	numaDestroy(&hist);
	return total == 0 || mid / total > 0.25 || paper / total < 0.6;
}
