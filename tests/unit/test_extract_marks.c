/* test_extract_marks.c - lead and bullet marks told by their shape
 * (extract/ocr_marks.c), on marks drawn here with Leptonica: what each
 * shape is read as, that letter-like shapes are not marks, and where the
 * mark that starts a drawn line of text is. */
#include <math.h>
#include <stdlib.h>

#include "../../extract/ocr.h"
#include "unit.h"

/* The ink of a shape of size n x n, centred at c = (n - 1) / 2. */
typedef int (*shape_fn)(double dx, double dy, double r);

static int full(double dx, double dy, double r)
{
	(void)dx, (void)dy, (void)r;
	return 1;
}

static int square_outline(double dx, double dy, double r)
{
	return fmax(fabs(dx), fabs(dy)) > r - 5;
}

static int ticked_square(double dx, double dy, double r)
{
	return square_outline(dx, dy, r) || (fabs(dx + dy) < 1.5 && fabs(dx) < r / 3);
}

static int disc(double dx, double dy, double r)
{
	return hypot(dx, dy) <= r;
}

static int ring(double dx, double dy, double r)
{
	return hypot(dx, dy) <= r && hypot(dx, dy) > r - 5;
}

static int diamond(double dx, double dy, double r)
{
	return fabs(dx) + fabs(dy) <= r;
}

static int diamond_outline(double dx, double dy, double r)
{
	return diamond(dx, dy, r) && fabs(dx) + fabs(dy) > r - 5;
}

static int diamond_in_diamond(double dx, double dy, double r)
{
	return diamond_outline(dx, dy, r) || fabs(dx) + fabs(dy) <= r / 2;
}

/* A 1 bpp image n x n holding the shape, as the classifier gets it: cut
 * to the shape's bounding box. */
static PIX *draw(shape_fn f, int n)
{
	PIX *pix = pixCreate(n, n, 1);
	double c = (n - 1) / 2.0;

	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			if (f(x - c, y - c, n / 2.0))
				pixSetPixel(pix, x, y, 1);
	return pix;
}

static const char *shape(shape_fn f, int n, double h, double gap)
{
	PIX *pix = draw(f, n);
	const char *mark = ex_mark_shape(pix, h, gap);

	pixDestroy(&pix);
	return mark;
}

static void test_shapes(void)
{
	CHECK_STR(shape(full, 32, 36, 12), "\u25a0");            /* ■ */
	CHECK_STR(shape(square_outline, 32, 36, 12), "\u25a1");  /* □ */
	CHECK_STR(shape(ticked_square, 32, 36, 12), "\u2611");   /* ☑ */
	CHECK_STR(shape(disc, 32, 36, 12), "\u25cf");            /* ● */
	CHECK_STR(shape(disc, 32, 60, 12), "\u2022");            /* • smaller than the text */
	CHECK_STR(shape(ring, 32, 36, 12), "\u25cb");            /* ○ */
	CHECK_STR(shape(ring, 20, 36, 12), "\u25e6");            /* ◦ */
	CHECK_STR(shape(diamond, 32, 36, 12), "\u25c6");         /* ◆ */
	CHECK_STR(shape(diamond_outline, 32, 36, 12), "\u25c7"); /* ◇ */
	CHECK_STR(shape(diamond_in_diamond, 32, 36, 12), "\u25c8"); /* ◈ */
}

/* What is not a mark: a ring or an outline square that nearly touches the
 * next blob is the ㅇ of a syllable or a letter; a tall bar is a letter. */
static void test_not_marks(void)
{
	PIX *bar = pixCreate(8, 32, 1);

	pixSetAll(bar);
	CHECK(ex_mark_shape(bar, 36, 12) == NULL);
	pixDestroy(&bar);
	CHECK(shape(ring, 32, 36, 3) == NULL);
	CHECK(shape(square_outline, 32, 36, 3) == NULL);
}

/* Fill the rectangle x0..x1 x y0..y1 (exclusive ends) of grey pix black. */
static void ink(PIX *pix, int x0, int y0, int x1, int y1)
{
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++)
			pixSetPixel(pix, x, y, 0);
}

/* A grey line of "text" (blocks 20 x 28 pixels, 6 apart, from x 76),
 * after a filled square 24 x 24 at x 40 when `mark`. */
static PIX *text_line(int mark)
{
	PIX *pix = pixCreate(400, 60, 8);

	pixSetAll(pix);
	if (mark)
		ink(pix, 40, 18, 64, 42);
	for (int x = 76; x < 300; x += 26) {
		ink(pix, x, 16, x + 20, 44);
		for (int y = 24; y < 36; y++) /* a counter: not solid */
			for (int k = x + 6; k < x + 14; k++)
				pixSetPixel(pix, k, y, 255);
	}
	return pix;
}

static void test_line_mark(void)
{
	PIX *pix = text_line(1);
	int x0 = -1, x1 = -1;

	CHECK_STR(ex_line_mark(pix, 76, 16, 44, 28, &x0, &x1), "\u25a0");
	CHECK(x0 == 40 && x1 == 64);
	pixDestroy(&pix);
	pix = text_line(0);
	CHECK(ex_line_mark(pix, 76, 16, 44, 28, &x0, &x1) == NULL);
	pixDestroy(&pix);
}

/* A cell item's bullet read as "ㆍ": a symbol whose ink is a small disc
 * is one, a letter-like block is not; the cell's text gets "•" back on
 * the lines whose first symbol is a disc, and on lines led by "*". */
static void test_cell_bullets(void)
{
	PIX *pix = pixCreate(200, 60, 8);
	struct ex_sym bullet = { NULL, 90, 8, 20, 24, 36, 1, 1 };
	struct ex_sym letter = { NULL, 90, 76, 16, 96, 44, 1, 1 };
	const unsigned char disc_lines[] = { 1, 0, 0, 0 };
	char *text;

	pixSetAll(pix);
	for (int y = 0; y < 60; y++)
		for (int x = 0; x < 200; x++)
			if (hypot(x - 15.5, y - 27.5) <= 6)
				pixSetPixel(pix, x, y, 0);
	ink(pix, 76, 16, 96, 44);
	CHECK(ex_sym_disc(pix, &bullet, 28) == 1);
	CHECK(ex_sym_disc(pix, &letter, 28) == 0);
	pixDestroy(&pix);
	text = ex_cell_bullets(kp_xstrdup("\u318d 산업 설비\n\u318d 데이터\n* 주석\n가나"), disc_lines, 4);
	CHECK_STR(text, "\u2022 산업 설비\n\u318d 데이터\n\u2022 주석\n가나");
	free(text);
	text = ex_cell_bullets(kp_xstrdup("산업"), disc_lines, 1);
	CHECK_STR(text, "산업"); /* a syllable is never the bullet */
	free(text);
}

int main(void)
{
	test_shapes();
	test_not_marks();
	test_line_mark();
	test_cell_bullets();
	return UNIT_DONE();
}
