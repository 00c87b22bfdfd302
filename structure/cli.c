/* cli.c - the command line of `structure` (docs/structure.1). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "structure.h"

#define DEFAULT_RULES "auto"

_Noreturn static void usage(int code)
{
	FILE *fp = code == KP_EXIT_OK ? stdout : stderr;

	fprintf(fp,
	        "usage: structure [-hTV] [--warnings] [--rules FILE|NAME] [-o FILE] [stream | -]\n"
	        "  -o, --output FILE    write the XML to FILE (atomically) instead of stdout\n"
	        "  -T, --tree           write the document tree as indented text, not XML\n"
	        "      --rules FILE|NAME  rules table: auto (default: chosen from the document),\n"
	        "                       a file, or kostec or kr-gov\n"
	        "      --warnings       list text no rule could place on stderr\n"
	        "  -h, --help           show this help and exit\n"
	        "  -V, --version        show the version and exit\n");
	if (fp == stdout)
		exit(kp_fshut(stdout, "stdout") < 0 ? KP_EXIT_OUTPUT : KP_EXIT_OK);
	exit(code);
}

/* libxml2's own messages would add lines to our one-line diagnostics. */
static void quiet_xml(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* -T: the tree as st_node_dump prints it, to path or stdout. */
static int write_tree(const struct st_node *root, const char *path)
{
	struct kp_output out;

	if (kp_output_open(&out, path) != KP_EXIT_OK)
		return KP_EXIT_OUTPUT;
	st_node_dump(out.fp, root);
	return kp_output_close(&out, 1) != KP_EXIT_OK ? KP_EXIT_OUTPUT : KP_EXIT_OK;
}

int st_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"rules", required_argument, NULL, 'r'},
		{"tree", no_argument, NULL, 'T'},
		{"warnings", no_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL, *rules_arg = DEFAULT_RULES, *in = "-";
	struct st_build_opts bo = {0};
	struct st_rules rules = {0};
	struct st_doc doc;
	struct st_node *root;
	FILE *fp;
	int c, code, is_auto, tree = 0;
	double unplaced;
	size_t sections;
	int status;

	kp_set_progname("structure");
	xmlSetGenericErrorFunc(NULL, quiet_xml);
	optind = 0; /* glibc: 0 restarts getopt fully (tests call st_main twice) */
	opterr = 0; /* our own messages (kp_option_error) */
	while ((c = getopt_long(argc, argv, ":o:ThV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'r': rules_arg = optarg; break;
		case 'T': tree = 1; break;
		case 'w': bo.warnings = 1; break;
		case 'h': usage(KP_EXIT_OK);
		case 'V':
			printf("structure kostec-pipe %s\n", KP_VERSION);
			return kp_fshut(stdout, "stdout") < 0 ? KP_EXIT_OUTPUT : KP_EXIT_OK;
		case ':':
		case '?':
			kp_option_error(c, argv);
			usage(KP_EXIT_USAGE);
		default: usage(KP_EXIT_USAGE);
		}
	}
	is_auto = strcmp(rules_arg, "auto") == 0;
	if (argc - optind > 1) {
		kp_warn(NULL, 0, "one stream at a time");
		usage(KP_EXIT_USAGE);
	}
	if (optind < argc)
		in = argv[optind];
	if (kp_input_is_terminal(in))
		usage(KP_EXIT_USAGE);
	/* A named table is loaded first, so that a wrong name is told at once. */
	if (!is_auto && (code = st_rules_open(&rules, rules_arg, argv[0])) != KP_EXIT_OK) {
		st_rules_release(&rules);
		return code;
	}
	if (strcmp(in, "-") == 0) {
		fp = stdin;
		bo.name = "stdin";
	} else if ((fp = fopen(in, "r")) == NULL) {
		kp_warn(in, 0, "cannot open:");
		st_rules_release(&rules);
		return KP_EXIT_NOINPUT;
	} else {
		bo.name = in;
	}
	code = st_read(fp, bo.name, &doc);
	if (fp != stdin)
		fclose(fp);
	if (code == KP_EXIT_OK && is_auto)
		code = st_rules_auto(&rules, &doc, argv[0]);
	if (code == KP_EXIT_OK) {
		st_tables_merge(&doc, &rules);
		root = st_build(&doc, &rules, &bo);
		/* Judged before writing: the writer uses the tree up. */
		status = st_status(root, &unplaced, &sections);
		if (tree) {
			code = write_tree(root, out);
			st_node_free(root);
		} else {
			code = st_xml_write(root, out);
		}
		if (code == KP_EXIT_OK) {
			st_status_tell(bo.name, status, unplaced, sections, bo.warnings);
			code = status;
		}
	}
	st_doc_release(&doc);
	st_rules_release(&rules);
	xmlCleanupParser();
	return code;
}
