/*
 * trust.c - does the text layer say what the page shows?
 *
 * A layer lies in two ways.  Its code points mean nothing (private use,
 * U+FFFD, controls): "garbage-text".  Or they are letters, but not the
 * ones drawn: a font without a ToUnicode map whose codes are not Unicode,
 * which poppler passes through as if they were ("7KH TXLFN" where the
 * page shows "The quick").  poppler-glib does not say which fonts lack a
 * ToUnicode map, so the second kind is suspected from the text itself --
 * Latin words without vowels, as codes shifted off the letters give --
 * and decided by OCR of a few suspect lines: when OCR reads
 * something else than the layer, the font of that line lies; when OCR
 * reads the same (a line of acronyms, "HBM, GPU, TSMC"), the layer is
 * kept.  The lines in a lying font are read again by OCR, or the whole
 * page when they are most of it: convert.c decides.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define GARBAGE_SHARE 0.3     /* unmapped glyphs over this share: garbage */
#define SUSPECT_LETTERS 4     /* letters of a word judged for its vowels */
#define SUSPECT_SHARE 0.3     /* share of such words without one: suspect */
#define AGREE 0.5             /* OCR and layer agree at this similarity */

const char *ex_text_garbage(const struct ex_page *pg)
{
	if (pg->glyphs > 0 && pg->unmapped > GARBAGE_SHARE * pg->glyphs)
		return "garbage-text";
	return NULL;
}

/* Is line text t implausible as Latin text: of its words of four letters
 * or more, at least two, and at least SUSPECT_SHARE of them, without a
 * vowel (y counted)?  Codes shifted off the letters give "TXLFN MXPSV"
 * for "quick jumps"; English, romanised names and most acronyms have
 * vowels.  Words with digits, URL punctuation or parentheses (units,
 * "ppm(M)") are not judged. */
static int implausible_latin(const char *t)
{
	size_t words = 0, bare = 0;

	while (*t != '\0') {
		size_t len = strcspn(t, " "), letters = 0, vowels = 0, skip = 0;

		for (size_t i = 0; i < len; i++) {
			char c = t[i];

			if (isdigit((unsigned char)c) || strchr("/:@.=?&%_()", c) != NULL)
				skip = 1;
			else if (isalpha((unsigned char)c) && !(c & 0x80)) {
				letters++;
				vowels += strchr("aeiouy", c | 0x20) != NULL;
			}
		}
		if (!skip && letters >= SUSPECT_LETTERS) {
			words++;
			bare += vowels == 0;
		}
		t += len;
		t += strspn(t, " ");
	}
	return bare >= 2 && bare >= SUSPECT_SHARE * words;
}

size_t ex_trust_suspects(const struct ex_page *pg, size_t *lines, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < pg->nlines && n < max; i++)
		if (!pg->lines[i].ocr && implausible_latin(pg->lines[i].text))
			lines[n++] = i;
	return n;
}

/* Code points of s without white space, into a new array; *n its length. */
static unsigned long *code_points(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k;
	unsigned long cp, *v = kp_xreallocarray(NULL, len + 1, sizeof(*v));

	*n = 0;
	while (i < len && (k = kp_utf8_decode(s + i, len - i, &cp)) > 0) {
		if (cp != ' ')
			v[(*n)++] = cp;
		i += k;
	}
	return v;
}

/* 1 - edit distance / the longer length, over code points without spaces
 * (OCR and the layer space words differently); 1 for two empty strings. */
static double similarity(const char *a, const char *b)
{
	size_t na, nb;
	unsigned long *x = code_points(a, &na), *y = code_points(b, &nb);
	double sim = 1.0;

	if (na > 0 || nb > 0)
		sim -= (double)kp_edit_distance(x, na, y, nb) / (double)(na > nb ? na : nb);

	free(x);
	free(y);
	return sim;
}

/* OCR's reading of line l of the page (a new string, *conf its
 * confidence), or NULL when OCR cannot run. */
static char *ocr_line(struct ex_ocr *ocr, PopplerPage *page, int number, const struct ex_line *l,
                      double *conf)
{
	double pad = 0.3 * kp_box_height(&l->box);
	struct kp_box box = { l->box.x0 - pad, l->box.y0 - pad, l->box.x1 + pad, l->box.y1 + pad };

	return ex_ocr_region_text(ocr, page, number, &box, conf);
}

size_t ex_trust_liars(struct ex_ocr *ocr, PopplerPage *page, const struct ex_page *pg,
                      const size_t *lines, size_t n, unsigned *fonts)
{
	size_t nf = 0;

	for (size_t i = 0; i < n; i++) {
		const struct ex_line *l = &pg->lines[lines[i]];
		double conf;
		char *text = ocr_line(ocr, page, pg->number, l, &conf);
		int lies = text != NULL && similarity(text, l->text) < AGREE;

		free(text);
		if (text == NULL)
			break; /* OCR cannot tell: trust the layer */
		for (size_t k = 0; k < nf && lies; k++)
			lies = fonts[k] != l->font;
		if (lies)
			fonts[nf++] = l->font;
	}
	return nf;
}

/* Is line l in one of fonts[0..n)? */
static int in_fonts(const struct ex_line *l, const unsigned *fonts, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (l->font == fonts[k])
			return 1;
	return 0;
}

size_t ex_trust_count(const struct ex_page *pg, const unsigned *fonts, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < pg->nlines; i++)
		count += !pg->lines[i].ocr && in_fonts(&pg->lines[i], fonts, n);
	return count;
}

int ex_trust_reread(struct ex_ocr *ocr, PopplerPage *page, struct ex_page *pg,
                    const unsigned *fonts, size_t n)
{
	size_t kept = 0;

	for (size_t i = 0; i < pg->nlines; i++) {
		struct ex_line *l = &pg->lines[i];
		double conf;
		char *text;

		if (l->ocr || !in_fonts(l, fonts, n))
			continue;
		if ((text = ocr_line(ocr, page, pg->number, l, &conf)) == NULL)
			return -1;
		free(l->text);
		l->text = text;
		l->ocr = 1;
		l->conf = conf;
	}
	/* drop the lines OCR found empty */
	for (size_t i = 0; i < pg->nlines; i++) {
		if (pg->lines[i].text[0] != '\0')
			pg->lines[kept++] = pg->lines[i];
		else
			ex_line_release(&pg->lines[i]);
	}
	pg->nlines = kept;
	return 0;
}
