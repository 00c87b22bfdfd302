/* test_common.c - the shared library: UTF-8, NFC, buffers, boxes, stream. */
#include <stdlib.h>
#include <string.h>

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
	test_squeeze();
	test_buf();
	test_box();
	test_stream_roundtrip();
	test_stream_errors();
	return UNIT_DONE();
}
