/* pdf2text.c - the command line: options, input, output, exit status. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract.h"
#include "drawing.h"

static const char usage_text[] =
	"usage: pdf2text [-qT] [-f first] [-l last] [-j jobs] [-o file] [--dpi n]\n"
	"                [--lang langs] [--ocr=auto|never|always] [--ocr-timeout sec]\n"
	"                [--page-timeout sec] [--timeout sec] [--max-pages n]\n"
	"                [--password pw] [file.pdf | -]\n"
	"       pdf2text -h | --help | -V | --version\n"
	"  -f, --first-page=N   first page to convert (default 1)\n"
	"  -l, --last-page=N    last page to convert (default the document's last)\n"
	"  -j, --jobs=N         convert pages in N worker processes (default 1)\n"
	"  -o, --output=FILE    write to FILE; a failed run leaves no partial file\n"
	"  -T, --tree           write an indented tree for people instead of the stream\n"
	"  -q, --quiet          no progress report\n"
	"      --dpi=N          OCR rendering resolution, 72 to 1200 (default 300)\n"
	"      --lang=L         Tesseract languages (default " EX_DEFAULT_LANG ")\n"
	"      --ocr=MODE       auto (default), never or always\n"
	"      --ocr-timeout=S  seconds of OCR per page (default 60)\n"
	"      --page-timeout=S seconds to read a page's text and drawing (default 60)\n"
	"      --timeout=S      seconds for the whole document (default: no limit)\n"
	"      --max-pages=N    refuse to convert more than N pages\n"
	"      --password=PW    password of an encrypted PDF\n"
	"  -h, --help           show this summary and exit\n"
	"  -V, --version        show the version and exit\n";

static _Noreturn void usage(int code)
{
	fputs(usage_text, code == 0 ? stdout : stderr);
	if (code == 0 && kp_fshut(stdout, "stdout") != 0)
		exit(KP_EXIT_OUTPUT);
	exit(code);
}

/* Parse an integer option in [lo, hi], or exit with a usage error. */
static long number(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0)
		kp_die(KP_EXIT_USAGE, NULL, 0, "%s: not a number: '%s'", opt, s);
	if (v < lo)
		kp_die(KP_EXIT_USAGE, NULL, 0, "%s: too small: '%s' (at least %ld)", opt, s, lo);
	if (v > hi)
		kp_die(KP_EXIT_USAGE, NULL, 0, "%s: too large: '%s' (at most %ld)", opt, s, hi);
	return v;
}

enum {
	OPT_DPI = 256, OPT_LANG, OPT_OCR, OPT_OCR_TIMEOUT, OPT_PAGE_TIMEOUT, OPT_TIMEOUT,
	OPT_MAX_PAGES, OPT_PASSWORD
};

static const struct option longopts[] = {
	{ "first-page", required_argument, NULL, 'f' },
	{ "last-page", required_argument, NULL, 'l' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "tree", no_argument, NULL, 'T' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "ocr", required_argument, NULL, OPT_OCR },
	{ "ocr-timeout", required_argument, NULL, OPT_OCR_TIMEOUT },
	{ "page-timeout", required_argument, NULL, OPT_PAGE_TIMEOUT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "max-pages", required_argument, NULL, OPT_MAX_PAGES },
	{ "password", required_argument, NULL, OPT_PASSWORD },
	{ NULL, 0, NULL, 0 }
};

struct cli {
	struct ex_options opt;
	const char *output;
	const char *input;
	enum ex_format fmt;
	int quiet;
};

static void parse(struct cli *c, int argc, char **argv)
{
	int ch;

	memset(c, 0, sizeof(*c));
	c->opt.jobs = 1;
	c->opt.dpi = 300;
	c->opt.lang = EX_DEFAULT_LANG;
	c->opt.ocr = EX_OCR_AUTO;
	c->opt.ocr_timeout = 60;
	c->opt.page_timeout = 60;
	c->opt.max_pixels = 64L * 1000 * 1000;
	optind = 1;
	opterr = 0; /* our own messages, with our program name */
	while ((ch = getopt_long(argc, argv, ":f:l:j:o:TqhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': c->opt.first_page = (int)number("--first-page", optarg, 1, INT_MAX); break;
		case 'l': c->opt.last_page = (int)number("--last-page", optarg, 1, INT_MAX); break;
		case 'j': c->opt.jobs = (int)number("--jobs", optarg, 1, 256); break;
		case 'o': c->output = optarg; break;
		case 'T': c->fmt = EX_FMT_TREE; break;
		case 'q': c->quiet = 1; break;
		case 'h': usage(0);
		case 'V':
			printf("pdf2text kostec-pipe %s\n", KP_VERSION);
			exit(kp_fshut(stdout, "stdout") == 0 ? 0 : KP_EXIT_OUTPUT);
		case OPT_DPI: c->opt.dpi = (double)number("--dpi", optarg, 72, 1200); break;
		case OPT_LANG:
			if (*optarg == '\0')
				kp_die(KP_EXIT_USAGE, NULL, 0, "--lang: empty");
			c->opt.lang = optarg;
			break;
		case OPT_OCR:
			if (strcmp(optarg, "auto") == 0)
				c->opt.ocr = EX_OCR_AUTO;
			else if (strcmp(optarg, "never") == 0)
				c->opt.ocr = EX_OCR_NEVER;
			else if (strcmp(optarg, "always") == 0)
				c->opt.ocr = EX_OCR_ALWAYS;
			else
				kp_die(KP_EXIT_USAGE, NULL, 0, "--ocr: '%s': use auto, never or always", optarg);
			break;
		case OPT_OCR_TIMEOUT:
			c->opt.ocr_timeout = (double)number("--ocr-timeout", optarg, 1, 86400);
			break;
		case OPT_PAGE_TIMEOUT:
			c->opt.page_timeout = (double)number("--page-timeout", optarg, 1, 86400);
			break;
		case OPT_TIMEOUT: c->opt.timeout = (double)number("--timeout", optarg, 1, 31536000); break;
		case OPT_MAX_PAGES: c->opt.max_pages = (int)number("--max-pages", optarg, 1, INT_MAX); break;
		case OPT_PASSWORD: c->opt.password = optarg; break;
		case ':':
		case '?':
			kp_option_error(ch, argv);
			usage(KP_EXIT_USAGE);
		default: usage(KP_EXIT_USAGE);
		}
	}
	if (argc - optind > 1) {
		kp_warn(NULL, 0, "one input file at most");
		usage(KP_EXIT_USAGE);
	}
	c->input = optind < argc ? argv[optind] : "-";
	if (kp_input_is_terminal(c->input))
		usage(KP_EXIT_USAGE);
	if (c->opt.ocr != EX_OCR_NEVER && ex_ocr_langs_check(&c->opt) != 0)
		exit(KP_EXIT_USAGE);
	if (c->opt.first_page > 0 && c->opt.last_page > 0 && c->opt.first_page > c->opt.last_page)
		kp_die(KP_EXIT_USAGE, NULL, 0, "--first-page %d is after --last-page %d",
		       c->opt.first_page, c->opt.last_page);
}

/* Contract: parse the command line, open the PDF, check the page range
 * and limits, then write the stream; nothing goes to the output when the
 * document cannot be opened.  Returns the exit status (enum kp_exit). */
int ex_main(int argc, char **argv)
{
	struct cli c;
	struct ex_doc d;
	struct kp_output out;
	struct stat st;
	int rc, first, last;

	kp_set_progname(argc > 0 ? argv[0] : "pdf2text");
	parse(&c, argc, argv);
	if (c.opt.timeout > 0)
		c.opt.deadline = ex_now() + c.opt.timeout;
	signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, reported */
	if (strcmp(c.input, "-") != 0 && stat(c.input, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* poppler would say "mmap() failed: No such device" */
		kp_warn(c.input, 0, "is a directory");
		return KP_EXIT_NOINPUT;
	}
	rc = ex_doc_open(&d, c.input, c.opt.password);
	if (rc != 0)
		return rc;
	first = c.opt.first_page > 0 ? c.opt.first_page : 1;
	last = c.opt.last_page > 0 && c.opt.last_page < d.pages ? c.opt.last_page : d.pages;
	if (d.pages == 0) {
		kp_warn(d.name, 0, "no pages");
		ex_doc_close(&d);
		return KP_EXIT_FORMAT;
	}
	if (first > d.pages) {
		kp_warn(d.name, 0, "--first-page %d: the document has %d pages", first, d.pages);
		ex_doc_close(&d);
		return KP_EXIT_USAGE;
	}
	if (c.opt.max_pages > 0 && last - first + 1 > c.opt.max_pages) {
		kp_warn(d.name, 0, "%d pages to convert, more than --max-pages %d",
		        last - first + 1, c.opt.max_pages);
		ex_doc_close(&d);
		return KP_EXIT_LIMIT;
	}
	if (d.jpx_pixels > c.opt.max_pixels) {
		kp_warn(d.name, 0, "a JPEG 2000 image declares more than %ld pixels: nothing is"
		        " decoded or rendered (no images, no OCR)", c.opt.max_pixels);
		ex_drawing_skip_images(d.drawing);
		c.opt.ocr = EX_OCR_NEVER;
	} else if (d.image_pixels > c.opt.max_pixels) {
		kp_warn(d.name, 0, "an image declares more than %ld pixels: nothing is decoded"
		        " or rendered (no OCR)", c.opt.max_pixels);
		c.opt.ocr = EX_OCR_NEVER;
	}
	if (d.nesting > EX_NESTING_MAX)
		kp_warn(d.name, 0, "objects nested more than %d levels deep: Poppler leaves out what"
		        " they hold, text among it", EX_NESTING_MAX);
	c.opt.first_page = first;
	c.opt.last_page = last;
	if (kp_output_open(&out, c.output) != KP_EXIT_OK) {
		ex_doc_close(&d);
		return KP_EXIT_OUTPUT;
	}
	rc = ex_convert(&d, &c.opt, c.fmt, !c.quiet && isatty(STDERR_FILENO), out.fp);
	if (d.nesting > EX_NESTING_MAX && rc < KP_EXIT_PARTIAL)
		rc = KP_EXIT_PARTIAL;
	ex_doc_close(&d);
	if (kp_output_close(&out, rc < KP_EXIT_USAGE) != KP_EXIT_OK && rc < KP_EXIT_OUTPUT)
		rc = KP_EXIT_OUTPUT;
	return rc;
}
