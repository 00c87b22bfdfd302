/*
 * grid.c - table grids from rules: pure geometry, no Poppler.
 *
 * A table is a set of horizontal and vertical rules that cross each other.
 * Its grid lines are the distinct y of its horizontal rules and x of its
 * vertical rules (plus the outer edges the rules reach, for tables whose
 * sides are open); its cells are the grid rectangles, and where no rule
 * covers the segment between two neighbouring rectangles they are one cell
 * (rowspan, colspan).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define POS_TOL 2.0     /* rules or grid lines this close are one line */
#define GAP_TOL 3.0     /* fragments with a gap this small are one rule */
#define CROSS_TOL 3.0   /* a rule ending this close to another touches it */
#define MIN_RULE 15.0   /* shorter strokes are not rules */
#define SHADE_GRAY 235  /* fills darker than this shade a cell */
#define FILL_GAP 4.0    /* points: fills this close side by side are cells with white between */
#define PAGE_FRAME 0.6  /* of the page's area: a one-row grid this big frames the page */
/* Lines of a cell sharing this much of the smaller height are side by
 * side, not one above the other: not half, since Hancom's Type 3 boxes
 * are twice the glyphs' height and the boxes of tightly set lines
 * overlap by half. */
#define SIDE_BY_SIDE 0.8

/* A rule as a line: `pos` across it, `a`..`b` along it. */
struct seg {
	double pos, a, b;
	int vert;
	int gap;            /* white between fills, not a drawn rule */
	struct kp_box box;
};

static int is_vertical(const struct kp_box *b)
{
	return kp_box_height(b) > kp_box_width(b);
}

static struct seg seg_of(const struct kp_box *b)
{
	struct seg s;

	s.vert = is_vertical(b);
	s.pos = s.vert ? (b->x0 + b->x1) / 2 : (b->y0 + b->y1) / 2;
	s.a = s.vert ? b->y0 : b->x0;
	s.b = s.vert ? b->y1 : b->x1;
	s.box = *b;
	s.gap = 0;
	return s;
}

static int cmp_seg_pos(const void *pa, const void *pb)
{
	const struct seg *a = pa, *b = pb;

	if (a->vert != b->vert)
		return a->vert - b->vert;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

static int cmp_seg_along(const void *pa, const void *pb)
{
	const struct seg *a = pa, *b = pb;

	return (a->a > b->a) - (a->a < b->a);
}

/* Merge collinear fragments in s[0..n): first group by line (positions
 * chained within POS_TOL), then join overlapping or nearly touching
 * intervals along each line.  Drops results shorter than MIN_RULE.
 * Returns the new count; s is rewritten in place. */
static size_t merge_segs(struct seg *s, size_t n)
{
	size_t out = 0;

	qsort(s, n, sizeof(*s), cmp_seg_pos);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && s[j].vert == s[i].vert && s[j].pos - s[j - 1].pos <= POS_TOL)
			j++;
		qsort(s + i, j - i, sizeof(*s), cmp_seg_along);
		for (size_t k = i; k < j;) {
			struct seg m = s[k];
			double wsum[2] = { 0, 0 }, len[2] = { 0, 0 };

			/* drawn rules place the line; white between fills only
			 * where no rule is drawn */
			wsum[m.gap] = (m.b - m.a) * m.pos;
			len[m.gap] = m.b - m.a;
			for (k++; k < j && s[k].a <= m.b + GAP_TOL; k++) {
				if (s[k].b > m.b)
					m.b = s[k].b;
				kp_box_union(&m.box, &s[k].box);
				wsum[s[k].gap] += (s[k].b - s[k].a) * s[k].pos;
				len[s[k].gap] += s[k].b - s[k].a;
				m.gap &= s[k].gap;
			}
			if (len[0] > 0)
				m.pos = wsum[0] / len[0];
			else if (len[1] > 0)
				m.pos = wsum[1] / len[1];
			if (m.b - m.a >= MIN_RULE)
				s[out++] = m;
		}
		i = j;
	}
	return out;
}

void ex_grid_merge_rules(struct ex_rule *rules, size_t *n)
{
	struct seg *s = kp_xreallocarray(NULL, *n ? *n : 1, sizeof(*s));
	size_t m;

	for (size_t i = 0; i < *n; i++)
		s[i] = seg_of(&rules[i].box);
	m = merge_segs(s, *n);
	for (size_t i = 0; i < m; i++)
		rules[i].box = s[i].box;
	*n = m;
	free(s);
}

static int crosses(const struct seg *h, const struct seg *v)
{
	return v->pos >= h->a - CROSS_TOL && v->pos <= h->b + CROSS_TOL &&
	       h->pos >= v->a - CROSS_TOL && h->pos <= v->b + CROSS_TOL;
}

/* Sort v[0..n) and merge values within POS_TOL into their mean; returns
 * the new count. */
static size_t distinct(double *v, size_t n)
{
	size_t out = 0;

	qsort(v, n, sizeof(*v), kp_cmp_double);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		double sum = v[i];

		while (j < n && v[j] - v[j - 1] <= POS_TOL)
			sum += v[j++];
		v[out++] = sum / (double)(j - i);
		i = j;
	}
	return out;
}

/* Does one rule of the table (orientation `vert`, at `pos`) cover the
 * stretch from..to along it? */
static int covered(const struct seg *s, size_t n, int vert, double pos, double from, double to)
{
	double tol = (to - from) / 4 < CROSS_TOL ? (to - from) / 4 : CROSS_TOL;

	for (size_t i = 0; i < n; i++)
		if (s[i].vert == vert && fabs(s[i].pos - pos) <= POS_TOL &&
		    s[i].a <= from + tol && s[i].b >= to - tol)
			return 1;
	return 0;
}

static int shaded(const struct ex_page *pg, const struct kp_box *cell)
{
	double covered_share = 0;

	for (size_t i = 0; i < pg->nfills; i++)
		if (pg->fills[i].gray < SHADE_GRAY)
			covered_share += kp_box_overlap(&pg->fills[i].box, cell);
	return covered_share > 0.5;
}

/* Build one table from the rules s[0..n) of one connected group; returns
 * 0 when they make fewer than two cells (a frame around a paragraph). */
static int build_table(const struct seg *s, size_t n, const struct ex_page *pg,
                       struct ex_table *t)
{
	double *xs = kp_xreallocarray(NULL, n + 2, sizeof(double));
	double *ys = kp_xreallocarray(NULL, n + 2, sizeof(double));
	double hmin = HUGE_VAL, hmax = -HUGE_VAL, vmin = HUGE_VAL, vmax = -HUGE_VAL;
	size_t nx = 0, ny = 0, rows, cols, *group;
	struct span {
		size_t r0, r1, c0, c1;
	} *span;

	for (size_t i = 0; i < n; i++) {
		if (s[i].vert) {
			xs[nx++] = s[i].pos;
			vmin = fmin(vmin, s[i].a);
			vmax = fmax(vmax, s[i].b);
		} else {
			ys[ny++] = s[i].pos;
			hmin = fmin(hmin, s[i].a);
			hmax = fmax(hmax, s[i].b);
		}
	}
	/* the outer edges the rules reach: open-sided tables */
	xs[nx++] = hmin;
	xs[nx++] = hmax;
	ys[ny++] = vmin;
	ys[ny++] = vmax;
	nx = distinct(xs, nx);
	ny = distinct(ys, ny);
	if (nx < 2 || ny < 2 || (nx - 1) * (ny - 1) < 2) {
		free(xs);
		free(ys);
		return 0;
	}
	rows = ny - 1;
	cols = nx - 1;

	/* grid rectangles joined where no rule separates them */
	group = kp_xreallocarray(NULL, rows * cols, sizeof(size_t));
	for (size_t i = 0; i < rows * cols; i++)
		group[i] = i;
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < cols; c++) {
			if (c + 1 < cols && !covered(s, n, 1, xs[c + 1], ys[r], ys[r + 1]))
				kp_uf_join(group, r * cols + c, r * cols + c + 1);
			if (r + 1 < rows && !covered(s, n, 0, ys[r + 1], xs[c], xs[c + 1]))
				kp_uf_join(group, r * cols + c, (r + 1) * cols + c);
		}
	/* a group that is not a rectangle takes its whole bounding rectangle;
	 * each pass finds every group's bounds in one sweep (a pass per group
	 * made a page ruled as a fine grid cost cells squared) */
	span = kp_xreallocarray(NULL, rows * cols, sizeof(*span));
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < rows * cols; i++)
			span[i] = (struct span){ rows, 0, cols, 0 };
		for (size_t k = 0; k < rows * cols; k++) {
			struct span *b = &span[kp_uf_find(group, k)];

			b->r0 = k / cols < b->r0 ? k / cols : b->r0;
			b->r1 = k / cols > b->r1 ? k / cols : b->r1;
			b->c0 = k % cols < b->c0 ? k % cols : b->c0;
			b->c1 = k % cols > b->c1 ? k % cols : b->c1;
		}
		for (size_t i = 0; i < rows * cols; i++)
			for (size_t r = span[i].r0; r <= span[i].r1 && r < rows; r++)
				for (size_t c = span[i].c0; c <= span[i].c1; c++)
					if (kp_uf_find(group, r * cols + c) != kp_uf_find(group, i)) {
						kp_uf_join(group, i, r * cols + c);
						changed = 1;
					}
	}

	memset(t, 0, sizeof(*t));
	t->rows = (int)rows;
	t->cols = (int)cols;
	t->row_y = ys;
	t->col_x = xs;
	t->conf = -1;
	t->image = -1;
	t->box.x0 = xs[0];
	t->box.x1 = xs[cols];
	t->box.y0 = ys[0];
	t->box.y1 = ys[rows];
	t->cells = kp_xreallocarray(NULL, rows * cols, sizeof(struct ex_cell));
	for (size_t i = 0; i < rows * cols; i++) {
		size_t r1 = span[i].r1, c1 = span[i].c1; /* of the last pass: no change */
		struct ex_cell *cell;

		if (kp_uf_find(group, i) != i)
			continue; /* covered by the cell at its group's first position */
		cell = &t->cells[t->ncells++];
		memset(cell, 0, sizeof(*cell));
		cell->row = (int)(i / cols);
		cell->col = (int)(i % cols);
		cell->rowspan = (int)(r1 - i / cols + 1);
		cell->colspan = (int)(c1 - i % cols + 1);
		cell->box.x0 = xs[i % cols];
		cell->box.x1 = xs[c1 + 1];
		cell->box.y0 = ys[i / cols];
		cell->box.y1 = ys[r1 + 1];
		cell->shaded = shaded(pg, &cell->box);
		cell->conf = -1;
	}
	free(span);
	free(group);
	if (t->ncells < 2) { /* rules that cross inside one frame: a box on a rule */
		ex_table_release(t);
		return 0;
	}
	return 1;
}

static int cmp_table(const void *pa, const void *pb)
{
	const struct ex_table *a = pa, *b = pb;

	if (fabs(a->box.y0 - b->box.y0) > POS_TOL)
		return a->box.y0 < b->box.y0 ? -1 : 1;
	return (a->box.x0 > b->box.x0) - (a->box.x0 < b->box.x0);
}

static const struct ex_fill *sort_fills;
static int sort_vert;

static int cmp_fill(const void *pa, const void *pb)
{
	const struct kp_box *a = &sort_fills[*(const size_t *)pa].box;
	const struct kp_box *b = &sort_fills[*(const size_t *)pb].box;
	double ka = sort_vert ? a->y0 : a->x0, kb = sort_vert ? b->y0 : b->x0;

	return (ka > kb) - (ka < kb);
}

/* The white between shaded cells set next to each other, as rules: a table
 * drawn as fills with no rules between its columns or some of its rows
 * (us-011a of ICDAR 2013).  A segment runs in the middle of each gap of at
 * most FILL_GAP between two fills, along the stretch they share.  Sorted
 * by their near edge, each fill meets only the fills starting in its gap.
 * Appends to *s (*n segments, room for *cap). */
static void fill_gaps(const struct ex_page *pg, struct seg **s, size_t *n, size_t *cap)
{
	size_t nf = pg->nfills, *idx;

	if (nf < 2)
		return;
	idx = kp_xreallocarray(NULL, nf, sizeof(*idx));
	for (int vert = 0; vert < 2; vert++) {  /* vert: fills one above the other */
		for (size_t i = 0; i < nf; i++)
			idx[i] = i;
		sort_fills = pg->fills;
		sort_vert = vert;
		qsort(idx, nf, sizeof(*idx), cmp_fill);
		for (size_t i = 0; i < nf; i++) {
			const struct kp_box *a = &pg->fills[idx[i]].box;
			double end = vert ? a->y1 : a->x1;
			size_t lo = 0, hi = nf;

			while (lo < hi) {  /* the first fill starting at or after a's end */
				size_t mid = (lo + hi) / 2;
				const struct kp_box *m = &pg->fills[idx[mid]].box;

				if ((vert ? m->y0 : m->x0) < end)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t j = lo; j < nf; j++) {
				const struct kp_box *b = &pg->fills[idx[j]].box;
				double start = vert ? b->y0 : b->x0, mid = (end + start) / 2;
				double from = vert ? fmax(a->x0, b->x0) : fmax(a->y0, b->y0);
				double to = vert ? fmin(a->x1, b->x1) : fmin(a->y1, b->y1);

				if (start > end + FILL_GAP)
					break;
				if (to - from < MIN_RULE)
					continue;
				if (*n == *cap)
					*s = kp_xreallocarray(*s, *cap *= 2, sizeof(**s));
				(*s)[*n] = seg_of(vert ? &(struct kp_box){ from, mid - 0.2, to, mid + 0.2 }
				                       : &(struct kp_box){ mid - 0.2, from, mid + 0.2, to });
				(*s)[(*n)++].gap = 1;
			}
		}
	}
	free(idx);
}

/* A single row of rules around most of the page (a frame with a side tab
 * or a margin line) is the page's decoration, not a table. */
static int page_frame(const struct ex_page *pg, const struct ex_table *t)
{
	return t->rows == 1 && pg->width > 0 && pg->height > 0 &&
	       kp_box_width(&t->box) * kp_box_height(&t->box) >= PAGE_FRAME * pg->width * pg->height;
}

void ex_grid_tables(struct ex_page *pg)
{
	size_t n = pg->nrules, first = pg->ntables, cap = n + 16;
	struct seg *s, *part;
	size_t *parent;

	s = kp_xreallocarray(NULL, cap, sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = seg_of(&pg->rules[i].box);
	fill_gaps(pg, &s, &n, &cap);
	if (n < 3) {
		free(s);
		return;
	}
	n = merge_segs(s, n);

	/* rules that cross are in the same table */
	parent = kp_xreallocarray(NULL, n ? n : 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		parent[i] = i;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (s[i].vert != s[j].vert &&
			    crosses(s[i].vert ? &s[j] : &s[i], s[i].vert ? &s[i] : &s[j]))
				kp_uf_join(parent, i, j);

	part = kp_xreallocarray(NULL, n ? n : 1, sizeof(*part));
	for (size_t root = 0; root < n; root++) {
		size_t m = 0, nh = 0, nv = 0;
		struct ex_table t;

		if (kp_uf_find(parent, root) != root)
			continue;
		for (size_t i = 0; i < n; i++)
			if (kp_uf_find(parent, i) == root) {
				part[m++] = s[i];
				if (s[i].vert)
					nv++;
				else
					nh++;
			}
		if (nh < 2 || nv < 1)
			continue;
		if (!build_table(part, m, pg, &t))
			continue;
		if (page_frame(pg, &t))
			ex_table_release(&t);
		else
			*ex_page_add_table(pg) = t;
	}
	if (pg->ntables > first)
		qsort(pg->tables + first, pg->ntables - first, sizeof(*pg->tables), cmp_table);
	free(part);
	free(parent);
	free(s);
}

/* The table *ti and cell *ci of pg whose box holds (x,y); returns 0 when
 * no cell does.  Of tables inside each other (a table in a framed box) the
 * innermost, the smallest, takes the point. */
static int cell_at(const struct ex_page *pg, double x, double y, size_t *ti, size_t *ci)
{
	double best = HUGE_VAL;

	for (size_t t = 0; t < pg->ntables; t++) {
		const struct ex_table *tb = &pg->tables[t];
		double area = kp_box_width(&tb->box) * kp_box_height(&tb->box);

		if (!kp_box_contains_point(&tb->box, x, y) || area >= best)
			continue;
		for (size_t c = 0; c < tb->ncells; c++)
			if (kp_box_contains_point(&tb->cells[c].box, x, y)) {
				*ti = t;
				*ci = c;
				best = area;
				break;
			}
	}
	return best < HUGE_VAL;
}

static int cmp_line_reading(const void *pa, const void *pb)
{
	const struct ex_line *a = pa, *b = pb;
	double ha = kp_box_height(&a->box), hb = kp_box_height(&b->box);
	double overlap = fmin(a->box.y1, b->box.y1) - fmax(a->box.y0, b->box.y0);

	/* side by side when they share SIDE_BY_SIDE of the smaller height */
	if (overlap > SIDE_BY_SIDE * fmin(ha, hb))
		return (a->box.x0 > b->box.x0) - (a->box.x0 < b->box.x0);
	return (a->box.y0 > b->box.y0) - (a->box.y0 < b->box.y0);
}

/* Lines of chars c[0..n) as one text: top to bottom, '\n' between lines,
 * a space between lines side by side; their pieces (words.c), in the
 * same order, appended to *pieces. */
static char *cell_text(const struct ex_char *c, size_t n, struct ex_pieces *pieces)
{
	struct ex_page tmp;
	struct kp_buf b;

	if (n == 0)
		return kp_xstrdup("");
	ex_page_init(&tmp, 0);
	ex_text_lines(c, n, &tmp);
	if (tmp.nlines > 1)
		qsort(tmp.lines, tmp.nlines, sizeof(*tmp.lines), cmp_line_reading);
	kp_buf_init(&b);
	for (size_t i = 0; i < tmp.nlines; i++) {
		const struct ex_line *l = &tmp.lines[i];

		if (i > 0) {
			const struct ex_line *p = &tmp.lines[i - 1];
			double ov = fmin(p->box.y1, l->box.y1) - fmax(p->box.y0, l->box.y0);
			double hmin = fmin(kp_box_height(&p->box), kp_box_height(&l->box));

			kp_buf_putc(&b, ov > SIDE_BY_SIDE * hmin ? ' ' : '\n');
		}
		kp_buf_puts(&b, l->text ? l->text : "");
		ex_pieces_append(pieces, &l->pieces);
	}
	ex_page_release(&tmp);
	return kp_buf_detach(&b);
}

/*
 * Ownership: pg->chars is left as it was and still owns every char's text.
 * The returned array holds shallow copies of the chars outside all tables
 * (their text pointers point into pg->chars' strings): free only the array,
 * never the texts, and do not use it after pg->chars is released.
 * Each cell's text is new and owned by the cell (a cell with no chars gets
 * ""; text already set, e.g. by OCR, is replaced).
 */
struct ex_char *ex_grid_fill_cells(struct ex_page *pg, size_t *nrest)
{
	struct ex_char *rest = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1, sizeof(*rest));
	size_t *cell_of = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1, sizeof(size_t));
	struct ex_char *buf = kp_xreallocarray(NULL, pg->nchars ? pg->nchars : 1, sizeof(*buf));
	size_t ncells = 0, *base = kp_xcalloc(pg->ntables + 1, sizeof(size_t));

	/* number the cells of all tables 0..ncells */
	for (size_t t = 0; t < pg->ntables; t++) {
		base[t] = ncells;
		ncells += pg->tables[t].ncells;
	}
	*nrest = 0;
	for (size_t i = 0; i < pg->nchars; i++) {
		const struct kp_box *b = &pg->chars[i].box;
		size_t ti = 0, ci = 0;

		if (cell_at(pg, (b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2, &ti, &ci))
			cell_of[i] = base[ti] + ci;
		else {
			cell_of[i] = (size_t)-1;
			rest[(*nrest)++] = pg->chars[i];
		}
	}
	for (size_t t = 0; t < pg->ntables; t++)
		for (size_t c = 0; c < pg->tables[t].ncells; c++) {
			struct ex_cell *cell = &pg->tables[t].cells[c];
			size_t m = 0;

			for (size_t i = 0; i < pg->nchars; i++)
				if (cell_of[i] == base[t] + c)
					buf[m++] = pg->chars[i];
			free(cell->text);
			cell->pieces.n = 0;
			cell->text = cell_text(buf, m, &cell->pieces);
		}
	free(base);
	free(buf);
	free(cell_of);
	return rest;
}
