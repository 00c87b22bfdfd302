/* furniture.c - running headers, footers and page numbers.
 *
 * A page's furniture is decided from the page itself and the band lines of
 * its neighbours (the driver computes them from those pages alone), so the
 * result does not depend on which pages were converted before: the same
 * with -j 1 and -j 8. */
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"

#define BAND 0.06 /* of the page height */

int ex_band_of(const struct ex_page *pg, const struct kp_box *b)
{
	double cy = (b->y0 + b->y1) / 2;

	if (pg->height <= 0)
		return 0;
	if (cy < BAND * pg->height)
		return -1;
	if (cy > (1 - BAND) * pg->height)
		return 1;
	return 0;
}

/* The comparison key of a band line: its text without digits and white
 * space (so "3" and "4", or "2023-15호" and "2023-16호", compare equal). */
static char *band_key(const char *text)
{
	struct kp_buf b;

	kp_buf_init(&b);
	for (const char *s = text; *s != '\0'; s++)
		if (!(*s >= '0' && *s <= '9') && *s != ' ')
			kp_buf_putc(&b, *s);
	return kp_buf_detach(&b);
}

void ex_bands_of(const struct ex_page *pg, struct ex_bands *out)
{
	memset(out, 0, sizeof(*out));
	out->page = pg->number;
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct ex_line *l = &pg->lines[i];

		if (ex_band_of(pg, &l->box) == 0)
			continue;
		out->keys = kp_xreallocarray(out->keys, out->n + 1, sizeof(*out->keys));
		out->boxes = kp_xreallocarray(out->boxes, out->n + 1, sizeof(*out->boxes));
		out->keys[out->n] = band_key(l->text);
		out->boxes[out->n++] = l->box;
	}
}

/* The file that holds page p's band lines in dir. */
static void bands_path(char *buf, size_t n, const char *dir, int p, const char *suffix)
{
	snprintf(buf, n, "%s/%d.bands%s", dir, p, suffix);
}

void ex_bands_save(const char *dir, const struct ex_bands *b)
{
	char path[4096], tmp[4096];
	FILE *fp;
	int fd, ok;

	bands_path(path, sizeof(path), dir, b->page, "");
	bands_path(tmp, sizeof(tmp), dir, b->page, ".tmp");
	if (access(path, F_OK) == 0 || (fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return; /* there, or being written by another worker */
	if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		return;
	}
	ok = fwrite(&b->n, sizeof(b->n), 1, fp) == 1;
	for (size_t i = 0; ok && i < b->n; i++) {
		size_t len = strlen(b->keys[i]);

		ok = fwrite(&b->boxes[i], sizeof(b->boxes[i]), 1, fp) == 1 &&
		     fwrite(&len, sizeof(len), 1, fp) == 1 && fwrite(b->keys[i], 1, len, fp) == len;
	}
	if (fclose(fp) != 0 || !ok || rename(tmp, path) != 0)
		unlink(tmp);
}

int ex_bands_load(const char *dir, int page, struct ex_bands *out)
{
	char path[4096];
	FILE *fp;
	size_t n;
	int ok;

	memset(out, 0, sizeof(*out));
	bands_path(path, sizeof(path), dir, page, "");
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	ok = fread(&n, sizeof(n), 1, fp) == 1 && n < 100000;
	out->page = page;
	if (ok && n > 0) {
		out->keys = kp_xcalloc(n, sizeof(*out->keys));
		out->boxes = kp_xcalloc(n, sizeof(*out->boxes));
	}
	for (; ok && out->n < n; out->n++) {
		size_t len;

		ok = fread(&out->boxes[out->n], sizeof(out->boxes[out->n]), 1, fp) == 1 &&
		     fread(&len, sizeof(len), 1, fp) == 1 && len < 1000000;
		if (!ok)
			break;
		out->keys[out->n] = kp_xmalloc(len + 1);
		ok = fread(out->keys[out->n], 1, len, fp) == len;
		out->keys[out->n][len] = '\0';
	}
	fclose(fp);
	if (!ok)
		ex_bands_release(out);
	return ok ? 0 : -1;
}

void ex_bands_release(struct ex_bands *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->keys[i]);
	free(b->keys);
	free(b->boxes);
	memset(b, 0, sizeof(*b));
}

/* Is the text a page number: "3", "- 3 -", "— 3 —", "(3)", "3 / 12",
 * "p. 3", "Page 3"?  Digits (or lower-case roman numerals) with only
 * dashes, brackets, slashes and such around them. */
static int is_page_number(const char *text)
{
	int digits = 0, roman = 0, letters = 0;

	for (const char *s = text; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= '0' && c <= '9')
			digits++;
		else if (strchr("ivxlc", c) != NULL)
			roman++;
		else if (c >= 0x80) {
			unsigned long cp = 0;
			size_t n = kp_utf8_decode(s, strlen(s), &cp);

			/* dashes U+2010..2015, U+2212; anything else is text */
			if (n == 0 || !((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212))
				return 0;
			s += n - 1;
		} else if (strchr(" -/()[]<>|.", c) == NULL) {
			letters++;
		}
	}
	if (digits > 0 && digits <= 4 && roman == 0)
		return letters == 0 || strncmp(text, "Page", 4) == 0 || strncmp(text, "p.", 2) == 0;
	return digits == 0 && roman > 0 && roman <= 6 && letters == 0;
}

/* Does `key` at `box` repeat on a neighbour page at about the same height
 * (within 2% of the page height)? */
static int repeats(const struct ex_page *pg, const char *key, const struct kp_box *box,
                   const struct ex_bands *nb, size_t nnb)
{
	double tol = 0.02 * pg->height;

	if (*key == '\0')
		return 0;
	for (size_t k = 0; k < nnb; k++) {
		if (nb[k].page == 0 || nb[k].page == pg->number)
			continue;
		for (size_t i = 0; i < nb[k].n; i++)
			if (strcmp(nb[k].keys[i], key) == 0 &&
			    fabs(nb[k].boxes[i].y0 - box->y0) < tol)
				return 1;
	}
	return 0;
}

void ex_furniture_mark(struct ex_page *pg, const struct ex_bands *nb, size_t nnb)
{
	for (size_t b = 0; b < pg->nblocks; b++) {
		struct ex_block *blk = &pg->blocks[b];
		int all = blk->nlines > 0;

		for (size_t i = blk->first_line; all && i < blk->first_line + blk->nlines; i++) {
			const struct ex_line *l = &pg->lines[i];
			char *key;

			if (ex_band_of(pg, &l->box) == 0) {
				all = 0;
				break;
			}
			key = band_key(l->text);
			all = is_page_number(l->text) || repeats(pg, key, &l->box, nb, nnb);
			free(key);
		}
		if (all)
			blk->role = EX_FURNITURE;
	}
}
