/* test_extract_graphics.c - rules, fills and images from hand-made marks
 * (extract/graphics.c), as a page's drawing paints them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../extract/extract.h"
#include "../../extract/drawing.h"
#include "unit.h"

#define NEAR(a, b) (fabs((a) - (b)) < 0.01)

/* Marks in painting order, as a page's pass gives them. */
struct marks {
	struct ex_mark *v;
	size_t n;
};

static void marks_release(struct marks *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

static void mark(struct marks *m, enum ex_mark_kind kind, double x0, double y0, double x1,
                 double y1, int gray)
{
	m->v = kp_xreallocarray(m->v, m->n + 1, sizeof(*m->v));
	m->v[m->n++] = (struct ex_mark){ kind, x0, y0, x1, y1, gray, 0, 0 };
}

/* A page with one character far from everything, so rules are kept. */
static void page_with_text(struct ex_page *pg)
{
	ex_page_init(pg, 1);
	pg->width = 595;
	pg->height = 842;
	pg->chars = kp_xcalloc(1, sizeof(*pg->chars));
	pg->chars[0].box = (struct kp_box){ 500, 800, 510, 810 };
	pg->chars[0].text = kp_xstrdup("x");
	pg->nchars = 1;
}

static void run(struct marks *m, struct ex_page *pg)
{
	page_with_text(pg);
	ex_graphics_page(m->v, m->n, pg);
	marks_release(m);
}

/* Lines dark enough to read as ink are rules, hairlines too (viewers
 * draw them a pixel wide); a light grey line is not. */
static void test_ink(void)
{
	struct marks m = { 0 };
	struct ex_page pg;

	mark(&m, EX_MARK_LINE, 50, 99.75, 250, 100.25, 0);     /* black 0.5 pt */
	mark(&m, EX_MARK_LINE, 50, 199.5, 250, 200.5, 230);    /* light grey 1 pt */
	mark(&m, EX_MARK_LINE, 50, 299.95, 250, 300.05, 190);  /* grey 0.1 pt */
	mark(&m, EX_MARK_LINE, 50, 400, 250, 400, 0);          /* width 0 */
	run(&m, &pg);
	CHECK(pg.nrules == 3);
	for (size_t i = 0; i < pg.nrules; i++)
		CHECK(pg.rules[i].box.y0 < 150 || pg.rules[i].box.y0 > 250);
	ex_page_release(&pg);
}

/* A white box painted over a border hides the part it covers; painted
 * before it, it hides nothing. */
static void test_white_over_line(void)
{
	struct marks m = { 0 };
	struct ex_page pg;

	mark(&m, EX_MARK_LINE, 50, 99.5, 350, 100.5, 0);
	mark(&m, EX_MARK_RECT, 100, 90, 200, 110, 255);
	mark(&m, EX_MARK_RECT, 100, 190, 200, 210, 255);
	mark(&m, EX_MARK_LINE, 50, 199.5, 350, 200.5, 0);
	run(&m, &pg);
	CHECK(pg.nrules == 3);
	for (size_t i = 0; i < pg.nrules; i++) {
		const struct kp_box *b = &pg.rules[i].box;

		if (b->y0 < 150)
			CHECK((NEAR(b->x0, 50) && NEAR(b->x1, 100)) || (NEAR(b->x0, 200) && NEAR(b->x1, 350)));
		else
			CHECK(NEAR(b->x0, 50) && NEAR(b->x1, 350));
	}
	CHECK(pg.nfills == 0);
	ex_page_release(&pg);
}

/* Two cells that both draw their shared edge make one rule; so do the
 * dashes of a dashed line with small gaps.  Dashes far apart are no rule. */
static void test_duplicates_and_dashes(void)
{
	struct marks m = { 0 };
	struct ex_page pg;

	mark(&m, EX_MARK_LINE, 50, 99.75, 150, 100.25, 0);
	mark(&m, EX_MARK_LINE, 150, 99.75, 250, 100.25, 0);
	mark(&m, EX_MARK_LINE, 50, 99.8, 150, 100.3, 0); /* the first cell's edge again */
	for (int i = 0; i < 20; i++) /* 8 pt dashes, 2 pt gaps */
		mark(&m, EX_MARK_LINE, 50 + 10 * i, 199.75, 58 + 10 * i, 200.25, 0);
	for (int i = 0; i < 10; i++) /* 4 pt dots, 16 pt gaps */
		mark(&m, EX_MARK_LINE, 50 + 20 * i, 299.75, 54 + 20 * i, 300.25, 0);
	run(&m, &pg);
	CHECK(pg.nrules == 2);
	for (size_t i = 0; i < pg.nrules; i++)
		CHECK(NEAR(pg.rules[i].box.x0, 50) && pg.rules[i].box.x1 > 245);
	ex_page_release(&pg);
}

/* Filled rectangles: a thin dark one is a rule, a large grey one a fill
 * (unless a later one covers it), a white one nothing; marks inside an
 * image belong to the picture; a page without text keeps its images only. */
static void test_rects_and_images(void)
{
	struct marks m = { 0 };
	struct ex_page pg;

	mark(&m, EX_MARK_RECT, 50, 99, 250, 101, 0);     /* 2 pt bar */
	mark(&m, EX_MARK_RECT, 50, 200, 250, 240, 230);  /* grey band */
	mark(&m, EX_MARK_RECT, 50, 300, 250, 340, 200);  /* grey, then ... */
	mark(&m, EX_MARK_RECT, 40, 290, 260, 350, 255);  /* ... painted over white */
	mark(&m, EX_MARK_RECT, 50, 400, 250, 440, 255);  /* white */
	mark(&m, EX_MARK_IMAGE, 300, 500, 500, 700, 0);
	m.v[m.n - 1].pxw = 800;
	m.v[m.n - 1].pxh = 600;
	mark(&m, EX_MARK_LINE, 310, 599.5, 490, 600.5, 0); /* drawn on the picture */
	run(&m, &pg);
	CHECK(pg.nrules == 1 && NEAR(pg.rules[0].box.y0, 99));
	CHECK(pg.nfills == 1 && pg.fills[0].gray == 230);
	CHECK(pg.nimages == 1 && pg.images[0].pxw == 800 &&
	      pg.images[0].pxh == 600 && NEAR(pg.images[0].box.x0, 300));
	ex_page_release(&pg);

	mark(&m, EX_MARK_RECT, 50, 99, 250, 101, 0);
	mark(&m, EX_MARK_IMAGE, 0, 0, 595, 842, 0);
	ex_page_init(&pg, 1);
	ex_graphics_page(m.v, m.n, &pg);
	marks_release(&m);
	CHECK(pg.nrules == 0 && pg.nimages == 1);
	ex_page_release(&pg);
}

/* A line through the middle of a row of glyphs (strike-through) is not a
 * rule; one between lines of text is. */
static void test_glyph_strokes(void)
{
	struct marks m = { 0 };
	struct ex_page pg;

	ex_page_init(&pg, 1);
	for (int i = 0; i < 10; i++) {
		pg.chars = kp_xreallocarray(pg.chars, pg.nchars + 1, sizeof(*pg.chars));
		memset(&pg.chars[pg.nchars], 0, sizeof(*pg.chars));
		pg.chars[pg.nchars].box = (struct kp_box){ 50 + 10 * i, 112, 60 + 10 * i, 128 };
		pg.chars[pg.nchars++].text = kp_xstrdup("급");
	}
	mark(&m, EX_MARK_LINE, 50, 49.5, 150, 50.5, 0);
	mark(&m, EX_MARK_LINE, 50, 119.5, 150, 120.5, 0);
	ex_graphics_page(m.v, m.n, &pg);
	marks_release(&m);
	CHECK(pg.nrules == 1);
	if (pg.nrules == 1)
		CHECK(pg.rules[0].box.y0 < 60);
	ex_page_release(&pg);
}

int main(void)
{
	test_ink();
	test_white_over_line();
	test_duplicates_and_dashes();
	test_rects_and_images();
	test_glyph_strokes();
	return UNIT_DONE();
}
