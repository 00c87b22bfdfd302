/* furniture.c - running headers, footers and page numbers.
 *
 * A page's furniture is decided from the page itself and the band lines of
 * its neighbours (the driver computes them from those pages alone), so the
 * result does not depend on which pages were converted before: the same
 * with -j 1 and -j 8. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
