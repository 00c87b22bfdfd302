/* test_extract_trust.c - which text-layer lines are suspect (extract/trust.c):
 * a font's codes shifted off its letters, against English, Korean, URLs,
 * units and acronyms, and the garbage share. */
#include <stdlib.h>

#include "../../extract/extract.h"
#include "unit.h"

static size_t suspects_of(const char *const *text, size_t n, size_t *lines, size_t max)
{
	struct ex_page pg;
	size_t found;

	ex_page_init(&pg, 1);
	for (size_t i = 0; i < n; i++)
		ex_page_add_line(&pg)->text = kp_xstrdup(text[i]);
	found = ex_trust_suspects(&pg, lines, max);
	ex_page_release(&pg);
	return found;
}

static void test_suspects(void)
{
	static const char *const good[] = {
		"The quick brown fox jumps over the lazy dog",
		"China Science & Technology Policy Weekly",
		"중국 과학기술 정책 주간동향 (KOSTEC)",
		"https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgnr/qtwj/t20230412_185507.html",
		"1단계 컴퓨팅 규모는 500 PFLOPS로 연말까지 1,000 PFLOPS로 확대",
		"(간손상)=2000 ppm(M), 4000 ppm(F), LO(A)EL(신장손상)=2000 ppm(M)",
		"NVIDIA HBM GPU TSMC",
	};
	static const char *const shifted[] = {
		"안녕하세요",
		"7KH TXLFN EURZQ IR[ MXPSV RYHU WKH OD]\\ GRJ",
		"English text again",
		"+RZ YH[LQJO\\ TXLFN GDIW ]HEUDV MXPS",
		"%ULJKW YL[HQV MXPS GR]\\ IRZO TXDFN",
	};
	size_t lines[3];

	CHECK(suspects_of(good, sizeof(good) / sizeof(good[0]), lines, 3) == 0);
	CHECK(suspects_of(shifted, 5, lines, 3) == 3);
	CHECK(lines[0] == 1 && lines[1] == 3 && lines[2] == 4);
	CHECK(suspects_of(shifted, 5, lines, 1) == 1 && lines[0] == 1);
}

static void test_garbage(void)
{
	struct ex_page pg;

	ex_page_init(&pg, 1);
	pg.glyphs = 100;
	pg.unmapped = 30;
	CHECK(ex_text_garbage(&pg) == NULL);
	pg.unmapped = 31;
	CHECK_STR(ex_text_garbage(&pg), "garbage-text");
	pg.glyphs = 0;
	pg.unmapped = 0;
	CHECK(ex_text_garbage(&pg) == NULL);
	ex_page_release(&pg);
}

int main(void)
{
	test_suspects();
	test_garbage();
	return UNIT_DONE();
}
