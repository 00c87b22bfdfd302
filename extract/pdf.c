/* pdf.c - opening the input PDF: bytes, checksum, password, metadata. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <nettle/sha2.h>

#include "extract.h"
#include "drawing.h"

/* Read all of stdin into a GBytes; NULL (after a diagnostic) on error. */
static GBytes *read_stdin(void)
{
	struct kp_buf b;
	char chunk[65536];
	size_t n;

	kp_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		kp_buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		kp_warn("-", 0, "read error:");
		kp_buf_release(&b);
		return NULL;
	}
	n = b.len;
	return g_bytes_new_take(kp_buf_detach(&b), n);
}

/* Map the file; NULL (after a diagnostic) on error. */
static GBytes *read_file(const char *path)
{
	GError *err = NULL;
	GMappedFile *mf;
	GBytes *bytes;
	FILE *probe = fopen(path, "rb");

	/* fopen first, so the message carries the system's wording */
	if (probe == NULL) {
		kp_warn(path, 0, "%s", strerror(errno));
		return NULL;
	}
	fclose(probe);
	mf = g_mapped_file_new(path, FALSE, &err);
	if (mf == NULL) {
		kp_warn(path, 0, "%s", err->message);
		g_error_free(err);
		return NULL;
	}
	bytes = g_mapped_file_get_bytes(mf);
	g_mapped_file_unref(mf);
	return bytes;
}

/* Does the data start like a PDF?  Readers accept the header anywhere in
 * the first kilobyte. */
static int has_pdf_header(const char *data, size_t n)
{
	size_t lim = n < 1024 ? n : 1024;

	for (size_t i = 0; i + 5 <= lim; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

/* The number after key (e.g. "/Width") within n bytes of pos, either
 * side; -1 when there is none or it is not a plain number (an indirect
 * reference "12 0 R" counts as not plain), LONG_MAX when it is larger.
 * Parsed by hand, never past data[len): a mapped file is not
 * NUL-terminated, and strtol() ran off the end of one that ended in
 * digits. */
static long key_near(const char *data, size_t len, size_t pos, size_t n, const char *key)
{
	size_t lo = pos > n ? pos - n : 0, hi = pos + n < len ? pos + n : len;
	size_t k = strlen(key);

	for (size_t i = lo; i + k < hi; i++) {
		size_t j = i + k, d;
		long v = 0;

		if (memcmp(data + i, key, k) != 0 || g_ascii_isalnum(data[j]))
			continue;
		while (j < len && g_ascii_isspace(data[j]))
			j++;
		if (j < len && data[j] == '+')
			j++;
		for (d = j; j < len && g_ascii_isdigit(data[j]); j++)
			v = v > (LONG_MAX - 9) / 10 ? LONG_MAX : v * 10 + (data[j] - '0');
		if (j == d)
			return -1;
		while (j < len && g_ascii_isspace(data[j]))
			j++;
		if (j < len && g_ascii_isdigit(data[j]))
			return -1;
		return v;
	}
	return -1;
}

/* Largest width x height declared by an image XObject of the file, found
 * in the bytes: image dictionaries are never inside object streams and
 * are not encrypted.  LONG_MAX when an image's size is not a plain number
 * near its /Subtype /Image, so the caller stays on the safe side.  Inline
 * images inside compressed content streams are not seen. */
static long declared_image_pixels(const char *data, size_t len)
{
	long most = 0;
	const char *p = data, *end = data + len;

	/* memchr and memcmp, not g_strstr_len: that stops at the first NUL */
	while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
		size_t pos = (size_t)(p - data);
		long w, h;

		p++;
		if (end - p < 5 || memcmp(p, "Image", 5) != 0 ||
		    (end - p > 5 && g_ascii_isalnum(p[5])))
			continue;       /* not /Image, or /ImageMask, /ImageB... */
		w = key_near(data, len, pos, 512, "/Width");
		h = key_near(data, len, pos, 512, "/Height");
		if (w < 0 || h < 0)
			return LONG_MAX;
		if (h > 0 && w > LONG_MAX / h)
			return LONG_MAX;
		if (w * h > most)
			most = w * h;
	}
	return most;
}

/* Find `what` (n > 0 bytes) in data[from..to), bounded by len; its offset
 * or (size_t)-1.  Candidates by memchr: the whole file is searched for
 * stream ends, and a compare at every byte cost 5 instructions a byte. */
static size_t find_in(const char *data, size_t len, size_t from, size_t to, const char *what,
                      size_t n)
{
	const char *p, *last;

	if (to > len)
		to = len;
	if (from >= to || to - from < n)
		return (size_t)-1;
	last = data + to - n; /* the last place a match can start */
	for (p = data + from; p <= last && (p = memchr(p, what[0], (size_t)(last - p) + 1)) != NULL; p++)
		if (memcmp(p, what, n) == 0)
			return (size_t)(p - data);
	return (size_t)-1;
}

/* Largest width x height of a JPEG 2000 image of the file, read from its
 * codestream's SIZ marker (the first 4 KiB of a /JPXDecode stream that
 * has no other filter): Poppler decodes such an image in full merely to
 * learn its colour space, whatever its dictionary says. */
static long jpx_pixels(const char *data, size_t len)
{
	long most = 0;
	size_t at = 0, f;

	while ((f = find_in(data, len, at, len, "/JPXDecode", 10)) != (size_t)-1) {
		size_t st = find_in(data, len, f, f + 2048, "stream", 6);
		size_t siz = st == (size_t)-1 ? st : find_in(data, len, st, st + 4096, "\xff\x4f\xff\x51", 4);
		const unsigned char *u;

		at = f + 10;
		if (siz == (size_t)-1 || siz + 24 > len)
			continue;
		u = (const unsigned char *)data + siz + 8; /* only now: siz may be (size_t)-1 */
		unsigned long xs = (unsigned long)u[0] << 24 | u[1] << 16 | u[2] << 8 | u[3];
		unsigned long ys = (unsigned long)u[4] << 24 | u[5] << 16 | u[6] << 8 | u[7];
		unsigned long xo = (unsigned long)u[8] << 24 | u[9] << 16 | u[10] << 8 | u[11];
		unsigned long yo = (unsigned long)u[12] << 24 | u[13] << 16 | u[14] << 8 | u[15];
		long w = xs > xo ? (long)(xs - xo) : 0, h = ys > yo ? (long)(ys - yo) : 0;

		if (h > 0 && w > LONG_MAX / h)
			return LONG_MAX;
		if (w * h > most)
			most = w * h;
	}
	return most;
}

/* The deepest nesting of dictionaries and arrays in the file's objects,
 * read from the bytes (stream data skipped, "endobj" closes all): Poppler
 * gives up silently past 500 levels (its parser's recursion limit) and
 * loses what the object holds, a page's contents among it.  Objects
 * inside object streams are not seen. */
static long nesting_depth(const char *data, size_t len)
{
	long depth = 0, most = 0;

	for (size_t i = 0; i < len; i++) {
		char c = data[i];

		if (c == '[' || (c == '<' && i + 1 < len && data[i + 1] == '<')) {
			i += c == '<';
			if (++depth > most)
				most = depth;
		} else if (c == ']' || (c == '>' && i + 1 < len && data[i + 1] == '>')) {
			i += c == '>';
			depth -= depth > 0;
		} else if (c == 's' && len - i >= 6 && memcmp(data + i, "stream", 6) == 0) {
			size_t e = find_in(data, len, i + 6, len, "endstream", 9);

			if (e == (size_t)-1)
				break;
			i = e + 8;
		} else if (c == 'e' && len - i >= 6 && memcmp(data + i, "endobj", 6) == 0) {
			depth = 0;
			i += 5;
		}
	}
	return most;
}

static char *dup_or_null(char *s)
{
	char *r = NULL;

	if (s != NULL && *s != '\0') {
		r = kp_nfc_new(s);
		kp_squeeze_space(r);
	}
	free(s);
	return r;
}

/* The SHA-256 of data[0..n) in hex into out (65 bytes).  Nettle's, which
 * uses the CPU's SHA instructions where there are some: glib's GChecksum
 * costs ~50 instructions a byte, 10 ms on a 1 MB file. */
static void sha256_hex(const char *data, size_t n, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t md[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, n, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof(md), md);
	for (size_t i = 0; i < sizeof(md); i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int ex_doc_open(struct ex_doc *d, const char *path, const char *password)
{
	gsize n;
	int encrypted;
	const char *data;
	const char *name = path != NULL ? path : "-";

	memset(d, 0, sizeof(*d));
	d->name = name;
	d->bytes = path == NULL || strcmp(path, "-") == 0 ? read_stdin() : read_file(path);
	if (d->bytes == NULL)
		return KP_EXIT_NOINPUT;
	data = g_bytes_get_data(d->bytes, &n);
	if (n == 0) {
		kp_warn(name, 0, "empty file");
		ex_doc_close(d);
		return KP_EXIT_FORMAT;
	}
	if (!has_pdf_header(data, n)) {
		kp_warn(name, 0, "not a PDF");
		ex_doc_close(d);
		return KP_EXIT_FORMAT;
	}
	sha256_hex(data, n, d->sha256);
	d->password = password;
	d->drawing = ex_drawing_open(data, n, password, &encrypted);
	if (d->drawing == NULL) {
		if (encrypted)
			kp_warn(name, 0, password != NULL ? "wrong password" : "needs a password (--password)");
		else
			kp_warn(name, 0, "damaged beyond repair");
		ex_doc_close(d);
		return encrypted ? KP_EXIT_ENCRYPTED : KP_EXIT_FORMAT;
	}
	d->pages = ex_drawing_pages(d->drawing);
	d->image_pixels = declared_image_pixels(data, n);
	d->jpx_pixels = jpx_pixels(data, n);
	d->nesting = nesting_depth(data, n);
	d->producer = dup_or_null(ex_drawing_info(d->drawing, "Producer"));
	d->creator = dup_or_null(ex_drawing_info(d->drawing, "Creator"));
	return 0;
}

void ex_doc_close(struct ex_doc *d)
{
	if (d->drawing != NULL)
		ex_drawing_close(d->drawing);
	if (d->bytes != NULL)
		g_bytes_unref(d->bytes);
	free(d->producer);
	free(d->creator);
	d->drawing = NULL;
	d->bytes = NULL;
	d->producer = d->creator = NULL;
}
