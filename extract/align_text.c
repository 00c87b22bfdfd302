/*
 * align_text.c - the page's free text for tables from alignment (align.c):
 * chunks into words and rows, the columns of a candidate region (rivers of
 * white) and the pieces of its rows.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"

#define BIN 0.25          /* points per bin of the white-space profile */
#define MIN_RIVER 1.5     /* points: narrower white is no column gap */
#define WORD_GAP 0.2      /* of the line height: a gap this wide ends a word */

static int has_leaders(const char *s)
{
	int run = 0;

	for (; *s; s++) {
		if (*s == '.' || *s == ' ' || (unsigned char)*s == 0xb7)
			run += *s != ' ';
		else if (strncmp(s, "\xc2\xb7", 2) == 0 || strncmp(s, "\xe2\x80\xa6", 3) == 0 ||
		         strncmp(s, "\xe2\x8b\xaf", 3) == 0 || strncmp(s, "\xef\xbc\x8e", 3) == 0)
			run += 2;
		else if ((unsigned char)*s < 0x80 || (*s & 0xc0) != 0x80)
			run = 0;
		if (run >= 5)
			return 1;
	}
	return 0;
}


static int cmp_word(const void *pa, const void *pb)
{
	const struct word *a = pa, *b = pb;

	if (a->chunk != b->chunk)
		return a->chunk < b->chunk ? -1 : 1;
	return (a->box.x0 > b->box.x0) - (a->box.x0 < b->box.x0);
}

/* Words of the chunks: characters of a chunk, split where the gap passes
 * WORD_GAP of the chunk's height. */
void ex_align_words(const struct ex_char *c, size_t n, struct text *t)
{
	struct word *w = kp_xreallocarray(NULL, n ? n : 1, sizeof(*w));
	size_t nw = 0;

	for (size_t i = 0; i < n; i++) {
		double x = (c[i].box.x0 + c[i].box.x1) / 2, y = (c[i].box.y0 + c[i].box.y1) / 2;

		for (size_t k = 0; k < t->chunks.nlines; k++) {
			const struct kp_box *b = &t->chunks.lines[k].box;

			if (x >= b->x0 - 0.5 && x <= b->x1 + 0.5 && y >= b->y0 - 1 && y <= b->y1 + 1) {
				w[nw].box = c[i].box;
				w[nw++].chunk = k;
				break;
			}
		}
	}
	qsort(w, nw, sizeof(*w), cmp_word);
	t->nwords = 0;
	for (size_t i = 0; i < nw; i++) {
		struct word *last = t->nwords ? &w[t->nwords - 1] : NULL;
		double h = kp_box_height(&t->chunks.lines[w[i].chunk].box);

		if (last && last->chunk == w[i].chunk && w[i].box.x0 - last->box.x1 < WORD_GAP * h)
			kp_box_union(&last->box, &w[i].box);
		else
			w[t->nwords++] = w[i];
	}
	t->words = w;
}

static int cmp_row_word(const void *pa, const void *pb)
{
	const struct word *a = pa, *b = pb;

	return (a->box.x0 > b->box.x0) - (a->box.x0 < b->box.x0);
}

/* Chunks at the same height (half the smaller height shared) make a row;
 * the words are regrouped row by row, left to right. */
void ex_align_rows(struct text *t)
{
	const struct ex_line *l = t->chunks.lines;
	size_t n = t->chunks.nlines, *row_of = kp_xreallocarray(NULL, n ? n : 1, sizeof(size_t));
	struct word *w = kp_xreallocarray(NULL, t->nwords ? t->nwords : 1, sizeof(*w));
	size_t nw = 0;

	t->rows = kp_xreallocarray(NULL, n ? n : 1, sizeof(*t->rows));
	t->nrows = 0;
	for (size_t i = 0; i < n; i++) {
		struct row *r = t->nrows ? &t->rows[t->nrows - 1] : NULL;
		double ov = r ? fmin(r->box.y1, l[i].box.y1) - fmax(r->box.y0, l[i].box.y0) : 0;

		if (r && ov > 0.5 * fmin(kp_box_height(&r->box), kp_box_height(&l[i].box))) {
			kp_box_union(&r->box, &l[i].box);
			r->chunks[r->nchunks++] = i;
		} else {
			r = &t->rows[t->nrows++];
			memset(r, 0, sizeof(*r));
			r->box = l[i].box;
			r->chunks = kp_xreallocarray(NULL, n, sizeof(size_t));
			r->chunks[r->nchunks++] = i;
		}
		r->leaders |= has_leaders(l[i].text);
		row_of[i] = t->nrows - 1;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		t->rows[r].w0 = nw;
		for (size_t i = 0; i < t->nwords; i++)
			if (row_of[t->words[i].chunk] == r)
				w[nw++] = t->words[i];
		t->rows[r].nw = nw - t->rows[r].w0;
		qsort(w + t->rows[r].w0, t->rows[r].nw, sizeof(*w), cmp_row_word);
	}
	free(t->words);
	t->words = w;
	free(row_of);
}

void ex_align_text_release(struct text *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		free(t->rows[r].chunks);
	free(t->rows);
	free(t->words);
	ex_page_release(&t->chunks);
}


double ex_align_row_height(const struct text *t, size_t r)
{
	return kp_box_height(&t->rows[r].box);
}

/* Does word i of a row go on with the phrase before it across a column
 * line: words of one chunk, not numbers, a word space apart (less than
 * half the row's height: "All items" over "Number" and "Percent", not
 * "Portugal  Greece" over their own columns)? */
static int phrase_goes_on(const struct text *t, const struct row *row, size_t i)
{
	const struct word *prev, *w = &t->words[i];

	if (i == row->w0)
		return 0;
	prev = &t->words[i - 1];
	return prev->chunk == w->chunk &&
	       w->box.x0 - prev->box.x1 < 0.5 * kp_box_height(&row->box) &&
	       !ex_align_is_number(t->chunks.lines[w->chunk].text);
}

/* Are the words of row r that lie left and right of x separated there by
 * a gap between chunks, or between two numbers of one chunk by white as
 * wide as the row is high ("1,087,948   1,022,490" in a fixed-pitch face,
 * not "12 273") (1); or by the space between two words of a phrase, or is
 * x inside a word (0)?  -1 when the row has no word on one
 * side; 2 when x is inside a number standing alone (numbers keep to
 * their column: white crossed by one is inside a column). */
static int chunk_gap_at(const struct text *t, size_t r, double x)
{
	const struct row *row = &t->rows[r];
	const struct word *left = NULL, *right = NULL;

	for (size_t i = row->w0; i < row->w0 + row->nw; i++) {
		const struct word *w = &t->words[i];

		if (w->box.x1 <= x)
			left = w;
		else if (w->box.x0 >= x && right == NULL)
			right = w;
		else if (w->box.x0 < x && w->box.x1 > x)
			return ex_align_is_number(t->chunks.lines[w->chunk].text) ? 2 : 0;
	}
	if (left == NULL || right == NULL)
		return -1;
	if (left->chunk == right->chunk)
		return right->box.x0 - left->box.x1 >= kp_box_height(&row->box) &&
		       ex_align_is_number(t->chunks.lines[left->chunk].text);
	return 1;
}

/* Where a river [k, e) of the cover profile is cut: the middle of its
 * widest stretch of least cover, not of the whole river (a header word
 * crossing one side of it, "Percent" under "All items", would otherwise
 * fall into the column before). */
static double river_middle(const int *cover, size_t k, size_t e, double x0)
{
	size_t best0 = k, best1 = k;
	int least = cover[k];

	for (size_t i = k; i < e; i++)
		least = cover[i] < least ? cover[i] : least;
	for (size_t i = k; i < e;) {
		size_t j = i;

		if (cover[i] != least) {
			i++;
			continue;
		}
		while (j < e && cover[j] == least)
			j++;
		if (j - i > best1 - best0) {
			best0 = i;
			best1 = j;
		}
		i = j;
	}
	return x0 + ((double)best0 + (double)best1) / 2 * BIN;
}

/* Columns of a region: the rivers of white across its many-chunk rows
 * (at most a quarter of them may cross one: spanning headers), cut where
 * fewest cross; a river counts when most rows with words on both sides
 * have a chunk gap there (a row with a phrase across it has not) and no
 * number stands across it.
 * Fills g->cols and g->ncols. */
void ex_align_columns(const struct text *t, struct region *g)
{
	size_t nbins = (size_t)ceil((g->x1 - g->x0) / BIN) + 1, nmulti = 0;
	int *cover = kp_xcalloc(nbins, sizeof(int));
	double *cut = kp_xreallocarray(NULL, nbins + 2, sizeof(double));
	size_t ncut = 0;

	for (size_t r = g->r0; r < g->r1; r++) {
		if (t->rows[r].nchunks < 2)
			continue;
		nmulti++;
		for (size_t i = t->rows[r].w0; i < t->rows[r].w0 + t->rows[r].nw; i++) {
			size_t a = (size_t)floor((t->words[i].box.x0 - g->x0) / BIN);
			size_t b = (size_t)ceil((t->words[i].box.x1 - g->x0) / BIN);

			for (size_t k = a; k <= b && k < nbins; k++)
				cover[k]++;
		}
	}
	cut[ncut++] = g->x0;
	for (size_t k = 0; k < nbins;) {
		size_t e = k;
		int allowed = (int)(nmulti / 4);

		if (cover[k] > allowed) {
			k++;
			continue;
		}
		while (e < nbins && cover[e] <= allowed)
			e++;
		if (k > 0 && e < nbins && (double)(e - k) * BIN >= MIN_RIVER) {
			double x = river_middle(cover, k, e, g->x0);
			size_t gaps = 0, spaces = 0, numbers = 0;

			for (size_t r = g->r0; r < g->r1; r++) {
				int cg = chunk_gap_at(t, r, x);

				gaps += cg == 1;
				spaces += cg == 0;
				numbers += cg == 2;
			}
			if (gaps > spaces && gaps >= 2 && numbers == 0)
				cut[ncut++] = x;
		}
		k = e;
	}
	cut[ncut++] = g->x1;
	g->cols = cut;
	g->ncols = (int)ncut - 1;
	free(cover);
}

static int column_of(const struct region *g, double x)
{
	for (int c = 0; c < g->ncols; c++)
		if (x < g->cols[c + 1])
			return c;
	return g->ncols - 1;
}

int ex_align_is_number(const char *s)
{
	int digits = 0, other = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr(" .,%-+()$*\xe2\x80\x93", *s))
			other++;
	}
	return digits > 0 && other <= 1;
}

/* The text of the chars whose centres lie in box b (for tests on the
 * words: numbers, list marks). */
char *ex_align_text_in(const struct ex_char *c, size_t n, const struct kp_box *b)
{
	struct kp_buf buf;

	kp_buf_init(&buf);
	for (size_t i = 0; i < n; i++)
		if (kp_box_contains_point(b, (c[i].box.x0 + c[i].box.x1) / 2,
		                          (c[i].box.y0 + c[i].box.y1) / 2))
			kp_buf_puts(&buf, c[i].text);
	return kp_buf_detach(&buf);
}

/* A list mark: at most four characters, no letter run of its own beyond
 * a numbering ("1.", "(a)", "가.", "•", "①"). */
int ex_align_is_mark(const char *s)
{
	size_t len = strlen(s);

	if (len == 0)
		return 0;
	if ((unsigned char)s[0] >= 0x80)
		return len <= 4 || (len <= 6 && (s[len - 1] == '.' || s[len - 1] == ')'));
	return len <= 4 && (s[len - 1] == '.' || s[len - 1] == ')' || !isalnum((unsigned char)s[0]));
}

/* Pieces of each row of the region: its words split at the column
 * boundaries; a word lying across a boundary spans both columns. */
void ex_align_pieces(const struct text *t, struct region *g, const struct ex_char *c, size_t n)
{
	g->pieces = kp_xreallocarray(NULL, t->nwords ? t->nwords : 1, sizeof(*g->pieces));
	g->npieces = 0;
	for (size_t r = g->r0; r < g->r1; r++) {
		const struct row *row = &t->rows[r];

		for (size_t i = row->w0; i < row->w0 + row->nw; i++) {
			const struct word *w = &t->words[i];
			int c0 = column_of(g, w->box.x0 + 0.5), c1 = column_of(g, w->box.x1 - 0.5);
			struct piece *p = g->npieces ? &g->pieces[g->npieces - 1] : NULL;

			/* a phrase crossing a column line stays one piece, spanning
			 * ("All items" over "Number" and "Percent") */
			if (p && p->row == (int)(r - g->r0) && (c0 <= p->c1 || phrase_goes_on(t, row, i))) {
				kp_box_union(&p->box, &w->box);
				p->c1 = c1 > p->c1 ? c1 : p->c1;
				p->nwords++;
				continue;
			}
			p = &g->pieces[g->npieces++];
			p->box = w->box;
			p->row = (int)(r - g->r0);
			p->c0 = c0;
			p->c1 = c1;
			p->nwords = 1;
		}
	}
	for (size_t i = 0; i < g->npieces; i++) {
		char *s = ex_align_text_in(c, n, &g->pieces[i].box);

		g->pieces[i].numeric = ex_align_is_number(s) && !ex_align_is_mark(s);
		g->pieces[i].nchars = 0;
		for (const char *q = s; *q; q++)
			g->pieces[i].nchars += (*q & 0xc0) != 0x80 && *q != ' ';
		free(s);
	}
}
