/*
 * align.c - tables from alignment: text set out in columns without a grid
 * of rules (ruled only horizontally, or not at all).  Pure geometry over
 * the page's characters, no Poppler.
 *
 * Characters outside the grid tables are grouped into chunks (ex_text_lines
 * splits a line where a gap exceeds 1.5 em), chunks at the same height into
 * rows, and each chunk into words.  A run of neighbouring rows of which at
 * least MIN_ROWS have two or more chunks is a candidate; its columns are
 * the "rivers": vertical bands of white that no word of its many-chunk
 * rows covers, and that most of the rows crossing them cross between
 * chunks rather than between the words of one phrase.  A candidate becomes
 * a table only when it passes the tests of is_table() (not prose, not a
 * list, not a contents page with dot leaders, cells mostly filled).
 * Header lines (above the first row with a number) are one row; a header
 * piece centred over empty neighbours of a header row gets their columns
 * (spanning headers); a label that wraps joins its row.  The table keeps
 * only geometry (grid lines, cells and spans): ex_grid_fill_cells() fills
 * the cells from the characters, as for ruled tables.
 * docs/tables.md says how the method decides.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"

#define MIN_ROWS 3        /* many-chunk rows a table needs at least */
#define ROW_GAP 1.6       /* rows further apart (in line heights) split a region */
#define MAX_SINGLE 3      /* one-chunk rows in a row inside a region */
#define PROSE_WORDS 5     /* pieces of this many words on average are prose */
#define PROSE_CHARS 20    /* or of this many characters (Korean: fewer, longer words) */
#define AXIS_TICKS 4      /* numbers stepping evenly down a column: a chart's axis */

/* Does s start with a list mark (a bullet, a dash, a box, a circle)? */
static int starts_bullet(const char *s)
{
	static const char *const bullets[] = {
		"\xc2\xb7", "\xe2\x80\xa2", "\xe2\x88\x99", "\xe2\x97\x8b", "\xe2\x96\xa1",
		"\xe2\x96\xa0", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\xbb", "\xe2\x97\x86",
		"\xe2\x97\x87", "\xe2\x96\xb6", "\xe2\x96\xba", "\xe3\x85\x87", "\xe2\x80\x93",
		"-", "*", "\xe2\x97\x8f", "\xe2\x9d\x8d", "\xe2\x96\xb7",
	};

	for (size_t i = 0; i < sizeof(bullets) / sizeof(*bullets); i++)
		if (strncmp(s, bullets[i], strlen(bullets[i])) == 0 && s[strlen(bullets[i])] != '\0' &&
		    !isdigit((unsigned char)s[strlen(bullets[i])]))
			return 1;
	return 0;
}

/* The value of a piece that is a plain number ("1,350", "-50", "0.5"),
 * into *v; 0 when it is not one. */
static int plain_number(const char *s, double *v)
{
	char buf[32], *end;
	size_t n = 0;

	for (; *s && n + 1 < sizeof(buf); s++)
		if (*s != ',' && *s != ' ')
			buf[n++] = *s;
	buf[n] = '\0';
	if (n == 0 || *s)
		return 0;
	*v = strtod(buf, &end);
	return *end == '\0' && end != buf;
}

/* Is the candidate a chart's axes rather than a table: do half or more of
 * its rows of two pieces or more hold nothing but ticks, numbers of a
 * column that step by one amount from row to row over AXIS_TICKS rows or
 * more (450, 400, 350 ... beside the next chart's 450, 400 ...)? */
static int chart_axes(const struct region *g, const struct ex_char *c, size_t n)
{
	int nrows = (int)(g->r1 - g->r0), multi = 0, ticks_only = 0;
	char *tick = kp_xcalloc(g->npieces + 1, 1);
	size_t *idx = kp_xreallocarray(NULL, g->npieces + 1, sizeof(*idx));
	double *val = kp_xreallocarray(NULL, g->npieces + 1, sizeof(*val));

	for (int col = 0; col < g->ncols; col++) {
		size_t m = 0;

		/* the column's numbers, top to bottom (labels between skipped) */
		for (int r = 0; r < nrows; r++)
			for (size_t k = 0; k < g->npieces; k++) {
				char *s;

				if (g->pieces[k].row != r || g->pieces[k].c0 != col)
					continue;
				s = ex_align_text_in(c, n, &g->pieces[k].box);
				if (plain_number(s, &val[m]))
					idx[m++] = k;
				free(s);
			}
		/* runs of one step */
		for (size_t a = 0; a + 1 < m;) {
			double step = val[a + 1] - val[a];
			size_t b = a + 1;

			while (b + 1 < m && fabs(val[b + 1] - val[b] - step) <= 1e-6 * fmax(1, fabs(step)))
				b++;
			if (step != 0 && b - a + 1 >= AXIS_TICKS)
				for (size_t k = a; k <= b; k++)
					tick[idx[k]] = 1;
			a = b;
		}
	}
	for (int r = 0; r < nrows; r++) {
		int pieces = 0, ticks = 0;

		for (size_t k = 0; k < g->npieces; k++)
			if (g->pieces[k].row == r) {
				pieces++;
				ticks += tick[k];
			}
		multi += pieces >= 2;
		ticks_only += pieces >= 2 && ticks == pieces;
	}
	free(tick);
	free(idx);
	free(val);
	return multi > 0 && 2 * ticks_only >= multi;
}

/* The tests a candidate must pass to be a table (docs/tables.md): two
 * columns at least, one of them (not the first) mostly numbers; at most one column of prose (pieces of five words or
 * PROSE_CHARS characters or more on average, or of ten characters and
 * mostly filling the column's width: justified text); not a list (two columns, the first all marks, or
 * a column whose pieces mostly start with a bullet); not a
 * contents page (dot leaders in half its rows, two columns: statistical
 * tables lead their labels to three columns or more); at least MIN_ROWS rows
 * with two filled columns; at least 40 % of its positions filled; and
 * not a chart's axes (chart_axes()). */
static int is_table(const struct text *t, const struct region *g, const struct ex_char *c, size_t n)
{
	int nrows = (int)(g->r1 - g->r0), filled_rows = 0, prose = 0, marks = 0, col0 = 0;
	int numeric = 0;
	size_t leaders = 0, filled = 0;

	if (g->ncols < 2)
		return 0;
	for (size_t r = g->r0; r < g->r1; r++)
		leaders += t->rows[r].leaders;
	if (2 * leaders >= (size_t)nrows && g->ncols <= 2)
		return 0;
	for (int col = 0; col < g->ncols; col++) {
		size_t words = 0, np = 0, chars = 0, full = 0, numbers = 0;
		double w = g->cols[col + 1] - g->cols[col];

		for (size_t i = 0; i < g->npieces; i++)
			if (g->pieces[i].c0 == col) {
				words += g->pieces[i].nwords;
				chars += g->pieces[i].nchars;
				full += kp_box_width(&g->pieces[i].box) >= 0.85 * w;
				numbers += g->pieces[i].numeric;
				np++;
			}
		numeric += col > 0 && numbers >= 2 && 2 * numbers >= np;
		prose += np > 0 && (words >= PROSE_WORDS * np || chars >= PROSE_CHARS * np ||
		                    (chars >= 10 * np && 10 * full >= 6 * np));
	}
	if (numeric == 0 || prose >= 2 || (prose == 1 && g->ncols == 2))
		return 0;
	for (int r = 0; r < nrows; r++) {
		int cols = 0;

		for (size_t i = 0; i < g->npieces; i++)
			if (g->pieces[i].row == r) {
				cols++;
				filled += (size_t)(g->pieces[i].c1 - g->pieces[i].c0 + 1);
			}
		filled_rows += cols >= 2;
	}
	if (filled_rows < MIN_ROWS || 10 * filled < 4 * (size_t)nrows * (size_t)g->ncols)
		return 0;
	for (int col = 0; col < g->ncols; col++) {
		int np = 0, bullets = 0;

		for (size_t i = 0; i < g->npieces; i++) {
			char *s;

			if (g->pieces[i].c0 != col)
				continue;
			s = ex_align_text_in(c, n, &g->pieces[i].box);
			np++;
			bullets += starts_bullet(s);
			if (col == 0) {
				col0++;
				marks += ex_align_is_mark(s);
			}
			free(s);
		}
		if (2 * bullets > np)
			return 0;
	}
	return !(g->ncols == 2 && marks * 10 >= col0 * 8) && !chart_axes(g, c, n);
}

/* A header piece centred over empty neighbours takes their columns:
 * in a row above the first row with a number, when the row below is
 * also a header row, the widest run of columns empty in this row (but
 * for the piece) whose centre is within a tenth of its width of the
 * piece's centre. */
static void spanning_headers(struct region *g, int header_rows)
{
	int *used = kp_xcalloc((size_t)g->ncols, sizeof(int));

	for (int r = 0; r + 1 < header_rows; r++) {
		memset(used, 0, (size_t)g->ncols * sizeof(int));
		for (size_t i = 0; i < g->npieces; i++)
			if (g->pieces[i].row == r)
				for (int col = g->pieces[i].c0; col <= g->pieces[i].c1; col++)
					used[col]++;
		for (size_t i = 0; i < g->npieces; i++) {
			struct piece *p = &g->pieces[i];
			double mid = (p->box.x0 + p->box.x1) / 2;
			int best0 = p->c0, best1 = p->c1;

			if (p->row != r)
				continue;
			for (int a = p->c0; a >= 0 && (a == p->c0 || !used[a]); a--)
				for (int b = p->c1; b < g->ncols && (b == p->c1 || !used[b]); b++) {
					double w = g->cols[b + 1] - g->cols[a];

					if (fabs((g->cols[a] + g->cols[b + 1]) / 2 - mid) <= 0.1 * w &&
					    b - a > best1 - best0) {
						best0 = a;
						best1 = b;
					}
				}
			p->c0 = best0;
			p->c1 = best1;
		}
	}
	free(used);
}

static int piece_in_col(const struct region *g, int row, int col)
{
	for (size_t i = 0; i < g->npieces; i++)
		if (g->pieces[i].row == row && g->pieces[i].c0 <= col && g->pieces[i].c1 >= col)
			return (int)i;
	return -1;
}

static int row_spans(const struct region *g, int row)
{
	for (size_t i = 0; i < g->npieces; i++)
		if (g->pieces[i].row == row && g->pieces[i].c1 > g->pieces[i].c0)
			return 1;
	return 0;
}

static int only_first_col(const struct region *g, int row)
{
	int any = 0;

	for (size_t i = 0; i < g->npieces; i++)
		if (g->pieces[i].row == row) {
			if (g->pieces[i].c0 != 0)
				return 0;
			any = 1;
		}
	return any;
}

/* Does the first-column text of row `row` start with a lower-case letter
 * (the rest of a wrapped label)? */
static int starts_lower(const struct region *g, int row, const struct ex_char *c, size_t n)
{
	int i = piece_in_col(g, row, 0), lower;
	char *s;

	if (i < 0)
		return 0;
	s = ex_align_text_in(c, n, &g->pieces[i].box);
	lower = islower((unsigned char)s[0]);
	free(s);
	return lower;
}

/* The table rows: which region rows are merged into one (group[r] is the
 * table row of region row r).  Header lines down to the first row with a
 * number are one row, except lines with a spanning piece; a first-column
 * line that continues in lower case joins the row above or below it.
 * Returns the number of table rows. */
static int group_rows(const struct region *g, int nrows, int header_rows, int *group,
                      const struct ex_char *c, size_t n)
{
	int cur = 0;

	for (int r = 0; r < nrows; r++) {
		if (r == 0) {
			group[r] = 0;
			continue;
		}
		if (r < header_rows && !row_spans(g, r) && !row_spans(g, r - 1)) {
			group[r] = cur;
			continue;
		}
		if (r >= header_rows && starts_lower(g, r, c, n) &&
		    (only_first_col(g, r) || only_first_col(g, r - 1)) && r - 1 >= header_rows) {
			group[r] = cur;
			continue;
		}
		group[r] = ++cur;
	}
	return cur + 1;
}

/* Build the table of region g; its cells hold geometry only. */
static void build(const struct text *t, struct region *g, const struct ex_char *c, size_t n,
                  struct ex_table *tb)
{
	int nrows = (int)(g->r1 - g->r0), header_rows = 0, trows;
	int *group = kp_xreallocarray(NULL, (size_t)nrows, sizeof(int));
	int *owner;

	for (header_rows = 0; header_rows < nrows; header_rows++) {
		int data = 0;

		for (size_t i = 0; i < g->npieces; i++)
			data |= g->pieces[i].row == header_rows && g->pieces[i].c0 > 0 &&
			        g->pieces[i].numeric;
		if (data)
			break;
	}
	if (header_rows == nrows)
		header_rows = 1;
	spanning_headers(g, header_rows);
	trows = group_rows(g, nrows, header_rows, group, c, n);

	memset(tb, 0, sizeof(*tb));
	tb->rows = trows;
	tb->cols = g->ncols;
	tb->conf = -1;
	tb->image = -1;
	tb->col_x = kp_xreallocarray(NULL, (size_t)g->ncols + 1, sizeof(double));
	memcpy(tb->col_x, g->cols, ((size_t)g->ncols + 1) * sizeof(double));
	tb->row_y = kp_xreallocarray(NULL, (size_t)trows + 1, sizeof(double));
	tb->row_y[0] = t->rows[g->r0].box.y0 - 1;
	tb->row_y[trows] = t->rows[g->r1 - 1].box.y1 + 1;
	for (int r = 1; r < nrows; r++)
		if (group[r] != group[r - 1])
			tb->row_y[group[r]] = (t->rows[g->r0 + (size_t)r - 1].box.y1 +
			                       t->rows[g->r0 + (size_t)r].box.y0) / 2;
	tb->box = (struct kp_box){ tb->col_x[0], tb->row_y[0], tb->col_x[g->ncols], tb->row_y[trows] };

	/* a position is owned by the widest piece over it in its row */
	owner = kp_xreallocarray(NULL, (size_t)trows * (size_t)g->ncols, sizeof(int));
	for (int i = 0; i < trows * g->ncols; i++)
		owner[i] = -1;
	for (size_t i = 0; i < g->npieces; i++) {
		const struct piece *p = &g->pieces[i];
		int r = group[p->row];

		for (int col = p->c0; col <= p->c1; col++) {
			int *o = &owner[r * g->ncols + col];

			if (*o < 0 || g->pieces[*o].c1 - g->pieces[*o].c0 < p->c1 - p->c0)
				*o = (int)i;
		}
	}
	tb->cells = kp_xreallocarray(NULL, (size_t)trows * (size_t)g->ncols, sizeof(*tb->cells));
	for (int r = 0; r < trows; r++)
		for (int col = 0; col < g->ncols;) {
			struct ex_cell *cell = &tb->cells[tb->ncells++];
			int o = owner[r * g->ncols + col], span = 1;

			if (o >= 0)
				while (col + span < g->ncols && owner[r * g->ncols + col + span] == o)
					span++;
			memset(cell, 0, sizeof(*cell));
			cell->row = r;
			cell->col = col;
			cell->rowspan = 1;
			cell->colspan = span;
			cell->box = (struct kp_box){ tb->col_x[col], tb->row_y[r], tb->col_x[col + span],
			                             tb->row_y[r + 1] };
			cell->conf = -1;
			col += span;
		}
	free(owner);
	free(group);
}

/* Is grid table t too coarse to be the whole story: one column (a frame,
 * or rules only across), or a cell holding text set out in columns (two
 * rows of two chunks or more: a table ruled only around its blocks)? */
static int coarse(const struct ex_page *pg, const struct ex_table *t)
{
	struct ex_char *in;

	if (t->cols == 1)
		return 1;
	in = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1, sizeof(*in));
	for (size_t k = 0; k < t->ncells; k++) {
		struct ex_page tmp;
		size_t n = 0, beside = 0;

		for (size_t i = 0; i < pg->nchars; i++)
			if (kp_box_contains_point(&t->cells[k].box,
			                          (pg->chars[i].box.x0 + pg->chars[i].box.x1) / 2,
			                          (pg->chars[i].box.y0 + pg->chars[i].box.y1) / 2))
				in[n++] = pg->chars[i];
		if (n < 4)
			continue;
		ex_page_init(&tmp, 0);
		ex_text_lines(in, n, &tmp);
		for (size_t i = 0; i < tmp.nlines; i++)
			for (size_t j = 0; j < tmp.nlines; j++) {
				const struct kp_box *a = &tmp.lines[i].box, *b = &tmp.lines[j].box;

				if (j != i && fmin(a->y1, b->y1) - fmax(a->y0, b->y0) >
				                  0.5 * fmin(kp_box_height(a), kp_box_height(b))) {
					beside++;
					break;
				}
			}
		ex_page_release(&tmp);
		if (beside >= 4) {
			free(in);
			return 1;
		}
	}
	free(in);
	return 0;
}

static int in_table(const struct ex_page *pg, const int *gives_way, const struct ex_char *ch)
{
	double x = (ch->box.x0 + ch->box.x1) / 2, y = (ch->box.y0 + ch->box.y1) / 2;

	for (size_t t = 0; t < pg->ntables; t++)
		if (!gives_way[t] && kp_box_contains_point(&pg->tables[t].box, x, y))
			return 1;
	return 0;
}

/* A column in which fewer than two pieces start (the white under a short
 * label, crossed only by the tail of a long one) is no column: drop its
 * left boundary.  Returns whether one was dropped. */
static int drop_thin_column(struct region *g)
{
	for (int col = 1; col < g->ncols; col++) {
		int starts = 0;

		for (size_t i = 0; i < g->npieces; i++)
			starts += g->pieces[i].c0 == col;
		if (starts < 2) {
			memmove(&g->cols[col], &g->cols[col + 1], (size_t)(g->ncols - col) * sizeof(*g->cols));
			g->ncols--;
			return 1;
		}
	}
	return 0;
}

/* Does a many-chunk row lie in the same horizontal stretch as the region? */
static int beside(const struct row *row, double x0, double x1)
{
	return row->box.x1 > x0 && row->box.x0 < x1;
}

void ex_align_tables(struct ex_page *pg)
{
	struct ex_char *free_chars = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1,
	                                              sizeof(*free_chars));
	size_t nfree = 0, first = pg->ntables;
	int *gives_way = kp_xcalloc(first + 1, sizeof(int));
	struct text t;

	for (size_t i = 0; i < first; i++)
		gives_way[i] = coarse(pg, &pg->tables[i]);
	ex_align_grid_rows(pg);
	for (size_t i = 0; i < pg->nchars; i++)
		if (!in_table(pg, gives_way, &pg->chars[i]))
			free_chars[nfree++] = pg->chars[i];
	memset(&t, 0, sizeof(t));
	ex_page_init(&t.chunks, pg->number);
	if (nfree == pg->nchars)
		ex_page_copy_lines(&t.chunks, pg); /* the same characters' lines */
	else
		ex_text_lines(free_chars, nfree, &t.chunks);
	ex_align_words(free_chars, nfree, &t);
	ex_align_rows(&t);

	for (size_t r = 0; r < t.nrows;) {
		struct region g;
		size_t multi = 0, single = 0, end;

		if (t.rows[r].nchunks < 2) {
			r++;
			continue;
		}
		memset(&g, 0, sizeof(g));
		g.r0 = r;
		g.x0 = t.rows[r].box.x0;
		g.x1 = t.rows[r].box.x1;
		end = r;
		for (size_t k = r; k < t.nrows; k++) {
			const struct row *row = &t.rows[k];

			if (k > r && row->box.y0 - t.rows[k - 1].box.y1 >
			                 ROW_GAP * fmax(ex_align_row_height(&t, k), ex_align_row_height(&t, k - 1)))
				break;
			if (!beside(row, g.x0, g.x1))
				break;
			if (row->nchunks >= 2) {
				multi++;
				single = 0;
				end = k + 1;
				g.x0 = fmin(g.x0, row->box.x0);
				g.x1 = fmax(g.x1, row->box.x1);
			} else if (++single > MAX_SINGLE || row->box.x0 < g.x0 - 2 || row->box.x1 > g.x1 + 2)
				break;
		}
		g.r1 = end;
		if (multi >= MIN_ROWS) {
			g.x0 -= 1;
			g.x1 += 1;
			ex_align_columns(&t, &g);
			ex_align_pieces(&t, &g, free_chars, nfree);
			while (drop_thin_column(&g)) {
				free(g.pieces);
				ex_align_pieces(&t, &g, free_chars, nfree);
			}
			if (is_table(&t, &g, free_chars, nfree))
				build(&t, &g, free_chars, nfree, ex_page_add_table(pg));
			free(g.pieces);
			free(g.cols);
		}
		r = end > r ? end : r + 1;
	}

	/* a coarse grid holding a table found here gives way to it */
	for (size_t k = 0, removed = 0; k < first; k++) {
		size_t i = k - removed;
		int covered = 0;

		for (size_t a = first - removed; a < pg->ntables && !covered; a++)
			covered = gives_way[k] && kp_box_overlap(&pg->tables[i].box, &pg->tables[a].box) > 0.5;
		if (covered) {
			ex_table_release(&pg->tables[i]);
			memmove(&pg->tables[i], &pg->tables[i + 1],
			        (pg->ntables - i - 1) * sizeof(*pg->tables));
			pg->ntables--;
			removed++;
		}
	}
	ex_align_text_release(&t);
	free(gives_way);
	free(free_chars);
}
