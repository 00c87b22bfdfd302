/*
 * ocr.c - Tesseract + Leptonica: scanned pages and pictures of tables.
 *
 * Grid first, then text: rules are found on the rendered image with the
 * same morphology as on vector pages (pix.c), tables are built by grid.c,
 * and every cell is read on its own, cropped inside its rules (a rule left
 * in the crop reads as "|" or "1").  The rest of the page is read as text
 * lines with the table areas and the rules of frames and boxes blanked.  Cells and lines are read with the
 * first language of opt->lang alone (kor): no single model reads several
 * scripts well, and kor+eng turns Hangul words into Latin (measurements:
 * docs/ocr-notes.md).  A parenthesised run (Hanja names such as
 * 난징(南京)) is read again with HAN_LANG and spliced in; a line that is
 * mostly not Hangul is read again with the other languages of opt->lang
 * and ZH_LANG, the most confident reading kept, and one that reads as a
 * URL with URL_LANG restricted to URL characters.  Word spaces
 * come from the symbols' geometry, not from Tesseract's word boundaries
 * (ocr_text.c).  Marks that start lines are told by their shape
 * (ocr_marks.c), second readings are in ocr_reread.c.
 *
 * Each page gets opt->ocr_timeout seconds; every recognition runs with a
 * Tesseract monitor whose deadline is what is left of it.
 */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gio/gio.h>

#include "ocr.h"

#define HAN_LANG "chi_tra"     /* second pass for parenthesised Hanja */
#define URL_LANG "eng"         /* second pass for a line that is a URL, with: */
#define URL_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" \
	"-._~:/?#[]@!$&'()*+,;=%"
#define ZH_LANG "chi_sim"      /* second pass for a line without Hangul */
#define PAGE_PSM PSM_SINGLE_COLUMN /* the rest of a page (psm 4) */

struct ex_ocr {
	const struct ex_options *opt;  /* borrowed; outlives the engine */
	const char *file;              /* for diagnostics; borrowed */
	const struct ex_doc *doc;      /* borrowed; outlives the engine */
	PopplerDocument *pdf;          /* doc through poppler-glib, on first need */
	int pdf_failed;
	PopplerPage *page;             /* the page last asked for (ex_ocr_pdf_page) */
	int page_number;
	TessBaseAPI *api[EX_ENG_N];    /* started on first use */
	int failed[EX_ENG_N];
	char *lang[EX_ENG_N];
	double deadline;               /* CLOCK_MONOTONIC seconds; 0 = none */
	int clock_page;                /* the page the deadline is for, 0 = none */
	int timed_out;                 /* for the current page */
	int told;                      /* the time-out of this page was reported */
};

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
	void (*set_dynamic)(int);

	if (getenv("OMP_DYNAMIC") || getenv("OMP_NUM_THREADS") || getenv("OMP_THREAD_LIMIT"))
		return;
	/* RTLD_DEFAULT, not dlopen(NULL): in pdf2text this file is in
	 * pdf2text-ocr.so, loaded later than the program (ocr_load.c), and
	 * the program's handle does not see what came with it */
	*(void **)&set_dynamic = dlsym(RTLD_DEFAULT, "omp_set_dynamic");
	if (set_dynamic != NULL)
		set_dynamic(1);
}

struct ex_ocr *ex_ocr_new(const struct ex_options *opt, const struct ex_doc *doc)
{
	struct ex_ocr *o = kp_xcalloc(1, sizeof(*o));
	const char *lang = opt->lang ? opt->lang : EX_DEFAULT_LANG;

	openmp_dynamic();
	o->opt = opt;
	o->doc = doc;
	o->file = doc->name;
	o->lang[EX_ENG_MAIN] = kp_xstrndup(lang, strcspn(lang, "+"));
	o->lang[EX_ENG_ALT] = lang[strcspn(lang, "+")] ? kp_xstrdup(lang + strcspn(lang, "+") + 1)
	                                               : NULL;
	o->lang[EX_ENG_HAN] = kp_xstrdup(HAN_LANG);
	o->lang[EX_ENG_URL] = kp_xstrdup(URL_LANG);
	o->lang[EX_ENG_ZH] = kp_xstrdup(ZH_LANG);
	return o;
}

/* doc through poppler-glib; NULL after a diagnostic (said once). */
static PopplerDocument *pdf_of(struct ex_ocr *o)
{
	GError *err = NULL;

	if (o->pdf != NULL || o->pdf_failed)
		return o->pdf;
	if (o->doc->password == NULL) {
		o->pdf = poppler_document_new_from_bytes(o->doc->bytes, NULL, &err);
	} else {
		/* Not from_bytes: with a wrong password poppler-glib 22.12 retries
		 * on a copy of its stream cast to the wrong type, and crashes. */
		GInputStream *in = g_memory_input_stream_new_from_bytes(o->doc->bytes);

		o->pdf = poppler_document_new_from_stream(in, (goffset)g_bytes_get_size(o->doc->bytes),
		                                          o->doc->password, NULL, &err);
		g_object_unref(in);
	}
	if (o->pdf == NULL) {
		kp_warn(o->file, 0, "cannot render pages for OCR: %s",
		        err != NULL ? err->message : "poppler-glib cannot open the document");
		o->pdf_failed = 1;
	}
	if (err != NULL)
		g_error_free(err);
	return o->pdf;
}

PopplerPage *ex_ocr_pdf_page(struct ex_ocr *o, int number)
{
	if (o->page != NULL && o->page_number == number)
		return o->page;
	if (o->page != NULL)
		g_object_unref(o->page);
	o->page = NULL;
	o->page_number = number;
	if (pdf_of(o) == NULL)
		return NULL;
	o->page = poppler_document_get_page(o->pdf, number - 1);
	if (o->page == NULL)
		kp_warn(o->file, number, "cannot render the page for OCR");
	return o->page;
}

void ex_ocr_free(struct ex_ocr *o)
{
	if (o == NULL)
		return;
	if (o->page != NULL)
		g_object_unref(o->page);
	if (o->pdf != NULL)
		g_object_unref(o->pdf);
	for (int i = 0; i < EX_ENG_N; i++) {
		if (o->api[i] != NULL) {
			TessBaseAPIEnd(o->api[i]);
			TessBaseAPIDelete(o->api[i]);
		}
		free(o->lang[i]);
	}
	free(o);
}

int ex_ocr_langs_check(const struct ex_options *opt)
{
	TessBaseAPI *api = TessBaseAPICreate();
	struct kp_buf path;
	const char *dir, *l = opt->lang, *end;
	int rc = 0;

	/* Starting with a language no file can be named after fails at once
	 * (loading real ones takes a second) and leaves the data folder Tesseract
	 * would use, from --tessdata, TESSDATA_PREFIX or its built-in default. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPIInit3(api, opt->tessdata, "/");
	dir = TessBaseAPIGetDatapath(api);
	kp_buf_init(&path);
	for (; rc == 0 && dir != NULL && *l != '\0'; l = *end ? end + 1 : end) {
		end = l + strcspn(l, "+");
		kp_buf_clear(&path);
		kp_buf_printf(&path, "%s%s%.*s.traineddata", dir,
		              dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", (int)(end - l), l);
		if (end == l || access(path.s, R_OK) != 0) {
			kp_warn(NULL, 0, "--lang %s: no Tesseract data for '%.*s' in %s", opt->lang,
			        (int)(end - l), l, dir);
			rc = -1;
		}
	}
	kp_buf_release(&path);
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
	return rc;
}

/* Engine `which`, started on first use; NULL (after one diagnostic) when
 * it cannot start. */
static TessBaseAPI *engine(struct ex_ocr *o, int which)
{
	TessBaseAPI *api;

	if (o->api[which] != NULL || o->failed[which] || o->lang[which] == NULL)
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
	if (which == EX_ENG_URL)
		TessBaseAPISetVariable(api, "tessedit_char_whitelist", URL_CHARS);
	o->api[which] = api;
	return api;
}

void ex_syms_release(struct ex_syms *s)
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
                     struct ex_syms *out)
{
	ETEXT_DESC *mon;
	TessResultIterator *it;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (o->deadline > 0) {
		double left = o->deadline - ex_now();

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
	if (rc != 0 || (o->deadline > 0 && ex_now() > o->deadline)) {
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
			struct ex_sym *s;

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

int ex_ocr_reread(struct ex_ocr *o, enum ex_engine which, int psm, PIX *pix, int dpi,
                  const struct ex_syms *s, size_t from, size_t to, struct ex_syms *c)
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
	padded = pixAddBorder(crop, EX_CELL_PAD, 0xff);
	pixDestroy(&crop);
	rc = recognise(o, api, padded, dpi, psm, c);
	pixDestroy(&padded);
	for (size_t i = 0; i < c->n; i++) {
		c->v[i].x0 += x0 - EX_CELL_PAD;
		c->v[i].x1 += x0 - EX_CELL_PAD;
		c->v[i].y0 += y0 - EX_CELL_PAD;
		c->v[i].y1 += y0 - EX_CELL_PAD;
	}
	return rc;
}

/* The pieces (words.c) of symbols s->v[from..to), read from an image
 * whose pixel (0,0) is page point (ox,oy) at `scale` points per pixel. */
static void sym_pieces(struct ex_pieces *p, const struct ex_syms *s, size_t from, size_t to,
                       double scale, double ox, double oy)
{
	for (size_t m = from; m < to; m++) {
		const struct ex_sym *y = &s->v[m];
		struct kp_box b = {ox + y->x0 * scale, oy + y->y0 * scale, ox + y->x1 * scale,
		                   oy + y->y1 * scale};

		ex_pieces_add(p, &b, y->conf, y->text);
	}
}

/* Drop from s each line that is one lone Hangul letter (U+3131..U+3163):
 * a speck read as a letter, since printed Korean writes syllables.  Done
 * before the text and its pieces (words.c) are made, so both lose it. */
static void drop_specks(struct ex_syms *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		const char *t = s->v[i].text;
		unsigned long cp = 0;
		size_t len = kp_utf8_decode(t, strlen(t), &cp);

		if ((i == 0 || s->v[i].line_start) && (i + 1 == s->n || s->v[i + 1].line_start) &&
		    len > 0 && t[len] == '\0' && cp >= 0x3131 && cp <= 0x3163) {
			TessDeleteText(s->v[i].text);
			continue;
		}
		s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* Which lines of s (one byte each, a new array) start with a symbol
 * that is a small filled disc on `pix` (ex_sym_disc); *n gets the number
 * of lines. */
static unsigned char *line_discs(PIX *pix, const struct ex_syms *s, size_t *n)
{
	unsigned char *disc = kp_xcalloc(s->n + 1, 1);
	struct ex_spacing sp;

	*n = 0;
	for (size_t i = 0; i < s->n;) {
		size_t end = i + 1;

		while (end < s->n && !s->v[end].line_start)
			end++;
		ex_line_spacing(s, i, end, &sp);
		disc[(*n)++] = end > i + 1 && ex_sym_disc(pix, &s->v[i], sp.h);
		i = end;
	}
	return disc;
}

/* Read every cell of table t, found on `pix` whose pixel (0,0) is page
 * point (ox,oy) at `scale` points per pixel.  Sets t->ocr, t->conf and
 * each cell's text, ocr and conf.  Returns -1 when time ran out. */
static int read_cells(struct ex_ocr *o, PIX *pix, double scale, double ox, double oy,
                      struct ex_table *t)
{
	TessBaseAPI *api = engine(o, EX_ENG_MAIN);
	int dpi = (int)lround(72 / scale), inset = (int)ceil(1.0 / scale) + 1;
	double sum = 0;
	int nread = 0, rc = 0, cx = 0, cy = 0;

	t->ocr = 1;
	for (size_t c = 0; c < t->ncells; c++) {
		struct ex_cell *cell = &t->cells[c];
		PIX *crop;
		struct ex_syms s;

		cell->ocr = 1;
		cell->conf = -1;
		free(cell->text);
		cell->text = kp_xstrdup("");
		crop = ex_cell_crop(pix, (int)lround((cell->box.x0 - ox) / scale),
		                 (int)lround((cell->box.y0 - oy) / scale),
		                 (int)lround((cell->box.x1 - ox) / scale),
		                 (int)lround((cell->box.y1 - oy) / scale), inset, &cx, &cy);
		if (crop == NULL || api == NULL || ex_ink_pixels(crop) < 10) {
			pixDestroy(&crop);
			continue;
		}
		if (recognise(o, api, crop, dpi, EX_CELL_PSM, &s) == 0) {
			size_t nlines;
			unsigned char *disc;

			drop_specks(&s);
			disc = line_discs(crop, &s, &nlines);
			free(cell->text);
			cell->text = ex_syms_text(o, crop, dpi, &s, 0, s.n, &cell->conf);
			cell->text = ex_cell_bullets(cell->text, disc, nlines);
			free(disc);
			cell->pieces.n = 0;
			sym_pieces(&cell->pieces, &s, 0, s.n, scale, ox + cx * scale, oy + cy * scale);
			if (cell->conf >= 0) {
				sum += cell->conf;
				nread++;
			}
		} else
			rc = -1;
		ex_syms_release(&s);
		pixDestroy(&crop);
	}
	t->conf = nread ? sum / nread : -1;
	return api == NULL ? -1 : rc;
}

/* Append the text lines of `pix` (pixel (0,0) at page point (ox,oy),
 * `scale` points per pixel) to pg as OCR lines.  Returns the number of
 * lines, or -1 when time ran out or the engine did not start. */
static int read_lines(struct ex_ocr *o, PIX *pix, double scale, double ox, double oy,
                      int psm, struct ex_page *pg)
{
	TessBaseAPI *api = engine(o, EX_ENG_MAIN);
	int dpi = (int)lround(72 / scale), nlines = 0, mark_x0 = 0, mark_x1 = 0;
	struct ex_syms s;
	struct ex_spacing sp;
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
		ex_ink_rows(pix, x0, &y0, x1, &y1);
		l = ex_page_add_line(pg);
		ex_line_spacing(&s, i, j, &sp);
		mark = ex_line_mark(pix, x0, y0, y1, sp.h, &mark_x0, &mark_x1);
		if (mark != NULL && mark_x0 < x0)
			x0 = mark_x0;
		k = i;
		while (mark != NULL && k < j && s.v[k].x1 <= mark_x1 + 0.25 * sp.h)
			k++;
		l->text = ex_syms_text(o, pix, dpi, &s, k, j, &l->conf);
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
		ex_line_reread(o, pix, dpi, &s, i, k, j, mark, &l->text, &l->conf);
		l->ocr = 1;
		l->box.x0 = ox + x0 * scale;
		l->box.y0 = oy + y0 * scale;
		l->box.x1 = ox + x1 * scale;
		l->box.y1 = oy + y1 * scale;
		l->size = ex_line_size(&s, i, j, &sp) * scale;
		if (mark != NULL) { /* told by its shape: no confidence */
			struct kp_box mb = {ox + mark_x0 * scale, l->box.y0, ox + mark_x1 * scale,
			                    l->box.y1};

			ex_pieces_add(&l->pieces, &mb, -1, mark);
		}
		sym_pieces(&l->pieces, &s, k, j, scale, ox, oy);
		if (l->text[0] == '\0') {
			ex_line_release(l);
			pg->nlines--;
		} else
			nlines++;
		i = j;
	}
	ex_syms_release(&s);
	return nlines;
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
	o->deadline = o->opt->ocr_timeout > 0 ? ex_now() + o->opt->ocr_timeout : 0;
}

/* One diagnostic per page when its time ran out. */
static void tell_timeout(struct ex_ocr *o, int page)
{
	if (!o->timed_out || o->told)
		return;
	o->told = 1;
	kp_warn(o->file, page, "OCR stopped after %g s (--ocr-timeout)", o->opt->ocr_timeout);
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
	pg->nrules = 0; /* the page's own, read again below */
	pg->nfills = 0;
	ex_pix_strokes(pix, scale, 0, 0, pg);
	ex_grid_tables(pg);
	for (size_t i = 0; i < pg->ntables && rc == 0; i++)
		rc = read_cells(o, pix, scale, 0, 0, &pg->tables[i]);
	if (rc == 0) {
		ex_blank_tables_rules(pix, pg, scale, 0, 0);
		if (read_lines(o, pix, scale, 0, 0, PAGE_PSM, pg) < 0)
			rc = -1;
	}
	pixDestroy(&pix);
	tell_timeout(o, pg->number);
	return rc;
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
	if (ex_photo_like(pix)) {
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
				ex_line_release(&pg->lines[i]);
			pg->nlines = before;
		}
	}
	ex_page_release(&tmp);
	pixDestroy(&pix);
	tell_timeout(o, pg->number);
	return rc;
}

/*
 * Returns the text of page region `box` read as one line (a new NFC
 * string, "" when nothing was read; *conf its mean confidence), or NULL
 * when the engine could not start, the region could not be rendered or
 * the page's time ran out.
 */
char *ex_ocr_region_text(struct ex_ocr *o, PopplerPage *page, int number,
                         const struct kp_box *box, double *conf)
{
	TessBaseAPI *api = engine(o, EX_ENG_MAIN);
	struct ex_syms s;
	double scale;
	PIX *pix;
	char *text = NULL;
	int dpi;

	if (api == NULL)
		return NULL;
	start_clock(o, number);
	pix = ex_pix_render(page, box, o->opt->dpi > 0 ? o->opt->dpi : 300, o->opt->max_pixels,
	                    &scale);
	if (pix == NULL)
		return NULL;
	dpi = (int)lround(72 / scale);
	if (recognise(o, api, pix, dpi, PSM_SINGLE_LINE, &s) == 0) {
		text = ex_syms_text(o, pix, dpi, &s, 0, s.n, conf);
		ex_line_reread(o, pix, dpi, &s, 0, 0, s.n, NULL, &text, conf);
		ex_syms_release(&s);
	}
	pixDestroy(&pix);
	tell_timeout(o, number);
	return text;
}
