/*
 * ocr_marks.c - the lead and bullet marks that start lines (■ □ ☑ ● • ○ ◦
 * ◆ ◇ ◈), told by their shape: Tesseract misreads or drops them
 * (docs/ocr-notes.md).  Pure Leptonica, no recognition, so the unit
 * tests draw marks and check what they are read as.
 */
#include <stdint.h>
#include <string.h>

#include "ocr.h"

#define INK_FAINT 180          /* darker than this is ink of thin outlines */

/* Share of ink pixels of a 1 bpp image. */
static double fill_ratio(PIX *bin)
{
	l_int32 n = 0, w = pixGetWidth(bin), h = pixGetHeight(bin);

	pixCountPixels(bin, &n, NULL);
	return w * h > 0 ? (double)n / (w * h) : 0;
}

/* Is there ink in the middle third of a 1 bpp image (a tick in a box)? */
static int ink_inside(PIX *bin)
{
	l_int32 w = pixGetWidth(bin), h = pixGetHeight(bin);

	for (l_int32 y = h / 3; y < h - h / 3; y++)
		for (l_int32 x = w / 3; x < w - w / 3; x++) {
			l_uint32 v = 0;

			pixGetPixel(bin, x, y, &v);
			if (v != 0)
				return 1;
		}
	return 0;
}

/* Does a 1 bpp image hold a hole (white enclosed by ink)? */
static int has_hole(PIX *bin)
{
	PIX *holes = pixHolesByFilling(bin, 4);
	l_int32 n = 0;

	if (holes != NULL)
		pixCountPixels(holes, &n, NULL);
	pixDestroy(&holes);
	return n > 0;
}

/* Number of the four points an eighth (corners) or 0.18 (diagonals) of
 * the way in from the corners of a 1 bpp image that are ink: a square has
 * its corners, a circle or disc its diagonals, a diamond neither. */
static int ink_at(PIX *bin, double inset)
{
	l_int32 w = pixGetWidth(bin), h = pixGetHeight(bin), n = 0;
	l_int32 dx = (l_int32)(inset * w), dy = (l_int32)(inset * h);

	for (int k = 0; k < 4; k++) {
		l_uint32 v = 0;

		pixGetPixel(bin, k & 1 ? w - 1 - dx : dx, k & 2 ? h - 1 - dy : dy, &v);
		n += v != 0;
	}
	return n;
}

/* What a blob at the start of a line is, by its shape: a filled square
 * "■", a square outline "□" (with a tick inside "☑"), a disc "●"/"•", a ring "○" or, smaller than
 * the line's syllables, "◦", a diamond "◆", "◈" (with a diamond inside)
 * or "◇"; NULL for anything else.  `bin` is the blob's bounding box, h the
 * line's text height, gap the space to the next blob: a ring or outline
 * square needs a word space (a quarter of h) after it, else it is the ㅇ
 * of a syllable or a letter; a filled one (no letter looks like it) may
 * nearly touch the next. */
const char *ex_mark_shape(PIX *bin, double h, double gap)
{
	l_int32 w = pixGetWidth(bin), ht = pixGetHeight(bin);
	double fill = fill_ratio(bin);
	int corners = ink_at(bin, 0.125), diagonals = ink_at(bin, 0.18), hole;

	if (w < 0.85 * ht || w > 1.18 * ht)
		return NULL;
	if (fill > 0.86 && corners >= 3)
		return "\u25a0"; /* ■ */
	if (corners > 0 && corners < 3)
		return NULL;
	hole = has_hole(bin);
	if (corners == 0 && diagonals == 0) {
		if (hole)
			return fill > 0.35 ? "\u25c8" : "\u25c7"; /* ◈ ◇ */
		return fill > 0.35 ? "\u25c6" : NULL; /* ◆ */
	}
	if (corners == 0 && diagonals >= 3 && fill > 0.6 && !hole)
		return ht >= 0.6 * h ? "\u25cf" : "\u2022"; /* ● • */
	if (fill > 0.6 || !hole || gap < 0.25 * h)
		return NULL;
	if (corners >= 3)
		return ink_inside(bin) ? "\u2611" : "\u25a1"; /* ☑ □ */
	if (diagonals >= 3)
		return ht > 0.85 * h ? "\u25cb" : "\u25e6"; /* ○ ◦ */
	return NULL;
}

/* Is symbol y of an 8 bpp pix, on a line of text height h, a small
 * filled disc, whatever Tesseract read it as: the item bullet of a table
 * cell, read "ㆍ", "·" or "*"?  Its largest blob of ink decides: 0.15 to
 * 0.5 h across, about as wide as tall, filling its box as a disc does
 * (pi/4; a square fills it all), without a hole.  Too small for
 * ex_mark_shape's corner points, which fall on the same pixels. */
int ex_sym_disc(PIX *pix, const struct ex_sym *y, double h)
{
	BOX *box = boxCreate(y->x0, y->y0, y->x1 - y->x0 + 1, y->y1 - y->y0 + 1);
	PIX *crop = box ? pixClipRectangle(pix, box, NULL) : NULL;
	PIX *bin = crop ? pixThresholdToBinary(crop, EX_INK) : NULL;
	BOXA *blobs = bin ? pixConnCompBB(bin, 8) : NULL;
	l_int32 n = blobs ? boxaGetCount(blobs) : 0, best = -1, area = 0;
	int disc = 0;

	boxDestroy(&box);
	for (l_int32 i = 0; i < n; i++) {
		l_int32 x, yy, w, ht;

		boxaGetBoxGeometry(blobs, i, &x, &yy, &w, &ht);
		if (w * ht > area) {
			area = w * ht;
			best = i;
		}
	}
	if (best >= 0) {
		BOX *b = boxaGetBox(blobs, best, L_CLONE);
		PIX *blob = b ? pixClipRectangle(bin, b, NULL) : NULL;

		if (blob != NULL) {
			l_int32 w = pixGetWidth(blob), ht = pixGetHeight(blob);
			double fill = fill_ratio(blob);

			disc = ht >= 0.15 * h && ht <= 0.5 * h && w >= 0.75 * ht && w <= 1.33 * ht &&
			       fill > 0.6 && fill < 0.9 && !has_hole(blob);
		}
		pixDestroy(&blob);
		boxDestroy(&b);
	}
	boxaDestroy(&blobs);
	pixDestroy(&bin);
	pixDestroy(&crop);
	return disc;
}

/* Is mark (from mark_shape) one drawn with a hole? */
static int hollow_mark(const char *mark)
{
	static const char *const hollow[] = {
		"\u2611", "\u25a1", "\u25cb", "\u25e6", "\u25c8", "\u25c7", NULL,
	};

	for (const char *const *h = hollow; *h != NULL; h++)
		if (strcmp(mark, *h) == 0)
			return 1;
	return 0;
}

/* Is a blob w x ht part of a line of text height h: not a speck of
 * noise, not a rule or a hairline piece of one (a framed lead's box)? */
static int blob_counts(l_int32 w, l_int32 ht, double h)
{
	l_int32 lo = w < ht ? w : ht, hi = w < ht ? ht : w;

	return hi >= 0.15 * h && lo >= 0.05 * h && !(w >= 2 * h && ht < 0.25 * h);
}

/* The lead or bullet mark that starts a text line of pix (text height h,
 * its symbols' ink from x lx on, from y ly0 to ly1), told by its shape
 * rather than by Tesseract, which reads ■ as "圖", "뿔" or "0", ◦ as "O",
 * ◈ as "@", or drops them (docs/ocr-notes.md):
 * the line's leftmost blob of ink, at most 1.6 h left of the first symbol
 * or half an h into it, 0.35 to 1.1 h tall, not thin, nothing but thin
 * strokes (a frame's rule) left of it (ex_mark_shape tells the rest).
 * `ink`: the binarisation threshold.  Returns the mark (a static string)
 * and sets *x0, *x1 to the blob's edges, or NULL. */
static const char *line_mark_at(PIX *pix, int lx, int ly0, int ly1, double h, int ink,
                                int *x0, int *x1)
{
	int cx0, cy0;
	BOX *box;
	BOXA *blobs = NULL;
	PIX *crop = NULL, *bin = NULL, *blob = NULL;
	const char *mark = NULL;
	l_int32 first = -1, bx = 0, by = 0, bw = 0, bh = 0, n;
	double gap = 3 * h;

	if (h < 8)
		return NULL;
	cx0 = lx - (int)(1.6 * h) > 0 ? lx - (int)(1.6 * h) : 0;
	cy0 = ly0 - (int)(0.1 * h) > 0 ? ly0 - (int)(0.1 * h) : 0;
	box = boxCreate(cx0, cy0, lx - cx0 + (int)(2 * h), ly1 + (int)(0.1 * h) - cy0);
	if (box != NULL)
		crop = pixClipRectangle(pix, box, NULL);
	boxDestroy(&box);
	if (crop != NULL)
		bin = pixThresholdToBinary(crop, ink);
	if (bin != NULL)
		blobs = pixConnCompBB(bin, 8);
	n = blobs != NULL ? boxaGetCount(blobs) : 0;
	for (l_int32 i = 0; i < n; i++) {
		l_int32 x, y, w, ht;

		boxaGetBoxGeometry(blobs, i, &x, &y, &w, &ht);
		if (blob_counts(w, ht, h) && w >= 0.25 * h && (first < 0 || x < bx)) {
			first = i;
			bx = x;
			by = y;
			bw = w;
			bh = ht;
		}
	}
	if (first < 0 || bh < 0.35 * h || bh > 1.1 * h || bw < 0.35 * h ||
	    cx0 + bx > lx + 0.5 * h)
		first = -1;
	for (l_int32 i = 0; first >= 0 && i < n; i++) {
		l_int32 x, y, w, ht;

		boxaGetBoxGeometry(blobs, i, &x, &y, &w, &ht);
		if (i == first || !blob_counts(w, ht, h) ||
		    (x >= bx && x + w <= bx + bw && y >= by && y + ht <= by + bh))
			continue; /* noise, a rule, or inside the mark (◈) */
		if (x + w <= bx) {
			if (w >= 0.25 * h)
				first = -1; /* something other than a rule before it */
			continue;
		}
		if (x - (bx + bw) < gap)
			gap = x - (bx + bw);
	}
	box = first >= 0 && gap > -0.05 * h ? boxCreate(bx, by, bw, bh) : NULL;
	if (box != NULL)
		blob = pixClipRectangle(bin, box, NULL);
	boxDestroy(&box);
	if (blob != NULL && (mark = ex_mark_shape(blob, h, gap)) != NULL) {
		*x0 = cx0 + bx;
		*x1 = cx0 + bx + bw;
	}
	pixDestroy(&blob);
	boxaDestroy(&blobs);
	pixDestroy(&bin);
	pixDestroy(&crop);
	return mark;
}

/* The mark that starts a line (line_mark_at): thin outlines (☑ □ ◈ of a
 * fallback font, blurred by a scan) break up at the threshold that keeps
 * a ■ apart from its neighbours, so when none is found there, a fainter
 * threshold is tried for marks with a hole only (a blurred "*" becomes a
 * disc there). */
const char *ex_line_mark(PIX *pix, int x0, int y0, int y1, double h, int *mx0, int *mx1)
{
	const char *mark = line_mark_at(pix, x0, y0, y1, h, EX_INK, mx0, mx1);

	if (mark == NULL) {
		mark = line_mark_at(pix, x0, y0, y1, h, INK_FAINT, mx0, mx1);
		if (mark != NULL && !hollow_mark(mark))
			mark = NULL;
	}
	return mark;
}
