/*
 * ocr.c - Tesseract + Leptonica: scanned pages and pictures of tables.
 *
 * Grid first, then text: rules are found on the rendered image with the
 * same morphology as on vector pages (pix.c), tables are built by grid.c,
 * and every cell is read on its own, cropped inside its rules (a rule left
 * in the crop reads as "|" or "1").  A cell is read with the first
 * language of opt->lang alone (kor); a parenthesised run in it (Hanja names such as
 * 난징(南京)) is read again with HAN_LANG, and the reading with the higher
 * confidence is kept: no single model reads both scripts well
 * (measurements: docs/ocr-notes.md).  The rest of the page is read as
 * text lines with the table areas blanked; a line that reads as a URL is
 * read again with URL_LANG restricted to URL characters.  Word spaces
 * come from the symbols' geometry, not from Tesseract's word boundaries
 * (space_before).
 *
 * Each page gets opt->ocr_timeout seconds; every recognition runs with a
 * Tesseract monitor whose deadline is what is left of it.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tesseract/capi.h>

#include "pix.h"

#define HAN_LANG "chi_tra"     /* second pass for parenthesised Hanja */
#define URL_LANG "eng"         /* second pass for a line that is a URL, with: */
#define URL_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" \
	"-._~:/?#[]@!$&'()*+,;=%"
#define ZH_LANG "chi_sim"      /* second pass for a line without Hangul */
#define DEFAULT_LANG "kor+eng" /* when opt->lang is NULL */
#define ZH_MIN 4               /* symbols a line needs for a ZH_LANG re-reading */
#define CELL_PAD 12            /* white border around a cell crop, pixels */
#define INK 128                /* darker than this is ink in OCR images */
#define INK_FAINT 180          /* ... when looking for thin outlines of marks */
#define CELL_PSM PSM_SINGLE_BLOCK /* a cell, a line, a Hanja run */
#define PAGE_PSM PSM_SINGLE_COLUMN /* the rest of a page (psm 4) */
/* Word spaces (space_before, measured in docs/ocr-notes.md) */
#define PITCH_SPACE 1.15       /* Hangul: advance over this x the advance inside words */
#define PITCH_PAIRS 5          /* syllable pairs a line needs to measure that advance */
#define PITCH_GAP 0.15         /* ... with at least this x the text height of white */
#define SPACE_SHARE 0.6        /* other pairs: ink gap over this x the line's word space */
#define WORD_GAP 0.4           /* ... or, on a short line, over this x the text height */

/* The engines: running text with opt->lang, table cells with its first
 * language alone (kor reads Hangul cells better without eng, see
 * docs/ocr-notes.md), Hanja runs with HAN_LANG. */
enum { ENG_PAGE, ENG_CELL, ENG_HAN, ENG_URL, ENG_ZH, ENG_N };

struct ex_ocr {
	const struct ex_options *opt;  /* borrowed; outlives the engine */
	const char *file;              /* for diagnostics; borrowed */
	TessBaseAPI *api[ENG_N];       /* started on first use */
	int failed[ENG_N];
	char *lang[ENG_N];
	double deadline;               /* CLOCK_MONOTONIC seconds; 0 = none */
	int clock_page;                /* the page the deadline is for, 0 = none */
	int timed_out;                 /* for the current page */
	int told;                      /* the time-out of this page was reported */
};

/* One recognised symbol (usually a character). */
struct sym {
	char *text;
	float conf;
	int x0, y0, x1, y1;
	int word_start, line_start;
};

struct syms {
	struct sym *v;
	size_t n;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tesseract runs its LSTM in OpenMP teams of up to 4 threads whose
 * waiting threads spin: on a loaded machine (or beside our own -j
 * workers) that triples the CPU time of a page for no gain in wall time
 * (docs/ocr-notes.md).  Unless the user set OpenMP's environment, let the
 * runtime size its teams by the load (dynamic adjustment, as
 * OMP_DYNAMIC=true).  The OpenMP runtime is Tesseract's dependency, not
 * ours, so it is looked up in the loaded libraries; without one, nothing
 * to do. */
static void openmp_dynamic(void)
{
	void *self;
	void (*set_dynamic)(int);

	if (getenv("OMP_DYNAMIC") || getenv("OMP_NUM_THREADS") || getenv("OMP_THREAD_LIMIT"))
		return;
	self = dlopen(NULL, RTLD_NOW);
	if (self == NULL)
		return;
	*(void **)&set_dynamic = dlsym(self, "omp_set_dynamic");
	if (set_dynamic != NULL)
		set_dynamic(1);
	dlclose(self);
}

struct ex_ocr *ex_ocr_new(const struct ex_options *opt, const char *file)
{
	struct ex_ocr *o = kp_xcalloc(1, sizeof(*o));
	const char *lang = opt->lang ? opt->lang : DEFAULT_LANG;

	openmp_dynamic();
	o->opt = opt;
	o->file = file;
	o->lang[ENG_PAGE] = kp_xstrdup(lang);
	o->lang[ENG_CELL] = kp_xstrndup(lang, strcspn(lang, "+"));
	o->lang[ENG_HAN] = kp_xstrdup(HAN_LANG);
	o->lang[ENG_URL] = kp_xstrdup(URL_LANG);
	o->lang[ENG_ZH] = kp_xstrdup(ZH_LANG);
	return o;
}

void ex_ocr_free(struct ex_ocr *o)
{
	if (o == NULL)
		return;
	for (int i = 0; i < ENG_N; i++) {
		if (o->api[i] != NULL) {
			TessBaseAPIEnd(o->api[i]);
			TessBaseAPIDelete(o->api[i]);
		}
		free(o->lang[i]);
	}
	free(o);
}

/* Engine `which`, started on first use; NULL (after one diagnostic) when
 * it cannot start. */
static TessBaseAPI *engine(struct ex_ocr *o, int which)
{
	TessBaseAPI *api;

	if (o->api[which] != NULL || o->failed[which])
		return o->api[which];
	api = TessBaseAPICreate();
	/* quiet: Tesseract's tprintf chatter goes to debug_file */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(api, o->opt->tessdata, o->lang[which]) != 0) {
		kp_warn(o->file, 0, "cannot start tesseract with languages %s (tessdata %s)",
		        o->lang[which], o->opt->tessdata ? o->opt->tessdata : "default");
		TessBaseAPIDelete(api);
		o->failed[which] = 1;
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (which == ENG_URL)
		TessBaseAPISetVariable(api, "tessedit_char_whitelist", URL_CHARS);
	o->api[which] = api;
	return api;
}

static void syms_release(struct syms *s)
{
	for (size_t i = 0; i < s->n; i++)
		TessDeleteText(s->v[i].text);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Recognise `pix` (8 bpp, `dpi`) with `api` in page segmentation mode psm
 * and collect its symbols.  Returns 0, or -1 when the page's time is up
 * (nothing collected). */
static int recognise(struct ex_ocr *o, TessBaseAPI *api, PIX *pix, int dpi, int psm,
                     struct syms *out)
{
	ETEXT_DESC *mon;
	TessResultIterator *it;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (o->deadline > 0) {
		double left = o->deadline - now();

		if (left <= 0) {
			o->timed_out = 1;
			return -1;
		}
		mon = TessMonitorCreate();
		TessMonitorSetDeadlineMSecs(mon, (int)(left * 1000) + 1);
	} else
		mon = NULL;
	TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
	TessBaseAPISetImage2(api, pix);
	TessBaseAPISetSourceResolution(api, dpi);
	rc = TessBaseAPIRecognize(api, mon);
	if (mon != NULL)
		TessMonitorDelete(mon);
	if (rc != 0 || (o->deadline > 0 && now() > o->deadline)) {
		o->timed_out = 1;
		TessBaseAPIClear(api);
		return -1;
	}
	it = TessBaseAPIGetIterator(api);
	if (it != NULL) {
		TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
		size_t cap = 0;

		do {
			char *t = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
			struct sym *s;

			if (t == NULL)
				continue;
			if (out->n == cap) {
				cap = cap ? 2 * cap : 64;
				out->v = kp_xreallocarray(out->v, cap, sizeof(*out->v));
			}
			s = &out->v[out->n++];
			s->text = t;
			s->conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
			TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &s->x0, &s->y0, &s->x1, &s->y1);
			s->word_start = TessPageIteratorIsAtBeginningOf(pit, RIL_WORD);
			s->line_start = TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE);
		} while (TessResultIteratorNext(it, RIL_SYMBOL));
		TessResultIteratorDelete(it);
	}
	TessBaseAPIClear(api);
	return 0;
}

static int is_open(const char *t)
{
	return strcmp(t, "(") == 0 || strcmp(t, "（") == 0;
}

static int is_close(const char *t)
{
	return strcmp(t, ")") == 0 || strcmp(t, "）") == 0;
}

/* How a line's symbols are spaced: the median height of its Hangul
 * symbols (of all its symbols when it has none); the lower quartile of
 * the distances between the centres of consecutive Hangul symbols, i.e.
 * the advance inside a word (0 when fewer than PITCH_PAIRS such pairs);
 * the median ink gap of the pairs that advance farther (the line's word
 * space; 0 when fewer than 2). */
struct spacing {
	double h, pitch, space;
};

static int hangul(const struct sym *s)
{
	unsigned long cp;

	return kp_utf8_decode(s->text, strlen(s->text), &cp) > 0 && kp_is_hangul(cp);
}

static int han(const struct sym *s)
{
	unsigned long cp;

	return kp_utf8_decode(s->text, strlen(s->text), &cp) > 0 && kp_is_han(cp);
}

static double centre_x(const struct sym *s)
{
	return (s->x0 + s->x1) / 2.0;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int hangul_pair(const struct syms *s, size_t i)
{
	return hangul(&s->v[i - 1]) && hangul(&s->v[i]);
}

static void line_spacing(const struct syms *s, size_t from, size_t to, struct spacing *sp)
{
	double *v = kp_xreallocarray(NULL, to - from + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		if (hangul(&s->v[i]))
			v[n++] = s->v[i].y1 - s->v[i].y0;
	if (n == 0)
		for (size_t i = from; i < to; i++)
			v[n++] = s->v[i].y1 - s->v[i].y0;
	sp->h = median(v, n);
	n = 0;
	for (size_t i = from + 1; i < to; i++)
		if (hangul_pair(s, i))
			v[n++] = centre_x(&s->v[i]) - centre_x(&s->v[i - 1]);
	qsort(v, n, sizeof(*v), dbl_cmp);
	sp->pitch = n >= PITCH_PAIRS ? v[(n - 1) / 4] : 0;
	sp->space = 0;
	if (sp->pitch > 0) {
		n = 0;
		for (size_t i = from + 1; i < to; i++)
			if (hangul_pair(s, i) && s->v[i].word_start &&
			    centre_x(&s->v[i]) - centre_x(&s->v[i - 1]) > PITCH_SPACE * sp->pitch)
				v[n++] = s->v[i].x0 - s->v[i - 1].x1;
		sp->space = n >= 2 ? median(v, n) : 0;
	}
	free(v);
}

/* Is there a word space before symbol i (on the line spaced as sp)?
 * Tesseract's word boundaries split Hangul into syllables, so they are
 * only candidates.  Between two Hangul syllables (which advance by one em
 * whatever their ink) the distance between their centres decides: longer
 * than the line's advance inside words by PITCH_SPACE, with some white
 * between the two (a loose symbol box shifts a centre).  Elsewhere the gap
 * between the ink boxes: over SPACE_SHARE of the line's word space, or
 * over WORD_GAP of the text height when the line has too few syllables to
 * tell (docs/ocr-notes.md).  Never between two Han characters. */
static int space_before(const struct syms *s, size_t i, const struct spacing *sp)
{
	const struct sym *p = &s->v[i - 1], *c = &s->v[i];

	if (!c->word_start || (han(p) && han(c)))
		return 0; /* Chinese and Hanja have no word spaces */
	if (sp->pitch > 0 && hangul_pair(s, i))
		return centre_x(c) - centre_x(p) > PITCH_SPACE * sp->pitch &&
		       c->x0 - p->x1 > PITCH_GAP * sp->h;
	if (sp->space > 0)
		return c->x0 - p->x1 > SPACE_SHARE * sp->space;
	return c->x0 - p->x1 > WORD_GAP * sp->h;
}

static int is_paren(const char *t)
{
	return is_open(t) || is_close(t);
}

/* Read the box around s->v[from..to) of pix again with engine `which` in
 * mode psm into *c, in pix's coordinates.  Returns 0, or -1 (c empty). */
static int reread(struct ex_ocr *o, int which, int psm, PIX *pix, int dpi,
                  const struct syms *s, size_t from, size_t to, struct syms *c)
{
	TessBaseAPI *api = engine(o, which);
	int x0 = INT32_MAX, y0 = INT32_MAX, x1 = 0, y1 = 0, pad = 6;
	BOX *box;
	PIX *crop, *padded;
	int rc;

	c->v = NULL;
	c->n = 0;
	if (api == NULL)
		return -1;
	for (size_t i = from; i < to; i++) {
		x0 = s->v[i].x0 < x0 ? s->v[i].x0 : x0;
		y0 = s->v[i].y0 < y0 ? s->v[i].y0 : y0;
		x1 = s->v[i].x1 > x1 ? s->v[i].x1 : x1;
		y1 = s->v[i].y1 > y1 ? s->v[i].y1 : y1;
	}
	x0 = x0 - pad < 0 ? 0 : x0 - pad;
	y0 = y0 - pad < 0 ? 0 : y0 - pad;
	box = boxCreate(x0, y0, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
	crop = box ? pixClipRectangle(pix, box, NULL) : NULL;
	boxDestroy(&box);
	if (crop == NULL)
		return -1;
	padded = pixAddBorder(crop, CELL_PAD, 0xff);
	pixDestroy(&crop);
	rc = recognise(o, api, padded, dpi, psm, c);
	pixDestroy(&padded);
	for (size_t i = 0; i < c->n; i++) {
		c->v[i].x0 += x0 - CELL_PAD;
		c->v[i].x1 += x0 - CELL_PAD;
		c->v[i].y0 += y0 - CELL_PAD;
		c->v[i].y1 += y0 - CELL_PAD;
	}
	return rc;
}

/* Does c->v[a+1..b) hold only Han characters (and at least one)? */
static int all_han(const struct syms *c, size_t a, size_t b)
{
	for (size_t i = a + 1; i < b; i++) {
		unsigned long cp;
		const char *t = c->v[i].text;

		if (kp_utf8_decode(t, strlen(t), &cp) == 0 || !kp_is_han(cp))
			return 0;
	}
	return b > a + 1;
}

/* Splice the parenthesised Han runs of the HAN_LANG reading c into the
 * main reading k[from..to) (one line or one cell): symbols of k that
 * start between the run's first Han character and its closing
 * parenthesis, on its line, are replaced by the run (LSTM symbol boxes
 * are loose: a line's first box may span the whole line, so left edges,
 * not centres, are compared; the main reading's
 * own "(" is kept when it has one; the HAN_LANG reading's "(" box often
 * swallows the Hangul before it).  Each run goes in once, however many
 * symbols of k it replaces, so the result holds at most (to - from) + c->n
 * symbols.  Returns a new array whose symbol texts are borrowed from k
 * and c. */
static struct syms splice_han(const struct syms *k, size_t from, size_t to,
                              const struct syms *c)
{
	struct syms out;
	unsigned char *done = kp_xcalloc(c->n ? c->n : 1, 1); /* per run, by its "(" */

	out.v = kp_xreallocarray(NULL, (to - from) + c->n + 1, sizeof(*out.v));
	out.n = 0;
	for (size_t i = from; i < to; i++) {
		const struct sym *ks = &k->v[i];
		int cy = (ks->y0 + ks->y1) / 2, skip = 0;

		for (size_t a = 0; a < c->n && !skip; a++) {
			const struct sym *first;
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

/* Append the text of s: lines joined with '\n', words by a space.
 * *sum += the symbols' confidences, *n += their number. */
static void add_text(struct kp_buf *b, const struct syms *s, double *sum, size_t *n)
{
	struct spacing sp = { 0, 0, 0 };

	for (size_t i = 0; i < s->n; i++) {
		if (i == 0 || s->v[i].line_start) {
			size_t end = i + 1;

			while (end < s->n && !s->v[end].line_start)
				end++;
			line_spacing(s, i, end, &sp);
			if (i > 0)
				kp_buf_putc(b, '\n');
		} else if (space_before(s, i, &sp))
			kp_buf_putc(b, ' ');
		kp_buf_puts(b, s->v[i].text);
		*sum += s->v[i].conf;
		(*n)++;
	}
}

/* Text of the symbols s->v[from..to) read from pix: lines joined with
 * '\n'.  When they hold a parenthesis, the same area is read again with
 * HAN_LANG and its parenthesised Han runs replace the main reading there
 * (splice_han).  *conf gets the mean symbol confidence (-1 for none).
 * Returns a new NFC string. */
static char *syms_text(struct ex_ocr *o, PIX *pix, int dpi, const struct syms *s,
                       size_t from, size_t to, double *conf)
{
	struct kp_buf b;
	struct syms view = { s->v + from, to - from }, c = { NULL, 0 }, spliced;
	double sum = 0;
	size_t n = 0, parens = 0;
	char *raw, *nfc;

	for (size_t i = from; i < to; i++)
		parens += is_paren(s->v[i].text);
	kp_buf_init(&b);
	if (parens > 0 && reread(o, ENG_HAN, CELL_PSM, pix, dpi, s, from, to, &c) == 0) {
		spliced = splice_han(s, from, to, &c);

		add_text(&b, &spliced, &sum, &n);
		free(spliced.v);
	} else
		add_text(&b, &view, &sum, &n);
	syms_release(&c);
	*conf = n ? sum / (double)n : -1;
	raw = kp_buf_detach(&b);
	nfc = kp_nfc_new(raw);
	free(raw);
	return nfc;
}

/* Number of ink pixels in an 8 bpp image. */
static long ink_pixels(PIX *pix)
{
	PIX *bin = pixThresholdToBinary(pix, INK);
	l_int32 n = 0;

	if (bin != NULL)
		pixCountPixels(bin, &n, NULL);
	pixDestroy(&bin);
	return n;
}

/* Share of ink pixels in row or column k of the crop (w x h). */
static double edge_ink(PIX *pix, int k, int vertical)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), n = 0, len = vertical ? h : w;

	for (int i = 0; i < len; i++) {
		l_uint32 v = 255;

		pixGetPixel(pix, vertical ? k : i, vertical ? i : k, &v);
		n += v < INK;
	}
	return len ? (double)n / len : 0;
}

/* Stretch an 8 bpp image so its most frequent (background) level becomes
 * white: a shaded header cell then reads like paper. */
static void whiten_background(PIX *pix)
{
	NUMA *hist = pixGetGrayHistogram(pix, 1);
	l_int32 bg = 255, w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_float32 best = -1;
	l_uint32 *data = pixGetData(pix);

	if (hist == NULL)
		return;
	for (int v = 0; v < 256; v++) {
		l_float32 c = 0;

		numaGetFValue(hist, v, &c);
		if (c > best) {
			best = c;
			bg = v;
		}
	}
	numaDestroy(&hist);
	if (bg >= 250 || bg < 128)
		return; /* paper already, or dark: white text on a dark fill */
	for (l_int32 y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (l_int32 x = 0; x < w; x++) {
			l_int32 v = GET_DATA_BYTE(line, x) * 255 / bg;

			SET_DATA_BYTE(line, x, v > 255 ? 255 : v);
		}
	}
}

/* Crop the cell rectangle (pixels) inside its rules: start a little
 * inside, then move each edge in while it still crosses a rule (a line of
 * mostly ink); pad with white.  NULL when nothing is left. */
static PIX *cell_crop(PIX *pix, int x0, int y0, int x1, int y1, int inset)
{
	int maxin = 3 * inset + 2;
	BOX *box;
	PIX *crop, *clean, *out;
	int l = 0, r, t = 0, bt;

	x0 += inset;
	y0 += inset;
	x1 -= inset;
	y1 -= inset;
	if (x1 - x0 < 4 || y1 - y0 < 4)
		return NULL;
	box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	crop = pixClipRectangle(pix, box, NULL);
	boxDestroy(&box);
	if (crop == NULL)
		return NULL;
	r = pixGetWidth(crop) - 1;
	bt = pixGetHeight(crop) - 1;
	while (l < maxin && l < r && edge_ink(crop, l, 1) > 0.3) l++;
	while (r > pixGetWidth(crop) - 1 - maxin && r > l && edge_ink(crop, r, 1) > 0.3) r--;
	while (t < maxin && t < bt && edge_ink(crop, t, 0) > 0.3) t++;
	while (bt > pixGetHeight(crop) - 1 - maxin && bt > t && edge_ink(crop, bt, 0) > 0.3) bt--;
	box = boxCreate(l, t, r - l + 1, bt - t + 1);
	clean = pixClipRectangle(crop, box, NULL);
	boxDestroy(&box);
	pixDestroy(&crop);
	if (clean == NULL)
		return NULL;
	whiten_background(clean);
	out = pixAddBorder(clean, CELL_PAD, 0xff);
	pixDestroy(&clean);
	return out;
}

/* Tesseract reads the "•" that starts a cell's item as "*": put it back
 * so items look as on text pages ("\u2022 " then the item).  Takes and returns
 * an allocated string. */
static char *bullets(char *text)
{
	struct kp_buf b;

	if (strchr(text, '*') == NULL)
		return text;
	kp_buf_init(&b);
	for (const char *p = text; *p; p++) {
		if (*p == '*' && (p == text || p[-1] == '\n') && p[1] != '*') {
			kp_buf_puts(&b, "\u2022 ");
			while (p[1] == ' ')
				p++;
		} else
			kp_buf_putc(&b, *p);
	}
	free(text);
	return kp_buf_detach(&b);
}

/* Read every cell of table t, found on `pix` whose pixel (0,0) is page
 * point (ox,oy) at `scale` points per pixel.  Sets t->ocr, t->conf and
 * each cell's text, ocr and conf.  Returns -1 when time ran out. */
static int read_cells(struct ex_ocr *o, PIX *pix, double scale, double ox, double oy,
                      struct ex_table *t)
{
	TessBaseAPI *api = engine(o, ENG_CELL);
	int dpi = (int)lround(72 / scale), inset = (int)ceil(1.0 / scale) + 1;
	double sum = 0;
	int nread = 0, rc = 0;

	t->ocr = 1;
	for (size_t c = 0; c < t->ncells; c++) {
		struct ex_cell *cell = &t->cells[c];
		PIX *crop;
		struct syms s;

		cell->ocr = 1;
		cell->conf = -1;
		free(cell->text);
		cell->text = kp_xstrdup("");
		crop = cell_crop(pix, (int)lround((cell->box.x0 - ox) / scale),
		                 (int)lround((cell->box.y0 - oy) / scale),
		                 (int)lround((cell->box.x1 - ox) / scale),
		                 (int)lround((cell->box.y1 - oy) / scale), inset);
		if (crop == NULL || api == NULL || ink_pixels(crop) < 10) {
			pixDestroy(&crop);
			continue;
		}
		if (recognise(o, api, crop, dpi, CELL_PSM, &s) == 0) {
			free(cell->text);
			cell->text = syms_text(o, crop, dpi, &s, 0, s.n, &cell->conf);
			cell->text = bullets(cell->text);
			if (cell->conf >= 0) {
				sum += cell->conf;
				nread++;
			}
		} else
			rc = -1;
		syms_release(&s);
		pixDestroy(&crop);
	}
	t->conf = nread ? sum / nread : -1;
	return api == NULL ? -1 : rc;
}

/* Share of ink pixels of a 1 bpp image. */
static double fill_ratio(PIX *bin)
{
	l_int32 n = 0, w = pixGetWidth(bin), h = pixGetHeight(bin);

	pixCountPixels(bin, &n, NULL);
	return w * h > 0 ? (double)n / (w * h) : 0;
}

/* Is there ink in the middle third of a 1 bpp image (a tick in a box)? */
static int ink_inside(PIX *bin)
{
	l_int32 w = pixGetWidth(bin), h = pixGetHeight(bin);

	for (l_int32 y = h / 3; y < h - h / 3; y++)
		for (l_int32 x = w / 3; x < w - w / 3; x++) {
			l_uint32 v = 0;

			pixGetPixel(bin, x, y, &v);
			if (v != 0)
				return 1;
		}
	return 0;
}

/* Does a 1 bpp image hold a hole (white enclosed by ink)? */
static int has_hole(PIX *bin)
{
	PIX *holes = pixHolesByFilling(bin, 4);
	l_int32 n = 0;

	if (holes != NULL)
		pixCountPixels(holes, &n, NULL);
	pixDestroy(&holes);
	return n > 0;
}

/* Number of the four points an eighth (corners) or 0.18 (diagonals) of
 * the way in from the corners of a 1 bpp image that are ink: a square has
 * its corners, a circle or disc its diagonals, a diamond neither. */
static int ink_at(PIX *bin, double inset)
{
	l_int32 w = pixGetWidth(bin), h = pixGetHeight(bin), n = 0;
	l_int32 dx = (l_int32)(inset * w), dy = (l_int32)(inset * h);

	for (int k = 0; k < 4; k++) {
		l_uint32 v = 0;

		pixGetPixel(bin, k & 1 ? w - 1 - dx : dx, k & 2 ? h - 1 - dy : dy, &v);
		n += v != 0;
	}
	return n;
}

/* What a blob at the start of a line is, by its shape: a filled square
 * "■", a square outline "□" (with a tick inside "☑"), a disc "●"/"•", a ring "○" or, smaller than
 * the line's syllables, "◦", a diamond "◆", "◈" (with a diamond inside)
 * or "◇"; NULL for anything else.  `bin` is the blob's bounding box, h the
 * line's text height, gap the space to the next blob: a ring or outline
 * square needs a word space (a quarter of h) after it, else it is the ㅇ
 * of a syllable or a letter; a filled one (no letter looks like it) may
 * nearly touch the next. */
static const char *mark_shape(PIX *bin, double h, double gap)
{
	l_int32 w = pixGetWidth(bin), ht = pixGetHeight(bin);
	double fill = fill_ratio(bin);
	int corners = ink_at(bin, 0.125), diagonals = ink_at(bin, 0.18), hole;

	if (w < 0.85 * ht || w > 1.18 * ht)
		return NULL;
	if (fill > 0.86 && corners >= 3)
		return "\u25a0"; /* ■ */
	if (corners > 0 && corners < 3)
		return NULL;
	hole = has_hole(bin);
	if (corners == 0 && diagonals == 0) {
		if (hole)
			return fill > 0.35 ? "\u25c8" : "\u25c7"; /* ◈ ◇ */
		return fill > 0.35 ? "\u25c6" : NULL; /* ◆ */
	}
	if (corners == 0 && diagonals >= 3 && fill > 0.6 && !hole)
		return ht >= 0.6 * h ? "\u25cf" : "\u2022"; /* ● • */
	if (fill > 0.6 || !hole || gap < 0.25 * h)
		return NULL;
	if (corners >= 3)
		return ink_inside(bin) ? "\u2611" : "\u25a1"; /* ☑ □ */
	if (diagonals >= 3)
		return ht > 0.85 * h ? "\u25cb" : "\u25e6"; /* ○ ◦ */
	return NULL;
}

/* Is mark (from mark_shape) one drawn with a hole? */
static int hollow_mark(const char *mark)
{
	static const char *const hollow[] = {
		"\u2611", "\u25a1", "\u25cb", "\u25e6", "\u25c8", "\u25c7", NULL,
	};

	for (const char *const *h = hollow; *h != NULL; h++)
		if (strcmp(mark, *h) == 0)
			return 1;
	return 0;
}

/* Is a blob w x ht part of a line of text height h: not a speck of
 * noise, not a rule or a hairline piece of one (a framed lead's box)? */
static int blob_counts(l_int32 w, l_int32 ht, double h)
{
	l_int32 lo = w < ht ? w : ht, hi = w < ht ? ht : w;

	return hi >= 0.15 * h && lo >= 0.05 * h && !(w >= 2 * h && ht < 0.25 * h);
}

/* The lead or bullet mark that starts line s->v[from..to) of pix (text
 * height h), told by its shape rather than by Tesseract, which reads ■ as
 * "圖", "뿔" or "0", ◦ as "O", ◈ as "@", or drops them (docs/ocr-notes.md):
 * the line's leftmost blob of ink, at most 1.6 h left of the first symbol
 * or half an h into it, 0.35 to 1.1 h tall, not thin, nothing but thin
 * strokes (a frame's rule) left of it (mark_shape tells the rest).
 * `ink`: the binarisation threshold.  Returns the mark (a static string)
 * and sets *x0, *x1 to the blob's edges, or NULL. */
static const char *line_mark_at(PIX *pix, const struct syms *s, size_t from, size_t to,
                                double h, int ink, int *x0, int *x1)
{
	int lx = INT32_MAX, ly0 = INT32_MAX, ly1 = 0, cx0, cy0;
	BOX *box;
	BOXA *blobs = NULL;
	PIX *crop = NULL, *bin = NULL, *blob = NULL;
	const char *mark = NULL;
	l_int32 first = -1, bx = 0, by = 0, bw = 0, bh = 0, n;
	double gap = 3 * h;

	for (size_t i = from; i < to; i++) {
		lx = s->v[i].x0 < lx ? s->v[i].x0 : lx;
		ly0 = s->v[i].y0 < ly0 ? s->v[i].y0 : ly0;
		ly1 = s->v[i].y1 > ly1 ? s->v[i].y1 : ly1;
	}
	if (h < 8 || from >= to)
		return NULL;
	cx0 = lx - (int)(1.6 * h) > 0 ? lx - (int)(1.6 * h) : 0;
	cy0 = ly0 - (int)(0.1 * h) > 0 ? ly0 - (int)(0.1 * h) : 0;
	box = boxCreate(cx0, cy0, lx - cx0 + (int)(2 * h), ly1 + (int)(0.1 * h) - cy0);
	if (box != NULL)
		crop = pixClipRectangle(pix, box, NULL);
	boxDestroy(&box);
	if (crop != NULL)
		bin = pixThresholdToBinary(crop, ink);
	if (bin != NULL)
		blobs = pixConnCompBB(bin, 8);
	n = blobs != NULL ? boxaGetCount(blobs) : 0;
	for (l_int32 i = 0; i < n; i++) {
		l_int32 x, y, w, ht;

		boxaGetBoxGeometry(blobs, i, &x, &y, &w, &ht);
		if (blob_counts(w, ht, h) && w >= 0.25 * h && (first < 0 || x < bx)) {
			first = i;
			bx = x;
			by = y;
			bw = w;
			bh = ht;
		}
	}
	if (first < 0 || bh < 0.35 * h || bh > 1.1 * h || bw < 0.35 * h ||
	    cx0 + bx > lx + 0.5 * h)
		first = -1;
	for (l_int32 i = 0; first >= 0 && i < n; i++) {
		l_int32 x, y, w, ht;

		boxaGetBoxGeometry(blobs, i, &x, &y, &w, &ht);
		if (i == first || !blob_counts(w, ht, h) ||
		    (x >= bx && x + w <= bx + bw && y >= by && y + ht <= by + bh))
			continue; /* noise, a rule, or inside the mark (◈) */
		if (x + w <= bx) {
			if (w >= 0.25 * h)
				first = -1; /* something other than a rule before it */
			continue;
		}
		if (x - (bx + bw) < gap)
			gap = x - (bx + bw);
	}
	box = first >= 0 && gap > -0.05 * h ? boxCreate(bx, by, bw, bh) : NULL;
	if (box != NULL)
		blob = pixClipRectangle(bin, box, NULL);
	boxDestroy(&box);
	if (blob != NULL && (mark = mark_shape(blob, h, gap)) != NULL) {
		*x0 = cx0 + bx;
		*x1 = cx0 + bx + bw;
	}
	pixDestroy(&blob);
	boxaDestroy(&blobs);
	pixDestroy(&bin);
	pixDestroy(&crop);
	return mark;
}

/* The mark that starts a line (line_mark_at): thin outlines (☑ □ ◈ of a
 * fallback font, blurred by a scan) break up at the threshold that keeps
 * a ■ apart from its neighbours, so when none is found there, a fainter
 * threshold is tried for marks with a hole only (a blurred "*" becomes a
 * disc there). */
static const char *line_mark(PIX *pix, const struct syms *s, size_t from, size_t to, double h,
                             int *x0, int *x1)
{
	const char *mark = line_mark_at(pix, s, from, to, h, INK, x0, x1);

	if (mark == NULL) {
		mark = line_mark_at(pix, s, from, to, h, INK_FAINT, x0, x1);
		if (mark != NULL && !hollow_mark(mark))
			mark = NULL;
	}
	return mark;
}

/* The font size of line s->v[from..to) (spaced as sp) in pixels: its
 * Hangul syllables are about 0.9 em tall whatever the font; a line
 * without them has the median height of its symbols, about 0.7 em for
 * Latin capitals, digits and ascenders.  Tesseract's line boxes are no
 * guide: a loose symbol box stretches them (docs/ocr-notes.md). */
static double line_size(const struct syms *s, size_t from, size_t to, const struct spacing *sp)
{
	for (size_t i = from; i < to; i++)
		if (hangul(&s->v[i]))
			return sp->h / 0.9;
	return sp->h / 0.7;
}

/* Is the text of s->v[from..to) free of Hangul, with ZH_MIN symbols or
 * more? */
static int no_hangul(const struct syms *s, size_t from, size_t to)
{
	if (to - from < ZH_MIN)
		return 0;
	for (size_t i = from; i < to; i++)
		if (hangul(&s->v[i]))
			return 0;
	return 1;
}

/* Read line s->v[from..to) again with ZH_LANG: a Korean page cites
 * Chinese titles, which kor+eng turns into Latin letters ("D PR AGERE
 * FI").  The reading replaces l's text (after its mark, if any) when at
 * least half of its symbols are Han and its mean confidence is not lower. */
static void reread_zh(struct ex_ocr *o, PIX *pix, int dpi, const struct syms *s, size_t from,
                      size_t to, const char *mark, struct ex_line *l)
{
	struct syms z;
	struct kp_buf b;
	double sum = 0;
	size_t han = 0;

	if (reread(o, ENG_ZH, PSM_SINGLE_LINE, pix, dpi, s, from, to, &z) != 0 || z.n == 0) {
		syms_release(&z);
		return;
	}
	for (size_t i = 0; i < z.n; i++) {
		unsigned long cp;

		sum += z.v[i].conf;
		han += kp_utf8_decode(z.v[i].text, strlen(z.v[i].text), &cp) > 0 && kp_is_han(cp);
	}
	if (2 * han >= z.n && sum / (double)z.n >= l->conf) {
		double conf;
		char *text = syms_text(o, pix, dpi, &z, 0, z.n, &conf);

		kp_buf_init(&b);
		if (mark != NULL) {
			kp_buf_puts(&b, mark);
			kp_buf_putc(&b, ' ');
		}
		kp_buf_puts(&b, text);
		free(text);
		free(l->text);
		l->text = kp_buf_detach(&b);
		l->conf = conf;
	}
	syms_release(&z);
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

/* Read line s->v[from..to) again as a URL: URL_LANG restricted to
 * URL_CHARS, one line, no spaces (l's own reading loses its spaces too:
 * a URL has none, whatever the gaps between its letters).  Where both readings have a scheme
 * ("...://") the main reading's is kept (the whitelist turns "tt" into
 * "u" more often than kor+eng does).  The reading replaces l's text when
 * its mean confidence is at least l's and it still looks like a URL. */
static void reread_url(struct ex_ocr *o, PIX *pix, int dpi, const struct syms *s,
                       size_t from, size_t to, struct ex_line *l)
{
	struct syms u;
	struct kp_buf b;
	double sum = 0;
	const char *rest, *scheme_end;

	remove_spaces(l->text);
	scheme_end = strstr(l->text, "://"); /* after: the text moved */
	if (reread(o, ENG_URL, PSM_SINGLE_LINE, pix, dpi, s, from, to, &u) != 0 || u.n == 0) {
		syms_release(&u);
		return;
	}
	kp_buf_init(&b);
	for (size_t i = 0; i < u.n; i++) {
		kp_buf_puts(&b, u.v[i].text);
		sum += u.v[i].conf;
	}
	rest = b.s != NULL ? strstr(b.s, "://") : NULL;
	if (scheme_end != NULL && rest != NULL) {
		char *url = kp_xstrndup(l->text, (size_t)(scheme_end - l->text));
		struct kp_buf joined;

		kp_buf_init(&joined);
		kp_buf_puts(&joined, url);
		kp_buf_puts(&joined, rest);
		free(url);
		kp_buf_release(&b);
		b = joined;
	}
	if (sum / (double)u.n >= l->conf && b.s != NULL && url_like(b.s)) {
		free(l->text);
		l->text = kp_buf_detach(&b);
		l->conf = sum / (double)u.n;
	}
	kp_buf_release(&b);
	syms_release(&u);
}

/* Append the text lines of `pix` (pixel (0,0) at page point (ox,oy),
 * `scale` points per pixel) to pg as OCR lines.  Returns the number of
 * lines, or -1 when time ran out or the engine did not start. */
static int read_lines(struct ex_ocr *o, PIX *pix, double scale, double ox, double oy,
                      int psm, struct ex_page *pg)
{
	TessBaseAPI *api = engine(o, ENG_PAGE);
	int dpi = (int)lround(72 / scale), nlines = 0, mark_x0 = 0, mark_x1 = 0;
	struct syms s;
	struct spacing sp;
	const char *mark;
	size_t k;

	if (api == NULL || recognise(o, api, pix, dpi, psm, &s) != 0)
		return -1;
	for (size_t i = 0; i < s.n;) {
		size_t j = i + 1;
		struct ex_line *l;
		int x0 = s.v[i].x0, y0 = s.v[i].y0, x1 = s.v[i].x1, y1 = s.v[i].y1;

		while (j < s.n && !s.v[j].line_start) {
			x0 = s.v[j].x0 < x0 ? s.v[j].x0 : x0;
			y0 = s.v[j].y0 < y0 ? s.v[j].y0 : y0;
			x1 = s.v[j].x1 > x1 ? s.v[j].x1 : x1;
			y1 = s.v[j].y1 > y1 ? s.v[j].y1 : y1;
			j++;
		}
		l = ex_page_add_line(pg);
		line_spacing(&s, i, j, &sp);
		mark = line_mark(pix, &s, i, j, sp.h, &mark_x0, &mark_x1);
		if (mark != NULL && mark_x0 < x0)
			x0 = mark_x0;
		k = i;
		while (mark != NULL && k < j && s.v[k].x1 <= mark_x1 + 0.25 * sp.h)
			k++;
		l->text = syms_text(o, pix, dpi, &s, k, j, &l->conf);
		if (mark != NULL) {
			struct kp_buf b;

			kp_buf_init(&b);
			kp_buf_puts(&b, mark);
			kp_buf_putc(&b, ' ');
			kp_buf_puts(&b, l->text);
			free(l->text);
			l->text = kp_buf_detach(&b);
		}
		kp_squeeze_space(l->text);
		if (url_like(l->text))
			reread_url(o, pix, dpi, &s, i, j, l);
		else if (no_hangul(&s, k, j))
			reread_zh(o, pix, dpi, &s, k, j, mark, l);
		l->ocr = 1;
		l->box.x0 = ox + x0 * scale;
		l->box.y0 = oy + y0 * scale;
		l->box.x1 = ox + x1 * scale;
		l->box.y1 = oy + y1 * scale;
		l->size = line_size(&s, i, j, &sp) * scale;
		if (l->text[0] == '\0') {
			free(l->text);
			pg->nlines--;
		} else
			nlines++;
		i = j;
	}
	syms_release(&s);
	return nlines;
}

/* Blank (whiten) the areas of tables tables[from..] in pix. */
static void blank_tables(PIX *pix, const struct ex_page *pg, size_t from, double scale,
                         double ox, double oy)
{
	for (size_t i = from; i < pg->ntables; i++) {
		const struct kp_box *b = &pg->tables[i].box;
		BOX *box = boxCreate((int)((b->x0 - ox) / scale) - 2, (int)((b->y0 - oy) / scale) - 2,
		                     (int)(kp_box_width(b) / scale) + 5,
		                     (int)(kp_box_height(b) / scale) + 5);

		pixSetInRect(pix, box);
		boxDestroy(&box);
	}
}

/* Start page `page`'s OCR time, unless it is running already: the
 * images of one page share the page's --ocr-timeout. */
static void start_clock(struct ex_ocr *o, int page)
{
	if (o->clock_page == page)
		return;
	o->clock_page = page;
	o->timed_out = 0;
	o->told = 0;
	o->deadline = o->opt->ocr_timeout > 0 ? now() + o->opt->ocr_timeout : 0;
}

/* One diagnostic per page when its time ran out. */
static void tell_timeout(struct ex_ocr *o, int page)
{
	if (!o->timed_out || o->told)
		return;
	o->told = 1;
	kp_warn(o->file, page, "OCR stopped after %g s (--ocr-timeout)", o->opt->ocr_timeout);
}

static void drop_tables_and_lines(struct ex_page *pg)
{
	for (size_t i = 0; i < pg->nlines; i++)
		free(pg->lines[i].text);
	pg->nlines = 0;
	for (size_t i = 0; i < pg->ntables; i++)
		ex_table_release(&pg->tables[i]);
	pg->ntables = 0;
	pg->nrules = 0;
	pg->nfills = 0;
}

/*
 * Replaces pg's rules, fills, tables and lines with what the page image
 * shows; pg->chars (a garbage text layer, if any) are left to the caller.
 * Returns 0, or -1 when the engine could not start, the page could not be
 * rendered or its time ran out (what was read is kept).
 */
int ex_ocr_page(struct ex_ocr *o, PopplerPage *page, struct ex_page *pg)
{
	struct kp_box all = { 0, 0, 0, 0 };
	double scale;
	l_float32 angle = 0, conf = 0;
	PIX *pix, *straight;
	int rc = 0;

	start_clock(o, pg->number);
	pg->source = EX_SRC_OCR;
	if (pg->reason == NULL)
		pg->reason = o->opt->ocr == EX_OCR_ALWAYS ? "forced"
		             : pg->nchars == 0 ? "no-text" : "garbage-text";
	poppler_page_get_size(page, &all.x1, &all.y1);
	pix = ex_pix_render(page, &all, o->opt->dpi > 0 ? o->opt->dpi : 300,
	                    o->opt->max_pixels, &scale);
	if (pix == NULL) {
		kp_warn(o->file, pg->number, "cannot render the page for OCR");
		return -1;
	}
	/* small angles only: the image keeps its size, so points stay points */
	straight = pixFindSkewAndDeskew(pix, 2, &angle, &conf);
	if (straight != NULL) {
		pixDestroy(&pix);
		pix = straight;
	}
	drop_tables_and_lines(pg);
	ex_pix_strokes(pix, scale, 0, 0, pg);
	ex_grid_tables(pg);
	for (size_t i = 0; i < pg->ntables && rc == 0; i++)
		rc = read_cells(o, pix, scale, 0, 0, &pg->tables[i]);
	if (rc == 0) {
		blank_tables(pix, pg, 0, scale, 0, 0);
		if (read_lines(o, pix, scale, 0, 0, PAGE_PSM, pg) < 0)
			rc = -1;
	}
	pixDestroy(&pix);
	tell_timeout(o, pg->number);
	return rc;
}

/* Does the picture look like a photograph or a drawing rather than text
 * on paper?  Text and tables are mostly paper with some ink; photographs
 * and charts have many mid-tones. */
static int photo_like(PIX *pix)
{
	NUMA *hist = pixGetGrayHistogram(pix, 2);
	double total = 0, mid = 0, paper = 0;

	if (hist == NULL)
		return 1;
	for (int v = 0; v < 256; v++) {
		l_float32 c = 0;

		numaGetFValue(hist, v, &c);
		total += c;
		if (v >= 60 && v < 200)
			mid += c;
		if (v >= 200)
			paper += c;
	}
	numaDestroy(&hist);
	return total == 0 || mid / total > 0.25 || paper / total < 0.6;
}

/* Move table *t (built on tmp) to pg. */
static void take_table(struct ex_page *pg, struct ex_table *t, size_t image)
{
	struct ex_table *dst = ex_page_add_table(pg);

	*dst = *t;
	dst->image = (int)image;
	memset(t, 0, sizeof(*t));
}

/*
 * Returns 0 (image->use tells what was found), or -1 when the engine could
 * not start, the image could not be rendered or the page's time ran out.
 */
int ex_ocr_image(struct ex_ocr *o, PopplerPage *page, struct ex_page *pg, size_t image)
{
	struct ex_image *im = &pg->images[image];
	struct kp_box box = im->box;
	struct ex_page tmp;
	double scale;
	PIX *pix;
	int rc = 0;
	size_t best = 0;

	im->use = EX_IMG_FIGURE;
	if (kp_box_width(&box) < 40 || kp_box_height(&box) < 12 ||
	    kp_box_width(&box) * kp_box_height(&box) < 2000)
		return 0; /* icons, bullets, rules drawn as images */
	start_clock(o, pg->number);
	pix = ex_pix_render(page, &box, o->opt->dpi > 0 ? o->opt->dpi : 300,
	                    o->opt->max_pixels, &scale);
	if (pix == NULL) {
		kp_warn(o->file, pg->number, "cannot render image %d for OCR", im->id);
		return -1;
	}
	if (photo_like(pix)) {
		pixDestroy(&pix);
		return 0;
	}
	ex_page_init(&tmp, pg->number);
	ex_pix_strokes(pix, scale, box.x0, box.y0, &tmp);
	ex_grid_tables(&tmp);
	for (size_t i = 1; i < tmp.ntables; i++)
		if (tmp.tables[i].ncells > tmp.tables[best].ncells)
			best = i;
	if (tmp.ntables > 0) {
		rc = read_cells(o, pix, scale, box.x0, box.y0, &tmp.tables[best]);
		im = &pg->images[image];
		im->use = EX_IMG_OCR_TABLE;
		take_table(pg, &tmp.tables[best], image);
	} else {
		size_t before = pg->nlines;
		int n = read_lines(o, pix, scale, box.x0, box.y0, PAGE_PSM, pg);
		double sum = 0;

		for (size_t i = before; i < pg->nlines; i++)
			sum += pg->lines[i].conf;
		if (n < 0)
			rc = -1;
		else if (n > 0 && sum / n >= 50)
			pg->images[image].use = EX_IMG_OCR_TEXT;
		else {
			/* no text worth the name: a drawing; drop what was read */
			for (size_t i = before; i < pg->nlines; i++)
				free(pg->lines[i].text);
			pg->nlines = before;
		}
	}
	ex_page_release(&tmp);
	pixDestroy(&pix);
	tell_timeout(o, pg->number);
	return rc;
}
