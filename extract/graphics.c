/*
 * graphics.c - rules, fills and images of a born-digital page.
 *
 * Poppler's glib API gives no vector paths, so rules and fills are found
 * on a rendering of the page (pix.c) at RULES_DPI = 96: one pixel is
 * 0.75 pt, well inside the 2 pt grid tolerance, and a 0.25 pt hairline
 * still shows as a grey stroke darker than the ink threshold.
 *
 * Cost (issue #8).  Every poppler-glib call that looks at a page's content
 * (text, render, image mapping, each image) is a pass of its own over the
 * content stream, and each pass loads the page's fonts again; passes are
 * what a born-digital page costs.  So the page is rendered FIRST: a
 * non-printing poppler_page_render() fills the page's text layer as a side
 * effect, and ex_text_chars() after it needs no pass of its own; the one
 * image mapping serves both the rules (strokes inside pictures are not
 * rules) and the images.  A page reads in 2 passes plus one per image.
 * Rules matter only around text (on a page without chars there is nothing
 * to put in cells, and a scan that is OCR'd gets its rules from the OCR
 * rendering at full resolution), so a page that turns out to have no text
 * wastes its render: cheap next to the OCR it then gets.  No render when
 * OCR is forced for every page or when the file declares an image too big
 * to decode (ex_options.unsafe_images).
 */
#include <glib.h>
#include <math.h>

#include "pix.h"

#define RULES_DPI 96.0

/* Is box b (mostly) inside one of the page's image areas?  Strokes found
 * there belong to the picture: image tables are read by ex_ocr_image.
 * Image mapping areas are in points with the origin at the top left. */
static int inside_image(GList *mapping, const struct kp_box *b)
{
	for (GList *l = mapping; l != NULL; l = l->next) {
		const PopplerImageMapping *m = l->data;
		struct kp_box im = { m->area.x1, m->area.y1, m->area.x2, m->area.y2 };

		if (kp_box_overlap(&im, b) > 0.8)
			return 1;
	}
	return 0;
}

/* Does stroke b run through the page's characters rather than between
 * them?  On a render, the horizontal strokes of a run of glyphs (bold
 * Hangul: 급, 축, 공) can join into a "rule"; such a stroke crosses the
 * middle of the glyph boxes along most of its length, where a table rule
 * or an underline never does. */
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

struct Pix *ex_graphics_render(PopplerPage *page, const struct ex_options *opt, double *scale)
{
	struct kp_box all = { 0, 0, 0, 0 };

	if (opt->ocr == EX_OCR_ALWAYS || opt->unsafe_images)
		return NULL;
	poppler_page_get_size(page, &all.x1, &all.y1);
	return ex_pix_render(page, &all, RULES_DPI, opt->max_pixels, scale);
}

void ex_graphics_rules(struct Pix *pix, double scale, GList *mapping, struct ex_page *pg)
{
	struct ex_page tmp;

	if (pix == NULL || pg->nchars == 0)
		return;
	ex_page_init(&tmp, pg->number);
	ex_pix_strokes(pix, scale, 0, 0, &tmp);
	for (size_t i = 0; i < tmp.nrules; i++)
		if (!inside_image(mapping, &tmp.rules[i].box) && !through_glyphs(pg, &tmp.rules[i].box))
			*ex_page_add_rule(pg) = tmp.rules[i];
	for (size_t i = 0; i < tmp.nfills; i++)
		if (!inside_image(mapping, &tmp.fills[i].box))
			*ex_page_add_fill(pg) = tmp.fills[i];
	ex_page_release(&tmp);
}

/*
 * Pixel sizes come from decoding each image once with poppler_page_get_image
 * (the surface is freed at once).  Limitation: poppler-glib cannot tell an
 * image's declared size without decoding it, so a decompression bomb (a
 * 30000x30000 image on a small page) would be decoded in full here.  So
 * when `decode` is 0 (the file declares an image over the pixel cap, see
 * ex_options.unsafe_images) no image is decoded and pixel sizes stay 0.
 * Rendering is no safer: poppler decodes such an image in full there too.
 */
void ex_graphics_images(PopplerPage *page, GList *mapping, int decode, struct ex_page *pg)
{
	for (GList *l = mapping; l != NULL; l = l->next) {
		const PopplerImageMapping *m = l->data;
		struct ex_image *im = ex_page_add_image(pg);
		cairo_surface_t *surf;

		im->id = m->image_id;
		im->box.x0 = m->area.x1;
		im->box.y0 = m->area.y1;
		im->box.x1 = m->area.x2;
		im->box.y1 = m->area.y2;
		im->use = EX_IMG_FIGURE;
		surf = decode ? poppler_page_get_image(page, m->image_id) : NULL;
		if (surf != NULL) {
			if (cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS &&
			    cairo_surface_get_type(surf) == CAIRO_SURFACE_TYPE_IMAGE) {
				im->pxw = cairo_image_surface_get_width(surf);
				im->pxh = cairo_image_surface_get_height(surf);
			}
			cairo_surface_destroy(surf);
		}
	}
}
