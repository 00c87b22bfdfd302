/*
 * align_grid.c - the rows and columns a ruled table's rules leave out.
 *
 * Many tables are ruled only around their header and body: the grid from
 * the rules (grid.c) then has one row holding every body line, or a header
 * cell spanning columns that holds one heading per column.  Here a grid
 * row whose text stands in three or more rows, each with a label in the
 * first column and two at least with a number beside it, is split between
 * those rows (a label that wraps, going on in lower case, stays with its
 * row); and a one-row cell spanning columns is split at a column line its
 * text stands apart over, unless it is centred in the cell (a title).  Geometry only:
 * ex_grid_fill_cells() fills the cells afterwards.  docs/tables.md.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"

#define MIN_BANDS 3       /* text rows a grid row needs to be split */
#define APART 1.0         /* of the text height: white this wide over a column line splits a cell */
#define PARA_GAP 0.5      /* of the text height: white this much wider than between lines parts paragraphs */

/* A row of text across a grid row: the lines sharing its height. */
struct band {
	double y0, y1, hmin;
	int first;            /* a line in the first column with text */
	int others;           /* a line in another column */
	int numbers;          /* a number in another column */
	int continues;        /* first column only, going on in lower case */
};

struct tline {
	struct kp_box box;
	int col, lower, number;
};

static int cmp_tline(const void *pa, const void *pb)
{
	const struct tline *a = pa, *b = pb;

	return (a->box.y0 > b->box.y0) - (a->box.y0 < b->box.y0);
}

/* The chars of pg whose centres lie in b, into buf; returns their count. */
static size_t chars_in(const struct ex_page *pg, const struct kp_box *b, struct ex_char *buf)
{
	size_t n = 0;

	for (size_t i = 0; i < pg->nchars; i++)
		if (kp_box_contains_point(b, (pg->chars[i].box.x0 + pg->chars[i].box.x1) / 2,
		                          (pg->chars[i].box.y0 + pg->chars[i].box.y1) / 2))
			buf[n++] = pg->chars[i];
	return n;
}

/* The text rows of grid row r of t, from the lines of its one-row cells,
 * top to bottom, wrapped labels joined; returns their count. */
static size_t bands_of(const struct ex_page *pg, const struct ex_table *t, int r,
                       struct ex_char *buf, struct band **out)
{
	struct tline *l = NULL;
	struct band *b;
	size_t nl = 0, cap = 0, nb = 0;
	int first = t->cols;

	for (size_t k = 0; k < t->ncells; k++) {
		const struct ex_cell *cell = &t->cells[k];
		struct ex_page tmp;
		size_t n;

		if (cell->row != r || cell->rowspan != 1 || (n = chars_in(pg, &cell->box, buf)) == 0)
			continue;
		ex_page_init(&tmp, 0);
		ex_text_lines(buf, n, &tmp);
		for (size_t i = 0; i < tmp.nlines; i++) {
			if (nl == cap)
				l = kp_xreallocarray(l, cap = cap ? 2 * cap : 16, sizeof(*l));
			l[nl].box = tmp.lines[i].box;
			l[nl].col = cell->col;
			l[nl].lower = islower((unsigned char)tmp.lines[i].text[0]);
			l[nl++].number = ex_align_is_number(tmp.lines[i].text) &&
			                 !ex_align_is_mark(tmp.lines[i].text);
		}
		ex_page_release(&tmp);
		first = cell->col < first ? cell->col : first;
	}
	b = kp_xreallocarray(NULL, nl ? nl : 1, sizeof(*b));
	if (nl)
		qsort(l, nl, sizeof(*l), cmp_tline);
	for (size_t i = 0; i < nl; i++) {
		double h = kp_box_height(&l[i].box);
		struct band *cur = nb ? &b[nb - 1] : NULL;

		if (cur == NULL || fmin(cur->y1, l[i].box.y1) - l[i].box.y0 <= 0.5 * fmin(h, cur->hmin)) {
			cur = &b[nb++];
			*cur = (struct band){ l[i].box.y0, l[i].box.y1, h, 0, 0, 0, 1 };
		}
		cur->y1 = fmax(cur->y1, l[i].box.y1);
		cur->hmin = fmin(cur->hmin, h);
		cur->first |= l[i].col == first;
		cur->others |= l[i].col != first;
		cur->numbers |= l[i].col != first && l[i].number;
		cur->continues &= l[i].col == first && l[i].lower;
	}
	free(l);
	/* a label going on in lower case, alone in its line, joins the row above */
	for (size_t i = 1; i < nb;) {
		if (b[i].continues) {
			b[i - 1].y1 = fmax(b[i - 1].y1, b[i].y1);
			memmove(&b[i], &b[i + 1], (nb - i - 1) * sizeof(*b));
			nb--;
		} else
			i++;
	}
	*out = b;
	return nb;
}

/* Does the text of grid row r stand in rows of its own: MIN_BANDS or more,
 * each with a label in the first column, at least two with a number beside
 * it (lines of wrapped text beside a label are one row)? */
static int stacked(const struct band *b, size_t nb)
{
	size_t numbers = 0;

	if (nb < MIN_BANDS)
		return 0;
	for (size_t i = 0; i < nb; i++) {
		if (!b[i].first)
			return 0;
		numbers += (size_t)b[i].numbers;
	}
	return numbers >= 2;
}

/* Does band i start a paragraph of the grid row: white above it wider
 * than the median between two of its bands by PARA_GAP of the text
 * height (lines of one paragraph are set closer than paragraphs)? */
static int paragraph_at(const struct band *b, size_t nb, size_t i)
{
	double *gap, usual;

	if (i == 0 || nb < 3)
		return 0;
	gap = kp_xreallocarray(NULL, nb, sizeof(*gap));
	for (size_t k = 1; k < nb; k++)
		gap[k - 1] = b[k].y0 - b[k - 1].y1;
	usual = kp_median(gap, nb - 1);
	free(gap);
	return b[i].y0 - b[i - 1].y1 > fmax(usual, 0) + PARA_GAP * fmin(b[i].hmin, b[i - 1].hmin);
}

/* Does the text of a grid row stand in paragraphs of rows of their own:
 * two or more, each starting with a label in the first column with text,
 * two at least with text in other columns too (entries whose cells wrap,
 * set apart by white: "Major | Emissions of 10 tons ... | Utilities,
 * refineries ..." then "Area | ...")?  A paragraph that starts beside
 * the first column's text, not with it, is the same row's; paragraphs
 * of one column are one cell's. */
static int paragraphs(const struct band *b, size_t nb)
{
	size_t n = 0, wide = 0;
	int others = 0;

	for (size_t i = 0; i <= nb; i++) {
		if (i == nb || i == 0 || paragraph_at(b, nb, i)) {
			wide += (size_t)others;
			if (i == nb)
				break;
			if (!b[i].first)
				return 0;
			n++;
			others = 0;
		}
		others |= b[i].others;
	}
	return n >= 2 && wide >= 2;
}

static int cmp_cell(const void *pa, const void *pb)
{
	const struct ex_cell *a = pa, *b = pb;

	if (a->row != b->row)
		return a->row - b->row;
	return a->col - b->col;
}

/* Split the rows of t that hold stacked text rows, or paragraphs that
 * are rows. */
static void split_rows(const struct ex_page *pg, struct ex_table *t, struct ex_char *buf)
{
	int *start = kp_xreallocarray(NULL, (size_t)t->rows + 1, sizeof(int));
	double *ys = NULL;
	size_t nys = 0, cap = 0;
	struct ex_cell *cells;
	size_t ncells = 0, cellcap;

	for (int r = 0; r < t->rows; r++) {
		struct band *b;
		size_t nb = bands_of(pg, t, r, buf, &b);
		int each = stacked(b, nb), para = !each && paragraphs(b, nb);

		start[r] = (int)nys;
		for (size_t i = 0; i < (each || para ? nb : 1); i++) {
			if (i > 0 && para && !paragraph_at(b, nb, i))
				continue;
			if (nys == cap)
				ys = kp_xreallocarray(ys, cap = cap ? 2 * cap : 16, sizeof(*ys));
			ys[nys++] = i == 0 ? t->row_y[r] : (b[i - 1].y1 + b[i].y0) / 2;
		}
		free(b);
	}
	start[t->rows] = (int)nys;
	if (nys == (size_t)t->rows) {
		free(ys);
		free(start);
		return;
	}
	ys = kp_xreallocarray(ys, nys + 1, sizeof(*ys));
	ys[nys] = t->row_y[t->rows];

	cellcap = t->ncells + nys * (size_t)t->cols;
	cells = kp_xreallocarray(NULL, cellcap, sizeof(*cells));
	for (size_t k = 0; k < t->ncells; k++) {
		const struct ex_cell *old = &t->cells[k];
		int r0 = start[old->row], r1 = start[old->row + old->rowspan];
		int each = old->rowspan == 1 && r1 - r0 > 1;

		for (int r = r0; r < (each ? r1 : r0 + 1); r++) {
			struct ex_cell *c = &cells[ncells++];

			*c = *old;
			c->text = NULL;
			c->row = r;
			c->rowspan = each ? 1 : r1 - r0;
			c->box.y0 = ys[r];
			c->box.y1 = ys[each ? r + 1 : r1];
		}
		free(t->cells[k].text);
	}
	qsort(cells, ncells, sizeof(*cells), cmp_cell);
	free(t->cells);
	free(t->row_y);
	t->cells = cells;
	t->ncells = ncells;
	t->row_y = ys;
	t->rows = (int)nys;
	free(start);
}

/* Does cell k of t, spanning rows, hold one line of text per row it
 * spans, each inside its row: a column of labels drawn without the rules
 * between its rows ("Salaries (a)", "Fringe Benefits (b)" ... beside
 * ruled rows of numbers)?  MIN_BANDS rows at least, three quarters of
 * them with a line; a title centred over the rows has too few. */
static int labels_per_row(const struct ex_page *pg, const struct ex_table *t, size_t k,
                          struct ex_char *buf)
{
	const struct ex_cell *cell = &t->cells[k];
	struct ex_page tmp;
	int *seen, filled = 0, ok = 1;
	size_t n;

	if (cell->rowspan < MIN_BANDS || (n = chars_in(pg, &cell->box, buf)) == 0)
		return 0;
	seen = kp_xcalloc((size_t)cell->rowspan, sizeof(int));
	ex_page_init(&tmp, 0);
	ex_text_lines(buf, n, &tmp);
	for (size_t i = 0; i < tmp.nlines && ok; i++) {
		const struct kp_box *b = &tmp.lines[i].box;
		int r = cell->row;

		while (r < cell->row + cell->rowspan - 1 && (b->y0 + b->y1) / 2 > t->row_y[r + 1])
			r++;
		ok = b->y0 >= t->row_y[r] - 1 && b->y1 <= t->row_y[r + 1] + 1 && !seen[r - cell->row];
		seen[r - cell->row] = 1;
		filled++;
	}
	ex_page_release(&tmp);
	free(seen);
	return ok && 4 * filled >= 3 * cell->rowspan;
}

/* Split the cells of t that are a column of labels per row. */
static void split_label_columns(const struct ex_page *pg, struct ex_table *t, struct ex_char *buf)
{
	size_t cap = t->ncells;

	for (size_t k = 0; k < t->ncells; k++) {
		int rows;

		if (t->cells[k].colspan != 1 || !labels_per_row(pg, t, k, buf))
			continue;
		rows = t->cells[k].rowspan;
		while (t->ncells + (size_t)rows > cap)
			t->cells = kp_xreallocarray(t->cells, cap *= 2, sizeof(*t->cells));
		for (int i = 1; i < rows; i++) {
			struct ex_cell *c = &t->cells[t->ncells++];

			*c = t->cells[k];
			c->text = NULL;
			c->row += i;
			c->rowspan = 1;
			c->box.y0 = t->row_y[c->row];
			c->box.y1 = t->row_y[c->row + 1];
		}
		t->cells[k].rowspan = 1;
		t->cells[k].box.y1 = t->row_y[t->cells[k].row + 1];
	}
	qsort(t->cells, t->ncells, sizeof(*t->cells), cmp_cell);
}

/* Is the text of a cell centred in it (a title, maybe letter-spaced:
 * "구   분"), its extent's middle within a tenth of the cell's width of
 * the cell's? */
static int centred(const struct ex_char *c, size_t n, const struct kp_box *cell)
{
	double x0 = HUGE_VAL, x1 = -HUGE_VAL;

	for (size_t i = 0; i < n; i++) {
		x0 = fmin(x0, c[i].box.x0);
		x1 = fmax(x1, c[i].box.x1);
	}
	return fabs((x0 + x1) / 2 - (cell->x0 + cell->x1) / 2) <= 0.1 * kp_box_width(cell);
}

/* Does the text of a cell stand apart over x: characters on both sides,
 * none across, and white of APART times their height around x? */
static int apart_at(const struct ex_char *c, size_t n, double x)
{
	double left = -HUGE_VAL, right = HUGE_VAL, h = 0;

	for (size_t i = 0; i < n; i++) {
		if (c[i].box.x0 < x && c[i].box.x1 > x)
			return 0;
		if (c[i].box.x1 <= x)
			left = fmax(left, c[i].box.x1);
		else
			right = fmin(right, c[i].box.x0);
		h = fmax(h, kp_box_height(&c[i].box));
	}
	return left > -HUGE_VAL && right < HUGE_VAL && right - left >= APART * h;
}

/* Split the one-row cells of t spanning columns at the column lines their
 * text stands apart over, unless it is centred in the cell. */
static void split_cols(const struct ex_page *pg, struct ex_table *t, struct ex_char *buf)
{
	size_t cap = t->ncells;

	for (size_t k = 0; k < t->ncells; k++) {
		struct ex_cell *cell = &t->cells[k];
		size_t n;

		if (cell->colspan < 2 || cell->rowspan > 1 || (n = chars_in(pg, &cell->box, buf)) == 0 ||
		    centred(buf, n, &cell->box))
			continue;
		for (int c = cell->col + 1; c < cell->col + cell->colspan; c++) {
			struct ex_cell *right;

			if (!apart_at(buf, n, t->col_x[c]))
				continue;
			if (t->ncells == cap)
				t->cells = kp_xreallocarray(t->cells, cap *= 2, sizeof(*t->cells));
			cell = &t->cells[k];
			right = &t->cells[t->ncells++];
			*right = *cell;
			right->text = NULL;
			right->col = c;
			right->colspan = cell->col + cell->colspan - c;
			right->box.x0 = t->col_x[c];
			cell->colspan = c - cell->col;
			cell->box.x1 = t->col_x[c];
			break;  /* the right part is looked at in its turn */
		}
	}
	qsort(t->cells, t->ncells, sizeof(*t->cells), cmp_cell);
}

void ex_align_grid_rows(struct ex_page *pg)
{
	struct ex_char *buf = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1, sizeof(*buf));

	for (size_t i = 0; i < pg->ntables; i++) {
		if (pg->tables[i].cols < 2 || pg->tables[i].ocr)
			continue;
		split_rows(pg, &pg->tables[i], buf);
		split_label_columns(pg, &pg->tables[i], buf);
		split_cols(pg, &pg->tables[i], buf);
	}
	free(buf);
}
