/* test_structure_build.c - structure from hand-made layout streams to the
 * issue XML: lead dates, wraps, lists and notes, captions, references,
 * and streams it must refuse.  Every document is validated against
 * docs/issue.rng (run from the top of the repository). */
#include <stdlib.h>
#include <string.h>
#include <libxml/relaxng.h>

#include "../../structure/structure.h"
#include "../../structure/builder.h"
#include "unit.h"

static struct st_rules rules;
static xmlRelaxNGPtr grammar;

/* Stream under construction, written by the stream's own record writers
 * (kp_stream.h) so that no test counts fields. */
static FILE *S;
static char *S_text;
static size_t S_len;

static void discard(void)
{
	if (S != NULL)
		fclose(S);
	free(S_text);
	S = NULL;
	S_text = NULL;
}

/* Start an empty stream. */
static void empty(void)
{
	discard();
	S = open_memstream(&S_text, &S_len);
}

static void start(void)
{
	struct kp_rec_doc d = {"t.pdf", 3, NULL, NULL, NULL};

	empty();
	kp_put_header(S);
	kp_put_doc(S, &d);
}

static void page_from(int n, int ocr, const char *reason)
{
	struct kp_rec_page p = {n, 595.3, 841.9, 0, ocr, reason};

	kp_put_page(S, &p);
}

static void page(int n)
{
	page_from(n, 0, NULL);
}

static void endpage(int n)
{
	struct kp_rec_endpage e = {n, 0, 0};

	kp_put_endpage(S, &e);
}

static void end(int pages)
{
	struct kp_rec_end e = {pages};

	kp_put_end(S, &e);
}

/* A standalone line from x0 to x1 at y0, of the given size; OCR'd when
 * conf >= 0. */
static void line_rec(int pg, double x0, double x1, double y0, double size, double conf,
                     const char *text)
{
	struct kp_rec_line l = {
		.page = pg, .box = {x0, y0, x1, y0 + size}, .size = size, .ocr = conf >= 0,
		.conf = conf, .text = text,
	};

	kp_put_line(S, &l);
}

static void line_to(int pg, double x0, double x1, double y0, double size, const char *text)
{
	line_rec(pg, x0, x1, y0, size, -1, text);
}

/* A standalone line at x0,y0 running to the right margin. */
static void line(int pg, double x0, double y0, double size, const char *text)
{
	line_to(pg, x0, 530.0, y0, size, text);
}

/* A furniture line (running header or footer): a block of role furniture
 * holding one line. */
static void furniture(int pg, const char *id, double x0, double y0, const char *text)
{
	struct kp_rec_block b = {pg, id, {x0, y0, 530.0, y0 + 8}, 1};
	struct kp_rec_line l = {.page = pg, .block = id, .box = b.box, .size = 8, .conf = -1,
	                        .text = text};

	kp_put_block(S, &b);
	kp_put_line(S, &l);
}

/* Body text: enough 10.5 pt lines to make 10.5 the body size. */
static void filler(int pg, double y0)
{
	line(pg, 65.3, y0, 10.5, "본문 문장이 여기에 길게 이어지며 본문 크기를 정한다 본문 문장이 여기에 길게 이어진다");
}

/* A figure image 120 pt high at y 120, from x0 to x1. */
static void image(int pg, const char *id, double x0, double x1)
{
	struct kp_rec_image im = {pg, id, {x0, 120, x1, 240}, 560, 340, KP_USE_FIGURE};

	kp_put_image(S, &im);
}

/* A 2 x 2 table headed 구분 | 주요 내용, its second cell two bullets. */
static void gubun_table(int pg)
{
	static const struct { int row, col; double x0, y0, x1, y1; int shaded; const char *text; }
	cells[] = {
		{0, 0, 64.7, 300.0, 195.6, 320.0, 1, "구분"},
		{0, 1, 195.6, 300.0, 530.6, 320.0, 1, "주요 내용"},
		{1, 0, 64.7, 320.0, 195.6, 350.0, 0, "가"},
		{1, 1, 195.6, 320.0, 530.6, 350.0, 0, "• 하나\n• 둘"},
	};
	struct kp_rec_table t = {pg, "t1", {64.7, 300.0, 530.6, 350.0}, 2, 2, 0, -1, NULL, 1, 1};

	kp_put_table(S, &t);
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		struct kp_rec_cell c = {
			.page = pg, .table = "t1", .row = cells[i].row, .col = cells[i].col,
			.rowspan = 1, .colspan = 1,
			.box = {cells[i].x0, cells[i].y0, cells[i].x1, cells[i].y1},
			.shaded = cells[i].shaded, .conf = -1, .text = cells[i].text,
		};

		kp_put_cell(S, &c);
	}
}

/* A table of rows x 2 cells from y0 on, rows 20 pt high, its edges ruled
 * or open; texts[] gives the cells row by row, "!" before a shaded one,
 * "=" before one put at the top of its column over all rows instead. */
static void table2(int pg, double y0, int rows, int top, int bottom, const char *const *texts)
{
	struct kp_rec_table t = {pg, "t1", {64.7, y0, 530.6, y0 + 20.0 * rows}, rows, 2, 0, -1,
	                         NULL, top, bottom};

	kp_put_table(S, &t);
	for (int i = 0; i < 2 * rows; i++) {
		int shaded = texts[i][0] == '!', top = texts[i][0] == '=';
		struct kp_rec_cell c = {
			.page = pg, .table = "t1", .row = top ? 0 : i / 2, .col = i % 2,
			.rowspan = top ? rows : 1, .colspan = 1,
			.box = {i % 2 ? 195.6 : 64.7, y0 + 20.0 * (i / 2), i % 2 ? 530.6 : 195.6,
			        y0 + 20.0 * (i / 2 + 1)},
			.shaded = shaded, .conf = -1, .text = texts[i] + shaded + top,
		};

		kp_put_cell(S, &c);
	}
}

/* Build S; returns the XML as a UTF-8 string (caller frees) or NULL with
 * *code set when the stream is refused. */
static char *build(int *code)
{
	FILE *fp;
	struct st_doc doc;
	struct st_build_opts opts = {"t.kpl", 0};
	struct st_node *root;
	xmlDocPtr x;
	xmlChar *out;
	xmlRelaxNGValidCtxtPtr v;
	int size;
	char *s;

	fflush(S);
	fp = fmemopen(S_text, S_len, "r");
	*code = st_read(fp, "t.kpl", &doc);
	fclose(fp);
	if (*code != KP_EXIT_OK) {
		st_doc_release(&doc);
		return NULL;
	}
	st_tables_merge(&doc, &rules);
	root = st_build(&doc, &rules, &opts);
	x = st_xml_doc(root);
	v = xmlRelaxNGNewValidCtxt(grammar);
	CHECK(xmlRelaxNGValidateDoc(v, x) == 0);
	xmlRelaxNGFreeValidCtxt(v);
	xmlDocDumpFormatMemoryEnc(x, &out, &size, "UTF-8", 1);
	s = kp_xstrdup((const char *)out);
	if (getenv("UNIT_DUMP") != NULL)
		fputs((const char *)out, stderr);
	xmlFree(out);
	xmlFreeDoc(x);
	st_doc_release(&doc);
	return s;
}

/* build() of a stream that must not be refused. */
static char *built(void)
{
	int code;
	char *x = build(&code);

	CHECK(code == KP_EXIT_OK);
	return x;
}

#define HAS(xml, needle) CHECK((xml) != NULL && strstr((xml), (needle)) != NULL)
#define HASNT(xml, needle) CHECK((xml) != NULL && strstr((xml), (needle)) == NULL)


/* Start a stream whose page 1 opens article 01 with two lines of body. */
static void article_start(void)
{
	start();
	page(1);
	line(1, 65.3, 60, 14, "01 기사");
	filler(1, 80);
	filler(1, 95);
}

/* The XML of a table on page 1 (a header and one row, first[], its
 * bottom edge open or ruled) continued at the top of page 2 by cont
 * (rows x 2, its top edge open or ruled). */
static char *continued(const char *const *first, int bottom, int top, int rows,
                       const char *const *cont)
{
	char *x;

	article_start();
	table2(1, 700, 2, 1, bottom, first);
	endpage(1);
	page(2);
	table2(2, 60, rows, top, 1, cont);
	filler(2, 300);
	endpage(2);
	end(2);
	x = built();
	return x;
}

static void test_broken_rows(void)
{
	static const char *const items[] = {"!구분", "!주요 내용", "가", "• 하나\n• 둘의 앞"};
	static const char *const rest[] = {"", "• 셋", "나", "• 넷"};
	static const char *const cut[] = {"", "뒷부분\n• 셋", "나", "• 넷"};
	static const char *const head[] = {"!구분", "!주요 내용", "", "• 셋", "나", "• 넷"};
	static const char *const fresh[] = {"나", "• 셋", "다", "• 넷"};
	static const char *const dup[] = {"=", "• 셋", "=", "• 넷"};
	static const char *const cut_prose[] = {
		"!현 행", "!개 정 안", "제12조(성과의 귀속)\n재정 지원 과제의 성과는",
		"제12조(성과의 귀속)\n재정 지원 과제의 성과는"};
	static const char *const whole_prose[] = {
		"!현 행", "!개 정 안", "제12조(성과의 귀속)\n국가에 귀속한다.",
		"제12조(성과의 귀속)\n기관에 귀속한다."};
	static const char *const prose[] = {"국가에 귀속한다.", "연구기관에 귀속한다.",
	                                    "제18조(연구비)", "제18조(연구비)"};
	static const struct {
		const char *const *first;
		int bottom, top, rows;          /* edges at the break; rows of cont */
		const char *const *cont;
		int want_rows;
		const char *has, *hasnt;
	} cases[] = {
		/* the page cut the row between two items: one row again */
		{items, 0, 0, 2, rest, 3, "<cell row=\"1\" col=\"1\" page=\"1\" pages=\"2\"", NULL},
		/* ruled where the page broke: the rows are rows of their own */
		{items, 1, 1, 2, rest, 4, NULL, NULL},
		/* the page cut an item: its wrap goes on in the cell above */
		{items, 0, 0, 2, cut, 3, "<line mark=\"•\">둘의 앞 뒷부분</line>", "<line>뒷부분</line>"},
		/* a repeated header is dropped, and the rows under it joined */
		{items, 0, 1, 3, head, 3, "<line mark=\"•\">셋</line>", NULL},
		/* a first cell of its own starts a new row, open edges or not */
		{items, 0, 0, 2, fresh, 4, NULL, NULL},
		/* running text cut in mid-sentence goes on in the cells above */
		{cut_prose, 0, 0, 2, prose, 3,
		 "<line>재정 지원 과제의 성과는</line>\n            <line>국가에 귀속한다.</line>", NULL},
		/* but not text whose sentence ended before the break */
		{whole_prose, 0, 0, 2, prose, 4, NULL, NULL},
		/* two cells at one place (a broken stream): joined once, no crash */
		{items, 0, 0, 2, dup, 3, NULL, NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[64];
		char *x = continued(cases[i].first, cases[i].bottom, cases[i].top, cases[i].rows,
		                    cases[i].cont);

		snprintf(want, sizeof(want), "rows=\"%d\" cols=\"2\" page=\"1\"", cases[i].want_rows);
		HAS(x, want);
		if (cases[i].has != NULL)
			HAS(x, cases[i].has);
		if (cases[i].hasnt != NULL)
			HASNT(x, cases[i].hasnt);
		free(x);
	}
}

static void test_lead_dates(void)
{
	char *x;

	start();
	page(1);
	line(1, 65.3, 60, 26, "I");
	line(1, 65.3, 100, 17, "정책동향");
	line(1, 65.3, 150, 14, "01 첫 기사");
	line(1, 70.2, 190, 11, "■ 지난해 말의 일(12.28)");
	filler(1, 230);
	line(1, 65.3, 300, 14, "02 둘째 기사");
	line(1, 70.2, 340, 11, "■ 올해의 일이 두 줄에");
	line(1, 70.2, 357, 11, "걸쳐 있다(1.3)");
	filler(1, 400);
	filler(1, 420);
	endpage(1);
	page(2);
	line(2, 141.7, 400, 10, "| 발 행 일 | 2024. 1. 5");
	endpage(2);
	end(2);
	x = built();
	HAS(x, "<part n=\"I\" title=\"정책동향\"");
	HAS(x, "<lead date=\"2023-12-28\" datetext=\"12.28\"");
	HAS(x, "<lead date=\"2024-01-03\" datetext=\"1.3\"");
	HAS(x, ">올해의 일이 두 줄에 걸쳐 있다</lead>");
	HAS(x, "<date when=\"2024-01-05\"");
	HAS(x, "<field name=\"발행일\"");
	free(x);
}

static void test_lists_notes_wraps(void)
{
	char *x;

	start();
	page(1);
	line(1, 65.3, 60, 14, "01 기사");
	line(1, 65.3, 100, 10.5, "◦ 첫째 항목은 여기서");
	line(1, 76.7, 117, 10.5, "이어진다");
	line(1, 89.4, 137, 9, "* 첫째 항목의 주석");
	line(1, 78.1, 155, 10.5, "- 아래 단계 항목");
	line(1, 65.3, 175, 10.5, "◦ 둘째 항목이 쪽을 넘어");
	endpage(1);
	page(2);
	line(2, 76.7, 57, 10.5, "계속된다");
	filler(2, 100);
	filler(2, 130);
	filler(2, 160);
	endpage(2);
	end(2);
	x = built();
	HAS(x, "<item level=\"1\" mark=\"◦\" page=\"1\" box=\"65.3 100.0 530.0 127.5\">첫째 항목은 여기서 이어진다<note mark=\"*\"");
	HAS(x, ">첫째 항목의 주석</note><list");
	HAS(x, "<item level=\"2\" mark=\"-\"");
	HAS(x, "pages=\"2\" box=\"65.3 175.0 530.0 185.5\">둘째 항목이 쪽을 넘어 계속된다</item>");
	free(x);
}

static void test_captions(void)
{
	char *x;

	article_start();
	image(1, "i1", 100, 290);
	image(1, "i2", 310, 500);
	line_to(1, 150, 240, 245, 9.5, "〈왼쪽 그림〉");
	line_to(1, 350, 460, 245, 9.5, "〈오른쪽 그림〉");
	line(1, 200, 280, 10, "〈표의 제목〉");
	gubun_table(1);
	line(1, 200, 380, 10, "〈짝 없는 제목〉");
	filler(1, 400);
	endpage(1);
	end(1);
	x = built();
	HAS(x, "<image id=\"i1\" px=\"560x340\" page=\"1\" box=\"100.0 120.0 290.0 240.0\"/>\n"
	       "        <caption page=\"1\" box=\"150.0 245.0 240.0 254.5\">왼쪽 그림</caption>");
	HAS(x, "<image id=\"i2\" px=\"560x340\" page=\"1\" box=\"310.0 120.0 500.0 240.0\"/>\n"
	       "        <caption page=\"1\" box=\"350.0 245.0 460.0 254.5\">오른쪽 그림</caption>");
	HAS(x, "<table type=\"gubun\" rows=\"2\" cols=\"2\" page=\"1\" box=\"64.7 300.0 530.6 350.0\">\n"
	       "        <caption page=\"1\" box=\"200.0 280.0 530.0 290.0\">표의 제목</caption>");
	HAS(x, "<line mark=\"•\">하나</line>");
	HAS(x, "<figure page=\"1\" box=\"200.0 380.0 530.0 390.0\">\n"
	       "        <caption page=\"1\" box=\"200.0 380.0 530.0 390.0\">짝 없는 제목</caption>");
	free(x);
}

static void test_references(void)
{
	char *x;

	article_start();
	line(1, 65.3, 120, 10, "참고자료");
	line(1, 71.0, 140, 9, "☑ 中央网信办等五部门联合印发");
	line(1, 82.3, 154, 8.5, "http://www.cac.gov.cn/2023-04/13/");
	line(1, 82.3, 166, 8.5, "c_1683027266610431.htm");
	line(1, 71.0, 180, 9, "☑ 反响热烈");
	line(1, 82.3, 194, 8.5, "<https://mp.weixin.qq.com/s/lYw>");
	line(1, 65.3, 240, 14, "02 단신");
	line(1, 400, 260, 9, "출처: 과기일보 (04.13)");
	line(1, 82.3, 274, 8.5, "http://digitalpaper.stdaily.com/a.htm?div=-1");
	line(1, 62.4, 300, 9, "* 출처: https://www.huxiu.com/article/1.html");
	endpage(1);
	page(2);
	line(2, 141.7, 400, 10, "| 발 행 일 | 2023. 4. 21");
	endpage(2);
	end(2);
	x = built();
	HAS(x, "url=\"http://www.cac.gov.cn/2023-04/13/c_1683027266610431.htm\">\n"
	       "          <title>中央网信办等五部门联合印发</title>");
	HAS(x, "url=\"https://mp.weixin.qq.com/s/lYw\">\n          <title>反响热烈</title>");
	HAS(x, "<ref medium=\"과기일보\" date=\"2023-04-13\"");
	HAS(x, "url=\"http://digitalpaper.stdaily.com/a.htm?div=-1\">");
	HAS(x, "<source url=\"https://www.huxiu.com/article/1.html\"");
	HASNT(x, "<unplaced>");
	free(x);
}

/* A references heading whose ☑ marks OCR misread: no ref follows, and no
 * empty references block is written (docs/issue.rng wants a ref; build()
 * validates), while the lines stay in the text. */
static void test_references_misread(void)
{
	char *x;

	article_start();
	line(1, 65.3, 120, 10, "참고자료");
	line(1, 71.0, 140, 9, "V 中央网信办等五部门联合印发");
	line(1, 71.0, 180, 9, "0 反响热烈");
	endpage(1);
	end(1);
	x = built();
	HASNT(x, "<references");
	HAS(x, "中央网信办等五部门联合印发");
	HAS(x, "反响热烈");
	free(x);
}

/* An OCR'd line (its size estimated by pdf2text) of size `size`. */
static void ocr_line(int pg, double x0, double y0, double size, const char *text)
{
	line_rec(pg, x0, 530.0, y0, size, 95.0, text);
}

/* On a scanned page, sizes count: a body-sized line that starts with a
 * number is no article; the body size comes from the text layer. */
static void test_ocr_sizes(void)
{
	char *x;

	start();
	page(1);
	line(1, 65.3, 60, 14, "01 첫 기사");
	filler(1, 80);
	filler(1, 95);
	endpage(1);
	page_from(2, 1, "no-text");
	ocr_line(2, 65.3, 60, 14.4, "02 스캔된 기사");
	ocr_line(2, 70.0, 90, 11.7, "■ 리드 문장");
	ocr_line(2, 67.0, 120, 10.4, "◦ 해수 직접 전기분해 수소 생산 설비를 1");
	ocr_line(2, 76.8, 140, 10.7, "10 일간 연속 운전 설비로 본문 크기의 긴 줄이 이어진다");
	endpage(2);
	page(3);
	line(3, 141.7, 400, 10, "| 발 행 일 | 2023. 4. 21");
	endpage(3);
	end(3);
	x = built();
	HAS(x, "<article n=\"02\"");
	HASNT(x, "<article n=\"10\"");
	free(x);
}

static void refuse(const char *stream, int want)
{
	int code;
	char *x;

	empty();
	fputs(stream, S);
	x = build(&code);
	CHECK(x == NULL && code == want);
	free(x);
}

/* The rules table `name` (kr-gov, kr-patent) in place of kostec's: the caller keeps the
 * kostec table and puts it back after st_rules_release(&rules). */
static void use_rules(const char *name, const char *exe)
{
	char *path = st_rules_find(name, exe);

	CHECK(path != NULL && st_rules_load(&rules, path, name) == KP_EXIT_OK);
	free(path);
}

/* A report (kr-gov): cover, contents with leaders, sections nested by rank
 * (Ⅰ, then ① skipping ranks, then 1. closing ①), an attachment in back. */
static void test_report_sections(const char *exe)
{
	struct st_rules kostec = rules;
	char *x;

	use_rules("kr-gov", exe);
	start();
	page(1);
	line_to(1, 400, 530, 60, 10, "정책과-1127");
	line_to(1, 100, 500, 270, 24, "2024년 추진계획");
	line_to(1, 260, 340, 380, 14, "2024. 3. 15.");
	line_to(1, 200, 400, 600, 16, "행정안전부 정책과");
	endpage(1);
	page(2);
	line_to(2, 270, 320, 90, 20, "목 차");
	line(2, 62, 150, 10.5, "Ⅰ. 배경 ··········· 3");
	line(2, 85, 175, 10.5, "1. 다음 단계 ··········· 3");
	/* set without the space a head has: no rule ranks it */
	line(2, 85, 190, 10.5, "2.마무리 ··········· 3");
	line(2, 62, 210, 10.5, "[붙임 1] 서식 ··········· 4");
	endpage(2);
	page(3);
	line(3, 70, 60, 17, "Ⅰ. 배경");
	filler(3, 100);
	line(3, 80, 130, 17, "① 세부 사항");
	filler(3, 160);
	filler(3, 190);
	line(3, 62, 220, 15, "1. 다음 단계");
	filler(3, 250);
	line(3, 62, 280, 15, "2. 마무리");
	filler(3, 310);
	endpage(3);
	page(4);
	line(4, 70, 60, 17, "[붙임 1] 서식");
	line(4, 70, 100, 17, "Ⅰ. 첨부 안내");
	filler(4, 140);
	endpage(4);
	end(4);
	x = built();
	HAS(x, "<cover>");
	HAS(x, ">2024년 추진계획</title>");
	HAS(x, "when=\"2024-03-15\">2024. 3. 15.</date>");
	HAS(x, ">행정안전부 정책과</org>");
	HAS(x, ">정책과-1127</docno>");
	HAS(x, "<entry level=\"1\" n=\"Ⅰ\" folio=\"3\"");
	HAS(x, "for=\"s1\">배경</entry>");
	HAS(x, "<entry level=\"2\" n=\"1\" folio=\"3\"");
	HAS(x, "for=\"s3\">다음 단계</entry>");
	HAS(x, "<entry level=\"1\" n=\"붙임 1\" folio=\"4\"");
	HAS(x, "for=\"s5\">서식</entry>");
	HAS(x, "level=\"2\" for=\"s4\">2.마무리</entry>");
	/* no pages=: no section reaches the page after it */
	HAS(x, "<section id=\"s1\" level=\"1\" n=\"Ⅰ\" page=\"3\" box=");
	HAS(x, "<section id=\"s2\" level=\"2\" n=\"①\" page=\"3\"");
	HAS(x, ">세부 사항</head>");
	HAS(x, "<section id=\"s3\" level=\"2\" n=\"1\" page=\"3\"");
	HAS(x, "<section id=\"s4\" level=\"2\" n=\"2\" page=\"3\"");
	HAS(x, "</section>\n  <back>\n    <section id=\"s5\" level=\"1\" n=\"붙임 1\" page=\"4\"");
	HAS(x, "<section id=\"s6\" level=\"2\" n=\"Ⅰ\" page=\"4\"");
	HASNT(x, "<unplaced");
	free(x);
	st_rules_release(&rules);
	rules = kostec;
}

/* A contents page whose head is not text: found by its leader lines, begun
 * at the head over them, not at the line before. */
static void test_report_headless_contents(const char *exe)
{
	struct st_rules kostec = rules;
	char *x;

	use_rules("kr-gov", exe);
	start();
	page(1);
	line_to(1, 100, 500, 270, 24, "보고서 제목");
	endpage(1);
	page(2);
	line(2, 62, 100, 10.5, "앞 쪽에서 이어진 문장");
	line(2, 62, 150, 10.5, "Ⅰ. 배경");
	line(2, 85, 175, 10.5, "1. 다음 ··········· 3");
	line(2, 85, 200, 10.5, "2. 끝 ··········· 3");
	line(2, 62, 225, 10.5, "[붙임 1] 서식 ··········· 4");
	endpage(2);
	page(3);
	line(3, 70, 60, 17, "Ⅰ. 배경");
	line(3, 62, 100, 15, "1. 다음");
	filler(3, 130);
	filler(3, 160);
	line(3, 62, 200, 15, "2. 끝");
	filler(3, 230);
	endpage(3);
	page(4);
	line(4, 70, 60, 17, "[붙임 1] 서식");
	filler(4, 100);
	endpage(4);
	end(4);
	x = built();
	HAS(x, "<contents page=\"2\" box=\"62.0 150.0");
	HAS(x, "<entry level=\"1\" n=\"Ⅰ\" page=\"2\"");
	HAS(x, "for=\"s1\">배경</entry>");
	HAS(x, "<entry level=\"2\" n=\"2\" folio=\"3\"");
	HAS(x, "for=\"s3\">끝</entry>");
	HAS(x, "for=\"s4\">서식</entry>");
	HAS(x, ">앞 쪽에서 이어진 문장</p>\n  </unplaced>");
	free(x);
	st_rules_release(&rules);
	rules = kostec;
}

/* A report with a front page (a patent's): its bibliographic data and the
 * continuation page before the body are the cover's front matter, the
 * abstract under 요약 the summary's, until the end of its page; a first
 * head later than three pages after the cover leaves the text before it
 * unplaced (body missed, not front matter). */
static void test_report_front_matter(const char *exe)
{
	struct st_rules kostec = rules;
	char *x;
	int code;

	use_rules("kr-patent", exe);
	start();
	page(1);
	line_to(1, 119, 268, 79, 13, "(19) 대한민국특허청(KR)");
	line_to(1, 66, 285, 115, 9, "(51) 국제특허분류(Int. Cl.) G06V 30/146");
	line_to(1, 66, 116, 337, 10.3, "(57) 요 약");
	line_to(1, 66, 537, 357, 9, "본 발명은 전자 단말 장치를 제시한다.");
	endpage(1);
	page(2);
	line_to(2, 66, 293, 63, 9, "(72) 발명자 김현명");
	endpage(2);
	page(3);
	line_to(3, 64, 104, 91, 10.3, "명 세 서");
	line_to(3, 64, 104, 117, 10.3, "청구범위");
	filler(3, 140);
	filler(3, 170);
	endpage(3);
	end(3);
	x = build(&code);
	CHECK(code == KP_EXIT_OK);
	HAS(x, "<cover>\n    <title page=\"1\"");
	HAS(x, ">(51) 국제특허분류(Int. Cl.) G06V 30/146</p>");
	HAS(x, ">(72) 발명자 김현명</p>\n  </cover>");
	HAS(x, ">본 발명은 전자 단말 장치를 제시한다.</item>\n  </summary>");
	HASNT(x, "<unplaced");
	free(x);

	start();
	page(1);
	line_to(1, 119, 268, 79, 13, "(19) 대한민국특허청(KR)");
	line_to(1, 66, 285, 115, 9, "표지의 문장");
	endpage(1);
	for (int p = 2; p <= 5; p++) {
		page(p);
		filler(p, 140);
		endpage(p);
	}
	page(6);
	line_to(6, 64, 104, 91, 10.3, "명 세 서");
	filler(6, 140);
	endpage(6);
	end(6);
	x = build(&code);
	CHECK(code == KP_EXIT_OK);
	HAS(x, ">표지의 문장</p>\n  </cover>");
	HAS(x, "<unplaced>\n    <p page=\"2\"");
	free(x);
	st_rules_release(&rules);
	rules = kostec;
}

/* A contents entry whose words wrap onto a second line is one entry, with
 * the page number the second line ends in; a short head over entries
 * stays an entry of its own. */
static void test_report_wrapped_entry(const char *exe)
{
	struct st_rules kostec = rules;
	char *x;
	int code;

	use_rules("kr-gov", exe);
	start();
	page(1);
	line_to(1, 100, 500, 270, 24, "2024년 추진계획");
	endpage(1);
	page(2);
	line_to(2, 270, 320, 90, 20, "목 차");
	line_to(2, 62, 160, 150, 10.5, "Ⅰ. 배경");
	line_to(2, 85, 518, 175, 10.5, "1. 공공데이터 개방 확대와 품질 관리 체계 강화를 위한 기관별 세부");
	line_to(2, 100, 518, 190, 10.5, "추진 과제 ··········· 3");
	line_to(2, 85, 518, 210, 10.5, "2. 마무리 ··········· 3");
	endpage(2);
	page(3);
	line(3, 70, 60, 17, "Ⅰ. 배경");
	filler(3, 100);
	line(3, 62, 130, 15, "1. 공공데이터 개방 확대와 품질 관리 체계 강화를 위한 기관별 세부");
	line(3, 62, 148, 15, "추진 과제");
	filler(3, 180);
	line(3, 62, 210, 15, "2. 마무리");
	filler(3, 240);
	endpage(3);
	end(3);
	x = build(&code);
	CHECK(code == KP_EXIT_OK);
	HAS(x, "<entry level=\"1\" n=\"Ⅰ\" page=\"2\"");
	HAS(x, "<entry level=\"2\" n=\"1\" page=\"2\" box=\"85.0 175.0");
	HAS(x, "folio=\"3\" for=\"s2\">공공데이터 개방 확대와 품질 관리 체계 강화를 위한 기관별 세부 추진 과제</entry>");
	HAS(x, "for=\"s3\">마무리</entry>");
	HASNT(x, ">추진 과제</entry>");
	free(x);
	st_rules_release(&rules);
	rules = kostec;
}

/* A line of block id at x0..x1, y0, 10.5 pt. */
static void block_line(int pg, const char *id, double x0, double x1, double y0, const char *text)
{
	struct kp_rec_line l = {
		.page = pg, .block = id, .box = {x0, y0, x1, y0 + 10.5}, .size = 10.5, .conf = -1,
		.text = text,
	};

	kp_put_line(S, &l);
}

/* Numbered lines that head nothing (issue #13): a 가. under a list's 3.
 * (numbered as a head, set as text) is an item of that list, until the
 * next head; a wrapped line that begins "다." after a line cut at the
 * block's right edge inside a sentence carries the sentence on. */
static void test_report_numbered_text(const char *exe)
{
	struct st_rules kostec = rules;
	char *x;
	int code;

	use_rules("kr-gov", exe);
	start();
	page(1);
	line(1, 70, 60, 17, "Ⅰ. 서약");
	filler(1, 90);
	line_to(1, 89, 400, 120, 10.5, "3. 본인은 관계법규에 따라 처벌을 받을 것을 서약한다.");
	line_to(1, 107, 389, 140, 10.5, "가. 전자정부법 제35조(금지행위) 및 제76조(벌칙)");
	line(1, 62, 170, 15, "1. 다음 단계");
	line_to(1, 80, 300, 200, 10.5, "가. 세부 과제");
	block_line(1, "b9", 124, 548, 230, "어떤 농도에서도 생식 독성이 나타나지 않았습니");
	block_line(1, "b9", 124, 542, 245, "다. F2 세대에서 효과가 나타났다. 기타 정보를 참조하십시오.");
	block_line(1, "b9", 124, 551, 260, "모체독성 발달독성 기타 정보를 참조하십시오 기타 정보를 참조하십시오");
	filler(1, 290);
	endpage(1);
	end(1);
	x = build(&code);
	CHECK(code == KP_EXIT_OK);
	HAS(x, ">가. 전자정부법 제35조(금지행위) 및 제76조(벌칙)</p>");
	HASNT(x, "n=\"가\" page=\"1\" box=\"107.0");
	HAS(x, "<section id=\"s2\" level=\"2\" n=\"1\"");
	HAS(x, "<section id=\"s3\" level=\"3\" n=\"가\"");
	HAS(x, ">세부 과제</head>");
	HAS(x, "다. F2 세대에서 효과가 나타났다. 기타 정보를 참조하십시오. 모체독성");
	HASNT(x, "id=\"s4\"");
	free(x);
	st_rules_release(&rules);
	rules = kostec;
}

static void test_refused(void)
{
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\npage\t1\t1\t1\t0\ttext\t-\n"
	       "line\t1\t-\tx\t0\t1\t1\t9\t-\ttext\t-\ta\nendpage\t1\t0\t0\nend\t1\n", KP_EXIT_FORMAT);
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\npage\t1\t1\t1\t0\ttext\t-\n"
	       "cell\t1\tt1\t0\t0\t1\t1\t0\t0\t1\t1\t0\ttext\t-\ta\nendpage\t1\t0\t0\nend\t1\n",
	       KP_EXIT_FORMAT);
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\n"
	       "line\t1\t-\t0\t0\t1\t1\t9\t-\ttext\t-\ta\nend\t1\n", KP_EXIT_FORMAT);
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\npage\t1\t1\t1\t0\ttext\t-\n"
	       "table\t1\tt1\t0\t0\t1\t1\t5000\t5000\ttext\t-\t-\t1\t1\n", KP_EXIT_LIMIT);
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\npage\t1\t1\t1\t0\ttext\t-\n", KP_EXIT_FORMAT);
	/* a page number past INT_MAX was cut to page="1" (2^32 + 1) */
	refuse("kplayout\t1\ndoc\tt.pdf\t1\t-\t-\t-\npage\t4294967297\t100\t100\t0\ttext\t-\n"
	       "line\t4294967297\t-\t0\t0\t1\t1\t9\t-\ttext\t-\ta\nendpage\t4294967297\t0\t0\n"
	       "end\n", KP_EXIT_FORMAT);
}

/* Letter-spaced titles (issue #16 item 13): the series is written as one
 * word, the printed form kept by the caller. */
static void unspaced(const char *in, const char *want)
{
	char *got = st_unspaced_new(in);

	if (want == NULL)
		CHECK(got == NULL);
	else
		CHECK_STR(got != NULL ? got : "(null)", want);
	free(got);
}

/* A cover, one page of body and, when colophon is set, a colophon laid
 * out as labels with their values on the next line (item 13 of #16). */
static char *issue_with_colophon(int colophon, int *code)
{
	start();
	page(1);
	line(1, 99.1, 225.9, 26, "중국 과학기술 정책 주/간/동/향");
	line(1, 254.5, 362.2, 14, "2024. 1. 5");
	line(1, 210.0, 700.0, 12, "한중과학기술협력센터");
	endpage(1);
	page(2);
	line(2, 65.3, 60, 26, "I");
	line(2, 65.3, 100, 17, "정책동향");
	line(2, 65.3, 150, 14, "01 첫 기사");
	line(2, 70.2, 190, 11, "■ 기사의 첫 문단");
	filler(2, 230);
	endpage(2);
	page(3);
	if (colophon) {
		line(3, 141.7, 400, 10, "발행인");
		line(3, 141.7, 415, 10, "서행아");
		line(3, 141.7, 430, 10, "발행처");
		line(3, 141.7, 445, 10, "한국과학기술정보센터");
	} else {
		filler(3, 400);
	}
	endpage(3);
	end(3);
	return build(code);
}

static void test_publisher(void)
{
	int code;
	char *x = issue_with_colophon(1, &code);

	CHECK(code == KP_EXIT_OK);
	HAS(x, "<publisher page=\"3\" box=\"141.7 ");
	HAS(x, ">한국과학기술정보센터</publisher>");
	HAS(x, ">서행아</editor>");
	HAS(x, "<series printed=\"중국 과학기술 정책 주/간/동/향\" ");
	HAS(x, ">중국 과학기술 정책 주간동향</series>");
	free(x);
	x = issue_with_colophon(0, &code);  /* no colophon: the cover names it */
	CHECK(code == KP_EXIT_OK);
	HAS(x, "<publisher page=\"1\" box=\"210.0 ");
	HAS(x, ">한중과학기술협력센터</publisher>");
	HAS(x, "<date when=\"2024-01-05\" page=\"1\"");
	free(x);
}

/* An issue of pages pages whose colophon names no publisher nor date in
 * a layout the rules know, pages 2 to on + 1 under the running header
 * `header`, every page from 2 on over its page number. */
static char *issue_with_running(int pages, const char *header, int on)
{
	char no[16];

	start();
	page(1);
	line(1, 99.1, 225.9, 26, "중국 과학기술 정책 주/간/동/향");
	endpage(1);
	for (int p = 2; p <= pages; p++) {
		page(p);
		if (p <= on + 1)
			furniture(p, "h", 300.0, 30.0 + 0.2 * (p % 2), header);
		snprintf(no, sizeof(no), "- %d -", p);
		furniture(p, "f", 280.0, 800.0, no);
		if (p == 2) {
			line(2, 65.3, 60, 26, "I");
			line(2, 65.3, 100, 17, "정책동향");
			line(2, 65.3, 150, 14, "01 첫 기사");
		}
		filler(p, 230);
		filler(p, 260);
		if (p == pages) {   /* a colophon in a layout of its own */
			line(p, 141.7, 400, 10, "펴낸이 서행아");
			line(p, 141.7, 415, 10, "펴낸곳 한국과학기술정보센터 (서울)");
		}
		endpage(p);
	}
	end(pages);
	return built();
}

/* #16 item 13: the publisher and date from a running header that stands
 * at one place on most pages, when the colophon gives neither. */
static void test_running_header(void)
{
	char *x = issue_with_running(5, "한중과학기술협력센터 · 중국 과학기술 정책 주간동향 2024. 5. 24", 4);

	HAS(x, "<publisher page=\"2\" box=\"300.0 30.0 ");
	HAS(x, ">한중과학기술협력센터</publisher>");
	HAS(x, "<date when=\"2024-05-24\" page=\"2\"");
	HASNT(x, ">- 2 -<");        /* furniture stays out of the text */
	free(x);
	/* the date as words; an organisation ending in 연구원 */
	x = issue_with_running(4, "과학기술정책연구원 2024년 5월 24일", 3);
	HAS(x, ">과학기술정책연구원</publisher>");
	HAS(x, "<date when=\"2024-05-24\"");
	free(x);
	/* on two pages of six: not a running header */
	x = issue_with_running(6, "한중과학기술협력센터 2024. 5. 24", 2);
	HASNT(x, "<publisher");
	HASNT(x, "<date");
	free(x);
}

static void test_unspaced(void)
{
	unspaced("중국 과학기술 정책 주/간/동/향", "중국 과학기술 정책 주간동향");
	unspaced("주 간 동 향", "주간동향");
	unspaced("가·나·다 보고서", "가나다 보고서");
	unspaced("중국 과학기술 정책 주간동향", NULL);
	unspaced("한 중 과학", NULL);      /* two lone syllables: not letter-spacing */
	unspaced("가/나/다라", NULL);      /* 다 belongs to a longer word */
	unspaced("a/b/c/d", NULL);
	unspaced("", NULL);
}

int main(int argc, char **argv)
{
	char *path = st_rules_find("kostec", argc > 0 ? argv[0] : NULL);
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt("docs/issue.rng");

	kp_set_progname("test_structure_build");
	grammar = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (grammar == NULL || path == NULL ||
	    st_rules_load(&rules, path, "kostec") != KP_EXIT_OK) {
		fprintf(stderr, "run from the top of the repository (docs/issue.rng, rules)\n");
		free(path);
		return 1;
	}
	free(path);
	test_lead_dates();
	test_lists_notes_wraps();
	test_captions();
	test_broken_rows();
	test_references();
	test_references_misread();
	test_ocr_sizes();
	test_report_sections(argc > 0 ? argv[0] : NULL);
	test_report_headless_contents(argc > 0 ? argv[0] : NULL);
	test_report_front_matter(argc > 0 ? argv[0] : NULL);
	test_report_numbered_text(argc > 0 ? argv[0] : NULL);
	test_report_wrapped_entry(argc > 0 ? argv[0] : NULL);
	test_refused();
	test_unspaced();
	test_publisher();
	test_running_header();
	discard();
	st_rules_release(&rules);
	xmlRelaxNGFree(grammar);
	xmlCleanupParser();
	return UNIT_DONE();
}
