/*
 * convert.h - the page converter shared by the sequential loop and the
 * -j workers (jobs.c).  One struct ex_conv per process.
 */
#ifndef CONVERT_H
#define CONVERT_H

#include "extract.h"

/* Pages kept around: a page and REACH neighbours each side, plus one. */
#define EX_CONV_SLOTS 6

struct ex_conv_slot {
	int number;                 /* page, 0 = empty */
	PopplerPage *page;
	struct ex_bands bands;
};

struct ex_conv {
	struct ex_doc *doc;
	const struct ex_options *opt;
	enum ex_format fmt;
	struct ex_ocr *ocr;         /* started on first need */
	int ocr_failed;
	struct ex_conv_slot slots[EX_CONV_SLOTS];
};

void ex_conv_init(struct ex_conv *cv, struct ex_doc *d, const struct ex_options *opt,
                  enum ex_format fmt);
void ex_conv_release(struct ex_conv *cv);
/* Convert page p (1-based) and write it to out; *written = 1 when the
 * page's records were written (not when poppler cannot read the page).
 * Returns 0, or KP_EXIT_PARTIAL after a diagnostic. */
int ex_conv_page(struct ex_conv *cv, int p, FILE *out, int *written);

#endif
