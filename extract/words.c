/* words.c - a line's words, their boxes and confidences, from the pieces
 * the line was read from (text-layer characters, OCR symbols).
 *
 * The text of a line is settled after its pieces were collected: NFC may
 * compose, OCR rereads splice in Hanja or drop spaces, a mark is put in
 * front.  So words are matched to pieces by code point: the t-th
 * non-blank code point of the text is the t-th of the pieces when both
 * count the same (then each character keeps its own confidence, CC), else
 * the one at the same fraction of the way through the line.
 *
 * OCR's symbol boxes can collapse (Tesseract's LSTM places a symbol at a
 * time step, not on its ink): on kostec-2023-06-23 page 7 "전지" came
 * 1.7 pt wide at 8.5 pt glyphs, its ink 16 pt.  A word narrower than its
 * characters can be is widened into the free space beside it. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static unsigned cp_count(const char *s, size_t n)
{
	unsigned k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

void ex_pieces_add(struct ex_pieces *p, const struct kp_box *box, double conf, const char *text)
{
	struct ex_piece *x;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->v = kp_xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	x = &p->v[p->n++];
	x->box = *box;
	x->conf = (float)conf;
	x->ncp = cp_count(text, strlen(text));
}

void ex_pieces_append(struct ex_pieces *to, const struct ex_pieces *from)
{
	if (from->n == 0)
		return;
	if (to->n + from->n > to->cap) {
		to->cap = to->n + from->n;
		to->v = kp_xreallocarray(to->v, to->cap, sizeof(*to->v));
	}
	memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
}

void ex_pieces_release(struct ex_pieces *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ALTO's CC digit of a confidence: 0 sure (90-100) .. 9 unsure (under 10). */
static char cc_digit(double conf)
{
	int d = (int)((100 - conf) / 10);

	return (char)('0' + (d < 0 ? 0 : d > 9 ? 9 : d));
}

/* Walks the pieces in step with the text's code points. */
struct cursor {
	const struct ex_pieces *p;
	size_t total, pieces_cp; /* non-blank code points of the text, of the pieces */
	size_t piece, start;     /* the current piece and its first code point */
};

/* The piece holding text code point t (t never decreases between calls). */
static const struct ex_piece *piece_of(struct cursor *c, size_t t)
{
	size_t s = c->total == c->pieces_cp ? t : t * c->pieces_cp / c->total;

	while (c->piece + 1 < c->p->n && s >= c->start + c->p->v[c->piece].ncp) {
		c->start += c->p->v[c->piece].ncp;
		c->piece++;
	}
	return &c->p->v[c->piece];
}

/* The share of a glyph's height that character cp's ink is at least
 * wide (`least`), and about wide (else): a Hangul syllable or a CJK
 * character is about square, a Latin letter or digit half as wide; a
 * mark or a stroke may be a hairline. */
static double ink_width(unsigned long cp, int least)
{
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF))
		return least ? 0.3 : 0.9;
	if (cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10))
		return least ? 0.1 : 0.5;
	return least ? 0 : 0.3;
}

/* The sum of ink_width() over the code points of s. */
static double text_width(const char *s, int least)
{
	size_t n = strlen(s), k;
	unsigned long cp;
	double sum = 0;

	for (size_t i = 0; i < n; i += k ? k : 1)
		if ((k = kp_utf8_decode(s + i, n - i, &cp)) > 0)
			sum += ink_width(cp, least);
	return sum;
}

/*
 * Widen the words v[0..n) of one line that are narrower than their
 * characters' ink can be at the line's glyph height (the median height
 * of its words with letters, digits or CJK characters: a mark's box is
 * small): each gets the width its characters about have, inside the free
 * space between the words beside it (the clip's edges at the line's
 * ends).  A word that touches the one before it grows to the right, else
 * it keeps its right edge and grows to the left.
 */
static void widen_collapsed(struct ex_word *v, size_t n, const struct kp_box *clip)
{
	double *h, em, lo, hi, want;
	size_t nh = 0;

	if (n == 0)
		return;
	h = kp_xreallocarray(NULL, n, sizeof(*h));
	for (size_t i = 0; i < n; i++)
		if (text_width(v[i].text, 1) > 0)
			h[nh++] = kp_box_height(&v[i].box);
	if (nh == 0) {
		free(h);
		return;
	}
	em = kp_median(h, nh);
	free(h);
	for (size_t i = 0; i < n; i++) {
		struct kp_box *b = &v[i].box;

		if (em <= 0 || kp_box_width(b) >= em * text_width(v[i].text, 1))
			continue;
		lo = i > 0 ? v[i - 1].box.x1 : clip->x0;
		hi = i + 1 < n ? v[i + 1].box.x0 : clip->x1;
		if (hi <= lo)
			continue;
		want = em * text_width(v[i].text, 0);
		if (hi - lo < want)
			want = hi - lo;
		if (b->x0 <= lo) {
			b->x0 = lo;
			b->x1 = lo + want;
		} else {
			if (b->x1 > hi)
				b->x1 = hi;
			b->x0 = b->x1 - want < lo ? lo : b->x1 - want;
			if (b->x1 < b->x0 + want)
				b->x1 = b->x0 + want;
		}
	}
}

/* Contract: one word per maximal run of non-blank bytes of text, in
 * order; its box the union of the pieces its code points fall on, cut to
 * clip's height (a tall glyph box does not make a tall word) and to start
 * after the word before it on the same line, then widened when collapsed
 * (widen_collapsed); conf the mean of those
 * pieces' confidences, else `conf`; cc only when the text and the pieces
 * count the same code points and each of the word's has a confidence. */
static size_t words_of(const char *text, const struct ex_pieces *p, const struct kp_box *clip,
                   double conf, struct ex_words *w)
{
	struct cursor c = {p, 0, 0, 0, 0};
	size_t len, need, at = 0, t = 0, line = 0;
	int newline = 0;
	char *out;

	w->n = 0;
	if (p->n == 0 || text == NULL)
		return 0;
	len = strlen(text);
	for (size_t i = 0; i < len; i++)
		if (!is_blank(text[i]) && ((unsigned char)text[i] & 0xC0) != 0x80)
			c.total++;
	for (size_t i = 0; i < p->n; i++)
		c.pieces_cp += p->v[i].ncp;
	if (c.total == 0 || c.pieces_cp == 0)
		return 0;
	need = 2 * len + 2 * c.total + 2;
	if (w->bufcap < need) {
		w->buf = kp_xrealloc(w->buf, need);
		w->bufcap = need;
	}
	out = w->buf;
	for (size_t i = 0; i < len;) {
		struct ex_word *wd;
		size_t j = i, ncp, nconf = 0, ncc = 0;
		double sum = 0;
		char *cc;

		if (is_blank(text[i])) {
			if (text[i] == '\n' && !newline) {
				widen_collapsed(w->v + line, w->n - line, clip);
				line = w->n;
				newline = 1;
			}
			i++;
			continue;
		}
		while (j < len && !is_blank(text[j]))
			j++;
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->v = kp_xreallocarray(w->v, w->cap, sizeof(*w->v));
		}
		wd = &w->v[w->n++];
		memcpy(out + at, text + i, j - i);
		out[at + j - i] = '\0';
		wd->text = out + at;
		at += j - i + 1;
		cc = out + at;
		ncp = cp_count(text + i, j - i);
		for (size_t k = 0; k < ncp; k++, t++) {
			const struct ex_piece *p = piece_of(&c, t);

			if (k == 0)
				wd->box = p->box;
			else
				kp_box_union(&wd->box, &p->box);
			if (p->conf >= 0) {
				sum += p->conf;
				nconf++;
				cc[ncc++] = cc_digit(p->conf);
			}
		}
		/* OCR may box a mark and the next character as one symbol:
		 * a word starts where the one before it ends */
		if (w->n > 1 && !newline && wd->box.x0 < wd[-1].box.x1 && wd->box.x1 > wd[-1].box.x1)
			wd->box.x0 = wd[-1].box.x1;
		newline = 0;
		if (wd->box.y0 < clip->y0)
			wd->box.y0 = clip->y0;
		if (wd->box.y1 > clip->y1)
			wd->box.y1 = clip->y1;
		wd->conf = nconf ? sum / (double)nconf : conf;
		if (c.total == c.pieces_cp && ncc == ncp) {
			cc[ncc] = '\0';
			wd->cc = cc;
			at += ncc + 1;
		} else
			wd->cc = NULL;
		i = j;
	}
	widen_collapsed(w->v + line, w->n - line, clip);
	return w->n;
}

size_t ex_line_words(const struct ex_line *l, struct ex_words *w)
{
	return words_of(l->text, &l->pieces, &l->box, l->ocr ? l->conf : -1, w);
}

size_t ex_cell_words(const struct ex_cell *c, struct ex_words *w)
{
	return words_of(c->text, &c->pieces, &c->box, c->ocr ? c->conf : -1, w);
}

void ex_words_release(struct ex_words *w)
{
	free(w->v);
	free(w->buf);
	memset(w, 0, sizeof(*w));
}
