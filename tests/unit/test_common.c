/* test_common.c - the shared library: UTF-8, NFC, buffers, boxes, stream. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "../../common/kp.h"
#include "../../common/kp_stream.h"
#include "unit.h"

static void test_utf8(void)
{
	unsigned long cp = 0;

	CHECK(kp_utf8_valid("한국 abc", strlen("한국 abc")));
	CHECK(!kp_utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
	CHECK(!kp_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	CHECK(!kp_utf8_valid("\xE2\x82", 2));          /* cut sequence */
	CHECK(kp_utf8_decode("한", 3, &cp) == 3 && cp == 0xD55C);
	CHECK(kp_is_hangul(0xD55C) && !kp_is_han(0xD55C));
	CHECK(kp_is_han(0x5357) && kp_is_han(0xF900));
}

static void test_nfc(void)
{
	/* conjoining jamo U+1112 U+1161 U+11AB compose to 한 */
	char *s = kp_nfc_new("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB");
	CHECK_STR(s, "한");
	free(s);
	/* compatibility ideograph U+F9B2 (零) becomes unified U+96F6 */
	s = kp_nfc_new("\xEF\xA6\xB2");
	CHECK_STR(s, "\xE9\x9B\xB6");
	free(s);
}

/* kp_nfc_new() passes text it knows is NFC through without glib: for
 * every BMP code point, alone and followed by marks and jamo that compose
 * with what precedes them, it must agree with glib's NFC. */
static void test_nfc_fast(void)
{
	static const unsigned long after[] = { 0, 'A', 0x300, 0x301, 0x308, 0x338, 0x1161,
		                               0x11A8, 0x3099, 0xAC00 };
	int bad = 0;

	for (unsigned long cp = 1; cp < 0x10000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
			struct kp_buf b;
			char *ours;
			gchar *glib;

			kp_buf_init(&b);
			kp_utf8_encode(&b, cp);
			if (after[i] != 0)
				kp_utf8_encode(&b, after[i]);
			ours = kp_nfc_new(b.s);
			glib = g_utf8_normalize(b.s, -1, G_NORMALIZE_NFC);
			bad += strcmp(ours, glib) != 0;
			g_free(glib);
			free(ours);
			kp_buf_release(&b);
		}
	}
	CHECK(bad == 0);
}

static void test_squeeze(void)
{
	char s[] = "  a \t b\n\nc  ";

	kp_squeeze_space(s);
	CHECK_STR(s, "a b c");
}

static void test_buf(void)
{
	struct kp_buf b;
	char *s;

	kp_buf_init(&b);
	for (int i = 0; i < 1000; i++)
		kp_buf_printf(&b, "%d,", i % 10);
	CHECK(b.len == 2000);
	s = kp_buf_detach(&b);
	CHECK(strncmp(s, "0,1,2,", 6) == 0);
	CHECK(b.s == NULL && b.len == 0);
	free(s);
}

static void test_box(void)
{
	struct kp_box a = {0, 0, 10, 10}, b = {5, 5, 15, 15}, c;
	char out[64];

	CHECK(kp_box_overlap(&a, &b) > 0.24 && kp_box_overlap(&a, &b) < 0.26);
	kp_box_union(&a, &b);
	CHECK(a.x1 == 15 && a.y0 == 0);
	kp_box_format(&a, out, sizeof out);
	CHECK_STR(out, "0.0 0.0 15.0 15.0");
	CHECK(kp_box_parse("1 2.5 3 4", &c) == 0 && c.y0 == 2.5);
	CHECK(kp_box_parse("1 2 3", &c) < 0);
	/* sscanf takes these; a zone or an overlap of them means nothing */
	CHECK(kp_box_parse("nan 0 1 1", &c) < 0);
	CHECK(kp_box_parse("0 0 inf 1", &c) < 0);
	CHECK(kp_box_parse("0 0 1 1e999", &c) < 0);
}

/* Write a stream to memory, read it back, compare the fields. */
static void test_stream_roundtrip(void)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *fp = open_memstream(&mem, &memlen);
	struct kp_reader r;
	struct kp_record rec;
	int code;

	fputs("kplayout\t1\nline\t", fp);
	kp_stream_put_text(fp, "a\tb\\c\nd");
	fputs("\t", fp);
	kp_stream_put_text(fp, "");
	fputs("\t", fp);
	kp_stream_put_text(fp, "-");  /* a cell holding a dash is not empty */
	fputs("\nend\t0\n", fp);
	fclose(fp);

	fp = fmemopen(mem, memlen, "r");
	kp_reader_init(&r, fp, "mem");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && r.version == 1);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK);
	CHECK(rec.nfields == 4);
	CHECK_STR(rec.fields[1], "a\tb\\c\nd");
	CHECK(kp_record_text(&rec, 2) == NULL);
	CHECK_STR(kp_record_text(&rec, 3), "-");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_EOF);
	kp_reader_release(&r);
	fclose(fp);
	free(mem);
}

/* Typed records: what kp_put_* writes, kp_get_* reads back, field by field;
 * the positions themselves are kplayout(5)'s, checked against a line
 * written by hand. */
static void test_stream_records(void)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&mem, &len);
	struct kp_rec_line l = {
		.page = 3, .block = "b2", .box = {1, 2.04, 3.06, -0.01}, .size = 10.5, .bold = 1,
		.ocr = 1, .conf = 87.25, .text = "a\tb",
	};
	struct kp_rec_cell c = {
		.page = 3, .table = "t1", .row = 1, .col = 2, .rowspan = 1, .colspan = 3,
		.box = {5, 6, 7, 8}, .shaded = 1, .conf = -1, .text = "-",
	};
	struct kp_rec_image im = {3, "i1", {0, 0, 10, 10}, 20, 30, KP_USE_OCR_TABLE};
	struct kp_rec_rule ru = {3, {10, 20, 110, 20.5}};
	struct kp_rec_word w = {3, {1, 2, 3, 4}, 91.04, "01", "가나"}, wt = {3, {1, 2, 3, 4}, -1, NULL, "-"};
	struct kp_rec_word w2;
	/* a line ended between words: STYLE s */
	struct kp_rec_line ls = {.page = 3, .box = {1, 2, 3, 4}, .size = 9, .space_after = 1,
	                         .conf = -1, .text = "x"};
	struct kp_rec_line l2;
	struct kp_rec_cell c2;
	struct kp_rec_image im2;
	struct kp_rec_rule ru2;
	struct kp_reader r;
	struct kp_record rec;
	int code;

	kp_put_header(fp);
	kp_put_line(fp, &l);
	kp_put_word(fp, &w);
	kp_put_word(fp, &wt);
	kp_put_line(fp, &ls);
	kp_put_cell(fp, &c);
	kp_put_image(fp, &im);
	kp_put_rule(fp, &ru);
	fputs("end\t0\n", fp);
	fclose(fp);
	CHECK(strstr(mem, "line\t3\tb2\t1.0\t2.0\t3.1\t0.0\t10.5\tb\tocr\t87.3\ta\\tb\n") != NULL);
	fp = fmemopen(mem, len, "r");
	kp_reader_init(&r, fp, "mem");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_HEADER);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_LINE);
	CHECK(kp_get_line(&r, &rec, &l2) == 0);
	CHECK(l2.page == 3 && l2.bold && !l2.italic && l2.ocr && l2.conf == 87.3 && l2.size == 10.5);
	CHECK(l2.box.x1 == 3.1 && l2.box.y1 == 0);
	CHECK_STR(l2.block, "b2");
	CHECK_STR(l2.text, "a\tb");
	CHECK(!l2.space_after);
	CHECK(strstr(mem, "word\t3\t1.0\t2.0\t3.0\t4.0\t91.0\t01\t가나\n"
	                  "word\t3\t1.0\t2.0\t3.0\t4.0\t-\t-\t\\-\n") != NULL);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_WORD);
	CHECK(kp_get_word(&r, &rec, &w2) == 0);
	CHECK(w2.page == 3 && w2.conf == 91.0 && w2.box.x0 == 1 && w2.box.y1 == 4);
	CHECK_STR(w2.cc, "01");
	CHECK_STR(w2.text, "가나");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_get_word(&r, &rec, &w2) == 0);
	CHECK(w2.conf == -1 && w2.cc == NULL);
	CHECK_STR(w2.text, "-");
	CHECK(strstr(mem, "\t9.0\ts\ttext\t-\tx\n") != NULL);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_get_line(&r, &rec, &l2) == 0);
	CHECK(l2.space_after && !l2.bold && !l2.italic);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_CELL);
	CHECK(kp_get_cell(&r, &rec, &c2) == 0);
	CHECK(c2.row == 1 && c2.col == 2 && c2.rowspan == 1 && c2.colspan == 3 && c2.shaded);
	CHECK(!c2.ocr && c2.conf == -1 && c2.box.x0 == 5 && c2.box.y1 == 8);
	CHECK_STR(c2.text, "-");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_IMAGE);
	CHECK(kp_get_image(&r, &rec, &im2) == 0);
	CHECK(im2.pxw == 20 && im2.pxh == 30 && im2.use == KP_USE_OCR_TABLE);
	CHECK_STR(im2.id, "i1");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_record_type(&rec) == KP_REC_RULE);
	CHECK(kp_get_rule(&r, &rec, &ru2) == 0);
	CHECK(ru2.page == 3 && ru2.box.x0 == 10 && ru2.box.y0 == 20 && ru2.box.x1 == 110 && ru2.box.y1 == 20.5);
	kp_reader_release(&r);
	fclose(fp);
	free(mem);
}

/* A record too short, or with a confidence past 100, is refused. */
static void test_stream_record_errors(void)
{
	static const char bad[] = "kplayout\t1\nline\t1\t-\t0\t0\t1\t1\t9\t-\tocr\t101\tx\n"
	                          "cell\t1\tt1\t0\t0\nend\t0\n";
	FILE *fp = fmemopen((void *)bad, strlen(bad), "r");
	struct kp_reader r;
	struct kp_record rec;
	struct kp_rec_line l;
	struct kp_rec_cell c;
	int code;

	kp_reader_init(&r, fp, "bad");
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_get_line(&r, &rec, &l) < 0);
	CHECK(kp_reader_next(&r, &rec, &code) == KP_READ_OK && kp_get_cell(&r, &rec, &c) < 0);
	kp_reader_release(&r);
	fclose(fp);
}

/* Each malformed input must be an error with the right exit code. */
static void expect_error(const char *input, int want_code)
{
	FILE *fp = fmemopen((void *)input, strlen(input), "r");
	struct kp_reader r;
	struct kp_record rec;
	enum kp_read_status st;
	int code = 0;

	kp_reader_init(&r, fp, "bad");
	r.max_line = 64;
	while ((st = kp_reader_next(&r, &rec, &code)) == KP_READ_OK)
		;
	CHECK(st == KP_READ_ERROR && code == want_code);
	kp_reader_release(&r);
	fclose(fp);
}

static void test_stream_errors(void)
{
	FILE *devnull = freopen("/dev/null", "w", stderr);

	(void)devnull;
	expect_error("kplayout\t2\nend\t0\n", KP_EXIT_FORMAT);      /* version */
	expect_error("hello\n", KP_EXIT_FORMAT);                   /* no header */
	expect_error("kplayout\t1\npage\t1\n", KP_EXIT_FORMAT);    /* no end */
	expect_error("kplayout\t1\npage\t1", KP_EXIT_FORMAT);      /* cut record */
	expect_error("kplayout\t1\nline\t\xff\nend\t0\n", KP_EXIT_FORMAT);
	expect_error("kplayout\t1\nline\t\\q\nend\t0\n", KP_EXIT_FORMAT);
	expect_error("kplayout\t1\nline\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nend\t0\n",
	             KP_EXIT_LIMIT);
	expect_error("", KP_EXIT_FORMAT);
}

int main(void)
{
	test_utf8();
	test_nfc();
	test_nfc_fast();
	test_squeeze();
	test_buf();
	test_box();
	test_stream_roundtrip();
	test_stream_errors();
	test_stream_records();
	test_stream_record_errors();
	return UNIT_DONE();
}
