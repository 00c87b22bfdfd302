/* convert.c - the per-page driver: text layer, graphics, tables, OCR,
 * reading order, furniture, and the writer. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "convert.h"
#include "drawing.h"
#include "kp_stream.h"

/* Neighbour pages whose band lines a page's furniture is compared with. */
#define REACH 2
/* Suspect lines of a text layer read by OCR to decide whether it lies. */
#define TRUST_LINES 3

void ex_conv_init(struct ex_conv *cv, struct ex_doc *d, const struct ex_options *opt,
                  enum ex_format fmt)
{
	memset(cv, 0, sizeof(*cv));
	cv->doc = d;
	cv->opt = opt;
	cv->fmt = fmt;
	ex_conv_own(cv, 1, INT_MAX);
}

void ex_conv_own(struct ex_conv *cv, int first, int last)
{
	cv->own_first = first;
	cv->own_last = last;
}

static int own(const struct ex_conv *cv, int q)
{
	return q >= cv->own_first && q <= cv->own_last;
}

static void slot_empty(struct ex_conv_slot *s)
{
	ex_bands_release(&s->bands);
	ex_page_release(&s->layer);
	s->has_layer = 0;
	s->read = EX_DRAWN_OK;
	s->pixels = 0;
	s->outside = 0;
	s->number = 0;
}

void ex_conv_release(struct ex_conv *cv)
{
	for (size_t i = 0; i < EX_CONV_SLOTS; i++)
		slot_empty(&cv->slots[i]);
	if (cv->ocr != NULL)
		ex_ocr_free(cv->ocr);
	memset(cv, 0, sizeof(*cv));
}

double ex_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Contract: what the page shows before any grouping, into pg (initialised,
 * with its size), from one pass over the page (drawing.cc) within
 * --page-timeout and --timeout: chars, then with EX_READ_ALL rules, fills
 * and images (graphics.c), and in *pixels what its images declare, every
 * drawing counted, in *outside the glyphs drawn off the page box.
 * Returns how the pass ended. */
static enum ex_drawn_status read_layer(struct ex_conv *cv, enum ex_read what, struct ex_page *pg,
                                       double *pixels, size_t *outside)
{
	const struct ex_options *opt = cv->opt;
	double deadline = opt->page_timeout > 0 ? ex_now() + opt->page_timeout : 0;
	struct ex_drawn d = { 0 };
	enum ex_drawn_status st;

	if (opt->deadline > 0 && (deadline == 0 || opt->deadline < deadline))
		deadline = opt->deadline;
	ex_drawing_limits(cv->doc->drawing, deadline, opt->max_pixels);
	st = ex_drawing_read(cv->doc->drawing, pg->number, what, &d);
	*pixels = 0;
	if (st != EX_DRAWN_FAILED) {
		ex_text_chars(d.glyphs, d.nglyphs, pg);
		ex_graphics_page(d.marks, d.nmarks, pg);
		for (size_t i = 0; i < d.nmarks; i++)
			if (d.marks[i].kind == EX_MARK_IMAGE)
				*pixels += (double)d.marks[i].pxw * d.marks[i].pxh;
	}
	*outside = d.outside;
	ex_drawn_release(&d);
	return st;
}

/* Read what page s shows into s->layer (read_layer, EX_READ_ALL) and group
 * its characters into the layer's lines: the page's lines when no table
 * takes characters from them (build_page), and its band lines. */
static void read_own(struct ex_conv *cv, struct ex_conv_slot *s)
{
	s->read = read_layer(cv, EX_READ_ALL, &s->layer, &s->pixels, &s->outside);
	ex_text_lines(s->layer.chars, s->layer.nchars, &s->layer);
	s->has_layer = 1;
}

/* The cache slot of page q (1-based) while converting page p, filled on
 * first use: the page's size, its band lines and, for a page this process
 * converts, its layer and lines (read_own), so each page is read and its
 * lines made once.  Among -j
 * workers (cv->share) the band lines of a page another converts come from
 * its file when it has saved them, and those of this worker's pages are
 * saved.  Evicts an
 * empty slot or the one farthest from p outside p's neighbourhood, so the
 * slots of p's neighbours stay valid.  NULL when poppler cannot load the
 * page. */
static struct ex_conv_slot *slot_of(struct ex_conv *cv, int q, int p)
{
	struct ex_conv_slot *s = NULL;
	struct ex_page text;
	double w = 0, h = 0;

	for (size_t i = 0; i < EX_CONV_SLOTS; i++)
		if (cv->slots[i].number == q)
			return &cv->slots[i];
	for (size_t i = 0; i < EX_CONV_SLOTS; i++) {
		struct ex_conv_slot *c = &cv->slots[i];

		if (c->number == 0) {
			s = c;
			break;
		}
		if (abs(c->number - p) > REACH && (s == NULL || abs(c->number - p) > abs(s->number - p)))
			s = c;
	}
	slot_empty(s);
	if (ex_drawing_page_size(cv->doc->drawing, q, &w, &h, &s->crop_w, &s->crop_h) != 0)
		return NULL;
	s->number = q;
	ex_page_init(&s->layer, q);
	s->layer.width = w;
	s->layer.height = h;
	if (own(cv, q)) {
		read_own(cv, s);
		ex_bands_of(&s->layer, &s->bands);
		if (cv->share != NULL)
			ex_bands_save(cv->share, &s->bands);
	} else if (cv->share != NULL && ex_bands_load(cv->share, q, &s->bands) == 0) {
		return s; /* another worker's page: it saved its bands */
	} else {
		double pixels;
		size_t outside;

		ex_page_init(&text, q);
		text.width = w;
		text.height = h;
		read_layer(cv, EX_READ_TEXT, &text, &pixels, &outside);
		ex_text_lines(text.chars, text.nchars, &text);
		ex_bands_of(&text, &s->bands);
		ex_page_release(&text);
	}
	return s;
}

/* The OCR engine, started on first need; NULL when it cannot start. */
static struct ex_ocr *ocr_engine(struct ex_conv *cv)
{
	if (cv->ocr == NULL && !cv->ocr_failed) {
		cv->ocr = ex_ocr_new(cv->opt, cv->doc);
		cv->ocr_failed = cv->ocr == NULL;
	}
	return cv->ocr;
}

/* The OCR engine with page p as it renders in *pp; NULL when either
 * cannot be had (said why). */
static struct ex_ocr *ocr_page(struct ex_conv *cv, int p, PopplerPage **pp)
{
	struct ex_ocr *ocr = ocr_engine(cv);

	*pp = ocr != NULL ? ex_ocr_pdf_page(ocr, p) : NULL;
	return *pp != NULL ? ocr : NULL;
}

/* Drop what the text layer gave (lines, tables, chars) and the images that
 * are the page's own scan, before OCR reads the page. */
static void forget_text(struct ex_page *pg)
{
	struct ex_page keep;
	double area = pg->width * pg->height;
	size_t ni = 0;

	ex_page_init(&keep, pg->number);
	keep.rules = pg->rules, keep.nrules = pg->nrules;
	keep.fills = pg->fills, keep.nfills = pg->nfills;
	for (size_t i = 0; i < pg->nimages; i++)
		if (kp_box_width(&pg->images[i].box) * kp_box_height(&pg->images[i].box) < 0.5 * area)
			pg->images[ni++] = pg->images[i];
	keep.images = pg->images, keep.nimages = ni;
	keep.width = pg->width, keep.height = pg->height, keep.rotate = pg->rotate;
	keep.glyphs = pg->glyphs, keep.unmapped = pg->unmapped;
	pg->rules = NULL, pg->nrules = 0;
	pg->fills = NULL, pg->nfills = 0;
	pg->images = NULL, pg->nimages = 0;
	ex_page_release(pg);
	*pg = keep;
}

/* An image worth reading: a fair part of the page and enough pixels,
 * and not already covered by text-layer characters. */
static int image_wants_ocr(const struct ex_page *pg, const struct ex_image *im)
{
	double w = kp_box_width(&im->box), h = kp_box_height(&im->box);
	size_t inside = 0;

	if (w < 0.25 * pg->width || h < 0.04 * pg->height || im->pxw < 200 || im->pxh < 40)
		return 0;
	for (size_t i = 0; i < pg->nchars; i++)
		inside += kp_box_contains_point(&im->box, (pg->chars[i].box.x0 + pg->chars[i].box.x1) / 2,
		                                (pg->chars[i].box.y0 + pg->chars[i].box.y1) / 2);
	return inside < 5;
}

/* The one place that decides what OCR reads of page pg (its text layer
 * read into lines): returns why the whole page is read by OCR instead, or
 * NULL to keep its text layer.  --ocr=auto: a page without text but with
 * pictures (a scan), a layer of garbage, or one in a font that lies
 * (trust.c) on half the page's lines or more; when the lying lines are
 * fewer, only they are read again here, and pg->reason says why while
 * the page's source stays text.  *rc becomes KP_EXIT_PARTIAL when that
 * reading failed. */
static const char *hand_off(struct ex_conv *cv, struct ex_page *pg, int *rc)
{
	size_t suspects[TRUST_LINES], n, nf;
	unsigned fonts[TRUST_LINES];
	const char *reason;
	struct ex_ocr *ocr;
	PopplerPage *pp;

	if (!cv->render)
		return NULL;
	if (cv->opt->ocr == EX_OCR_ALWAYS)
		return "forced";
	if (cv->opt->ocr != EX_OCR_AUTO)
		return NULL;
	if (pg->glyphs == 0 && pg->nimages > 0)
		return "no-text";
	if ((reason = ex_text_garbage(pg)) != NULL)
		return reason;
	n = ex_trust_suspects(pg, suspects, TRUST_LINES);
	if (n == 0 || (ocr = ocr_page(cv, pg->number, &pp)) == NULL ||
	    (nf = ex_trust_liars(ocr, pp, pg, suspects, n, fonts)) == 0)
		return NULL;
	if (2 * ex_trust_count(pg, fonts, nf) >= pg->nlines)
		return "implausible-text";
	pg->reason = "implausible-text";
	if (ex_trust_reread(ocr, pp, pg, fonts, nf) != 0)
		*rc = KP_EXIT_PARTIAL; /* ocr.c said why */
	return NULL;
}

/* Contract: the page's content model up to reading order, from its layer
 * and the lines of all its characters (read_own) in pg; returns 0 or
 * KP_EXIT_PARTIAL after a diagnostic (OCR failed: the page is still
 * complete as far as the text layer goes). */
static int build_page(struct ex_conv *cv, struct ex_page *pg)
{
	const struct ex_options *opt = cv->opt;
	struct ex_char *rest;
	size_t nrest = 0;
	const char *reason;
	int rc = 0;

	ex_grid_tables(pg);
	ex_align_tables(pg);
	rest = ex_grid_fill_cells(pg, &nrest);
	if (nrest < pg->nchars) { /* tables took some: the lines of the rest */
		ex_page_drop_lines(pg);
		ex_text_lines(rest, nrest, pg);
	}
	free(rest);
	reason = hand_off(cv, pg, &rc);
	if (reason != NULL) {
		PopplerPage *pp;
		struct ex_ocr *ocr = ocr_page(cv, pg->number, &pp);

		forget_text(pg);
		pg->source = EX_SRC_OCR;
		pg->reason = reason;
		if (ocr == NULL || ex_ocr_page(ocr, pp, pg) != 0)
			rc = KP_EXIT_PARTIAL; /* ocr.c said why */
	} else if (opt->ocr == EX_OCR_AUTO && cv->render) {
		for (size_t i = 0; i < pg->nimages; i++) {
			PopplerPage *pp;
			struct ex_ocr *ocr;

			if (!image_wants_ocr(pg, &pg->images[i]))
				continue;
			ocr = ocr_page(cv, pg->number, &pp);
			if (ocr == NULL || ex_ocr_image(ocr, pp, pg, i) != 0)
				rc = KP_EXIT_PARTIAL; /* ocr.c said why */
		}
	}
	ex_layout_order(pg);
	return rc;
}

/* The rotation as far as the displayed size shows it: 90 when it is the
 * crop box (cw x ch) turned, else 0. */
static int page_rotation(double cw, double ch, double w, double h)
{
	return fabs(cw - h) < 0.5 && fabs(ch - w) < 0.5 && fabs(w - h) >= 0.5 ? 90 : 0;
}

/* Contract: whether the page's reading was cut short or its images are
 * over the budgets (its layer read in s), said once each; sets
 * cv->render.  Returns 0 or KP_EXIT_PARTIAL. */
static int check_budgets(struct ex_conv *cv, const struct ex_conv_slot *s)
{
	const struct ex_options *opt = cv->opt;
	double page_budget = (double)EX_PAGE_IMAGE_BUDGET * opt->max_pixels;
	double doc_budget = (double)EX_DOC_IMAGE_BUDGET * opt->max_pixels / (opt->jobs > 1 ? opt->jobs : 1);
	int rc = 0;

	if (s->read == EX_DRAWN_LATE) {
		if (opt->deadline > 0 && ex_now() >= opt->deadline)
			kp_warn(cv->doc->name, s->number, "--timeout of %g s passed while reading the"
			        " page: the rest of it is left out", opt->timeout);
		else
			kp_warn(cv->doc->name, s->number, "reading the page took more than %g s"
			        " (--page-timeout): the rest of it is left out", opt->page_timeout);
		rc = KP_EXIT_PARTIAL;
	} else if (s->read == EX_DRAWN_CROWDED) {
		kp_warn(cv->doc->name, s->number, "more than %d separate words: the text after them"
		        " is left out", EX_DRAWING_WORDS);
		rc = KP_EXIT_PARTIAL;
	}
	if (s->outside > 0)
		kp_warn(cv->doc->name, s->number, "%zu characters drawn off the page box (%g x %g pt)"
		        " are left out", s->outside, s->layer.width, s->layer.height);
	cv->render = opt->ocr != EX_OCR_NEVER;
	if (!cv->render)
		return rc;
	if (s->pixels > page_budget || cv->pixels + s->pixels > doc_budget) {
		kp_warn(cv->doc->name, s->number, "its images declare %.0f pixels, over the %s budget"
		        " of %.0f: the page is not rendered (no OCR)", s->pixels,
		        s->pixels > page_budget ? "page's" : "document's",
		        s->pixels > page_budget ? page_budget : doc_budget - cv->pixels);
		cv->render = 0;
		return KP_EXIT_PARTIAL;
	}
	cv->pixels += s->pixels;
	return rc;
}

int ex_conv_page(struct ex_conv *cv, int p, FILE *out, int *written)
{
	struct ex_conv_slot *s;
	struct ex_bands nb[2 * REACH];
	size_t nnb = 0;
	struct ex_page pg;
	int rc, budget;

	*written = 0;
	if (cv->opt->deadline > 0 && ex_now() > cv->opt->deadline) {
		if (!cv->late)
			kp_warn(cv->doc->name, p, "--timeout of %g s passed: this page and the ones"
			        " after it are not converted", cv->opt->timeout);
		cv->late = 1;
		return KP_EXIT_PARTIAL;
	}
	s = slot_of(cv, p, p);
	if (s == NULL) {
		kp_warn(cv->doc->name, p, "cannot read the page");
		return KP_EXIT_PARTIAL;
	}
	if (!(s->layer.width > 0 && s->layer.width < KP_PAGE_MAX && s->layer.height > 0 &&
	      s->layer.height < KP_PAGE_MAX)) {
		kp_warn(cv->doc->name, p, "page of %g x %g pt: a side must be more than 0 and less"
		        " than %g pt (kplayout(5))", s->layer.width, s->layer.height, KP_PAGE_MAX);
		return KP_EXIT_PARTIAL;
	}
	if (!s->has_layer)
		read_own(cv, s);
	budget = check_budgets(cv, s);
	pg = s->layer; /* the page takes the layer over */
	ex_page_init(&s->layer, p);
	s->has_layer = 0;
	pg.rotate = page_rotation(s->crop_w, s->crop_h, pg.width, pg.height);
	rc = build_page(cv, &pg);
	if (budget > rc)
		rc = budget;
	for (int q = p - REACH; q <= p + REACH; q++) {
		struct ex_conv_slot *ns;

		if (q >= 1 && q <= cv->doc->pages && q != p && (ns = slot_of(cv, q, p)) != NULL)
			nb[nnb++] = ns->bands; /* shallow: slots of p's neighbours stay put */
	}
	ex_furniture_mark(&pg, nb, nnb);
	if (cv->fmt == EX_FMT_TREE)
		ex_tree_page(out, &pg);
	else
		ex_emit_page(out, &pg);
	*written = 1;
	ex_page_release(&pg);
	return rc;
}
