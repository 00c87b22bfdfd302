/*
 * ocr_text.c - recognised symbols to text.  Word spaces come from the
 * symbols' geometry, not from Tesseract's word boundaries, which split
 * Hangul into syllables (space_before; measured in docs/ocr-notes.md).
 */
#include <stdlib.h>
#include <string.h>

#include "ocr.h"

/* Word spaces (space_before) */
#define PITCH_SPACE 1.15       /* Hangul: advance over this x the advance inside words */
#define PITCH_PAIRS 5          /* syllable pairs a line needs to measure that advance */
#define PITCH_GAP 0.3          /* ... with white between the glyphs over this x the height */
#define SYLLABLE_EM 0.9       /* ... without that, a syllable's height in em */
#define SPACE_SHARE 0.6        /* other pairs: ink gap over this x the line's word space */
#define WORD_GAP 0.4           /* ... or, on a short line, over this x the text height */

static double centre_x(const struct ex_sym *s)
{
	return (s->x0 + s->x1) / 2.0;
}

static int hangul_pair(const struct ex_syms *s, size_t i)
{
	return kp_starts_hangul(s->v[i - 1].text) && kp_starts_hangul(s->v[i].text);
}

/* How a line's symbols are spaced: the median height of its Hangul
 * symbols (of all its symbols when it has none); the lower quartile of
 * the distances between the centres of consecutive Hangul symbols, i.e.
 * the advance inside a word (0 when fewer than PITCH_PAIRS such pairs);
 * the median ink gap of the pairs that advance farther (the line's word
 * space; 0 when fewer than 2). */
void ex_line_spacing(const struct ex_syms *s, size_t from, size_t to, struct ex_spacing *sp)
{
	double *v = kp_xreallocarray(NULL, to - from + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		if (kp_starts_hangul(s->v[i].text))
			v[n++] = s->v[i].y1 - s->v[i].y0;
	if (n == 0)
		for (size_t i = from; i < to; i++)
			v[n++] = s->v[i].y1 - s->v[i].y0;
	sp->h = kp_median(v, n);
	n = 0;
	for (size_t i = from; i < to; i++)
		v[n++] = (s->v[i].y0 + s->v[i].y1) / 2.0;
	sp->mid = kp_median(v, n);
	n = 0;
	for (size_t i = from + 1; i < to; i++)
		if (hangul_pair(s, i))
			v[n++] = centre_x(&s->v[i]) - centre_x(&s->v[i - 1]);
	qsort(v, n, sizeof(*v), kp_cmp_double);
	sp->pitch = n >= PITCH_PAIRS ? v[(n - 1) / 4] : 0;
	sp->space = 0;
	if (sp->pitch > 0) {
		n = 0;
		for (size_t i = from + 1; i < to; i++)
			if (hangul_pair(s, i) && s->v[i].word_start &&
			    centre_x(&s->v[i]) - centre_x(&s->v[i - 1]) > PITCH_SPACE * sp->pitch)
				v[n++] = s->v[i].x0 - s->v[i - 1].x1;
		sp->space = n >= 2 ? kp_median(v, n) : 0;
	}
	free(v);
}

/* The widest run of ink-free columns of pix between the centres of
 * symbols p and c, in the band of the line's text (h around mid): the
 * white between their glyphs.  LSTM symbol boxes are loose (they overlap
 * or leave gaps the ink does not), the ink is not. */
static int ink_gap(PIX *pix, const struct ex_sym *p, const struct ex_sym *c,
                   const struct ex_spacing *sp)
{
	l_int32 w = pixGetWidth(pix), ht = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	int xa = (int)centre_x(p), xb = (int)centre_x(c), best = 0, run = 0;
	int ya = (int)(sp->mid - 0.5 * sp->h), yb = (int)(sp->mid + 0.5 * sp->h);

	xa = xa < 0 ? 0 : xa;
	xb = xb > w ? w : xb;
	ya = ya < 0 ? 0 : ya;
	yb = yb >= ht ? ht - 1 : yb;
	for (int x = xa; x < xb; x++) {
		int ink = 0;

		for (int y = ya; y <= yb && !ink; y++)
			ink = GET_DATA_BYTE(data + (size_t)y * wpl, x) < EX_INK;
		run = ink ? 0 : run + 1;
		best = run > best ? run : best;
	}
	return best;
}

/* Is there a word space before symbol i (on the line spaced as sp, read
 * from pix)?  Tesseract's word boundaries split Hangul into syllables, so
 * they are only candidates.  Between two Hangul syllables (which advance
 * by one em whatever their ink) the distance between their centres
 * decides: longer than the line's advance inside words by PITCH_SPACE,
 * with white between the two glyphs (ink_gap) of PITCH_GAP of the text
 * height: a loose symbol box shifts a centre.  Elsewhere the gap between
 * the ink boxes: over SPACE_SHARE of the line's word space, or over
 * WORD_GAP of the text height when the line has too few syllables to
 * tell (docs/ocr-notes.md).  Never between two Han characters. */
static int space_before(PIX *pix, const struct ex_syms *s, size_t i, const struct ex_spacing *sp)
{
	const struct ex_sym *p = &s->v[i - 1], *c = &s->v[i];

	if (!c->word_start || (kp_starts_han(p->text) && kp_starts_han(c->text)))
		return 0; /* Chinese and Hanja have no word spaces */
	if (hangul_pair(s, i)) {
		/* a syllable advances one em, about its height / SYLLABLE_EM */
		double pitch = sp->pitch > 0 ? sp->pitch : sp->h / SYLLABLE_EM;

		return centre_x(c) - centre_x(p) > PITCH_SPACE * pitch &&
		       ink_gap(pix, p, c, sp) > PITCH_GAP * sp->h;
	}
	if (sp->space > 0)
		return c->x0 - p->x1 > SPACE_SHARE * sp->space;
	return c->x0 - p->x1 > WORD_GAP * sp->h;
}

/* Append the text of s: lines joined with '\n', words by a space.
 * *sum += the symbols' confidences, *n += their number. */
static void add_text(struct kp_buf *b, PIX *pix, const struct ex_syms *s, double *sum, size_t *n)
{
	struct ex_spacing sp = { 0, 0, 0, 0 };

	for (size_t i = 0; i < s->n; i++) {
		if (i == 0 || s->v[i].line_start) {
			size_t end = i + 1;

			while (end < s->n && !s->v[end].line_start)
				end++;
			ex_line_spacing(s, i, end, &sp);
			if (i > 0)
				kp_buf_putc(b, '\n');
		} else if (space_before(pix, s, i, &sp))
			kp_buf_putc(b, ' ');
		kp_buf_puts(b, s->v[i].text);
		*sum += s->v[i].conf;
		(*n)++;
	}
}

/* Text of the symbols s->v[from..to) read from pix: lines joined with
 * '\n'.  When they hold a parenthesis, the same area is read again with
 * EX_ENG_HAN and its parenthesised Han runs replace the main reading there
 * (ex_han_splice).  *conf gets the mean symbol confidence (-1 for none).
 * Returns a new NFC string. */
char *ex_syms_text(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s,
                   size_t from, size_t to, double *conf)
{
	struct kp_buf b;
	struct ex_syms view = { s->v + from, to - from }, c = { NULL, 0 }, spliced;
	double sum = 0;
	size_t n = 0;
	char *raw, *nfc;

	kp_buf_init(&b);
	if (ex_han_reread(o, pix, dpi, s, from, to, &c) == 0) {
		spliced = ex_han_splice(s, from, to, &c);

		add_text(&b, pix, &spliced, &sum, &n);
		free(spliced.v);
	} else
		add_text(&b, pix, &view, &sum, &n);
	ex_syms_release(&c);
	*conf = n ? sum / (double)n : -1;
	raw = kp_buf_detach(&b);
	nfc = kp_nfc_new(raw);
	free(raw);
	return nfc;
}

/* The font size of line s->v[from..to) (spaced as sp) in pixels: its
 * Hangul syllables are about 0.9 em tall whatever the font; a line
 * without them has the median height of its symbols, about 0.7 em for
 * Latin capitals, digits and ascenders, and so has one where they are
 * under a quarter of its symbols (a URL misread by kor: the stray
 * syllables are no guide).
 * Tesseract's line boxes are no guide either: a loose symbol box
 * stretches them (docs/ocr-notes.md). */
double ex_line_size(const struct ex_syms *s, size_t from, size_t to, const struct ex_spacing *sp)
{
	size_t hangul = 0, n = 0;
	double *v, h;

	for (size_t i = from; i < to; i++)
		hangul += kp_starts_hangul(s->v[i].text) != 0;
	if (hangul > 0 && 4 * hangul >= to - from)
		return sp->h / SYLLABLE_EM;
	if (hangul == 0)
		return sp->h / 0.7;
	v = kp_xreallocarray(NULL, to - from, sizeof(*v));
	for (size_t i = from; i < to; i++)
		v[n++] = s->v[i].y1 - s->v[i].y0;
	h = kp_median(v, n);
	free(v);
	return h / 0.7;
}

/* Tesseract reads the "•" that starts a cell's item as "*", "ㆍ" or "·"
 * (a small disc at 150-170 dpi): put it back so items look as on text
 * pages ("\u2022 " then the item).  A line whose first symbol is a disc
 * by its shape (disc[k] for line k of n, ex_sym_disc) loses its first
 * character for the bullet, unless that is a syllable (a loose symbol
 * box); a line led by one "*" does too.  Takes and
 * returns an allocated string. */
char *ex_cell_bullets(char *text, const unsigned char *disc, size_t n)
{
	struct kp_buf b;
	size_t k = 0;

	kp_buf_init(&b);
	for (const char *p = text; *p; k++) {
		size_t len = strcspn(p, "\n");
		unsigned long cp = 0;
		size_t first = kp_utf8_decode(p, len, &cp);

		if (k > 0)
			kp_buf_putc(&b, '\n');
		if (first > 0 && ((k < n && disc[k] && !(cp >= 0xac00 && cp <= 0xd7a3)) ||
		                  (p[0] == '*' && p[1] != '*'))) {
			kp_buf_puts(&b, "\u2022 ");
			p += first;
			len -= first;
			while (len > 0 && *p == ' ') {
				p++;
				len--;
			}
		}
		kp_buf_add(&b, p, len);
		p += len;
		if (*p == '\n')
			p++;
	}
	free(text);
	return kp_buf_detach(&b);
}
