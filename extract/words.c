/* words.c - a line's words, their boxes and confidences, from the pieces
 * the line was read from (text-layer characters, OCR symbols).
 *
 * The text of a line is settled after its pieces were collected: NFC may
 * compose, OCR rereads splice in Hanja or drop spaces, a mark is put in
 * front.  So words are matched to pieces by code point: the t-th
 * non-blank code point of the text is the t-th of the pieces when both
 * count the same (then each character keeps its own confidence, CC), else
 * the one at the same fraction of the way through the line. */
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

/* Contract: one word per maximal run of non-blank bytes of text, in
 * order; its box the union of the pieces its code points fall on, cut to
 * clip's height (a tall glyph box does not make a tall word) and to start
 * after the word before it on the same line; conf the mean of those
 * pieces' confidences, else `conf`; cc only when the text and the pieces
 * count the same code points and each of the word's has a confidence. */
static size_t words_of(const char *text, const struct ex_pieces *p, const struct kp_box *clip,
                   double conf, struct ex_words *w)
{
	struct cursor c = {p, 0, 0, 0, 0};
	size_t len, need, at = 0, t = 0;
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
			newline |= text[i] == '\n';
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
