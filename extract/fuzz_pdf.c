/*
 * fuzz_pdf.c - libFuzzer target for pdf2text's per-document path: any
 * bytes as a PDF (held in a memory file, opened with ex_doc_open as a
 * file would be), its first pages converted to the stream with OCR off,
 * a small render cap and the output thrown away.  Poppler itself is not
 * instrumented: coverage guides through our code only.  Built and run by
 * tests/fuzz.sh, never by `make`.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "extract.h"
#include "drawing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ex_options opt = { 0 };
	struct ex_doc d;
	char path[64];
	FILE *out;
	int fd = memfd_create("fuzz.pdf", 0);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	opt.jobs = 1;
	opt.dpi = 72;
	opt.lang = "eng";
	opt.ocr = EX_OCR_NEVER;
	opt.ocr_timeout = 5;
	opt.page_timeout = 5; /* as ex_main, shorter */
	opt.max_pixels = 2L * 1000 * 1000;
	if (ex_doc_open(&d, path, NULL) == 0) {
		opt.first_page = 1;
		opt.last_page = d.pages < 3 ? d.pages : 3;
		if (d.jpx_pixels > opt.max_pixels) /* as ex_main */
			ex_drawing_skip_images(d.drawing);
		if (d.pages > 0 && (out = fopen("/dev/null", "w")) != NULL) {
			ex_convert(&d, &opt, EX_FMT_STREAM, 0, out);
			fclose(out);
		}
		ex_doc_close(&d);
	}
	close(fd);
	return 0;
}
