/* test_extract_words.c - a line's words and their boxes from its pieces
 * (extract/words.c): pieces counted as the text is, a text that differs
 * (NFC, a reread), confidences and CC digits, boxes OCR collapsed. */
#include <stdlib.h>

#include "../../extract/extract.h"
#include "unit.h"

/* A line of text `text` over pieces of 10 pt each, one code point each
 * unless texts[] says otherwise, conf[i] their confidences. */
static void line_of(struct ex_line *l, const char *text, const char *const *texts,
                    const double *conf, size_t n)
{
	memset(l, 0, sizeof(*l));
	l->text = kp_xstrdup(text);
	l->box = (struct kp_box){0, 100, 10.0 * (double)n, 112};
	l->conf = -1;
	for (size_t i = 0; i < n; i++) {
		struct kp_box b = {10.0 * (double)i, 98, 10.0 * (double)i + 9, 112};

		ex_pieces_add(&l->pieces, &b, conf != NULL ? conf[i] : -1, texts[i]);
	}
}

/* Text-layer characters: each word is boxed by exactly its characters,
 * its height cut to the line's; no confidence, no CC. */
static void test_text_layer(void)
{
	static const char *const t[] = {"중", "국", "과", "학", "A", "I"};
	struct ex_line l;
	struct ex_words w = {0};

	line_of(&l, "중국 과학 AI", t, NULL, 6);
	CHECK(ex_line_words(&l, &w) == 3);
	CHECK_STR(w.v[0].text, "중국");
	CHECK_STR(w.v[1].text, "과학");
	CHECK_STR(w.v[2].text, "AI");
	CHECK(w.v[0].box.x0 == 0 && w.v[0].box.x1 == 19);
	CHECK(w.v[1].box.x0 == 20 && w.v[1].box.x1 == 39);
	CHECK(w.v[2].box.x0 == 40 && w.v[2].box.x1 == 59);
	CHECK(w.v[0].box.y0 == 100 && w.v[0].box.y1 == 112);
	CHECK(w.v[0].conf == -1 && w.v[0].cc == NULL);
	ex_line_release(&l);
	ex_words_release(&w);
}

/* OCR symbols: conf per word is the mean of its symbols', CC one digit
 * per code point; a mark without confidence gets the line's and no CC. */
static void test_ocr(void)
{
	static const char *const t[] = {"•", "가", "나", "다"};
	static const double conf[] = {-1, 95, 75, 5};
	struct ex_line l;
	struct ex_words w = {0};

	line_of(&l, "• 가 나다", t, conf, 4);
	l.ocr = 1;
	l.conf = 60;
	CHECK(ex_line_words(&l, &w) == 3);
	CHECK(w.v[0].conf == 60 && w.v[0].cc == NULL);
	CHECK(w.v[1].conf == 95);
	CHECK_STR(w.v[1].cc, "0");
	CHECK(w.v[2].conf == 40);
	CHECK_STR(w.v[2].cc, "29");
	CHECK(w.v[2].box.x0 == 20 && w.v[2].box.x1 == 39);
	ex_line_release(&l);
	/* a symbol boxed over the mark before it: the word starts after it */
	line_of(&l, "• 가 나다", t, conf, 4);
	l.pieces.v[1].box.x0 = 2;
	CHECK(ex_line_words(&l, &w) == 3);
	CHECK(w.v[1].box.x0 == 9 && w.v[1].box.x1 == 19);
	ex_line_release(&l);
	ex_words_release(&w);
}

/* A text that counts other code points than its pieces (a reread put
 * two characters where one was read): words fall on the pieces at the
 * same fraction of the line, in order, covering it; no CC. */
static void test_text_differs(void)
{
	static const char *const t[] = {"a", "b", "c", "d"};
	static const double conf[] = {90, 90, 90, 90};
	struct ex_line l;
	struct ex_words w = {0};

	line_of(&l, "abcdef gh", t, conf, 4);
	l.ocr = 1;
	CHECK(ex_line_words(&l, &w) == 2);
	CHECK_STR(w.v[0].text, "abcdef");
	CHECK_STR(w.v[1].text, "gh");
	CHECK(w.v[0].box.x0 == 0 && w.v[0].box.x1 == 29);
	CHECK(w.v[1].box.x0 == 30 && w.v[1].box.x1 == 39);
	CHECK(w.v[0].cc == NULL && w.v[1].cc == NULL && w.v[1].conf == 90);
	ex_line_release(&l);
	/* no pieces: no words (a box is never made up) */
	memset(&l, 0, sizeof(l));
	l.text = kp_xstrdup("x y");
	CHECK(ex_line_words(&l, &w) == 0);
	ex_line_release(&l);
	ex_words_release(&w);
}

/* A cell's words run on over its lines; a word on the next line does not
 * start after the last word of the line before. */
static void test_cell(void)
{
	static const char *const t[] = {"가", "나", "다", "라"};
	struct ex_cell c = {0};
	struct ex_words w = {0};

	c.text = kp_xstrdup("가나\n다 라");
	c.box = (struct kp_box){0, 0, 40, 40};
	c.conf = -1;
	for (size_t i = 0; i < 4; i++) {
		/* 가나 on the first line at x 0-19, 다 라 below at x 0-9 and 10-19 */
		double x = i < 2 ? 10.0 * (double)i : 10.0 * (double)(i - 2), y = i < 2 ? 0 : 20;
		struct kp_box b = {x, y, x + 9, y + 12};

		ex_pieces_add(&c.pieces, &b, -1, t[i]);
	}
	CHECK(ex_cell_words(&c, &w) == 3);
	CHECK_STR(w.v[0].text, "가나");
	CHECK_STR(w.v[1].text, "다");
	CHECK(w.v[1].box.x0 == 0 && w.v[1].box.y0 == 20);
	CHECK(w.v[2].box.x0 == 10 && w.v[2].box.y1 == 32);
	free(c.text);
	ex_pieces_release(&c.pieces);
	ex_words_release(&w);
}

/* OCR symbols t[0..n) boxed b[0..n), of confidence conf, added to p. */
static void symbols(struct ex_pieces *p, const char *const *t, const struct kp_box *b, size_t n,
                    double conf)
{
	for (size_t i = 0; i < n; i++)
		ex_pieces_add(p, &b[i], conf, t[i]);
}

/* A cell's symbols as Tesseract boxed them (kostec-2023-06-23 page 7,
 * the table picture's row "흐름전지", read as "흐름 전지"; cell box
 * 72.7,328.2-198.7,348.2): 전 and 지 collapsed onto x 151.5-153.2.  The
 * page's ink (pdftoppm -r 600) puts 흐 at 117.4-125.5, 름 126.9-134.8,
 * 전 137.0-144.0, 지 146.5-153.0: two syllables of 8.5 pt glyphs are at
 * least 12 pt wide, and lie after 흐름. */
static void test_collapsed_cell(void)
{
	static const char *const t[] = {"흐", "름", "전", "지"};
	static const struct kp_box b[] = {{117.4, 334.6, 125.6, 341.6}, {127.3, 334.1, 135.2, 342.5},
	                                  {151.5, 333.9, 151.8, 342.3}, {151.5, 333.9, 153.2, 342.5}};
	struct ex_cell c = {.text = kp_xstrdup("흐름 전지"), .ocr = 1,
	                    .box = {72.7, 328.2, 198.7, 348.2}};
	struct ex_words w = {0};

	symbols(&c.pieces, t, b, 4, 99);
	CHECK(ex_cell_words(&c, &w) == 2);
	CHECK_STR(w.v[1].text, "전지");
	CHECK(w.v[0].box.x0 == 117.4 && w.v[0].box.x1 == 135.2);
	CHECK(kp_box_width(&w.v[1].box) >= 12);
	CHECK(w.v[1].box.x0 >= 135.2 && w.v[1].box.x0 < 140);
	CHECK(w.v[1].box.x1 > 150 && w.v[1].box.x1 < 156);
	free(c.text);
	ex_pieces_release(&c.pieces);
	ex_words_release(&w);
}

/* The next row ("• 8건, ..."): the 8 was boxed at 208.0-208.2, inside the
 * bullet's box; its ink is at 212.0-216.0 (a digit of 8.7 pt glyphs is
 * some 4 pt wide), between the bullet (205.2-207.9) and 건 (218.0-224.6). */
static void test_collapsed_digit(void)
{
	static const char *const t[] = {"•", "8", "건", ",", "염", "동", "굴"};
	static const struct kp_box b[] = {{205.3, 316.6, 208.2, 319.7}, {208.0, 316.6, 208.2, 319.7},
	                                  {217.1, 314.4, 224.0, 322.8}, {226.4, 320.2, 227.6, 323.1},
	                                  {233.4, 314.4, 238.4, 323.1}, {242.8, 314.9, 249.0, 323.1},
	                                  {253.1, 314.9, 258.6, 322.8}};
	struct ex_line l = {.text = kp_xstrdup("• 8 건, 염동굴"), .ocr = 1,
	                    .box = {205.3, 312.7, 258.6, 326.4}};
	struct ex_words w = {0};

	symbols(&l.pieces, t, b, 7, 98);
	CHECK(ex_line_words(&l, &w) == 4);
	CHECK_STR(w.v[1].text, "8");
	CHECK(kp_box_width(&w.v[1].box) >= 3);
	CHECK(w.v[1].box.x0 >= 208.2 && w.v[1].box.x1 <= 217.1);
	CHECK(w.v[2].box.x0 == 217.1);
	/* boxed over the bullet's right edge, the 8 is cut to start after
	 * it (0.3 pt wide), then widened as well */
	l.pieces.v[1].box.x0 = 205.5;
	l.pieces.v[1].box.x1 = 208.5;
	CHECK(ex_line_words(&l, &w) == 4);
	CHECK(kp_box_width(&w.v[1].box) >= 3);
	CHECK(w.v[1].box.x0 >= 208.2 && w.v[1].box.x1 <= 217.1);
	ex_line_release(&l);
	ex_words_release(&w);
}

int main(void)
{
	test_collapsed_cell();
	test_collapsed_digit();
	test_cell();
	test_text_layer();
	test_ocr();
	test_text_differs();
	return UNIT_DONE();
}
