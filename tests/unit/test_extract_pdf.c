/* test_extract_pdf.c - opening the input (pdf.c): the image sizes a file
 * declares, read from its bytes, on hand-made PDFs. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../extract/extract.h"
#include "unit.h"

/* A one-page PDF (no xref: poppler rebuilds it) followed by `tail`, padded
 * with spaces in between to exactly `size` bytes, in a new temporary file
 * whose name goes to path (PATH_MAX bytes). */
static void write_pdf(char *path, size_t size, const char *tail)
{
	static const char head[] =
		"%PDF-1.4\n"
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
		"trailer << /Root 1 0 R >>\n";
	char *buf = kp_xmalloc(size);
	int fd;

	strcpy(path, "/tmp/test_extract_pdf.XXXXXX");
	fd = mkstemp(path);
	memset(buf, ' ', size);
	memcpy(buf, head, strlen(head));
	memcpy(buf + size - strlen(tail), tail, strlen(tail));
	CHECK(fd >= 0 && write(fd, buf, size) == (ssize_t)size);
	close(fd);
	free(buf);
}

/* Sizes near /Subtype /Image: plain numbers count, an indirect reference
 * is not plain (LONG_MAX, the safe side). */
static void test_declared(void)
{
	char path[4096];
	struct ex_doc d;

	write_pdf(path, 2000, "4 0 obj << /Subtype /Image /Width 300 /Height 200 >> endobj\n");
	CHECK(ex_doc_open(&d, path, NULL) == 0);
	CHECK(d.image_pixels == 60000);
	ex_doc_close(&d);
	unlink(path);

	write_pdf(path, 2000, "4 0 obj << /Subtype /Image /Width 5 0 R /Height 200 >> endobj\n");
	CHECK(ex_doc_open(&d, path, NULL) == 0);
	CHECK(d.image_pixels == LONG_MAX);
	ex_doc_close(&d);
	unlink(path);
}

/* A file that ends in the digits of a /Width, exactly one memory page
 * long, mapped where the next page is not readable: the number is read up
 * to the end of the file and no further (strtol() read on into the next
 * page and crashed).  The guard page: a two-page PROT_NONE reservation
 * whose first page is given back, so the file's mapping, made next, lands
 * there (checked: when it does not, only the value is tested). */
static void test_digits_at_end(void)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char path[4096];
	struct ex_doc d;
	char *guard;
	int rc;

	write_pdf(path, pg, "/Subtype /Image /Height 2 /Width 1234567");
	guard = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(guard != MAP_FAILED);
	munmap(guard, pg);
	rc = ex_doc_open(&d, path, NULL);
	CHECK(rc == 0);
	if (rc == 0) {
		gsize n;
		const char *data = g_bytes_get_data(d.bytes, &n);

		if (data != guard)
			fprintf(stderr, "test_digits_at_end: mapping not before the guard page"
			        " (only the value is checked)\n");
		CHECK(d.image_pixels == 2 * 1234567L);
		ex_doc_close(&d);
	}
	munmap(guard + pg, pg);
	unlink(path);
}

int main(void)
{
	kp_set_progname("test_extract_pdf");
	test_declared();
	test_digits_at_end();
	return UNIT_DONE();
}
