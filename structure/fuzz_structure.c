/*
 * fuzz_structure.c - libFuzzer target for structure's middle: a layout
 * stream (any bytes) read with st_read, tables merged and the issue
 * document built with the kostec rules, as st_main does.  Whatever is
 * built must serialise to well-formed XML (parsed back with libxml2), or
 * the target aborts.  Built and run by tests/fuzz.sh, never by `make`.
 */
#include <stdlib.h>
#include <stdint.h>
#include <libxml/parser.h>

#include "structure.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct st_rules rules;

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *path = st_rules_find("kostec", (*argc > 0) ? (*argv)[0] : NULL);

	if (path == NULL || st_rules_load(&rules, path, "kostec") != KP_EXIT_OK) {
		fprintf(stderr, "fuzz_structure: cannot load the kostec rules\n");
		abort();
	}
	free(path);
	xmlSetGenericErrorFunc(NULL, quiet);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct st_build_opts bo = { "fuzz", 0 };
	struct st_doc doc;
	FILE *fp;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (st_read(fp, "fuzz", &doc) == KP_EXIT_OK) {
		struct st_node *root;
		xmlDocPtr x;
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocPtr back;

		st_tables_merge(&doc, &rules);
		root = st_build(&doc, &rules, &bo);
		x = st_xml_doc(root);
		xmlDocDumpMemoryEnc(x, &mem, &len, "UTF-8");
		back = xmlReadMemory((const char *)mem, len, "fuzz.xml", "UTF-8", XML_PARSE_NONET);
		if (back == NULL) {
			fprintf(stderr, "fuzz_structure: the issue XML is not well formed\n");
			abort();
		}
		xmlFreeDoc(back);
		xmlFree(mem);
		xmlFreeDoc(x);
	}
	fclose(fp);
	st_doc_release(&doc);
	return 0;
}
