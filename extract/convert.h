/*
 * convert.h - the page converter shared by the sequential loop and the
 * -j workers (jobs.c).  One struct ex_conv per process.
 */
#ifndef CONVERT_H
#define CONVERT_H

#include "extract.h"
#include "drawing.h"

/* Pages kept around: a page and REACH neighbours each side, plus one. */
#define EX_CONV_SLOTS 6

struct ex_conv_slot {
	int number;                 /* page, 0 = empty */
	double crop_w, crop_h;      /* its crop box's size (page_rotation) */
	struct ex_bands bands;
	int has_layer;              /* layer holds the page's content read */
	enum ex_drawn_status read;  /* how reading the layer ended */
	double pixels;              /* the pixels its images declare, each drawing counted */
	size_t outside;             /* glyphs drawn off the page box */
	struct ex_page layer;       /* chars, rules, fills, images until the page is built */
};

struct ex_conv {
	struct ex_doc *doc;
	const struct ex_options *opt;
	enum ex_format fmt;
	struct ex_ocr *ocr;         /* started on first need */
	int ocr_failed;
	int render;                 /* the page being built may be rendered (OCR) */
	double pixels;              /* image pixels of the pages so far (EX_DOC_IMAGE_BUDGET) */
	int late;                   /* --timeout passed and was reported */
	/* The pages this process converts (ex_conv_own): the cache reads their
	 * whole content on first sight, in one render pass with the text, while
	 * other neighbours need only their text. */
	int own_first, own_last;
	const char *share;          /* -j: the workers' directory (ex_bands_save) */
	struct ex_conv_slot slots[EX_CONV_SLOTS];
};

void ex_conv_init(struct ex_conv *cv, struct ex_doc *d, const struct ex_options *opt,
                  enum ex_format fmt);
void ex_conv_release(struct ex_conv *cv);
/* This process converts pages first..last (default: every page). */
void ex_conv_own(struct ex_conv *cv, int first, int last);
/* Convert page p (1-based) and write it to out; *written = 1 when the
 * page's records were written (not when poppler cannot read the page).
 * Returns 0, or KP_EXIT_PARTIAL after a diagnostic. */
int ex_conv_page(struct ex_conv *cv, int p, FILE *out, int *written);

#endif
