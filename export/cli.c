/* cli.c - the issue-export command line: options, inputs, output file. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export.h"

enum ix_format { IX_FMT_TEI, IX_FMT_CSV_TABLES, IX_FMT_CSV_ARTICLES, IX_FMT_ALTO, IX_FMT_PDF };

struct options {
	enum ix_format format;
	int format_given;
	int crlf;
	int raw;
	const char *outfile;
	const char *layout;
	const char *source_pdf;
	struct ix_tei_opts tei;
	char date[16];
};

static _Noreturn void usage(int code)
{
	FILE *fp = code == KP_EXIT_OK ? stdout : stderr;

	fprintf(fp,
	        "usage: issue-export [--tei | --csv[=tables|articles]] [--crlf] [--raw] [-o FILE]\n"
	        "                    [--page-images PATTERN] [--availability TEXT]\n"
	        "                    [--source-pdf FILE]\n"
	        "                    [issue.xml ... | -]\n"
	        "       issue-export --alto --layout FILE.kpl [-o FILE] [issue.xml | -]\n"
	        "       issue-export --pdf --layout FILE.kpl [--source-pdf FILE] [-o FILE]\n"
	        "                    [issue.xml | -]\n"
	        "       issue-export --help | --version\n");
	if (code == KP_EXIT_OK)
		fprintf(fp,
		        "\n"
		        "  --tei             TEI P5 (default); one input only\n"
		        "  --csv[=tables]    one CSV record per table cell\n"
		        "  --csv=articles    one CSV record per article\n"
		        "  --alto            ALTO 4.4 (needs --layout); one input only\n"
		        "  --pdf             a searchable copy of the issue's PDF (needs --layout)\n"
		        "  --layout FILE     the layout stream the issue was made from\n"
		        "  --page-images PATTERN  TEI: page N's image is PATTERN, %%d replaced by N\n"
		        "  --availability TEXT    TEI: the licence statement\n"
		        "  --source-pdf FILE      the issue's PDF (TEI: its title and date; --pdf)\n"
		        "  --crlf            end CSV records with CR LF instead of LF\n"
		        "  --raw             keep CSV fields that start with = + - @ as they\n"
		        "                    are (by default they get a leading ')\n"
		        "  -o, --output FILE write FILE (replaced only on success), not stdout\n"
		        "  -h, --help        print this help and exit\n"
		        "  -V, --version     print the version and exit\n");
	if (code == KP_EXIT_OK)
		exit(kp_fshut(stdout, "stdout") == 0 ? KP_EXIT_OK : KP_EXIT_OUTPUT);
	exit(code);
}

static int is_csv(enum ix_format f)
{
	return f == IX_FMT_CSV_TABLES || f == IX_FMT_CSV_ARTICLES;
}

static void set_format(struct options *o, enum ix_format f)
{
	if (o->format_given && o->format != f) {
		kp_warn(NULL, 0, "--tei, --csv, --alto and --pdf are mutually exclusive");
		usage(KP_EXIT_USAGE);
	}
	o->format = f;
	o->format_given = 1;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "tei", no_argument, NULL, 't' },
		{ "csv", optional_argument, NULL, 'c' },
		{ "crlf", no_argument, NULL, 'r' },
		{ "alto", no_argument, NULL, 'a' },
		{ "pdf", no_argument, NULL, 'P' },
		{ "layout", required_argument, NULL, 'l' },
		{ "page-images", required_argument, NULL, 'p' },
		{ "availability", required_argument, NULL, 'A' },
		{ "source-pdf", required_argument, NULL, 's' },
		{ "raw", no_argument, NULL, 'R' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->format = IX_FMT_TEI;
	/* getopt keeps its position in globals: restart it, since tests call
	 * ix_main more than once in one process. */
	optind = 0;
	opterr = 0; /* our own messages (kp_option_error) */
	while ((c = getopt_long(argc, argv, ":o:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			set_format(o, IX_FMT_TEI);
			break;
		case 'c':
			if (optarg == NULL || strcmp(optarg, "tables") == 0) {
				set_format(o, IX_FMT_CSV_TABLES);
			} else if (strcmp(optarg, "articles") == 0) {
				set_format(o, IX_FMT_CSV_ARTICLES);
			} else {
				kp_warn(NULL, 0, "--csv: '%s' is not tables or articles", optarg);
				usage(KP_EXIT_USAGE);
			}
			break;
		case 'r':
			o->crlf = 1;
			break;
		case 'a':
			set_format(o, IX_FMT_ALTO);
			break;
		case 'P':
			set_format(o, IX_FMT_PDF);
			break;
		case 'l':
			o->layout = optarg;
			break;
		case 'p':
			o->tei.page_images = optarg;
			break;
		case 'A':
			o->tei.availability = optarg;
			break;
		case 's':
			o->source_pdf = optarg;
			break;
		case 'R':
			o->raw = 1;
			break;
		case 'o':
			o->outfile = optarg;
			break;
		case 'h':
			usage(KP_EXIT_OK);
		case 'V':
			printf("issue-export kostec-pipe %s\n", KP_VERSION);
			exit(kp_fshut(stdout, "stdout") == 0 ? KP_EXIT_OK : KP_EXIT_OUTPUT);
		case ':':
		case '?':
			kp_option_error(c, argv);
			usage(KP_EXIT_USAGE);
		default:
			usage(KP_EXIT_USAGE);
		}
	}
	if (!is_csv(o->format) && (o->crlf || o->raw)) {
		kp_warn(NULL, 0, "%s applies to CSV only", o->crlf ? "--crlf" : "--raw");
		usage(KP_EXIT_USAGE);
	}
	if (!is_csv(o->format) && argc - optind > 1) {
		kp_warn(NULL, 0, "--%s takes one input", o->format == IX_FMT_TEI ? "tei" :
		        o->format == IX_FMT_ALTO ? "alto" : "pdf");
		usage(KP_EXIT_USAGE);
	}
	if (o->format != IX_FMT_TEI && (o->tei.page_images != NULL || o->tei.availability != NULL)) {
		kp_warn(NULL, 0, "--page-images and --availability apply to --tei only");
		usage(KP_EXIT_USAGE);
	}
	if (o->source_pdf != NULL && o->format != IX_FMT_TEI && o->format != IX_FMT_PDF) {
		kp_warn(NULL, 0, "--source-pdf applies to --tei and --pdf only");
		usage(KP_EXIT_USAGE);
	}
	if ((o->format == IX_FMT_ALTO || o->format == IX_FMT_PDF) != (o->layout != NULL)) {
		kp_warn(NULL, 0, o->layout != NULL ? "--layout applies to --alto and --pdf only"
		                                   : "--alto and --pdf need --layout");
		usage(KP_EXIT_USAGE);
	}
}

/*
 * The day of the conversion for the TEI's revisionDesc, UTC: that of
 * $SOURCE_DATE_EPOCH when set (reproducible output, as the tests want),
 * else today.
 */
static void conversion_date(struct options *o)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	time_t now = time(NULL);
	struct tm tm;

	if (epoch != NULL && *epoch != '\0') {
		errno = 0;
		now = (time_t)strtoll(epoch, &end, 10);
		if (*end != '\0' || errno != 0 || now < 0) {
			kp_warn(NULL, 0, "SOURCE_DATE_EPOCH: '%s' is not a time", epoch);
			exit(KP_EXIT_USAGE);
		}
	}
	if (gmtime_r(&now, &tm) != NULL &&
	    strftime(o->date, sizeof o->date, "%Y-%m-%d", &tm) > 0)
		o->tei.date = o->date;
}

/* Convert one input into buf, after what buf holds; CSV records pass on
 * to fp as buf fills, once the input is known to be good (ix_csv), and
 * TEI once its document is built (ix_tei). */
static int convert(const char *path, const struct options *o, struct kp_buf *buf, FILE *fp)
{
	struct ix_issue is;
	struct ix_csv_style st = { o->crlf ? "\r\n" : "\n", o->raw, fp };
	int rc = ix_load(path, &is);
	struct ix_tei_opts tei;
	char *pdf;

	if (rc != KP_EXIT_OK)
		return rc;
	switch (o->format) {
	case IX_FMT_TEI:
		tei = o->tei;
		if (o->source_pdf != NULL)
			rc = ix_pdf_info(&is, o->source_pdf, &tei.pdf);
		if (rc == KP_EXIT_OK)
			rc = ix_tei(&is, &tei, buf, fp);
		ix_pdf_info_free(&tei.pdf);
		break;
	case IX_FMT_CSV_TABLES:
		rc = ix_csv(&is, IX_CSV_TABLES, &st, buf);
		break;
	case IX_FMT_CSV_ARTICLES:
		rc = ix_csv(&is, IX_CSV_ARTICLES, &st, buf);
		break;
	case IX_FMT_ALTO:
		rc = ix_alto(&is, o->layout, buf);
		break;
	case IX_FMT_PDF:
		pdf = o->source_pdf != NULL ? kp_xstrdup(o->source_pdf)
		                            : ix_source_path_new(&is, path);
		rc = ix_searchable_pdf(&is, o->layout, pdf, buf);
		free(pdf);
		break;
	}
	ix_issue_free(&is);
	return rc;
}

/*
 * Each input is converted into a buffer and written only when the whole
 * input succeeded, so a failed input leaves no partial record; the CSV
 * header goes out with the first good input.  CSV records stream out as
 * they are made, since ix_csv fails only before its first record.  The
 * worst exit code wins.
 */
int ix_main(int argc, char **argv)
{
	struct options o;
	struct kp_output out;
	struct kp_buf buf;
	char *only_stdin[] = { "-", NULL };
	char **inputs;
	int worst = KP_EXIT_OK, rc, i, wrote = 0;

	kp_set_progname("issue-export");
	parse_options(argc, argv, &o);
	if (o.format == IX_FMT_TEI)
		conversion_date(&o);
	inputs = optind < argc ? argv + optind : only_stdin;
	for (i = 0; inputs[i] != NULL; i++)
		if (kp_input_is_terminal(inputs[i]))
			usage(KP_EXIT_USAGE);
	rc = kp_output_open(&out, o.outfile);
	if (rc != KP_EXIT_OK)
		return rc;
	kp_buf_init(&buf);
	for (i = 0; inputs[i] != NULL; i++) {
		kp_buf_clear(&buf);
		if (is_csv(o.format) && !wrote)
			ix_csv_header(&buf, o.format == IX_FMT_CSV_TABLES
			              ? IX_CSV_TABLES : IX_CSV_ARTICLES, o.crlf ? "\r\n" : "\n");
		rc = convert(inputs[i], &o, &buf,
		             is_csv(o.format) || o.format == IX_FMT_TEI ? out.fp : NULL);
		if (rc > worst)
			worst = rc;
		if (rc > KP_EXIT_PARTIAL)
			continue;
		/* TEI went to out.fp already: buf is empty (buf.s may be NULL) */
		if ((buf.len > 0 && fwrite(buf.s, 1, buf.len, out.fp) != buf.len) || ferror(out.fp))
			break; /* reported by kp_output_close */
		wrote = 1;
	}
	kp_buf_release(&buf);
	/* with -o and nothing converted, no file is left */
	rc = kp_output_close(&out, wrote);
	return rc > worst ? rc : worst;
}
