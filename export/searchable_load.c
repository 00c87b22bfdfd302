/* searchable_load.c - qpdf loaded only when a run reads the source PDF
 * (--pdf, --source-pdf).
 *
 * searchable.c, the one user of qpdf, is built into its own shared object,
 * issue-export-pdf.so, linked with libqpdf; issue-export itself is not:
 * linking qpdf (and the C++ runtime and GnuTLS it brings) cost every run
 * ~4.5 ms, half of a TEI export of a small issue.  The entry points of
 * export.h below load the object on first call (kp_load_object) and pass
 * on to its functions of the same names; it finds issue-export's own
 * functions (kp_*, ix_*) because issue-export exports them (-rdynamic). */
#include <dlfcn.h>
#include <string.h>

#include "export.h"

#define PDF_OBJECT "issue-export-pdf.so"

/* The object's entry points, once loaded. */
static struct {
	int tried;
	int (*info)(const struct ix_issue *, const char *, struct ix_pdf_info *);
	void (*info_free)(struct ix_pdf_info *);
	int (*searchable)(const struct ix_issue *, const char *, const char *, struct kp_buf *);
} pdf;

/* Load the object once; 0, or -1 when it cannot be (said once). */
static int load(void)
{
	void *h;

	if (pdf.tried)
		return pdf.searchable != NULL ? 0 : -1;
	pdf.tried = 1;
	if ((h = kp_load_object(PDF_OBJECT, "the PDF reader (qpdf)")) == NULL)
		return -1;
	*(void **)&pdf.info = dlsym(h, "ix_pdf_info");
	*(void **)&pdf.info_free = dlsym(h, "ix_pdf_info_free");
	*(void **)&pdf.searchable = dlsym(h, "ix_searchable_pdf");
	if (pdf.info == NULL || pdf.info_free == NULL || pdf.searchable == NULL) {
		kp_warn(NULL, 0, "cannot load the PDF reader: %s lacks an entry point", PDF_OBJECT);
		pdf.searchable = NULL;
		return -1;
	}
	return 0; /* kept loaded until exit */
}

int ix_pdf_info(const struct ix_issue *is, const char *file, struct ix_pdf_info *info)
{
	memset(info, 0, sizeof *info);
	return load() == 0 ? pdf.info(is, file, info) : KP_EXIT_INTERNAL;
}

void ix_pdf_info_free(struct ix_pdf_info *info)
{
	if (pdf.info_free != NULL)
		pdf.info_free(info); /* else nothing was read into it */
}

int ix_searchable_pdf(const struct ix_issue *is, const char *layout, const char *file,
                      struct kp_buf *out)
{
	return load() == 0 ? pdf.searchable(is, layout, file, out) : KP_EXIT_INTERNAL;
}
