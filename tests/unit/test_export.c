/* test_export.c - issue-export: CSV escaping, TEI escaping and Hanja,
 * hostile and broken inputs, several inputs under one CSV header, and the
 * golden outputs of tests/export/full.xml. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "../../common/kp.h"
#include "../../export/export.h"
#include "unit.h"

static char tmpdir[] = "/tmp/test_export.XXXXXX";
static char errfile[64];

/* A file under the repository's top level (KP_ROOT, else the cwd). */
static const char *repo_path(const char *rel)
{
	static char path[4096];
	const char *root = getenv("KP_ROOT");

	snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
	return path;
}

/* The contents of a file as a new string, or NULL when it does not exist. */
static char *slurp(const char *path)
{
	struct kp_buf b;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return NULL;
	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		kp_buf_add(&b, chunk, n);
	fclose(fp);
	return kp_buf_detach(&b);
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* Run ix_main with args (NULL-terminated), stderr caught in errfile. */
static int run(const char **args)
{
	char *argv[32];
	int argc = 0, saved, fd, rc;

	argv[argc++] = "issue-export";
	for (; *args != NULL && argc < 31; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	fflush(stderr);
	saved = dup(2);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = ix_main(argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

static char *csv_field_new(const char *s)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	ix_csv_field(&b, s, 0);
	return kp_buf_detach(&b);
}

static void test_csv_field(void)
{
	static const char *const cases[][2] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\rhere", "\"cr\rhere\"" },
		{ "tab\there", "tab\there" },                 /* TAB kept, unquoted */
		{ "bell\x07!", "bell\xEF\xBF\xBD!" },          /* C0 -> U+FFFD */
		{ "del\x7F", "del\xEF\xBF\xBD" },              /* DEL -> U+FFFD */
		{ "c1\xC2\x85.", "c1\xEF\xBF\xBD." },          /* U+0085 -> U+FFFD */
		{ "bad\xFFutf8", "bad\xEF\xBF\xBDutf8" },      /* invalid byte */
		{ "선양(沈陽)", "선양(沈陽)" },
		{ "\"", "\"\"\"\"" },
		/* formula-like: a leading ' (OWASP CSV injection) */
		{ "=1+2", "'=1+2" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "+cmd", "'+cmd" },
		{ "-2+3", "'-2+3" },
		{ "\tx", "'\tx" },
		{ "\r=x", "\"'\r=x\"" },
		{ "=HYPERLINK(\"u\",\"c\")", "\"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\"" },
		/* plain numbers and a lone dash stay */
		{ "-1,200.5", "\"-1,200.5\"" },
		{ "+3 %", "+3 %" },
		{ "-", "-" },
		{ "a=b", "a=b" },
	};
	char *got;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = csv_field_new(cases[i][0]);
		CHECK_STR(got, cases[i][1]);
		free(got);
	}
}

static void test_csv_header(void)
{
	struct kp_buf b;

	kp_buf_init(&b);
	ix_csv_header(&b, IX_CSV_TABLES, "\n");
	CHECK_STR(b.s, "issue,part,article,table,caption,row,col,rowspan,colspan,"
	               "header,text,page,ocr\n");
	kp_buf_clear(&b);
	ix_csv_header(&b, IX_CSV_ARTICLES, "\r\n");
	CHECK_STR(b.s, "issue,part,part_title,category,article,title,date,pages,"
	               "tables,references,first_url\r\n");
	kp_buf_release(&b);
}

/* Parse an issue from a string; returns the exit code. */
static int parse(const char *xml, struct ix_issue *is)
{
	int saved = dup(2), fd = open("/dev/null", O_WRONLY), rc;

	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	rc = ix_parse("test.xml", xml, strlen(xml), is);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

static const struct ix_csv_style lf = { "\n", 0, NULL };

#define HASNT_IN(s, needle) CHECK(strstr((s), (needle)) == NULL)

#define ISSUE_HEAD "<issue version=\"1\" source=\"t.pdf\" pages=\"1\" rules=\"kostec\"><meta/>"

static char *tei_opts_new(const char *xml, const struct ix_tei_opts *o)
{
	struct ix_issue is;
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	if (parse(xml, &is) == KP_EXIT_OK) {
		CHECK(ix_tei(&is, o, &b, NULL) == KP_EXIT_OK);
		ix_issue_free(&is);
	}
	return kp_buf_detach(&b);
}

static char *tei_of_new(const char *xml)
{
	struct ix_issue is;
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	if (parse(xml, &is) == KP_EXIT_OK) {
		CHECK(ix_tei(&is, NULL, &b, NULL) == KP_EXIT_OK);
		ix_issue_free(&is);
	}
	return kp_buf_detach(&b);
}

/* A body cell's header: the header-row cells over its column, top to
 * bottom, empty ones and a repeat of the one above left out. */
static void test_csv_column_headers(void)
{
	static const char xml[] = ISSUE_HEAD "<part n=\"I\" title=\"t\">"
		"<table type=\"grid\" rows=\"3\" cols=\"3\">"
		"<row header=\"1\"><cell row=\"0\" col=\"0\" colspan=\"2\"><line>연도</line></cell>"
		"<cell row=\"0\" col=\"2\"/></row>"
		"<row header=\"1\"><cell row=\"1\" col=\"0\"><line>상반기</line></cell>"
		"<cell row=\"1\" col=\"1\"><line>연도</line></cell>"
		"<cell row=\"1\" col=\"2\"><line>비고</line></cell></row>"
		"<row><cell row=\"2\" col=\"0\"><line>a</line></cell>"
		"<cell row=\"2\" col=\"1\"><line>b</line></cell>"
		"<cell row=\"2\" col=\"2\"><line>c</line></cell></row>"
		"</table></part></issue>";
	struct ix_issue is;
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	CHECK(parse(xml, &is) == KP_EXIT_OK);
	CHECK(ix_csv(&is, IX_CSV_TABLES, &lf, &b) == KP_EXIT_OK);
	ix_issue_free(&is);
	CHECK(strstr(b.s, ",2,0,1,1,연도 / 상반기,a,") != NULL);
	CHECK(strstr(b.s, ",2,1,1,1,연도,b,") != NULL);
	CHECK(strstr(b.s, ",2,2,1,1,비고,c,") != NULL);
	kp_buf_release(&b);
}

/* raw keeps formula-like text; a body cell's column header is cut at
 * IX_CSV_HEADER_MAX bytes on a UTF-8 boundary, and the table is partial. */
static void test_csv_raw_and_header_cap(void)
{
	struct kp_buf x, b;
	struct ix_issue is;
	struct ix_csv_style raw = { "\n", 1, NULL };
	const char *head, *end;

	kp_buf_init(&x);
	kp_buf_puts(&x, ISSUE_HEAD "<part n=\"I\" title=\"t\"><table type=\"grid\" rows=\"2\" "
	            "cols=\"1\"><row header=\"1\">");
	for (int i = 0; i < 400; i++) /* 400 x "가나다 / " is 4400 bytes */
		kp_buf_puts(&x, i % 2 ? "<cell row=\"0\" col=\"0\"><line>가나다</line></cell>"
		                      : "<cell row=\"0\" col=\"0\"><line>라마바</line></cell>");
	kp_buf_puts(&x, "</row><row><cell row=\"1\" col=\"0\"><line>=1+2</line></cell></row>"
	            "</table></part></issue>");
	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	CHECK(parse(x.s, &is) == KP_EXIT_OK);
	CHECK(ix_csv(&is, IX_CSV_TABLES, &raw, &b) == KP_EXIT_PARTIAL);
	ix_issue_free(&is);
	CHECK(strstr(b.s, ",=1+2,") != NULL);
	head = strstr(b.s, ",1,0,1,1,라마바 / 가나다");
	CHECK(head != NULL);
	if (head != NULL) {
		head += strlen(",1,0,1,1,");
		end = strstr(head, "\xE2\x80\xA6,=1+2,");
		CHECK(end != NULL && end - head <= IX_CSV_HEADER_MAX && end - head > 1000);
		CHECK(end != NULL && kp_utf8_valid(head, (size_t)(end - head)));
	}
	kp_buf_release(&b);
	kp_buf_release(&x);
}

static void test_tei_escaping(void)
{
	char *tei = tei_of_new(ISSUE_HEAD
		"<part n=\"I\" title=\"A &amp; B\"><article n=\"01\"><title>&lt;T&gt;</title>"
		"<p>R&amp;D &lt;x&gt; \"q\" 'a'</p>"
		"<source url=\"http://e.org/?a=1&amp;b=&quot;2&quot;&lt;\">src</source>"
		"<references><ref url=\"http://e.org/p?x=1&amp;y=2\"><title>t &amp; u</title></ref>"
		"</references></article></part></issue>");
	xmlDocPtr doc;

	CHECK(strstr(tei, "<head>A &amp; B</head>") != NULL);
	CHECK(strstr(tei, "<head>&lt;T&gt;</head>") != NULL);
	CHECK(strstr(tei, "<p>R&amp;D &lt;x&gt; \"q\" 'a'</p>") != NULL);
	CHECK(strstr(tei, "target=\"http://e.org/?a=1&amp;b=&quot;2&quot;&lt;\"") != NULL);
	CHECK(strstr(tei, "<ptr target=\"http://e.org/p?x=1&amp;y=2\"/>") != NULL);
	CHECK(strstr(tei, "<title>t &amp; u</title>") != NULL);
	/* and the output is well-formed XML */
	doc = xmlReadMemory(tei, (int)strlen(tei), "out.xml", NULL, XML_PARSE_NONET);
	CHECK(doc != NULL);
	xmlFreeDoc(doc);
	free(tei);
}

#define HAN_LABELS "<labels><language ident=\"zh\" use=\"han\">한자</language></labels>"

/* Containers TEI wants non-empty are left out when the issue XML has
 * nothing for them (OCR misread the marks of references; an issue XML
 * from elsewhere), a @when that is no date is left out, and a target that
 * is no URI is escaped whole: every output stays valid against tei_all. */
static void test_tei_never_empty(void)
{
	char *tei = tei_of_new(ISSUE_HEAD
		"<part n=\"I\" title=\"t\"><article n=\"01\"><title>t</title>"
		"<references/><list/>"
		"<table type=\"grid\" rows=\"2\" cols=\"1\"><row/><row><cell row=\"1\" col=\"0\">"
		"<line>c</line></cell></row></table>"
		"<table type=\"grid\" rows=\"1\" cols=\"1\"><caption>only empty rows</caption>"
		"<row/></table>"
		"<references><ref url=\"http://ttp://www.kostec.re.kr\" date=\"203-04\u2022\">"
		"<title>r</title></ref></references>"
		"<lead date=\"2023-02-30\">x</lead>"
		"</article></part></issue>");

	HASNT_IN(tei, "<listBibl/>");
	HASNT_IN(tei, "<list/>");
	HASNT_IN(tei, "<row/>");
	CHECK(strstr(tei, "<row>\n") != NULL || strstr(tei, "<row><cell") != NULL);
	CHECK(strstr(tei, "<figure type=\"table\">") != NULL);
	CHECK(strstr(tei, "target=\"http%3A%2F%2Fttp%3A%2F%2Fwww.kostec.re.kr\"") != NULL);
	CHECK(strstr(tei, "when=\"203-04") == NULL);
	CHECK(strstr(tei, "when=\"2023-02-30\"") == NULL);
	free(tei);
}

static void test_tei_hanja(void)
{
	char *tei = tei_of_new(ISSUE_HEAD HAN_LABELS
		"<part n=\"I\" title=\"정책\"><article n=\"01\"><title>선양(沈陽) 승인</title>"
		"<p>향·진(鄉·鎮)급, 청위(淸두·충칭), 沈陽 바깥, （全角） (abc)</p>"
		"</article></part></issue>");

	CHECK(strstr(tei, "선양(<foreign xml:lang=\"zh\">沈陽</foreign>) 승인") != NULL);
	CHECK(strstr(tei, "향·진(<foreign xml:lang=\"zh\">鄉·鎮</foreign>)급") != NULL);
	CHECK(strstr(tei, "청위(<foreign xml:lang=\"zh\">淸</foreign>두·충칭)") != NULL);
	CHECK(strstr(tei, ", 沈陽 바깥") != NULL);        /* not in parentheses */
	CHECK(strstr(tei, "（<foreign xml:lang=\"zh\">全角</foreign>）") != NULL);
	CHECK(strstr(tei, "(abc)") != NULL);
	free(tei);
}

/* Words and languages come from the issue's labels (the rules table), not
 * from the program: other words are printed, none without labels. */
static void test_tei_labels(void)
{
	static const char body[] = "<contents><cpart n=\"I\" title=\"t\"/></contents>"
		"<summary><item>s</item></summary>"
		"<part n=\"I\" title=\"정책\"><article n=\"01\"><title>선양(沈陽)</title>"
		"</article></part></issue>";
	char *with, *without;
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_printf(&b, "<issue version=\"1\" source=\"t.pdf\" pages=\"1\" rules=\"x\">"
		"<meta><editor>갑</editor></meta><labels>"
		"<language ident=\"ja\" use=\"main\">日本語</language>"
		"<language ident=\"zh-Hant\" use=\"han\">漢字</language>"
		"<label for=\"contents\">차례</label><label for=\"summary\">개요</label>"
		"<label for=\"editor\">편집</label></labels>%s", body);
	with = tei_of_new(b.s);
	kp_buf_release(&b);
	CHECK(strstr(with, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"ja\">") != NULL);
	CHECK(strstr(with, "<head>차례</head>") != NULL);
	CHECK(strstr(with, "<head>개요</head>") != NULL);
	CHECK(strstr(with, "<resp>편집</resp>") != NULL);
	CHECK(strstr(with, "<language ident=\"ja\">日本語</language>") != NULL);
	CHECK(strstr(with, "선양(<foreign xml:lang=\"zh-Hant\">沈陽</foreign>)") != NULL);
	CHECK(strstr(with, "CONTENTS") == NULL && strstr(with, "요약") == NULL);
	kp_buf_init(&b);
	kp_buf_printf(&b, "%s%s", ISSUE_HEAD, body);
	without = tei_of_new(b.s);
	kp_buf_release(&b);
	CHECK(strstr(without, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">") != NULL);
	CHECK(strstr(without, "<head>") != NULL && strstr(without, "foreign") == NULL);
	/* only the header's notes are in a language the program knows */
	CHECK(strstr(without, "<language ident=\"en\"/>") != NULL);
	CHECK(strstr(without, "ident=\"ko\"") == NULL);
	free(with);
	free(without);
	/* a code that is no language tag (an issue XML from elsewhere, found
	 * by tests/property) is no language: TEI's xml:lang and @ident want one */
	kp_buf_init(&b);
	kp_buf_printf(&b, "<issue version=\"1\" source=\"t.pdf\" pages=\"1\" rules=\"x\"><meta/>"
		"<labels><language ident=\"k o\" use=\"main\">x</language>"
		"<language ident=\"zh-Hant-toolongtag\" use=\"han\">y</language></labels>%s", body);
	without = tei_of_new(b.s);
	kp_buf_release(&b);
	CHECK(strstr(without, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">") != NULL);
	CHECK(strstr(without, "foreign") == NULL && strstr(without, "ident=\"k o\"") == NULL);
	free(without);
}

/* The header an archive wants: page breaks pointing to the surfaces, page
 * images that exist, the licence, the revision, the languages used, the
 * PDF by its base name. */
static void test_tei_header(void)
{
	static const char xml[] = "<issue version=\"1\" source=\"/home/me/in/t.pdf\" pages=\"3\" "
		"producer=\"Hancom PDF 1.3\" rules=\"x\"><meta/><labels>"
		"<language ident=\"ko\" use=\"main\">한국어</language>"
		"<language ident=\"zh\" use=\"han\">한자</language>"
		"<label for=\"availability\">공공누리 제1유형</label></labels>"
		"<part n=\"I\" title=\"t\" page=\"2\"><article n=\"01\" page=\"2\"><title>제목</title>"
		"<p page=\"2\">가</p><p page=\"3\">나</p></article></part></issue>";
	struct ix_tei_opts o = { .date = "2026-11-28" };
	char pattern[64], image[64], *tei;
	FILE *fp;

	snprintf(pattern, sizeof pattern, "/tmp/kp-unit-%ld-p%%d.png", (long)getpid());
	snprintf(image, sizeof image, "/tmp/kp-unit-%ld-p2.png", (long)getpid());
	fp = fopen(image, "w");
	CHECK(fp != NULL);
	if (fp != NULL)
		fclose(fp);
	o.page_images = pattern;
	tei = tei_opts_new(xml, &o);
	CHECK(strstr(tei, "<pb n=\"1\" facs=\"#page-1\"/>") != NULL);
	CHECK(strstr(tei, "<pb n=\"2\" facs=\"#page-2\"/>") != NULL);
	/* page 3 starts inside the article, before its second paragraph */
	CHECK(strstr(tei, "<pb n=\"3\" facs=\"#page-3\"/>\n          <p>나</p>") != NULL);
	CHECK(strstr(tei, image) != NULL);             /* page 2's image exists */
	CHECK(strstr(tei, "p1.png") == NULL && strstr(tei, "p3.png") == NULL);
	CHECK(strstr(tei, "<availability>\n          <p>공공누리 제1유형</p>") != NULL);
	CHECK(strstr(tei, "<change when=\"2026-11-28\" xml:lang=\"en\">") != NULL);
	CHECK(strstr(tei, "<language ident=\"ko\">한국어</language>") != NULL);
	CHECK(strstr(tei, "ident=\"zh\"") == NULL);  /* no Hanja in this text */
	CHECK(strstr(tei, "<idno type=\"file\">t.pdf</idno>") != NULL);
	CHECK(strstr(tei, "/home/me") == NULL);
	CHECK(strstr(tei, "<note type=\"producer\">Hancom PDF 1.3</note>") != NULL);
	free(tei);
	remove(image);
	o.page_images = NULL;
	o.availability = "CC BY 4.0";
	tei = tei_opts_new(xml, &o);
	CHECK(strstr(tei, "<p>CC BY 4.0</p>") != NULL && strstr(tei, "공공누리") == NULL);
	CHECK(strstr(tei, "<graphic") == NULL);
	free(tei);
}

static void test_tei_lead_and_cert(void)
{
	char *tei = tei_of_new(ISSUE_HEAD
		"<part n=\"I\" title=\"정책\"><article n=\"01\"><title>t</title>"
		"<lead date=\"2023-04-12\" datetext=\"4.12\">요지</lead>"
		"<p ocr=\"1\" conf=\"87.5\">ocr</p><p ocr=\"1\">unknown</p>"
		"</article></part></issue>");

	CHECK(strstr(tei, "<ab type=\"lead\">요지(<date when=\"2023-04-12\">4.12</date>)</ab>") != NULL);
	CHECK(strstr(tei, "<p cert=\"0.875\">ocr</p>") != NULL);
	CHECK(strstr(tei, "<p cert=\"unknown\">unknown</p>") != NULL);
	free(tei);
}

/* Page sizes from <layout> bound the TEI surfaces; a bad size is left out. */
static void test_tei_surfaces(void)
{
	char *tei = tei_of_new("<issue version=\"1\" source=\"t.pdf\" pages=\"2\" rules=\"kostec\">"
		"<meta/><layout><page n=\"1\" width=\"595.3\" height=\"841.9\" source=\"text\"/>"
		"<page n=\"2\" width=\"5x\" height=\"841.9\" source=\"ocr\"/></layout></issue>");

	CHECK(strstr(tei, "<surface n=\"1\" xml:id=\"page-1\" ulx=\"0\" uly=\"0\" "
	                  "lrx=\"595.3\" lry=\"841.9\"/>") != NULL);
	CHECK(strstr(tei, "<surface n=\"2\" xml:id=\"page-2\"/>") != NULL);
	free(tei);
}

static void test_parse_refusals(void)
{
	struct ix_issue is;
	struct kp_buf deep;

	CHECK(parse("<?xml version=\"1.0\"?><!DOCTYPE issue [<!ENTITY x SYSTEM "
	            "\"file:///etc/passwd\">]>" ISSUE_HEAD "</issue>", &is) == KP_EXIT_FORMAT);
	CHECK(parse("<!DOCTYPE issue SYSTEM \"http://example.invalid/x.dtd\">"
	            ISSUE_HEAD "</issue>", &is) == KP_EXIT_FORMAT);
	CHECK(parse(ISSUE_HEAD "&undeclared;</issue>", &is) == KP_EXIT_FORMAT);
	CHECK(parse("<issue version=\"1\"", &is) == KP_EXIT_FORMAT);
	CHECK(parse("<x:issue xmlns:x=\"urn:x\" version=\"1\"/>", &is) == KP_EXIT_FORMAT);
	CHECK(parse("<issue/>", &is) == KP_EXIT_FORMAT);
	CHECK(is.doc == NULL);

	/* 10,000 levels: refused by libxml2's depth limit, not by the stack */
	kp_buf_init(&deep);
	kp_buf_puts(&deep, ISSUE_HEAD "<unplaced>");
	for (int i = 0; i < 10000; i++)
		kp_buf_puts(&deep, "<p>");
	for (int i = 0; i < 10000; i++)
		kp_buf_puts(&deep, "</p>");
	kp_buf_puts(&deep, "</unplaced></issue>");
	CHECK(parse(deep.s, &is) == KP_EXIT_FORMAT);
	kp_buf_release(&deep);

	CHECK(parse(ISSUE_HEAD "</issue>", &is) == KP_EXIT_OK);
	ix_issue_free(&is);
}

/* Every hostile file: exit 4, one line on stderr naming the file, no
 * output file left behind. */
static void test_hostile_files(void)
{
	static const char *const files[] = {
		"xxe.xml", "laughs.xml", "external-dtd.xml", "undeclared-entity.xml",
		"wrong-root.xml", "version2.xml", "malformed.xml", NULL
	};
	static const char *const formats[] = { "--tei", "--csv=tables", "--csv=articles", NULL };
	char out[128], in[4096], *err, *o;

	snprintf(out, sizeof out, "%s/out", tmpdir);
	for (int i = 0; files[i] != NULL; i++) {
		for (int f = 0; formats[f] != NULL; f++) {
			snprintf(in, sizeof in, "%s", repo_path("tests/export/"));
			strncat(in, files[i], sizeof in - strlen(in) - 1);
			const char *args[] = { formats[f], "-o", out, in, NULL };
			CHECK(run(args) == KP_EXIT_FORMAT);
			err = slurp(errfile);
			CHECK(count_lines(err) == 1);
			CHECK(err != NULL && strncmp(err, "issue-export: ", 14) == 0 &&
			      strstr(err, files[i]) != NULL);
			CHECK(err != NULL && strstr(err, "root:") == NULL); /* no passwd */
			o = slurp(out);
			CHECK(o == NULL);
			free(o);
			free(err);
		}
	}
}

/* Run ix_main in a child (usage() exits) with its output to `sink`;
 * returns its exit status. */
static int run_child_to(const char **args, const char *sink)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		int fd = open(sink, O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		_exit(run(args));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int run_child(const char **args)
{
	return run_child_to(args, "/dev/null");
}

static void test_usage(void)
{
	const char *a[] = { "--tei", "a.xml", "b.xml", NULL };
	const char *b[] = { "--tei", "--csv", "a.xml", NULL };
	const char *c[] = { "--csv=cells", "a.xml", NULL };
	const char *d[] = { "--crlf", "a.xml", NULL };
	const char *e[] = { "--no-such-option", NULL };
	const char *f[] = { "--version", NULL };

	CHECK(run_child(a) == KP_EXIT_USAGE);
	CHECK(run_child(b) == KP_EXIT_USAGE);
	CHECK(run_child(c) == KP_EXIT_USAGE);
	CHECK(run_child(d) == KP_EXIT_USAGE);
	CHECK(run_child(e) == KP_EXIT_USAGE);
	CHECK(run_child(f) == KP_EXIT_OK);
	/* a help text that could not be written is no success (HACKING.md) */
	CHECK(run_child_to((const char *[]){ "--help", NULL }, "/dev/full") == KP_EXIT_OUTPUT);
	CHECK(run_child_to(f, "/dev/full") == KP_EXIT_OUTPUT);
}

/* Several inputs append under one header; a bad input among them writes
 * nothing, the others still do, and the worst exit code wins. */
static void test_several_inputs(void)
{
	char out[128], full[4096], bad[4096], *csv;
	const char *p;
	int n;

	snprintf(out, sizeof out, "%s/several.csv", tmpdir);
	snprintf(full, sizeof full, "%s", repo_path("tests/export/full.xml"));
	snprintf(bad, sizeof bad, "%s", repo_path("tests/export/xxe.xml"));
	const char *args[] = { "--csv=articles", "-o", out, bad, full, bad, full, NULL };
	CHECK(run(args) == KP_EXIT_FORMAT);
	csv = slurp(out);
	CHECK(csv != NULL);
	for (n = 0, p = csv; p != NULL && (p = strstr(p, "issue,part,")) != NULL; p++)
		n++;
	CHECK(n == 1);
	CHECK(csv != NULL && strncmp(csv, "issue,part,part_title,", 22) == 0);
	CHECK(count_lines(csv) == 1 + 2 * 3); /* header, 3 articles twice */
	free(csv);

	/* CRLF ends records; a newline inside a quoted field stays LF */
	const char *crlf[] = { "--csv", "--crlf", "-o", out, full, NULL };
	CHECK(run(crlf) == KP_EXIT_OK);
	csv = slurp(out);
	p = "issue,part,article,table,caption,row,col,rowspan,colspan,header,text,page,ocr\r\n";
	CHECK(csv != NULL && strncmp(csv, p, strlen(p)) == 0);
	CHECK(csv != NULL && strstr(csv, "신설 지원\n고등 교육") != NULL);
	free(csv);

	/* a missing input: exit 3, and the good one is still written */
	const char *missing[] = { "--csv", "-o", out, "/nonexistent/in.xml", full, NULL };
	CHECK(run(missing) == KP_EXIT_NOINPUT);
	csv = slurp(out);
	CHECK(csv != NULL && count_lines(csv) > 1);
	free(csv);
}

/* The outputs for tests/export/full.xml, checked by hand once, must not
 * change unnoticed: same input, same bytes. */
static void test_golden(void)
{
	static const char *const cases[][2] = {
		{ "--tei", "tests/export/full.tei.xml" },
		{ "--csv=tables", "tests/export/full.tables.csv" },
		{ "--csv=articles", "tests/export/full.articles.csv" },
	};
	char out[128], in[4096], *got, *want;

	snprintf(out, sizeof out, "%s/golden", tmpdir);
	snprintf(in, sizeof in, "%s", repo_path("tests/export/full.xml"));
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1); /* the revision's day */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[] = { cases[i][0], "-o", out, in, NULL };
		CHECK(run(args) == KP_EXIT_OK);
		got = slurp(out);
		want = slurp(repo_path(cases[i][1]));
		CHECK(got != NULL && want != NULL && strcmp(got, want) == 0);
		if (got != NULL && want != NULL && strcmp(got, want) != 0)
			fprintf(stderr, "  %s differs from %s\n", cases[i][1], out);
		free(got);
		free(want);
	}
}

int main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return 2;
	snprintf(errfile, sizeof errfile, "%s/stderr", tmpdir);
	test_csv_field();
	test_csv_header();
	test_csv_column_headers();
	test_csv_raw_and_header_cap();
	test_tei_escaping();
	test_tei_never_empty();
	test_tei_hanja();
	test_tei_labels();
	test_tei_header();
	test_tei_lead_and_cert();
	test_tei_surfaces();
	test_parse_refusals();
	test_hostile_files();
	test_usage();
	test_several_inputs();
	test_golden();
	for (const char *const *f = (const char *const[]){ "out", "several.csv", "golden",
	                                                  "stderr", NULL }; *f; f++) {
		char path[128];

		snprintf(path, sizeof path, "%s/%s", tmpdir, *f);
		unlink(path);
	}
	rmdir(tmpdir);
	return UNIT_DONE();
}
