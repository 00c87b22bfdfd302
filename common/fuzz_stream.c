/*
 * fuzz_stream.c - libFuzzer target for the layout-stream reader (kp_reader)
 * and the UTF-8/NFC helpers it feeds: any bytes, read record by record
 * until the end or the first error, every field also parsed as a number
 * and normalised, every record of a known type parsed as its struct and
 * written again.  Built and run by tests/fuzz.sh, never by `make`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kp_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The record as its struct (kp_get_*), and that struct written (kp_put_*). */
static void typed(const struct kp_reader *r, const struct kp_record *rec, FILE *out)
{
	union {
		struct kp_rec_doc doc;
		struct kp_rec_page page;
		struct kp_rec_block block;
		struct kp_rec_line line;
		struct kp_rec_word word;
		struct kp_rec_rule rule;
		struct kp_rec_image image;
		struct kp_rec_table table;
		struct kp_rec_cell cell;
		struct kp_rec_endpage endpage;
	} u;

	switch (kp_record_type(rec)) {
	case KP_REC_DOC:
		if (kp_get_doc(r, rec, &u.doc) == 0)
			kp_put_doc(out, &u.doc);
		break;
	case KP_REC_PAGE:
		if (kp_get_page(r, rec, &u.page) == 0)
			kp_put_page(out, &u.page);
		break;
	case KP_REC_BLOCK:
		if (kp_get_block(r, rec, &u.block) == 0)
			kp_put_block(out, &u.block);
		break;
	case KP_REC_LINE:
		if (kp_get_line(r, rec, &u.line) == 0)
			kp_put_line(out, &u.line);
		break;
	case KP_REC_WORD:
		if (kp_get_word(r, rec, &u.word) == 0)
			kp_put_word(out, &u.word);
		break;
	case KP_REC_RULE:
		if (kp_get_rule(r, rec, &u.rule) == 0)
			kp_put_rule(out, &u.rule);
		break;
	case KP_REC_IMAGE:
		if (kp_get_image(r, rec, &u.image) == 0)
			kp_put_image(out, &u.image);
		break;
	case KP_REC_TABLE:
		if (kp_get_table(r, rec, &u.table) == 0)
			kp_put_table(out, &u.table);
		break;
	case KP_REC_CELL:
		if (kp_get_cell(r, rec, &u.cell) == 0)
			kp_put_cell(out, &u.cell);
		break;
	case KP_REC_ENDPAGE:
		if (kp_get_endpage(r, rec, &u.endpage) == 0)
			kp_put_endpage(out, &u.endpage);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kp_reader r;
	struct kp_record rec;
	int code;
	FILE *fp, *out;

	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer */
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	out = fopen("/dev/null", "w");
	kp_reader_init(&r, fp, "fuzz");
	r.max_line = 4096; /* small, so the limit itself is reached */
	while (kp_reader_next(&r, &rec, &code) == KP_READ_OK) {
		if (out != NULL)
			typed(&r, &rec, out);
		for (size_t i = 0; i < rec.nfields; i++) {
			long l;
			double d;
			struct kp_box b;
			char *nfc;

			kp_record_long(&r, &rec, i, &l);
			kp_record_double(&r, &rec, i, &d);
			kp_record_text(&rec, i);
			kp_box_parse(rec.fields[i], &b);
			nfc = kp_nfc_new(rec.fields[i]);
			kp_squeeze_space(nfc);
			free(nfc);
		}
	}
	kp_reader_release(&r);
	fclose(fp);
	if (out != NULL)
		fclose(out);
	return 0;
}
