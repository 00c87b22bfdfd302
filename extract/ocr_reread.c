/*
 * ocr_reread.c - second readings, where one model does not read a script
 * well (measurements: docs/ocr-notes.md): a parenthesised run (Hanja
 * names such as 난징(南京)) read again with the Hanja engine and spliced
 * in; a line mostly not Hangul (a URL, an English or Chinese title) read
 * again by the other languages and as Chinese, the most confident reading
 * kept; a line that looks like a URL read again with URL characters only.
 */
#include <stdlib.h>
#include <string.h>

#include "ocr.h"

#define ZH_MIN 4               /* symbols a line needs for a Chinese re-reading */
#define HANGUL_SHARE 0.5       /* a line with less Hangul is read again by the others, */
#define ZH_HANGUL 0.2          /* ... and with less than this as Chinese too, */
#define ZH_CONF 95.0           /* as is a line the main model is less sure of */

static int is_open(const char *t)
{
	return strcmp(t, "(") == 0 || strcmp(t, "（") == 0;
}

static int is_close(const char *t)
{
	return strcmp(t, ")") == 0 || strcmp(t, "）") == 0;
}

static int is_paren(const char *t)
{
	return is_open(t) || is_close(t);
}

/* Read s->v[from..to) again with the Hanja engine when it holds a
 * parenthesis (a Hanja name such as 난징(南京) follows its Korean
 * reading): only the area from the word before the first parenthesis's
 * (the main reading may have lost the "(" itself) to the last one, or to
 * the end of s when that is an opening one (it may have lost the ")"). */
int ex_han_reread(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s,
                  size_t from, size_t to, struct ex_syms *c)
{
	size_t first = to, last = to;

	c->v = NULL;
	c->n = 0;
	for (size_t i = from; i < to; i++)
		if (is_paren(s->v[i].text)) {
			first = first == to ? i : first;
			last = i;
		}
	if (first == to)
		return -1;
	if (is_open(s->v[last].text))
		last = to - 1; /* its ")" lost too: the run may reach the line's end */
	for (int words = 0; first > from && words < 2; first--)
		words += s->v[first].word_start || s->v[first].line_start;
	return ex_ocr_reread(o, EX_ENG_HAN, EX_CELL_PSM, pix, dpi, s, first, last + 1, c);
}

/* Does c->v[a+1..b) hold only Han characters (and at least one)? */
static int all_han(const struct ex_syms *c, size_t a, size_t b)
{
	for (size_t i = a + 1; i < b; i++) {
		const char *t = c->v[i].text;

		if (!kp_starts_han(t))
			return 0;
	}
	return b > a + 1;
}

/* Splice the parenthesised Han runs of the Hanja reading (EX_ENG_HAN) c into the
 * main reading k[from..to) (one line or one cell): symbols of k that
 * start between the run's first Han character and its closing
 * parenthesis, on its line, are replaced by the run (LSTM symbol boxes
 * are loose: a line's first box may span the whole line, so left edges,
 * not centres, are compared; the main reading's
 * own "(" is kept when it has one; the Hanja reading (EX_ENG_HAN)'s "(" box often
 * swallows the Hangul before it).  Each run goes in once, however many
 * symbols of k it replaces, so the result holds at most (to - from) + c->n
 * symbols.  Returns a new array whose symbol texts are borrowed from k
 * and c. */
struct ex_syms ex_han_splice(const struct ex_syms *k, size_t from, size_t to,
                             const struct ex_syms *c)
{
	struct ex_syms out;
	unsigned char *done = kp_xcalloc(c->n ? c->n : 1, 1); /* per run, by its "(" */

	out.v = kp_xreallocarray(NULL, (to - from) + c->n + 1, sizeof(*out.v));
	out.n = 0;
	for (size_t i = from; i < to; i++) {
		const struct ex_sym *ks = &k->v[i];
		int cy = (ks->y0 + ks->y1) / 2, skip = 0;

		for (size_t a = 0; a < c->n && !skip; a++) {
			const struct ex_sym *first;
			size_t b = a + 1;
			int tol;

			if (!is_open(c->v[a].text))
				continue;
			while (b < c->n && !c->v[b].line_start && !is_close(c->v[b].text))
				b++;
			if (b >= c->n || !is_close(c->v[b].text) || !all_han(c, a, b))
				continue;
			first = &c->v[a + 1];
			tol = (first->y1 - first->y0) / 4;
			if (ks->x0 < first->x0 - tol || ks->x0 > c->v[b].x1 ||
			    cy < first->y0 - 2 * tol || cy > first->y1 + 2 * tol)
				continue;
			skip = 1;
			if (done[a])
				continue; /* the run is in already */
			done[a] = 1;
			if (out.n == 0 || !is_open(out.v[out.n - 1].text)) {
				out.v[out.n] = c->v[a];
				out.v[out.n].word_start = ks->word_start;
				out.v[out.n].line_start = ks->line_start;
				out.n++;
			}
			for (size_t j = a + 1; j <= b; j++) {
				out.v[out.n] = c->v[j];
				out.v[out.n].word_start = out.v[out.n].line_start = 0;
				out.n++;
			}
		}
		if (!skip)
			out.v[out.n++] = *ks;
	}
	free(done);
	return out;
}

/* Share of the symbols s->v[from..to) other than digits that are
 * Hangul (0 for none): dates and numbers say nothing of a line's script. */
static double hangul_share(const struct ex_syms *s, size_t from, size_t to)
{
	size_t n = 0, all = 0;

	for (size_t i = from; i < to; i++) {
		const char *t = s->v[i].text;

		if (*t >= '0' && *t <= '9' && t[1] == '\0')
			continue;
		all++;
		n += kp_starts_hangul(t) != 0;
	}
	return all ? (double)n / (double)all : 1;
}

static double mean_conf(const struct ex_syms *s)
{
	double sum = 0;

	for (size_t i = 0; i < s->n; i++)
		sum += s->v[i].conf;
	return s->n ? sum / (double)s->n : -1;
}

/* Line s->v[from..to) read again with engine `which` as one line: when
 * its reading is more confident than *best (and, for EX_ENG_ZH, half Han:
 * chi_sim reads anything as Han), its text replaces *line (after the
 * mark, if any) and its confidence *best. */
static void reread_as(struct ex_ocr *o, enum ex_engine which, PIX *pix, int dpi,
                      const struct ex_syms *s, size_t from, size_t to, const char *mark,
                      char **line, double *best)
{
	struct ex_syms z;
	struct kp_buf b;
	size_t han = 0;
	double conf;
	char *text;

	if (ex_ocr_reread(o, which, PSM_SINGLE_LINE, pix, dpi, s, from, to, &z) != 0 || z.n == 0 ||
	    mean_conf(&z) <= *best) {
		ex_syms_release(&z);
		return;
	}
	for (size_t i = 0; i < z.n; i++)
		han += kp_starts_han(z.v[i].text);
	if (which == EX_ENG_ZH && 2 * han < z.n) {
		ex_syms_release(&z);
		return;
	}
	text = ex_syms_text(o, pix, dpi, &z, 0, z.n, &conf);
	kp_buf_init(&b);
	if (mark != NULL) {
		kp_buf_puts(&b, mark);
		kp_buf_putc(&b, ' ');
	}
	kp_buf_puts(&b, text);
	free(text);
	free(*line);
	*line = kp_buf_detach(&b);
	*best = conf;
	ex_syms_release(&z);
}
/* Does a line read as text look like a URL: starting with "http" or
 * "www.", or one word holding "://"? */
static int url_like(const char *text)
{
	return strncmp(text, "http", 4) == 0 || strncmp(text, "www.", 4) == 0 ||
	       (strstr(text, "://") != NULL && strchr(text, ' ') == NULL);
}

static void remove_spaces(char *t)
{
	char *w = t;

	for (; *t; t++)
		if (*t != ' ')
			*w++ = *t;
	*w = '\0';
}

/* Edit distance between two short ASCII strings (at most 8 bytes each). */
static size_t ascii_distance(const char *a, size_t na, const char *b)
{
	unsigned long x[8], y[8];
	size_t nb = strlen(b);

	for (size_t i = 0; i < na && i < 8; i++)
		x[i] = (unsigned char)a[i];
	for (size_t i = 0; i < nb && i < 8; i++)
		y[i] = (unsigned char)b[i];
	return kp_edit_distance(x, na < 8 ? na : 8, y, nb < 8 ? nb : 8);
}

/* A URL's scheme is one of a few words: one read one or two letters off
 * ("hup", "htlp", "hltps") is put right. */
static void snap_scheme(char **url)
{
	static const char *const schemes[] = { "https", "http" };
	char *end = strstr(*url, "://");
	size_t n = end != NULL ? (size_t)(end - *url) : 0;
	struct kp_buf b;

	if (n < 3 || n > 6)
		return;
	for (size_t k = 0; k < sizeof(schemes) / sizeof(*schemes); k++) {
		size_t d = ascii_distance(*url, n, schemes[k]);

		if (d == 0)
			return;
		if (d <= 2 && ((*url)[n - 1] == 's') == (k == 0)) {
			kp_buf_init(&b);
			kp_buf_puts(&b, schemes[k]);
			kp_buf_puts(&b, end);
			free(*url);
			*url = kp_buf_detach(&b);
			return;
		}
	}
}

/* Read line s->v[from..to) again as a URL: EX_ENG_URL (eng) restricted to
 * URL_CHARS, one line, no spaces (l's own reading loses its spaces too:
 * a URL has none, whatever the gaps between its letters).  Where both readings have a scheme
 * ("...://") the main reading's is kept (the whitelist turns "tt" into
 * "u" more often than kor+eng does).  The reading replaces l's text when
 * its mean confidence is at least l's and it still looks like a URL. */
static void reread_url(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s,
                       size_t from, size_t to, char **line, double *conf)
{
	struct ex_syms u;
	struct kp_buf b;
	double sum = 0;
	const char *rest, *scheme_end;

	remove_spaces(*line);
	scheme_end = strstr(*line, "://"); /* after: the text moved */
	if (ex_ocr_reread(o, EX_ENG_URL, PSM_SINGLE_LINE, pix, dpi, s, from, to, &u) != 0 || u.n == 0) {
		ex_syms_release(&u);
		return;
	}
	kp_buf_init(&b);
	for (size_t i = 0; i < u.n; i++) {
		kp_buf_puts(&b, u.v[i].text);
		sum += u.v[i].conf;
	}
	rest = b.s != NULL ? strstr(b.s, "://") : NULL;
	if (scheme_end != NULL && rest != NULL) {
		char *url = kp_xstrndup(*line, (size_t)(scheme_end - *line));
		struct kp_buf joined;

		kp_buf_init(&joined);
		kp_buf_puts(&joined, url);
		kp_buf_puts(&joined, rest);
		free(url);
		kp_buf_release(&b);
		b = joined;
	}
	if (sum / (double)u.n >= *conf && b.s != NULL && url_like(b.s)) {
		free(*line);
		*line = kp_buf_detach(&b);
		*conf = sum / (double)u.n;
	}
	kp_buf_release(&b);
	ex_syms_release(&u);
}

void ex_line_reread(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s, size_t from,
                    size_t text, size_t to, const char *mark, char **line, double *conf)
{
	double share = hangul_share(s, text, to);

	if ((*line)[0] == '\0')
		return;
	if (share < HANGUL_SHARE)
		reread_as(o, EX_ENG_ALT, pix, dpi, s, text, to, mark, line, conf);
	if (to - text >= ZH_MIN && (share < ZH_HANGUL || *conf < ZH_CONF) && !url_like(*line))
		reread_as(o, EX_ENG_ZH, pix, dpi, s, text, to, mark, line, conf);
	if (url_like(*line)) {
		reread_url(o, pix, dpi, s, from, to, line, conf);
		snap_scheme(line);
	}
}
