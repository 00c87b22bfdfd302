/* ocr_load.c - Tesseract and Leptonica loaded only when a page needs OCR.
 *
 * OCR (ocr*.c, pix.c) is built into its own shared object,
 * pdf2text-ocr.so, linked with Tesseract, Leptonica and, to render pages,
 * poppler-glib and cairo; pdf2text itself is not.  Linking them costs every run ~20 ms of dynamic linking (tens of
 * thousands of symbol lookups), as much as converting a small document;
 * most runs (--ocr=never, born-digital pages) never use them.  The entry
 * points of extract.h below load the object on first call and pass on to
 * its functions of the same names; it finds pdf2text's own functions
 * (kp_*, ex_*) because pdf2text exports them (-rdynamic).
 *
 * The object is looked for beside the program (a build tree:
 * build/rel/pdf2text-ocr.so) and then in KP_LIBDIR (an installation):
 * kp_load_object. */
#include <dlfcn.h>

#include "extract.h"

#define OCR_OBJECT "pdf2text-ocr.so"

/* The object's entry points, once loaded. */
static struct {
	int tried;
	struct ex_ocr *(*new_)(const struct ex_options *, const struct ex_doc *);
	PopplerPage *(*pdf_page)(struct ex_ocr *, int);
	void (*free_)(struct ex_ocr *);
	int (*langs_check)(const struct ex_options *);
	int (*page)(struct ex_ocr *, PopplerPage *, struct ex_page *);
	int (*image)(struct ex_ocr *, PopplerPage *, struct ex_page *, size_t);
	char *(*region_text)(struct ex_ocr *, PopplerPage *, int, const struct kp_box *, double *);
} ocr;

/* Load the object once; 0, or -1 when it cannot be (said once). */
static int load(void)
{
	void *h;

	if (ocr.tried)
		return ocr.page != NULL ? 0 : -1;
	ocr.tried = 1;
	if ((h = kp_load_object(OCR_OBJECT, "OCR (Tesseract)")) == NULL)
		return -1;
	*(void **)&ocr.new_ = dlsym(h, "ex_ocr_new");
	*(void **)&ocr.free_ = dlsym(h, "ex_ocr_free");
	*(void **)&ocr.langs_check = dlsym(h, "ex_ocr_langs_check");
	*(void **)&ocr.region_text = dlsym(h, "ex_ocr_region_text");
	*(void **)&ocr.image = dlsym(h, "ex_ocr_image");
	*(void **)&ocr.page = dlsym(h, "ex_ocr_page");
	*(void **)&ocr.pdf_page = dlsym(h, "ex_ocr_pdf_page");
	if (ocr.new_ == NULL || ocr.free_ == NULL || ocr.langs_check == NULL || ocr.pdf_page == NULL ||
	    ocr.region_text == NULL || ocr.image == NULL || ocr.page == NULL) {
		kp_warn(NULL, 0, "cannot load OCR: %s lacks an entry point", OCR_OBJECT);
		ocr.page = NULL;
		return -1;
	}
	return 0; /* kept loaded until exit */
}

struct ex_ocr *ex_ocr_new(const struct ex_options *opt, const struct ex_doc *doc)
{
	return load() == 0 ? ocr.new_(opt, doc) : NULL;
}

PopplerPage *ex_ocr_pdf_page(struct ex_ocr *o, int number)
{
	return ocr.pdf_page(o, number);
}

void ex_ocr_free(struct ex_ocr *o)
{
	if (o != NULL)
		ocr.free_(o); /* o came from a loaded object */
}

int ex_ocr_langs_check(const struct ex_options *opt)
{
	return load() == 0 ? ocr.langs_check(opt) : -1;
}

int ex_ocr_page(struct ex_ocr *o, PopplerPage *page, struct ex_page *pg)
{
	return ocr.page(o, page, pg);
}

int ex_ocr_image(struct ex_ocr *o, PopplerPage *page, struct ex_page *pg, size_t image)
{
	return ocr.image(o, page, pg, image);
}

char *ex_ocr_region_text(struct ex_ocr *o, PopplerPage *page, int number,
                         const struct kp_box *box, double *conf)
{
	return ocr.region_text(o, page, number, box, conf);
}
