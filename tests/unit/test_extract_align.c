/* test_extract_align.c - what the rules of a grid table leave out
 * (extract/align_grid.c): text rows stacked in one grid row, headings
 * side by side in one cell; hand-made rules and characters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_page.h"
#include "unit.h"

static const char *text_at(const struct ex_table *t, int row, int col)
{
	const struct ex_cell *c = cell_at(t, row, col);

	return c != NULL ? c->text : NULL;
}

/* The page's tables as the pipeline makes them (convert.c: the lines of
 * all its characters first). */
static void tables(struct ex_page *pg)
{
	size_t nrest;

	pg->width = 600;
	pg->height = 800;
	ex_text_lines(pg->chars, pg->nchars, pg);
	ex_grid_tables(pg);
	ex_align_tables(pg);
	free(ex_grid_fill_cells(pg, &nrest));
}

/* A ruled header and one ruled body holding a row per label; "x" goes
 * on in lower case: the rest of the label above, not a row. */
static void test_stacked_rows(void)
{
	static const char *const label[] = { "가", "x", "나", "다" }, *const value[] = { "1", NULL, "2", "3" };
	struct ex_page pg;

	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 120, 50, 250);
	hrule(&pg, 200, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 200);
	add_char(&pg, "A", 55, 105);
	add_char(&pg, "B", 155, 105);
	for (int i = 0; i < 4; i++) {
		add_char(&pg, label[i], 55, 125 + 15 * i);
		if (value[i])
			add_char(&pg, value[i], 155, 125 + 15 * i);
	}
	tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		const struct ex_table *t = &pg.tables[0];

		CHECK(t->rows == 4 && t->cols == 2 && t->ncells == 8);
		CHECK_STR(text_at(t, 1, 0), "가\nx");
		CHECK_STR(text_at(t, 1, 1), "1");
		CHECK_STR(text_at(t, 3, 0), "다");
		CHECK_STR(text_at(t, 3, 1), "3");
	}
	ex_page_release(&pg);
}

/* Two lines in a ruled row (a label in two lines beside a value in two)
 * are one row: fewer than three rows of text are no stack; nor are lines
 * of words beside lines of a label, with no number. */
static void test_two_lines_one_row(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 140, 50, 250);
	hrule(&pg, 180, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 180);
	add_char(&pg, "가", 55, 105);
	add_char(&pg, "나", 55, 120);
	add_char(&pg, "1", 155, 105);
	add_char(&pg, "2", 155, 120);
	add_char(&pg, "다", 55, 145);
	tables(&pg);
	CHECK(pg.ntables == 1 && pg.tables[0].rows == 2);
	if (pg.ntables == 1)
		CHECK_STR(text_at(&pg.tables[0], 0, 1), "1\n2");
	ex_page_release(&pg);

	/* three lines of words beside three of a label: wrapped text, one row */
	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 160, 50, 250);
	hrule(&pg, 180, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 180);
	for (int i = 0; i < 3; i++) {
		add_char(&pg, "L", 55, 105 + 15 * i);
		add_char(&pg, "W", 155, 105 + 15 * i);
	}
	add_char(&pg, "E", 55, 165);
	tables(&pg);
	CHECK(pg.ntables == 1 && pg.tables[0].rows == 2);
	if (pg.ntables == 1)
		CHECK_STR(text_at(&pg.tables[0], 0, 1), "W\nW\nW");
	ex_page_release(&pg);
}

/* A header row without its vertical rule: headings standing apart over
 * the column line are two cells; a title across the line stays one. */
static void test_headings_apart(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 115, 50, 250);
	hrule(&pg, 130, 50, 250);
	hrule(&pg, 200, 50, 250);
	vrule(&pg, 50, 100, 200);
	vrule(&pg, 250, 100, 200);
	vrule(&pg, 150, 130, 200);
	add_char(&pg, "T", 145, 102);      /* across the column line */
	add_char(&pg, "A", 55, 117);
	add_char(&pg, "B", 155, 117);
	add_char(&pg, "a", 55, 150);
	add_char(&pg, "b", 155, 150);
	tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		const struct ex_table *t = &pg.tables[0];

		CHECK(t->rows == 3 && t->ncells == 5);
		CHECK_STR(text_at(t, 0, 0), "T");
		CHECK(text_at(t, 0, 1) == NULL);   /* covered by the title */
		CHECK_STR(text_at(t, 1, 0), "A");
		CHECK_STR(text_at(t, 1, 1), "B");
	}
	ex_page_release(&pg);
}

int main(void)
{
	test_stacked_rows();
	test_two_lines_one_row();
	test_headings_apart();
	return UNIT_DONE();
}
