/* test_extract_text.c - pdf2text's text half on hand-made pages: lines
 * from characters, blocks and reading order, furniture, the writer. */
#include <stdlib.h>
#include <string.h>

#include "../../extract/extract.h"
#include "unit.h"

static void add_char(struct ex_page *pg, const char *t, double x0, double y0, double x1,
                     double y1, double size)
{
	struct ex_char *c;

	pg->chars = kp_xreallocarray(pg->chars, pg->nchars + 1, sizeof(*pg->chars));
	c = &pg->chars[pg->nchars++];
	memset(c, 0, sizeof(*c));
	c->text = kp_xstrdup(t);
	c->box = (struct kp_box){ x0, y0, x1, y1 };
	c->size = size;
	c->line_hint = -1;
}

/* Characters of UTF-8 string s, each `w` wide, from x, with a gap `sp`
 * where s has a space. */
static double add_word(struct ex_page *pg, const char *s, double x, double y0, double y1,
                       double w, double sp, double size)
{
	while (*s != '\0') {
		size_t n = 1;

		if (*s == ' ') {
			x += sp;
			s++;
			continue;
		}
		while ((s[n] & 0xC0) == 0x80)
			n++;
		{
			char t[8] = { 0 };

			memcpy(t, s, n);
			add_char(pg, t, x, y0, x + w, y1, size);
		}
		x += w;
		s += n;
	}
	return x;
}

static void test_lines(void)
{
	struct ex_page pg;
	double x;

	ex_page_init(&pg, 1);
	/* Hangul at 10 pt; digits in another font sit 1.2 pt lower */
	x = add_word(&pg, "가격은", 50, 100, 111, 10, 0, 10);
	x = add_word(&pg, "2023", x + 3, 101.2, 112.4, 5.5, 0, 10);
	x = add_word(&pg, "년", x, 100, 111, 10, 0, 10);
	/* a second column 40 pt to the right: its own line */
	add_word(&pg, "오른쪽 단", x + 40, 100, 111, 10, 3, 10);
	/* the next line down */
	add_word(&pg, "다음 줄", 50, 114, 125, 10, 3, 10);
	/* fake bold: 다 drawn twice, 0.3 pt apart */
	add_char(&pg, "다", 50.3, 114, 60.3, 125, 10);
	ex_text_lines(pg.chars, pg.nchars, &pg);
	CHECK(pg.nlines == 3);
	if (pg.nlines == 3) {
		CHECK_STR(pg.lines[0].text, "가격은 2023년");
		CHECK_STR(pg.lines[1].text, "오른쪽 단");
		CHECK_STR(pg.lines[2].text, "다음 줄");
		CHECK(pg.lines[0].box.y0 == 100 && pg.lines[0].box.x0 == 50);
		CHECK(pg.lines[0].size == 10);
	}
	ex_page_release(&pg);
}

/* Autospace: a word processor puts ~0.2 em between CJK and digits; real
 * spaces in the same line are ~0.3 em.  In a line whose spaces are narrow
 * (0.22 em), a comma followed by a space and Hangul keeps its space. */
static void test_autospace(void)
{
	struct ex_page pg;
	double x;

	ex_page_init(&pg, 1);
	x = add_word(&pg, "2025", 50, 100, 110, 5, 0, 10);
	x = add_word(&pg, "년까지 선양 현대화", x + 2, 100, 110, 10, 3, 10);
	x = add_word(&pg, "1", x + 3, 100, 110, 5, 0, 10);
	add_word(&pg, "시간", x + 2, 100, 110, 10, 0, 10);
	x = add_word(&pg, "부처,", 50, 130, 140, 10, 0, 10);
	add_word(&pg, "신에너지 농촌 보급", x + 2.2, 130, 140, 10, 2.2, 10);
	ex_text_lines(pg.chars, pg.nchars, &pg);
	CHECK(pg.nlines == 2);
	if (pg.nlines == 2) {
		CHECK_STR(pg.lines[0].text, "2025년까지 선양 현대화 1시간");
		CHECK_STR(pg.lines[1].text, "부처, 신에너지 농촌 보급");
	}
	ex_page_release(&pg);

	/* lines without a space between characters of one script take the
	 * page's typical space (0.3 em): autospace (0.2 em) is still no
	 * space, a real one (0.28 em) is */
	ex_page_init(&pg, 1);
	add_word(&pg, "다른 줄의 보통 띄어쓰기", 50, 160, 170, 10, 3, 10);
	x = add_word(&pg, "전자빌딩", 50, 100, 110, 10, 0, 10);
	x = add_word(&pg, "1308", x + 2.8, 100, 110, 5, 0, 10);
	add_word(&pg, "호(100015)", x + 2, 100, 110, 10, 0, 10);
	x = add_word(&pg, "印发《", 50, 130, 140, 10, 0, 10);
	x = add_word(&pg, "2023", x, 130, 140, 5, 0, 10);
	add_word(&pg, "年要点》", x + 2, 130, 140, 10, 0, 10);
	ex_text_lines(pg.chars, pg.nchars, &pg);
	CHECK(pg.nlines == 3);
	if (pg.nlines == 3) {
		CHECK_STR(pg.lines[0].text, "전자빌딩 1308호(100015)");
		CHECK_STR(pg.lines[1].text, "印发《2023年要点》");
	}
	ex_page_release(&pg);

	/* Chinese: autospace (0.2 em) between Han and digits is no space, even
	 * on a page of narrow spaces (0.22 em); a real one (0.3 em) is */
	ex_page_init(&pg, 1);
	add_word(&pg, "다른 줄의 좁은 띄어쓰기", 50, 160, 170, 10, 2.2, 10);
	x = add_word(&pg, "研发计划", 50, 130, 140, 10, 0, 10);
	x = add_word(&pg, "2023", x + 2, 130, 140, 5, 0, 10);
	add_word(&pg, "年度", x + 2, 130, 140, 10, 0, 10);
	x = add_word(&pg, "仅需", 50, 190, 200, 10, 0, 10);
	x = add_word(&pg, "18", x + 3, 190, 200, 5, 0, 10);
	add_word(&pg, "秒", x + 3, 190, 200, 10, 0, 10);
	ex_text_lines(pg.chars, pg.nchars, &pg);
	CHECK(pg.nlines == 3);
	if (pg.nlines == 3) {
		CHECK_STR(pg.lines[0].text, "研发计划2023年度");
		CHECK_STR(pg.lines[2].text, "仅需 18 秒");
	}
	ex_page_release(&pg);
}

static void add_line(struct ex_page *pg, const char *text, double x0, double y0, double x1,
                     double size)
{
	struct ex_line *l = ex_page_add_line(pg);

	l->text = kp_xstrdup(text);
	l->box = (struct kp_box){ x0, y0, x1, y0 + size * 1.2 };
	l->size = size;
}

/* The reading order as the first line of each item, "|" between items;
 * tables as "T". */
static char *order_of(const struct ex_page *pg)
{
	struct kp_buf b;

	kp_buf_init(&b);
	for (size_t i = 0; i < pg->norder; i++) {
		const struct ex_item *it = &pg->order[i];

		if (i > 0)
			kp_buf_putc(&b, '|');
		if (it->kind == EX_ITEM_BLOCK)
			kp_buf_puts(&b, pg->lines[pg->blocks[it->index].first_line].text);
		else
			kp_buf_putc(&b, 'T');
	}
	return kp_buf_detach(&b);
}

static void test_two_columns(void)
{
	struct ex_page pg;
	char *o;

	ex_page_init(&pg, 2);
	pg.width = 595;
	pg.height = 842;
	add_line(&pg, "Title across both columns", 60, 80, 530, 16);
	/* left column: two paragraphs; right column: two paragraphs whose
	 * gap lines up with the left one's */
	add_line(&pg, "L1a", 60, 130, 280, 10);
	add_line(&pg, "L1b", 60, 143, 280, 10);
	add_line(&pg, "L2a", 60, 175, 280, 10);
	add_line(&pg, "L2b", 60, 188, 250, 10);
	add_line(&pg, "R1a", 310, 130, 530, 10);
	add_line(&pg, "R1b", 310, 143, 530, 10);
	add_line(&pg, "R2a", 310, 175, 530, 10);
	/* full-width closing paragraph */
	add_line(&pg, "End", 60, 230, 530, 10);
	ex_layout_order(&pg);
	o = order_of(&pg);
	CHECK_STR(o, "Title across both columns|L1a|L2a|R1a|R2a|End");
	free(o);
	CHECK(pg.nblocks == 6);
	if (pg.nblocks == 6) {
		CHECK(pg.blocks[1].nlines == 2);
		CHECK_STR(pg.lines[pg.blocks[1].first_line + 1].text, "L1b");
	}
	ex_page_release(&pg);
}

static void test_table_between_paragraphs(void)
{
	struct ex_page pg;
	struct ex_table *t;
	char *o;

	ex_page_init(&pg, 3);
	pg.width = 595;
	pg.height = 842;
	add_line(&pg, "Before", 60, 100, 530, 10);
	add_line(&pg, "before 2", 60, 113, 300, 10);
	add_line(&pg, "Caption", 250, 140, 340, 10);
	t = ex_page_add_table(&pg);
	t->box = (struct kp_box){ 60, 160, 530, 300 };
	/* a boxed label left of a title, on one row */
	add_line(&pg, "01", 60, 320, 80, 14);
	add_line(&pg, "Title after the table", 100, 320, 400, 14);
	add_line(&pg, "After", 60, 350, 530, 10);
	ex_layout_order(&pg);
	o = order_of(&pg);
	CHECK_STR(o, "Before|Caption|T|01|Title after the table|After");
	free(o);
	ex_page_release(&pg);
}

static void test_furniture(void)
{
	struct ex_page pg, prev;
	struct ex_bands nb;

	ex_page_init(&prev, 4);
	prev.width = 595;
	prev.height = 842;
	add_line(&prev, "주간동향 2023-14호", 400, 30, 530, 8);
	ex_bands_of(&prev, &nb);
	CHECK(nb.n == 1 && nb.page == 4);

	ex_page_init(&pg, 5);
	pg.width = 595;
	pg.height = 842;
	add_line(&pg, "주간동향 2023-15호", 400, 31, 530, 8);
	add_line(&pg, "Only here, at the top", 60, 20, 200, 8);
	add_line(&pg, "Body text in the middle", 60, 400, 530, 10);
	add_line(&pg, "- 5 -", 290, 805, 310, 9);
	ex_layout_order(&pg);
	ex_furniture_mark(&pg, &nb, 1);
	for (size_t b = 0; b < pg.nblocks; b++) {
		const char *t = pg.lines[pg.blocks[b].first_line].text;
		int furn = pg.blocks[b].role == EX_FURNITURE;

		if (strcmp(t, "주간동향 2023-15호") == 0 || strcmp(t, "- 5 -") == 0)
			CHECK(furn);
		else
			CHECK(!furn);
	}
	CHECK(pg.nblocks == 4);
	ex_bands_release(&nb);
	ex_page_release(&pg);
	ex_page_release(&prev);
}

static void test_emit(void)
{
	struct ex_page pg;
	char buf[4096];
	size_t n;
	FILE *fp = tmpfile();

	ex_page_init(&pg, 7);
	pg.width = 595.28;
	pg.height = 841.89;
	pg.glyphs = 9;
	add_line(&pg, "a\tb\\c\nd", 10, 20, 50, 10);
	ex_layout_order(&pg);
	ex_emit_page(fp, &pg);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	CHECK_STR(buf, "page\t7\t595.3\t841.9\t0\ttext\t-\n"
	               "block\t7\tb1\t10.0\t20.0\t50.0\t32.0\tbody\n"
	               "line\t7\tb1\t10.0\t20.0\t50.0\t32.0\t10.0\t-\ttext\t-\ta\\tb\\\\c\\nd\n"
	               "endpage\t7\t9\t0\n");
	ex_page_release(&pg);
}

int main(void)
{
	kp_set_progname("test_extract_text");
	test_lines();
	test_autospace();
	test_two_columns();
	test_table_between_paragraphs();
	test_furniture();
	test_emit();
	return UNIT_DONE();
}
