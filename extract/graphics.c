/*
 * graphics.c - rules, fills and images of a born-digital page.
 *
 * Poppler's glib API gives no vector paths, so rules and fills are found
 * on a rendering of the page (pix.c).  Cost (issue #8): a render at
 * RULES_DPI = 96 of an A4 page is 0.86 Mpx, about 15-40 ms; it is done only
 * when the page has a text layer (rules matter only around text: on a page
 * without chars there is nothing to put in cells, and a scan that is OCR'd
 * gets its rules from the OCR rendering at full resolution instead) and
 * not when OCR is forced for every page.  96 dpi makes one pixel 0.75 pt,
 * well inside the 2 pt grid tolerance, and still shows a 0.25 pt hairline
 * as a grey stroke darker than the ink threshold.
 */
#include <glib.h>

#include "pix.h"

#define RULES_DPI 96.0

/* Is a rendering for rules worth its cost on this page?  See above. */
static int worth_rendering(const struct ex_options *opt, const struct ex_page *pg)
{
	if (opt != NULL && (opt->ocr == EX_OCR_ALWAYS || opt->unsafe_images))
		return 0;
	return pg->nchars > 0;
}

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

void ex_graphics_rules(PopplerPage *page, const struct ex_options *opt, struct ex_page *pg)
{
	struct kp_box all = { 0, 0, 0, 0 };
	struct ex_page tmp;
	GList *mapping;
	double scale;
	PIX *pix;

	if (!worth_rendering(opt, pg))
		return;
	poppler_page_get_size(page, &all.x1, &all.y1);
	pix = ex_pix_render(page, &all, RULES_DPI, opt ? opt->max_pixels : 0, &scale);
	if (pix == NULL)
		return;
	ex_page_init(&tmp, pg->number);
	ex_pix_strokes(pix, scale, 0, 0, &tmp);
	pixDestroy(&pix);

	mapping = poppler_page_get_image_mapping(page);
	for (size_t i = 0; i < tmp.nrules; i++)
		if (!inside_image(mapping, &tmp.rules[i].box))
			*ex_page_add_rule(pg) = tmp.rules[i];
	for (size_t i = 0; i < tmp.nfills; i++)
		if (!inside_image(mapping, &tmp.fills[i].box))
			*ex_page_add_fill(pg) = tmp.fills[i];
	poppler_page_free_image_mapping(mapping);
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
void ex_graphics_images(PopplerPage *page, int decode, struct ex_page *pg)
{
	GList *mapping = poppler_page_get_image_mapping(page);

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
	poppler_page_free_image_mapping(mapping);
}
