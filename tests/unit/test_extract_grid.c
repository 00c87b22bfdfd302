/* test_extract_grid.c - table grids from hand-made rules (extract/grid.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract_page.h"
#include "unit.h"

#define NEAR(a, b) (fabs((a) - (b)) < 0.6)

/* 3 rows x 2 columns, every rule present: y 100..160, x 50..250 */
static void full_grid(struct ex_page *pg, double dy)
{
	for (int i = 0; i < 4; i++)
		hrule(pg, dy + 100 + 20 * i, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(pg, 50 + 100 * j, dy + 100, dy + 160);
}

static void test_full(void)
{
	struct ex_page pg;
	const struct ex_table *t;

	ex_page_init(&pg, 1);
	full_grid(&pg, 0);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(t->rows == 3 && t->cols == 2 && t->ncells == 6);
		CHECK(NEAR(t->box.x0, 50) && NEAR(t->box.x1, 250));
		CHECK(NEAR(t->box.y0, 100) && NEAR(t->box.y1, 160));
		CHECK(NEAR(t->row_y[1], 120) && NEAR(t->col_x[1], 150));
		CHECK(cell_at(t, 2, 1) && cell_at(t, 2, 1)->rowspan == 1 &&
		      cell_at(t, 2, 1)->colspan == 1);
		CHECK(cell_at(t, 2, 1) && NEAR(cell_at(t, 2, 1)->box.y0, 140));
		CHECK(t->image == -1 && !t->ocr);
	}
	ex_page_release(&pg);
}

static void test_rowspan(void)
{
	struct ex_page pg;
	const struct ex_table *t;

	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 120, 50, 250);
	hrule(&pg, 140, 150, 250);   /* missing under column 0 */
	hrule(&pg, 160, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 160);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(t->rows == 3 && t->cols == 2 && t->ncells == 5);
		CHECK(cell_at(t, 1, 0) && cell_at(t, 1, 0)->rowspan == 2 &&
		      cell_at(t, 1, 0)->colspan == 1);
		CHECK(cell_at(t, 1, 0) && NEAR(cell_at(t, 1, 0)->box.y1, 160));
		CHECK(cell_at(t, 2, 0) == NULL);
		CHECK(cell_at(t, 2, 1) && cell_at(t, 2, 1)->rowspan == 1);
	}
	ex_page_release(&pg);
}

static void test_colspan(void)
{
	struct ex_page pg;
	const struct ex_table *t;

	ex_page_init(&pg, 1);
	for (int i = 0; i < 4; i++)
		hrule(&pg, 100 + 20 * i, 50, 250);
	vrule(&pg, 50, 100, 160);
	vrule(&pg, 150, 120, 160);   /* the header row spans both columns */
	vrule(&pg, 250, 100, 160);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(t->rows == 3 && t->cols == 2 && t->ncells == 5);
		CHECK(cell_at(t, 0, 0) && cell_at(t, 0, 0)->colspan == 2 &&
		      cell_at(t, 0, 0)->rowspan == 1);
		CHECK(cell_at(t, 0, 1) == NULL);
		CHECK(cell_at(t, 1, 1) != NULL);
	}
	ex_page_release(&pg);
}

/* A cell group that is not a rectangle takes its bounding rectangle, and
 * the cell inside it that rules had kept apart: 2 rows x 3 columns, no
 * rule between (0,0) and (0,1) nor between (0,1) and (1,1). */
static void test_not_rectangle(void)
{
	struct ex_page pg;
	const struct ex_table *t;

	ex_page_init(&pg, 1);
	hrule(&pg, 0, 0, 300);
	hrule(&pg, 20, 0, 100);
	hrule(&pg, 20, 200, 300);
	hrule(&pg, 40, 0, 300);
	vrule(&pg, 0, 0, 40);
	vrule(&pg, 100, 20, 40);
	vrule(&pg, 200, 0, 40);
	vrule(&pg, 300, 0, 40);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(t->rows == 2 && t->cols == 3 && t->ncells == 3);
		CHECK(cell_at(t, 0, 0) && cell_at(t, 0, 0)->rowspan == 2 &&
		      cell_at(t, 0, 0)->colspan == 2);
		CHECK(cell_at(t, 1, 0) == NULL && cell_at(t, 1, 1) == NULL);
		CHECK(cell_at(t, 0, 2) && cell_at(t, 1, 2));
	}
	ex_page_release(&pg);
}

/* A page ruled as a fine grid (300 x 300 cells, as a hostile PDF can
 * draw): cell spans cost a few sweeps over the cells, not a sweep per
 * cell (that took about 10 s here, far longer under the sanitizers). */
static void test_fine_grid(void)
{
	struct ex_page pg;
	clock_t t0 = clock();
	double cpu;

	ex_page_init(&pg, 1);
	for (int i = 0; i <= 300; i++) {
		hrule(&pg, 50 + 10 * i, 50, 3050);
		vrule(&pg, 50 + 10 * i, 50, 3050);
	}
	ex_grid_tables(&pg);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(pg.ntables == 1 && pg.tables[0].ncells == 300 * 300);
	CHECK(cpu < 2);
	if (cpu >= 2)
		fprintf(stderr, "test_fine_grid: %.1f s of CPU\n", cpu);
	ex_page_release(&pg);
}

static void test_two_tables_and_box(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	full_grid(&pg, 300);          /* the lower table first in the rules */
	full_grid(&pg, 0);
	/* a frame around a paragraph: 1x1, not a table */
	hrule(&pg, 600, 50, 400);
	hrule(&pg, 680, 50, 400);
	vrule(&pg, 50, 600, 680);
	vrule(&pg, 400, 600, 680);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 2);
	if (pg.ntables == 2) {
		CHECK(NEAR(pg.tables[0].box.y0, 100));   /* in reading order */
		CHECK(NEAR(pg.tables[1].box.y0, 400));
		CHECK(pg.tables[1].ncells == 6);
	}
	CHECK(pg.nrules == 2 * 7 + 4);                /* rules are kept */
	ex_page_release(&pg);
}

static void test_open_sides(void)
{
	struct ex_page pg;
	const struct ex_table *t;

	ex_page_init(&pg, 1);
	for (int i = 0; i < 3; i++)
		hrule(&pg, 100 + 20 * i, 50, 250);
	vrule(&pg, 150, 100, 140);    /* only the inner column rule */
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(t->rows == 2 && t->cols == 2 && t->ncells == 4);
		CHECK(NEAR(t->col_x[0], 50) && NEAR(t->col_x[2], 250));
	}
	ex_page_release(&pg);
}

static void test_shading(void)
{
	struct ex_page pg;
	const struct ex_table *t;
	struct ex_fill *f;

	ex_page_init(&pg, 1);
	full_grid(&pg, 0);
	f = ex_page_add_fill(&pg);            /* header row, grey */
	f->box = (struct kp_box){ 50.5, 100.5, 249.5, 119.5 };
	f->gray = 217;
	f = ex_page_add_fill(&pg);            /* last row: too light */
	f->box = (struct kp_box){ 50.5, 140.5, 249.5, 159.5 };
	f->gray = 245;
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		t = &pg.tables[0];
		CHECK(cell_at(t, 0, 0) && cell_at(t, 0, 0)->shaded == 1);
		CHECK(cell_at(t, 0, 1) && cell_at(t, 0, 1)->shaded == 1);
		CHECK(cell_at(t, 1, 0) && cell_at(t, 1, 0)->shaded == 0);
		CHECK(cell_at(t, 2, 1) && cell_at(t, 2, 1)->shaded == 0);
	}
	ex_page_release(&pg);
}

static void test_merge_fragments(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	hrule(&pg, 100.0, 50, 100);
	hrule(&pg, 100.6, 101.5, 150);       /* 1.5 pt gap, 0.6 pt lower */
	hrule(&pg, 99.8, 150, 250);
	hrule(&pg, 300, 50, 60);             /* 10 pt: not a rule */
	vrule(&pg, 50, 100, 130);
	vrule(&pg, 50.5, 130, 160);
	hrule(&pg, 100, 300, 400);           /* same y, 50 pt away: separate */
	ex_grid_merge_rules(pg.rules, &pg.nrules);
	CHECK(pg.nrules == 3);
	for (size_t i = 0; i < pg.nrules; i++) {
		const struct kp_box *b = &pg.rules[i].box;

		if (kp_box_width(b) > 150)
			CHECK(NEAR(b->x0, 50) && NEAR(b->x1, 250));
		else if (kp_box_height(b) > kp_box_width(b))
			CHECK(NEAR(b->y0, 100) && NEAR(b->y1, 160));
		else
			CHECK(NEAR(b->x0, 300) && NEAR(b->x1, 400));
	}
	ex_page_release(&pg);

	/* a grid drawn cell by cell still makes one 3x2 table */
	ex_page_init(&pg, 1);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 2; j++)
			hrule(&pg, 100 + 20 * i, 50 + 100 * j, 150 + 100 * j);
	for (int j = 0; j < 3; j++)
		for (int i = 0; i < 3; i++)
			vrule(&pg, 50 + 100 * j, 100 + 20 * i, 120 + 20 * i);
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1 && pg.tables[0].ncells == 6);
	ex_page_release(&pg);
}

static void test_fill_cells(void)
{
	struct ex_page pg;
	struct ex_char *rest;
	size_t nrest = 0;

	ex_page_init(&pg, 1);
	for (int i = 0; i < 3; i++)
		hrule(&pg, 100 + 30 * i, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 160);
	add_char(&pg, "가", 55, 103);      /* cell (0,0), two lines */
	add_char(&pg, "나", 65, 103);
	add_char(&pg, "라", 65, 116);
	add_char(&pg, "다", 55, 116);      /* out of order on purpose */
	add_char(&pg, "A", 155, 110);      /* cell (0,1) */
	add_char(&pg, "밖", 55, 200);      /* outside */
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	rest = ex_grid_fill_cells(&pg, &nrest);
	CHECK(nrest == 1);
	if (nrest == 1)
		CHECK_STR(rest[0].text, "밖");
	if (pg.ntables == 1) {
		const struct ex_table *t = &pg.tables[0];

		CHECK(cell_at(t, 0, 0) != NULL);
		CHECK(cell_at(t, 0, 1) != NULL);
		CHECK(cell_at(t, 1, 1) != NULL);
		if (cell_at(t, 0, 0) && cell_at(t, 0, 1) && cell_at(t, 1, 1)) {
			CHECK_STR(cell_at(t, 0, 0)->text, "가나\n다라");
			CHECK_STR(cell_at(t, 0, 1)->text, "A");
			CHECK_STR(cell_at(t, 1, 1)->text, "");
		}
	}
	free(rest);                       /* the array only: texts stay in pg */
	CHECK(pg.nchars == 6);
	ex_page_release(&pg);
}

/* Hancom's Type 3 glyphs report boxes twice their height, so tightly set
 * lines of a cell overlap by half; drawn column by column, their
 * characters must still come out line by line (issue #12: "법정규비제를..."
 * for "규제 재검토기한 / 정비를 위한"). */
static void test_fill_cells_tall_boxes(void)
{
	static const char *const top[] = { "규", "제", "재", "검" };
	static const char *const bottom[] = { "정", "비", "를", "위" };
	struct ex_page pg;
	struct ex_char *rest;
	size_t nrest = 0;

	ex_page_init(&pg, 1);
	for (int i = 0; i < 2; i++)
		hrule(&pg, 100 + 80 * i, 50, 250);
	for (int j = 0; j < 3; j++)
		vrule(&pg, 50 + 100 * j, 100, 180);
	for (int k = 0; k < 4; k++) {     /* drawn top, bottom, top, bottom... */
		add_char(&pg, top[k], 60 + 10.5 * k, 110);
		pg.chars[pg.nchars - 1].box.y1 = 110 + 27.5;
		pg.chars[pg.nchars - 1].size = 21;
		add_char(&pg, bottom[k], 60 + 10.5 * k, 123.2);
		pg.chars[pg.nchars - 1].box.y1 = 123.2 + 27.5;
		pg.chars[pg.nchars - 1].size = 21;
	}
	for (size_t i = 0; i < pg.nchars; i++)
		pg.chars[i].box.x1 = pg.chars[i].box.x0 + 10.5;
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	rest = ex_grid_fill_cells(&pg, &nrest);
	CHECK(nrest == 0);
	if (pg.ntables == 1 && cell_at(&pg.tables[0], 0, 0) != NULL)
		CHECK_STR(cell_at(&pg.tables[0], 0, 0)->text, "규제재검\n정비를위");
	free(rest);
	ex_page_release(&pg);
}

/* Rules around most of the page in one row (a frame with a side tab, as
 * on the pages of us-036 in ICDAR 2013) are decoration, not a table; the
 * same rules around a quarter of the page are a table. */
static void test_page_frame(void)
{
	struct ex_page pg;

	for (int k = 0; k < 2; k++) {
		double w = k == 0 ? 400 : 200, h = k == 0 ? 600 : 300;

		ex_page_init(&pg, 1);
		pg.width = 400;
		pg.height = 600;
		hrule(&pg, 0, 0, w);
		hrule(&pg, h, 0, w);
		vrule(&pg, 0, 0, h);
		vrule(&pg, w - 30, 0, h);
		vrule(&pg, w, 0, h);
		ex_grid_tables(&pg);
		CHECK(pg.ntables == (size_t)k);
		ex_page_release(&pg);
	}
}

/* A table drawn as shaded cells with white between them and rules only
 * across (us-011a of ICDAR 2013): the white makes its column line and the
 * row line the rules leave out. */
static void test_fill_gaps(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	hrule(&pg, 100, 50, 250);
	hrule(&pg, 160, 50, 250);
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 2; j++) {
			struct ex_fill *f = ex_page_add_fill(&pg);

			f->box = (struct kp_box){ 50 + 101 * j, 100 + 20.5 * i, 149 + 101 * j, 119 + 20.5 * i };
			f->gray = 120;
		}
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 1);
	if (pg.ntables == 1) {
		CHECK(pg.tables[0].rows == 3 && pg.tables[0].cols == 2 && pg.tables[0].ncells == 6);
		CHECK(NEAR(pg.tables[0].row_y[0], 100));   /* the drawn rule places the line */
	}
	CHECK(pg.nrules == 2);                         /* the white is no rule of the page */
	ex_page_release(&pg);
}

/* A table inside a framed box (the page frame of us-036 in ICDAR 2013):
 * its cells, not the frame's, take the characters inside it. */
static void test_fill_cells_nested(void)
{
	struct ex_page pg;
	struct ex_char *rest;
	size_t nrest = 0;

	ex_page_init(&pg, 1);
	hrule(&pg, 50, 0, 500);            /* the frame: one row, two columns */
	hrule(&pg, 400, 0, 500);
	vrule(&pg, 0, 50, 400);
	vrule(&pg, 450, 50, 400);
	vrule(&pg, 500, 50, 400);
	full_grid(&pg, 0);                 /* the table: y 100..160, x 50..250 */
	add_char(&pg, "A", 155, 110);      /* the table's cell (0,1) */
	add_char(&pg, "B", 55, 300);       /* the frame's cell (0,0) */
	ex_grid_tables(&pg);
	CHECK(pg.ntables == 2);
	rest = ex_grid_fill_cells(&pg, &nrest);
	CHECK(nrest == 0);
	if (pg.ntables == 2) {
		const struct ex_table *frame = &pg.tables[0], *inner = &pg.tables[1];

		CHECK(frame->cols == 2 && inner->cols == 2);
		if (cell_at(inner, 0, 1) && cell_at(frame, 0, 0)) {
			CHECK_STR(cell_at(inner, 0, 1)->text, "A");
			CHECK_STR(cell_at(frame, 0, 0)->text, "B");
		}
	}
	free(rest);
	ex_page_release(&pg);
}

int main(void)
{
	test_full();
	test_rowspan();
	test_colspan();
	test_not_rectangle();
	test_fine_grid();
	test_two_tables_and_box();
	test_open_sides();
	test_shading();
	test_merge_fragments();
	test_fill_cells();
	test_fill_cells_tall_boxes();
	test_fill_cells_nested();
	test_page_frame();
	test_fill_gaps();
	return UNIT_DONE();
}
