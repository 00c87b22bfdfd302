/* test_structure_rules.c - structure's pure stages: the rules table and
 * line roles, part numerals, dates, line joins, table typing and merging. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../structure/structure.h"
#include "unit.h"

#define BODY 10.5   /* body text size of the test lines */
/* Line roles of an article (the contents' entry marks overlap bullets). */
#define ARTICLE_ROLES (~0ul & ~(ST_BIT(ST_R_ENTRY) | ST_BIT(ST_R_CATEGORY) | \
                               ST_BIT(ST_R_SUMMARY_ITEM)))

static struct st_rules rules;

/* Role of text at size (all line roles allowed); group g into *out. */
static enum st_role role_of(const char *text, double size, enum st_group g, char **out)
{
	struct st_match m;
	enum st_role r = st_classify(&rules, ARTICLE_ROLES, text, size, BODY, &m);

	if (out != NULL)
		*out = r == ST_R_TEXT ? NULL : st_match_group(&m, g);
	return r;
}

static void check_part(const char *line, const char *want_n, const char *want_title)
{
	char *num, *n, *title;

	CHECK(role_of(line, 20, ST_G_NUM, &num) == ST_R_PART);
	n = st_part_numeral(num ? num : "");
	CHECK_STR(n, want_n);
	role_of(line, 20, ST_G_TITLE, &title);
	if (want_title == NULL)
		CHECK(title == NULL || *title == '\0');
	else
		CHECK_STR(title, want_title);
	free(num);
	free(n);
	free(title);
}

static void test_parts(void)
{
	char *n;

	check_part("I", "I", NULL);
	check_part("III", "III", NULL);
	check_part("Ⅱ", "II", NULL);
	check_part("Ⅲ.", "III", NULL);
	check_part("II. 기술동향", "II", "기술동향");
	check_part("Ⅰ 정책동향", "I", "정책동향");
	check_part("2. 기술동향", "II", "기술동향");
	/* a numeral in body-sized text is no part heading */
	CHECK(role_of("I", BODY, ST_G_NUM, NULL) != ST_R_PART);
	/* OCR lines have no trusted size */
	CHECK(role_of("III", 0, ST_G_NUM, NULL) == ST_R_PART);
	n = st_part_numeral("ⅳ");
	CHECK_STR(n, "IV");
	free(n);
}

static void test_articles(void)
{
	char *s;

	CHECK(role_of("01 과기부, '서부과학성(城)' 발표", 14, ST_G_NUM, &s) == ST_R_ARTICLE);
	CHECK_STR(s, "01");
	free(s);
	role_of("01 과기부, '서부과학성(城)' 발표", 14, ST_G_TITLE, &s);
	CHECK_STR(s, "과기부, '서부과학성(城)' 발표");
	free(s);
	CHECK(role_of("07", 14, ST_G_TITLE, &s) == ST_R_ARTICLE && s == NULL);
	CHECK(role_of("10 대 분야를 중심으로", BODY, ST_G_NUM, NULL) == ST_R_TEXT);
}

static void check_bullet(const char *line, const char *mark, int level)
{
	struct st_match m;
	char *got;

	CHECK(st_classify(&rules, ARTICLE_ROLES, line, BODY, BODY, &m) == ST_R_BULLET);
	got = st_match_group(&m, ST_G_MARK);
	CHECK_STR(got, mark);
	CHECK(m.rule != NULL && m.rule->level == level);
	free(got);
}

static void test_lines(void)
{
	char *s;

	check_bullet("◦ 서부과학성은 충칭", "◦", 1);
	check_bullet("- '25년까지 국가급", "-", 2);
	check_bullet("• 핵심 분야", "•", 3);
	check_bullet("▶ 2022년 말", "▶", 1);
	check_bullet("1) 생성형 인공지능", "1)", 1);
	check_bullet("① '중화인민공화국' 준수", "①", 3);
	CHECK(role_of("* 2020년 1월", 9, ST_G_MARK, &s) == ST_R_NOTE);
	CHECK_STR(s, "*");
	free(s);
	CHECK(role_of("** 출처: <https://www.huxiu.com/a>", 9, ST_G_TEXT, &s) == ST_R_SOURCE);
	CHECK_STR(s, "<https://www.huxiu.com/a>");
	free(s);
	CHECK(role_of("※ 8번째 도시권 미공개", 9, ST_G_MARK, &s) == ST_R_NOTE);
	CHECK_STR(s, "※");
	free(s);
	CHECK(role_of("■ 농촌 디지털경제 개발(4.13)", 11, ST_G_TEXT, &s) == ST_R_LEAD);
	CHECK_STR(s, "농촌 디지털경제 개발(4.13)");
	free(s);
	CHECK(role_of("〈진핑(金鳳)실험실〉", 9.5, ST_G_TEXT, NULL) == ST_R_CAPTION);
	CHECK(role_of("〈※참고: 중국 내 GPT〉", 10.5, ST_G_TEXT, NULL) == ST_R_HEADING);
	CHECK(role_of("참고자료", 10, ST_G_TEXT, NULL) == ST_R_REFS);
	CHECK(role_of("☑ 2023年数字乡村发展工作要点", 9, ST_G_TEXT, &s) == ST_R_REF);
	CHECK_STR(s, "2023年数字乡村发展工作要点");
	free(s);
	CHECK(role_of("<https://mp.weixin.qq.com/s/x>", 8.5, ST_G_TEXT, &s) == ST_R_URL);
	CHECK_STR(s, "https://mp.weixin.qq.com/s/x");
	free(s);
	CHECK(role_of("출처: 중국고신망 (04.12)", 9, ST_G_MEDIUM, &s) == ST_R_FROM);
	CHECK_STR(s, "중국고신망");
	free(s);
	/* OCR loses the space before the date */
	CHECK(role_of("출처: 과기일보(06.20)", 0, ST_G_MEDIUM, &s) == ST_R_FROM);
	CHECK_STR(s, "과기일보");
	free(s);
	CHECK(role_of("| 발 행 일 | 2023. 4. 21", 10, ST_G_VALUE, &s) == ST_R_COLOPHON);
	CHECK_STR(s, "2023. 4. 21");
	free(s);
	CHECK(role_of("그냥 문장이다.", BODY, ST_G_TEXT, NULL) == ST_R_TEXT);
}

static int parse_text(const char *text)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct st_rules r;
	int code = st_rules_parse(&r, fp, "t.rules", "t");

	fclose(fp);
	st_rules_release(&r);
	return code;
}

static void test_rules_format(void)
{
	CHECK(parse_text("# comment\n\nlead\t^■ *(.*)$\n") == KP_EXIT_OK);
	CHECK(parse_text("leed\t^■\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^(■\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^■\tcolour=red\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^(■)\ttext=5\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("colophon\t^(a) (b)$\tname=1 value=2 meta=nope\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead ^■\n") == KP_EXIT_FORMAT);
	/* patterns whose compilation would take unbounded memory are refused */
	CHECK(parse_text("lead\t^a?+++++$\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^(a{9}){9}$\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^a{99}$\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("lead\t^((((((((((((((((((a))))))))))))))))))$\n") == KP_EXIT_FORMAT);
	/* ...but what real tables use is fine: escapes, brackets, small bounds */
	CHECK(parse_text("note\t^(\\*+|※) *[*+?{]*(.*)$\n") == KP_EXIT_OK);
	CHECK(parse_text("lead\t^[0-9]{4}\\. ?[0-9]{1,2}\\. ?([0-9]{1,2})*$\n") == KP_EXIT_OK);
}

/* A rule's conditions besides its pattern: big (larger than the body
 * text around the line), strong (larger, or bold), top (opens its page). */
static void test_conditions(void)
{
	const char *text = "heading\t^\\(1\\) (.+)$\tstrong\n"
	                   "heading\t^Ⅰ (.+)$\tbig\n"
	                   "heading\t^<참고> (.+)$\ttop\n";
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct st_look body = { 12, 12, 0, 0 }, bold = { 12, 12, 1, 0 }, large = { 14, 12, 0, 0 };
	struct st_look top = { 12, 12, 0, 1 }, unknown = { 0, 12, 0, -1 };
	unsigned long h = ST_BIT(ST_R_HEADING);
	struct st_rules r;
	struct st_match m;

	CHECK(st_rules_parse(&r, fp, "t.rules", "t") == KP_EXIT_OK);
	fclose(fp);
	CHECK(st_classify_line(&r, NULL, h, "(1) 품질 진단", &body, &m) == ST_R_TEXT);
	CHECK(st_classify_line(&r, NULL, h, "(1) 품질 진단", &bold, &m) == ST_R_HEADING);
	CHECK(st_classify_line(&r, NULL, h, "(1) 품질 진단", &large, &m) == ST_R_HEADING);
	CHECK(st_classify_line(&r, NULL, h, "Ⅰ 개요", &bold, &m) == ST_R_TEXT);
	CHECK(st_classify_line(&r, NULL, h, "Ⅰ 개요", &large, &m) == ST_R_HEADING);
	CHECK(st_classify_line(&r, NULL, h, "<참고> 계약서", &large, &m) == ST_R_TEXT);
	CHECK(st_classify_line(&r, NULL, h, "<참고> 계약서", &top, &m) == ST_R_HEADING);
	/* what is not known holds */
	CHECK(st_classify_line(&r, NULL, h, "(1) 품질 진단", &unknown, &m) == ST_R_HEADING);
	CHECK(st_classify_line(&r, NULL, h, "<참고> 계약서", &unknown, &m) == ST_R_HEADING);
	st_rules_release(&r);
	CHECK(parse_text("heading\t^a$\tstrong top big\n") == KP_EXIT_OK);
}

/* The exporters' words: parsed in table order, checked, and carried as
 * <labels>; the kostec table has the words tei.c used to hard-code. */
static void test_labels(void)
{
	const char *text = "language\tko\t한국어\tmain\nlabel\tsummary\t요약\n";
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct st_rules r;
	struct st_node *n;

	CHECK(st_rules_parse(&r, fp, "t.rules", "t") == KP_EXIT_OK);
	fclose(fp);
	CHECK(r.nlabels == 2 && r.labels[0].language && !r.labels[1].language);
	n = st_labels_node(&r);
	CHECK(n != NULL && n->first != NULL && n->first->next != NULL);
	if (n != NULL && n->first != NULL && n->first->next != NULL) {
		CHECK(n->first->kind == KP_EL_LANGUAGE && n->first->next->kind == KP_EL_LABEL);
		CHECK_STR(st_node_get(n->first, KP_A_USE), "main");
		CHECK_STR(n->first->next->text, "요약");
	}
	st_node_free(n);
	st_rules_release(&r);
	CHECK(parse_text("label\tcontnets\tCONTENTS\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("label\tsummary\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("language\tk o\t한국어\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("language\tko\t한국어\tmajor\n") == KP_EXIT_FORMAT);
	CHECK(parse_text("label\tsummary\t요약\tmain\n") == KP_EXIT_FORMAT);
	n = st_labels_node(&rules);
	CHECK(n != NULL && rules.nlabels == 6);
	st_node_free(n);
}

static void test_dates(void)
{
	int y = 0, m = 0, d = 0;
	char iso[16];

	CHECK(st_parse_ymd("2023. 4. 21", &y, &m, &d) == 0 && y == 2023 && m == 4 && d == 21);
	CHECK(st_parse_ymd("발행일 2024-01-05", &y, &m, &d) == 0 && y == 2024 && m == 1 && d == 5);
	CHECK(st_parse_ymd("2023년 6월 23일", &y, &m, &d) == 0 && m == 6 && d == 23);
	CHECK(st_parse_ymd("12345. 4. 21", &y, &m, &d) < 0);
	CHECK(st_parse_ymd("2023. 13. 1", &y, &m, &d) < 0);
	CHECK(st_parse_ymd("no date", &y, &m, &d) < 0);
	CHECK(st_date_year(2023, 4, 4) == 2023);
	CHECK(st_date_year(2023, 4, 3) == 2023);
	CHECK(st_date_year(2023, 4, 5) == 2022);   /* later month: last year */
	CHECK(st_date_year(2024, 1, 12) == 2023);  /* December in a January issue */
	CHECK(st_iso_date(iso, sizeof(iso), 2023, 4, 12) == 0);
	CHECK_STR(iso, "2023-04-12");
	CHECK(st_iso_date(iso, sizeof(iso), 2023, 2, 30) < 0);
	/* no 29 February outside leap years: TEI's @when (xs:date) refuses it */
	CHECK(st_iso_date(iso, sizeof(iso), 2023, 2, 29) < 0);
	CHECK(st_iso_date(iso, sizeof(iso), 1900, 2, 29) < 0);
	CHECK(st_iso_date(iso, sizeof(iso), 2024, 2, 29) == 0);
	CHECK_STR(iso, "2024-02-29");
	CHECK(st_iso_date(iso, sizeof(iso), 2000, 2, 29) == 0);
}

static void check_join(const char *a, const char *b, const char *want)
{
	struct kp_buf buf;

	kp_buf_init(&buf);
	kp_buf_puts(&buf, a);
	st_join(&buf, b, &rules, ST_WRAP_GUESS);
	CHECK_STR(buf.s, want);
	kp_buf_release(&buf);
}

static void test_join(void)
{
	check_join("연구센터 등이", "포함되어 있음", "연구센터 등이 포함되어 있음");
	check_join("상하이-", "홍콩 협력", "상하이-홍콩 협력");
	check_join("청위(", "청두·충칭)", "청위(청두·충칭)");
	/* as samples/src/kostec-2023-04-21.txt prints them: Chinese writes
	 * no spaces, a decimal point joins its digits */
	check_join("안산(鞍", "山), 푸순", "안산(鞍山), 푸순");
	check_join("정보화율 26.", "5% 달성", "정보화율 26.5% 달성");
	check_join("목표를 달성.", "5개 과제", "목표를 달성. 5개 과제");
	check_join("국가 '일대일로'", ", 장강", "국가 '일대일로', 장강");
	check_join("혁신 네트워크", "를 구축", "혁신 네트워크를 구축");  /* particle: glue */
	check_join("", "첫 줄", "첫 줄");
	/* breaks inside words of Korean typesetting */
	check_join("강화하며 20", "25년에 구축", "강화하며 2025년에 구축");
	check_join("촉진하고 2025", "년까지", "촉진하고 2025년까지");
	check_join("중심으로 청위", "(청두·충칭) 과학", "중심으로 청위(청두·충칭) 과학");
	check_join("중국 정부 '", "우호상' 수상자", "중국 정부 '우호상' 수상자");
	check_join("정부 '우호상'", "수상자", "정부 '우호상' 수상자");
	check_join("2025년까지 100", "AI 기업", "2025년까지 100 AI 기업");
}

/* Line i of a wrap test: block b1 of page 1, right edge x1, 12 pt. */
static void wrap_line(struct st_item *it, const char *text, double x1, int space_after)
{
	memset(it, 0, sizeof(*it));
	it->kind = ST_LINE;
	it->page = 1;
	it->id = (char *)"b1";
	it->box = (struct kp_box){ 60, 0, x1, 12 };
	it->size = 12;
	it->text = (char *)text;
	it->space_after = space_after;
}

static void test_wrap(void)
{
	struct st_item it[5];
	struct st_doc doc = { .items = it, .nitems = 5 };
	struct kp_buf b;

	/* Hancom PDF: a space drawn at the end of lines ended between words */
	wrap_line(&it[0], "최근 5년", 533, 0);
	wrap_line(&it[1], "간 연평균 관련", 533, 1);
	wrap_line(&it[2], "신규기능을", 533, 1);
	wrap_line(&it[3], "구현하여 마련 (서버,", 533, 1);
	wrap_line(&it[4], "스토리지)", 300, 0);
	st_wrap_scan(&doc);
	CHECK(doc.end_spaces);
	CHECK(st_wrap_at(&doc, 0) == ST_WRAP_INSIDE && st_wrap_at(&doc, 1) == ST_WRAP_WORD);
	kp_buf_init(&b);
	kp_buf_puts(&b, it[0].text);
	for (size_t i = 1; i < 5; i++)
		st_join(&b, it[i].text, &rules, st_wrap_at(&doc, i - 1));
	CHECK_STR(b.s, "최근 5년간 연평균 관련 신규기능을 구현하여 마련 (서버, 스토리지)");
	/* a space after every line (Word) or too few: the flags say nothing */
	it[0].space_after = 1;
	st_wrap_scan(&doc);
	CHECK(!doc.end_spaces && st_wrap_at(&doc, 0) == ST_WRAP_GUESS);
	it[0].space_after = it[2].space_after = it[3].space_after = 0;
	st_wrap_scan(&doc);
	CHECK(!doc.end_spaces && st_wrap_at(&doc, 1) == ST_WRAP_GUESS);
	CHECK(st_wrap_at(&doc, 2) == ST_WRAP_GUESS);
	/* no flags, a justified block whose line-end spaces are inside the
	 * measure: at the edge a cut word, a space short a word boundary */
	it[1].space_after = 0;
	it[1].box.x1 = 529.5;
	st_wrap_scan(&doc);
	CHECK(st_wrap_at(&doc, 0) == ST_WRAP_INSIDE && st_wrap_at(&doc, 1) == ST_WRAP_WORD);
	CHECK(st_wrap_at(&doc, 3) == ST_WRAP_GUESS);    /* "," then "스": no syllable wrap */
	/* ragged right: one line at the edge proves nothing */
	it[2].box.x1 = 500;
	it[3].box.x1 = 480;
	CHECK(st_wrap_at(&doc, 0) == ST_WRAP_GUESS);
	kp_buf_clear(&b);
	kp_buf_puts(&b, "최근 5년");
	st_join(&b, "간", &rules, ST_WRAP_INSIDE);
	st_join(&b, "연평균", &rules, ST_WRAP_WORD);
	CHECK_STR(b.s, "최근 5년간 연평균");
	kp_buf_release(&b);
}

/* A table item of rows x cols with cell texts t[row*cols+col], shaded
 * rows [0, shaded), on page at x0. */
static void make_table(struct st_item *t, int rows, int cols, const char *const *text,
                       int shaded, int page, double x0)
{
	memset(t, 0, sizeof(*t));
	t->kind = ST_TABLE;
	t->page = t->lastpage = page;
	t->rows = rows;
	t->cols = cols;
	t->conf = -1;
	t->box = (struct kp_box){x0, 100, x0 + 400, 300};
	t->cells = kp_xcalloc((size_t)(rows * cols), sizeof(*t->cells));
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			struct st_cell *cell = &t->cells[t->ncells++];

			cell->row = r;
			cell->col = c;
			cell->rowspan = cell->colspan = 1;
			cell->page = page;
			cell->conf = -1;
			cell->shaded = r < shaded;
			cell->text = kp_xstrdup(text[r * cols + c]);
		}
}

static void free_table(struct st_item *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].text);
	free(t->cells);
}

static void test_table_types(void)
{
	static const char *const gubun[] = {"구분", "주요 내용", "인프라", "• 가\n• 나"};
	static const char *const gubun3[] = {"구분", "핵심과제", "주요내용", "1", "설계", "• 가"};
	static const char *const side[] = {"순번", "도시권명", "순번", "도시권명", "1", "난징", "5", "시안"};
	static const char *const grid[] = {"연도", "값", "2022", "3"};
	struct st_item t;

	make_table(&t, 2, 2, gubun, 0, 1, 50);
	CHECK_STR(st_table_type(&t, &rules), "gubun");
	CHECK(st_table_header_rows(&t, &rules) == 1);  /* no shading: the 구분 cue */
	free_table(&t);
	make_table(&t, 2, 3, gubun3, 1, 1, 50);
	CHECK_STR(st_table_type(&t, &rules), "gubun3");
	free_table(&t);
	make_table(&t, 2, 4, side, 1, 1, 50);
	CHECK_STR(st_table_type(&t, &rules), "sidebyside");
	CHECK(st_table_header_rows(&t, &rules) == 1);
	free_table(&t);
	make_table(&t, 2, 2, grid, 0, 1, 50);
	CHECK_STR(st_table_type(&t, &rules), "grid");
	CHECK(st_table_header_rows(&t, &rules) == 0);
	free_table(&t);
	/* header rows: the leading rows that have cells, all of them shaded */
	make_table(&t, 2, 2, grid, 2, 1, 50);
	CHECK(st_table_header_rows(&t, &rules) == 2);
	t.rows = 3;                 /* a third row, empty */
	CHECK(st_table_header_rows(&t, &rules) == 2);
	t.cells[2].row = t.cells[3].row = 2;   /* row 1 empty: the run stops */
	CHECK(st_table_header_rows(&t, &rules) == 1);
	t.cells[1].shaded = 0;      /* row 0 partly shaded: none */
	CHECK(st_table_header_rows(&t, &rules) == 0);
	free_table(&t);
}

/* A table of one row and 1000000 cells, all "c": its type looks at row
 * 0's two halves.  Looked up with a scan of the cells per column (as
 * before dcb34ff) that is 5e11 cell comparisons, about 2000 s (1 x 100000
 * took 20 s); indexed once, milliseconds.  Under the unit suite's time
 * limit the old way fails.  (The stream reader refuses tables this big,
 * so only a unit test can reach past the 100000-cell case of tests/bad.) */
static void test_table_wide(void)
{
	enum { COLS = 1000000 };
	static char c[] = "c", d[] = "d";
	struct st_item t;

	memset(&t, 0, sizeof(t));
	t.kind = ST_TABLE;
	t.page = t.lastpage = 1;
	t.rows = 1;
	t.cols = COLS;
	t.conf = -1;
	t.cells = kp_xcalloc(COLS, sizeof(*t.cells));
	for (int i = 0; i < COLS; i++) {
		struct st_cell *cell = &t.cells[t.ncells++];

		cell->col = i;
		cell->rowspan = cell->colspan = 1;
		cell->page = 1;
		cell->conf = -1;
		cell->text = c;  /* shared: the cells are freed, not their text */
	}
	CHECK_STR(st_table_type(&t, &rules), "sidebyside");
	t.cells[COLS - 1].text = d;   /* the halves differ in their last cell */
	CHECK_STR(st_table_type(&t, &rules), "grid");
	free(t.cells);
}

static void test_table_merge(void)
{
	static const char *const a[] = {"구분", "주요 내용", "가", "• 하나\n이어짐\n• 둘"};
	static const char *const b[] = {"구분", "주요 내용", "나", "• 셋"};
	struct st_doc doc;
	struct st_node *table;
	xmlDocPtr x;
	xmlChar *out;
	int size;

	memset(&doc, 0, sizeof(doc));
	doc.items = kp_xcalloc(3, sizeof(*doc.items));
	doc.nitems = 3;
	make_table(&doc.items[0], 2, 2, a, 1, 4, 64.7);
	make_table(&doc.items[1], 2, 2, b, 1, 5, 65.0);   /* next page, header repeated */
	make_table(&doc.items[2], 2, 2, b, 1, 5, 65.0);   /* same page: a table of its own */
	st_tables_merge(&doc, &rules);
	CHECK(doc.items[0].rows == 3 && doc.items[0].lastpage == 5);
	CHECK(doc.items[1].merged && !doc.items[2].merged);
	table = st_table_node(&doc.items[0], &rules, NULL);
	x = st_xml_doc(table);
	xmlDocDumpMemoryEnc(x, &out, &size, "UTF-8");
	CHECK(strstr((const char *)out, "pages=\"5\"") != NULL);
	CHECK(strstr((const char *)out,
	             "<line mark=\"•\">하나 이어짐</line><line mark=\"•\">둘</line>") != NULL);
	CHECK(strstr((const char *)out, "<cell row=\"2\" col=\"1\"") != NULL);
	CHECK(strstr((const char *)out, "<row header=\"1\">") != NULL);
	CHECK(strstr((const char *)out, "<line>나</line>") != NULL);
	xmlFree(out);
	xmlFreeDoc(x);
	st_doc_release(&doc);

	/* A stream may chain many tables of 100000 empty rows over pages: the
	 * merged row count must not overflow (it did, to rows="-2144967296"). */
	memset(&doc, 0, sizeof(doc));
	doc.items = kp_xcalloc(3, sizeof(*doc.items));
	doc.nitems = 3;
	for (int i = 0; i < 3; i++) {
		make_table(&doc.items[i], 0, 1, NULL, 0, i + 1, 64.7);
		doc.items[i].rows = INT_MAX / 2;
	}
	st_tables_merge(&doc, &rules);
	CHECK(doc.items[0].rows == INT_MAX / 2 * 2 && doc.items[1].merged);
	CHECK(!doc.items[2].merged && doc.items[2].rows == INT_MAX / 2);
	st_doc_release(&doc);
}

/* Leave garbage where the next call's locals will be. */
static __attribute__((noinline)) void dirty_stack(void)
{
	volatile unsigned char junk[16384];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = 0xA5;
}

/* A rules table that is not found is exit 3 and nothing else: the program
 * released a rules struct it never filled (cli.c), which crashed when the
 * stack held garbage. */
static void test_rules_not_found(void)
{
	char *argv[] = { "structure", "--rules", "no-such-table", NULL };
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 0);
		dup2(fd, 2);
		setenv("KOSTEC_RULES_DIR", "/nonexistent", 1);
		dirty_stack();
		_exit(st_main(3, argv));
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == KP_EXIT_NOINPUT);
}

int main(int argc, char **argv)
{
	char *path = st_rules_find("kostec", argc > 0 ? argv[0] : NULL);

	kp_set_progname("test_structure_rules");
	if (path == NULL || st_rules_load(&rules, path, "kostec") != KP_EXIT_OK) {
		fprintf(stderr, "cannot load the kostec rules table\n");
		free(path);
		return 1;
	}
	free(path);
	test_parts();
	test_articles();
	test_lines();
	test_rules_format();
	test_labels();
	test_dates();
	test_conditions();
	test_join();
	test_wrap();
	test_table_types();
	test_table_wide();
	test_table_merge();
	test_rules_not_found();
	st_rules_release(&rules);
	return UNIT_DONE();
}
