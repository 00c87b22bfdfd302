/* tables.c - table typing, header rows, page continuations, table XML. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

#define SAME_X 6.0   /* points: column edges of a continued table */

/* The cell starting at (row, col), or NULL. */
static const struct st_cell *cell_at(const struct st_item *t, int row, int col)
{
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].row == row && t->cells[i].col == col)
			return &t->cells[i];
	return NULL;
}

/* The cells starting in rows [0, rows) of t, by position: rows x t->cols
 * pointers, NULL where none starts, the first in t's order where several
 * do (as cell_at); the caller frees it.  One pass, where cell_at per
 * column was columns x cells (a 1 x 100000 table took 20 s). */
static const struct st_cell **cells_by_pos(const struct st_item *t, int rows)
{
	size_t n = rows > 0 && t->cols > 0 ? (size_t)rows * (size_t)t->cols : 0;
	const struct st_cell **at = kp_xcalloc(n + 1, sizeof(*at));

	for (size_t i = t->ncells; i-- > 0;) {
		const struct st_cell *c = &t->cells[i];

		if (c->row >= 0 && c->row < rows && c->col >= 0 && c->col < t->cols)
			at[(size_t)c->row * (size_t)t->cols + (size_t)c->col] = c;
	}
	return at;
}

/* First printed line of a cell, squeezed, as a new string ("" when none). */
static char *first_line(const struct st_cell *c)
{
	const char *nl;
	char *s;

	if (c == NULL)
		return kp_xstrdup("");
	nl = strchr(c->text, '\n');
	s = nl ? kp_xstrndup(c->text, (size_t)(nl - c->text)) : kp_xstrdup(c->text);
	kp_squeeze_space(s);
	return s;
}

static int cell_matches(const struct st_item *t, int row, int col,
                        const struct st_rules *rules, enum st_role role)
{
	char *s = first_line(cell_at(t, row, col));
	struct st_match m;
	int hit = *s != '\0' && st_rules_match(rules, role, s, &m) != NULL;

	free(s);
	return hit;
}

int st_table_header_rows(const struct st_item *t, const struct st_rules *rules)
{
	/* One pass over the cells (a row at a time was rows x cells): only
	 * the first ncells + 1 rows can open a run of rows that have cells,
	 * all shaded.  seen[r]: 0 no cell, 1 all shaded, 2 one unshaded. */
	size_t span = t->ncells + 1 < (size_t)t->rows ? t->ncells + 1 : (size_t)t->rows;
	unsigned char *seen = kp_xcalloc(span, 1);
	int n = 0;

	for (size_t i = 0; i < t->ncells; i++) {
		const struct st_cell *c = &t->cells[i];

		if (c->row < 0 || (size_t)c->row >= span)
			continue;
		if (!c->shaded)
			seen[c->row] = 2;
		else if (seen[c->row] == 0)
			seen[c->row] = 1;
	}
	while ((size_t)n < span && seen[n] == 1)
		n++;
	free(seen);
	if (n == 0 && t->rows > 1 && cell_matches(t, 0, 0, rules, ST_R_TABLE_GUBUN))
		n = 1;
	return n;
}

/* Do the first and second halves of row 0 carry the same texts? */
static int repeated_header(const struct st_item *t)
{
	int half = t->cols / 2, same = 1;
	const struct st_cell **row0;

	if (t->cols < 4 || t->cols % 2 != 0)
		return 0;
	row0 = cells_by_pos(t, 1);
	for (int c = 0; c < half && same; c++) {
		char *a = first_line(row0[c]), *b = first_line(row0[c + half]);

		same = *a != '\0' && strcmp(a, b) == 0;
		free(a);
		free(b);
	}
	free(row0);
	return same;
}

const char *st_table_type(const struct st_item *t, const struct st_rules *rules)
{
	int gubun = cell_matches(t, 0, 0, rules, ST_R_TABLE_GUBUN);

	if (t->cols == 2 && (gubun || cell_matches(t, 0, 1, rules, ST_R_TABLE_CONTENT)))
		return "gubun";
	if (t->cols >= 3 && gubun)
		return "gubun3";
	if (repeated_header(t))
		return "sidebyside";
	return "grid";
}

/* Are rows [0, n) of a and b the same texts? */
static int same_rows(const struct st_item *a, const struct st_item *b, int n)
{
	const struct st_cell **ga = cells_by_pos(a, n), **gb = cells_by_pos(b, n);
	int same = 1;

	for (int r = 0; r < n && same; r++)
		for (int c = 0; c < a->cols && same; c++) {
			const struct st_cell *x = ga[(size_t)r * (size_t)a->cols + (size_t)c];
			const struct st_cell *y = c < b->cols ? gb[(size_t)r * (size_t)b->cols + (size_t)c] : NULL;

			same = (x == NULL) == (y == NULL) && (x == NULL || strcmp(x->text, y->text) == 0);
		}
	free(ga);
	free(gb);
	return same;
}

/* The cell of t that ends in its last row and starts at col, or NULL. */
static struct st_cell *last_row_cell(struct st_item *t, int col)
{
	for (size_t i = 0; i < t->ncells; i++) {
		struct st_cell *c = &t->cells[i];

		if (c->col == col && c->row + c->rowspan == t->rows)
			return c;
	}
	return NULL;
}

static int blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

/* Does s end a sentence (its last character a full stop, question or
 * exclamation mark, Latin or CJK)? */
static int ends_sentence(const char *s)
{
	static const char *const stops[] = {".", "?", "!", "\u3002", "\uff0e", "\uff1f", "\uff01", NULL};
	size_t n = strlen(s);

	for (const char *const *p = stops; *p != NULL; p++)
		if (n >= strlen(*p) && strcmp(s + n - strlen(*p), *p) == 0)
			return 1;
	return 0;
}

/* Does text, the top of a broken cell, go on with what above was cut in:
 * its first line carries no cell-bullet mark, and above holds marked
 * items (the line wraps the last), or running text of two lines or more
 * whose last line ends no sentence? */
static int continues_cut(const char *above, const char *text, const struct st_rules *rules)
{
	char *copy = kp_xstrdup(above), *save = NULL, *first, *last = NULL;
	struct st_match m;
	int marked = 0, lines = 0, cont = 0;

	first = kp_xstrndup(text, strcspn(text, "\n"));
	kp_squeeze_space(first);
	if (*first != '\0' && st_rules_match(rules, ST_R_CELL_BULLET, first, &m) == NULL) {
		for (char *l = strtok_r(copy, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
			kp_squeeze_space(l);
			if (*l == '\0')
				continue;
			marked |= st_rules_match(rules, ST_R_CELL_BULLET, l, &m) != NULL;
			lines++;
			last = l;
		}
		cont = marked || (lines >= 2 && !ends_sentence(last));
	}
	free(first);
	free(copy);
	return cont;
}

/* Is row `first` of next the rest of t's last row, broken by the page
 * (st_tables_merge)?  Each of its cells must stand under a cell of the
 * same columns that ends in t's last row; its first cell, or the one above
 * it, is empty, or one of its cells goes on with a cut sentence or item. */
static int broken_row(struct st_item *t, const struct st_item *next, int first,
                      const struct st_rules *rules)
{
	int lead = 0, cut = 0, cells = 0;

	if (t->rows < 1 || first >= next->rows || t->from_image || next->from_image ||
	    t->bottom_ruled || (first == 0 && next->top_ruled))
		return 0;   /* closed by a rule, or rules unseen (in a picture) */
	for (size_t i = 0; i < next->ncells; i++) {
		const struct st_cell *c = &next->cells[i];
		const struct st_cell *a;

		if (c->row != first)
			continue;
		a = last_row_cell(t, c->col);
		if (a == NULL || a->colspan != c->colspan)
			return 0;
		cells++;
		if (c->col == 0)
			lead = blank(c->text) || blank(a->text);
		if (!blank(a->text) && continues_cut(a->text, c->text, rules))
			cut = 1;
	}
	return cells > 0 && (lead || cut);
}

/* Append the rows of next from `drop` on to t; with join, row `drop` is
 * the rest of t's last row and its cells' lines go to the cells above (a
 * second cell at the same place, in a broken stream, is kept as a cell). */
static void append_table(struct st_item *t, struct st_item *next, int drop, int join)
{
	int shift = t->rows - drop - join;

	t->cells = kp_xreallocarray(t->cells, t->ncells + next->ncells, sizeof(*t->cells));
	for (size_t i = 0; i < next->ncells; i++) {
		struct st_cell *c = &next->cells[i];

		if (c->row < drop) {
			free(c->text);
			continue;
		}
		if (join && c->row == drop && last_row_cell(t, c->col) != NULL) {
			struct st_cell *a = last_row_cell(t, c->col);

			if (blank(a->text)) {
				free(a->text);
				a->text = c->text;
			} else {
				if (!blank(c->text)) {
					a->text = kp_xrealloc(a->text, strlen(a->text) + strlen(c->text) + 2);
					strcat(strcat(a->text, "\n"), c->text);
				}
				free(c->text);
			}
			a->rowspan += c->rowspan - 1;
			if (c->page > a->page)
				a->lastpage = c->page;
			continue;
		}
		t->cells[t->ncells] = *c;
		t->cells[t->ncells].row = c->row + shift;
		t->ncells++;
	}
	free(next->cells);
	next->cells = NULL;
	next->ncells = 0;
	t->rows += next->rows - drop - join;
	t->lastpage = next->lastpage;
	t->bottom_ruled = next->bottom_ruled;
	next->merged = 1;
}

void st_tables_merge(struct st_doc *doc, const struct st_rules *rules)
{
	for (size_t j = 1; j < doc->nitems; j++) {
		struct st_item *next = &doc->items[j], *t;
		size_t i = j - 1;
		int hdr, drop = 0;

		if (next->kind != ST_TABLE)
			continue;
		while (i > 0 && doc->items[i].merged)
			i--;
		t = &doc->items[i];
		if (t->kind != ST_TABLE || t->merged || t->lastpage + 1 != next->page ||
		    doc->items[j - 1].page >= next->page || t->cols != next->cols ||
		    fabs(t->box.x0 - next->box.x0) > SAME_X || fabs(t->box.x1 - next->box.x1) > SAME_X)
			continue;
		hdr = st_table_header_rows(t, rules);
		if (hdr > 0 && hdr < next->rows && same_rows(t, next, hdr))
			drop = hdr;
		if (next->rows - drop > INT_MAX - t->rows)
			continue;   /* row numbers would overflow: left a table of its own */
		append_table(t, next, drop, broken_row(t, next, drop, rules));
	}
}

static int by_position(const void *a, const void *b)
{
	const struct st_cell *x = *(const struct st_cell *const *)a;
	const struct st_cell *y = *(const struct st_cell *const *)b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static void add_line(struct st_node *cell, struct kp_buf *b, const char *mark)
{
	struct st_node *line;

	if (b->len == 0)
		return;
	line = st_node_add(cell, KP_EL_LINE);
	st_node_set_text(line, b->s);
	if (mark != NULL)
		st_node_set(line, KP_A_MARK, mark);
	kp_buf_clear(b);
}

/* One `line` per printed line; a cell-bullet line opens an item that takes
 * the following unmarked lines as its wraps. */
static void cell_lines(struct st_node *cell, const char *text, const struct st_rules *rules)
{
	struct kp_buf b;
	char *copy = kp_xstrdup(text), *save = NULL, *mark = NULL;

	kp_buf_init(&b);
	for (char *l = strtok_r(copy, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		struct st_match m;

		kp_squeeze_space(l);
		if (*l == '\0')
			continue;
		if (st_rules_match(rules, ST_R_CELL_BULLET, l, &m) != NULL) {
			char *t = st_match_group(&m, ST_G_TEXT);

			add_line(cell, &b, mark);
			free(mark);
			mark = st_match_group(&m, ST_G_MARK);
			kp_buf_puts(&b, t ? t : "");
			free(t);
		} else if (mark != NULL) {
			st_join(&b, l, rules, ST_WRAP_GUESS);
		} else {
			kp_buf_puts(&b, l);
			add_line(cell, &b, NULL);
		}
	}
	add_line(cell, &b, mark);
	free(mark);
	free(copy);
	kp_buf_release(&b);
}

struct st_node *st_table_node(const struct st_item *t, const struct st_rules *rules,
                              struct st_node *caption)
{
	struct st_node *table = st_node_new(KP_EL_TABLE), *row = NULL;
	const struct st_cell **v = kp_xcalloc(t->ncells + 1, sizeof(*v));
	int hdr = st_table_header_rows(t, rules), cur = -1;

	st_node_set(table, KP_A_TYPE, st_table_type(t, rules));
	if (t->from_image)
		st_node_set(table, KP_A_IMAGE, "1");
	st_node_set_int(table, KP_A_ROWS, t->rows);
	st_node_set_int(table, KP_A_COLS, t->cols);
	st_node_set_prov(table, t->page, t->lastpage, &t->box, t->ocr, t->conf);
	if (caption != NULL)
		st_node_append(table, caption);
	for (size_t i = 0; i < t->ncells; i++)
		v[i] = &t->cells[i];
	qsort(v, t->ncells, sizeof(*v), by_position);
	for (size_t i = 0; i < t->ncells; i++) {
		const struct st_cell *c = v[i];
		struct st_node *cell;

		if (c->row != cur) {
			cur = c->row;
			row = st_node_add(table, KP_EL_ROW);
			if (cur < hdr)
				st_node_set(row, KP_A_HEADER, "1");
		}
		cell = st_node_add(row, KP_EL_CELL);
		st_node_set_int(cell, KP_A_ROW, c->row);
		st_node_set_int(cell, KP_A_COL, c->col);
		if (c->rowspan > 1)
			st_node_set_int(cell, KP_A_ROWSPAN, c->rowspan);
		if (c->colspan > 1)
			st_node_set_int(cell, KP_A_COLSPAN, c->colspan);
		if (c->shaded)
			st_node_set(cell, KP_A_SHADED, "1");
		st_node_set_prov(cell, c->page, c->lastpage, &c->box, c->ocr, c->conf);
		cell_lines(cell, c->text, rules);
	}
	free(v);
	return table;
}
