/*
 * fuzz_stream.c - libFuzzer target for the layout-stream reader (kp_reader)
 * and the UTF-8/NFC helpers it feeds: any bytes, read record by record
 * until the end or the first error, every field also parsed as a number
 * and normalised.  Built and run by tests/fuzz.sh, never by `make`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kp_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kp_reader r;
	struct kp_record rec;
	int code;
	FILE *fp;

	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer */
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	kp_reader_init(&r, fp, "fuzz");
	r.max_line = 4096; /* small, so the limit itself is reached */
	while (kp_reader_next(&r, &rec, &code) == KP_READ_OK) {
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
	return 0;
}
