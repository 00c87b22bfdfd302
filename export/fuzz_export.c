/*
 * fuzz_export.c - libFuzzer target for issue-export: any bytes through
 * the safe reader (ix_parse); what it accepts must give well-formed TEI
 * (parsed back with xmlReadMemory) and CSV that is valid UTF-8, or the
 * target aborts.  Built and run by tests/fuzz.sh, never by `make`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "export.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlSetGenericErrorFunc(NULL, quiet);
	return 0;
}

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_export: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ix_issue is;
	struct kp_buf b;

	if (ix_parse("fuzz.xml", (const char *)data, size, &is) != KP_EXIT_OK)
		return 0;
	kp_buf_init(&b);
	if (ix_tei(&is, NULL, &b, NULL) == KP_EXIT_OK) {
		xmlDocPtr back = xmlReadMemory(b.s ? b.s : "", (int)b.len, "fuzz.tei.xml", "UTF-8",
		                               XML_PARSE_NONET);

		must(back != NULL, "TEI is not well formed");
		xmlFreeDoc(back);
	}
	for (int k = 0; k < 2; k++) {
		struct ix_csv_style st = { "\r\n", k, NULL };

		kp_buf_clear(&b);
		ix_csv_header(&b, k ? IX_CSV_ARTICLES : IX_CSV_TABLES, "\n");
		if (ix_csv(&is, k ? IX_CSV_ARTICLES : IX_CSV_TABLES, &st, &b) <= KP_EXIT_PARTIAL)
			must(kp_utf8_valid(b.s, b.len), "CSV is not UTF-8");
	}
	kp_buf_release(&b);
	ix_issue_free(&is);
	return 0;
}
