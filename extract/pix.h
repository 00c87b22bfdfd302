/*
 * pix.h - private to extract/: pages rendered to Leptonica images, and the
 * strokes (rules) and solid areas (fills) found in such an image, for
 * ocr.c (scans and image tables).  Born-digital pages get theirs from the
 * drawing (graphics.c), by the same measures (EX_RULE_*, EX_FILL_*).
 */
#ifndef EX_PIX_H
#define EX_PIX_H

#include <leptonica/allheaders.h>

#include "extract.h"

/* Render `region` (page points, as displayed) of the page at `dpi` into a
 * new 8 bpp grey Pix on a white background.  The resolution is lowered so
 * the image has at most max_pixels pixels (<= 0: a built-in cap of 10^8).
 * *scale receives points per pixel.  Returns NULL for an empty region or
 * when cairo cannot allocate the surface.  Caller pixDestroy()s. */
PIX *ex_pix_render(PopplerPage *page, const struct kp_box *region, double dpi,
                   long max_pixels, double *scale);

/* Find long thin horizontal and vertical strokes (rules) and large solid
 * non-white areas (fills, with their dominant grey) in an 8 bpp grey image
 * whose pixel (0,0) is at page point (ox,oy) and whose pixels are `scale`
 * points wide.  Strokes shorter than EX_RULE_MIN_PT (text) or thicker
 * than EX_RULE_MAX_PT are not rules.  Appends to out->rules and out->fills, in
 * points; collinear fragments are merged. */
void ex_pix_strokes(PIX *grey, double scale, double ox, double oy, struct ex_page *out);

#endif
