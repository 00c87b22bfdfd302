/*
 * kp.h - what pdf2text, structure and issue-export truly share:
 * exit codes, diagnostics, allocation that dies on out-of-memory,
 * a growable string buffer, UTF-8/NFC text and page geometry.
 * The layout-stream reader and writer are in kp_stream.h.
 *
 * Ownership: functions named x_new or x_dup return memory the caller frees;
 * x_init and x_release work on caller-owned structs.
 */
#ifndef KP_H
#define KP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define KP_VERSION "0.1.0"

/* Exit codes shared by every program; documented under EXIT STATUS in
 * each man page.  When several problems occur, the largest code wins. */
enum kp_exit {
	KP_EXIT_OK = 0,        /* everything converted */
	KP_EXIT_PARTIAL = 1,   /* output written, but some pages or items failed */
	KP_EXIT_USAGE = 2,     /* bad command line */
	KP_EXIT_NOINPUT = 3,   /* input cannot be opened or read */
	KP_EXIT_FORMAT = 4,    /* input is not what the program reads */
	KP_EXIT_ENCRYPTED = 5, /* PDF needs a (different) password */
	KP_EXIT_LIMIT = 6,     /* a resource limit was exceeded */
	KP_EXIT_OUTPUT = 7,    /* output cannot be written */
	KP_EXIT_INTERNAL = 8   /* out of memory or a bug */
};

/* Diagnostics: "prog: file:where: message" on stderr.  `where` is a page
 * or line number, omitted when 0; file is omitted when NULL.  A format
 * ending in ':' appends strerror(errno). */
void kp_set_progname(const char *name);
const char *kp_progname(void);
void kp_warn(const char *file, long where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* After getopt_long returned ':' or '?' (optstring starting with ':',
 * opterr 0): one line in every program's words, "-x: unknown option",
 * "--name: unknown option", "-o: needs an argument", "--tei=x: takes no
 * argument".  The caller then prints its usage and exits 2. */
void kp_option_error(int ch, char *const argv[]);
/* Whether input (a path, "-" for standard input) would have the program
 * wait for a person typing: standard input is a terminal.  Then prints
 * "no input file, and standard input is a terminal"; the caller exits 2. */
int kp_input_is_terminal(const char *input);
_Noreturn void kp_die(int code, const char *file, long where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Allocation that exits with KP_EXIT_INTERNAL on failure. */
void *kp_xmalloc(size_t n);
void *kp_xcalloc(size_t n, size_t size);
void *kp_xrealloc(void *p, size_t n);
void *kp_xreallocarray(void *p, size_t n, size_t size);
char *kp_xstrdup(const char *s);
char *kp_xstrndup(const char *s, size_t n);

/* Growable NUL-terminated string. */
struct kp_buf {
	char *s;
	size_t len, cap;
};
void kp_buf_init(struct kp_buf *b);
void kp_buf_release(struct kp_buf *b);
void kp_buf_clear(struct kp_buf *b);
void kp_buf_add(struct kp_buf *b, const char *s, size_t n);
void kp_buf_puts(struct kp_buf *b, const char *s);
void kp_buf_putc(struct kp_buf *b, int c);
void kp_buf_printf(struct kp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *kp_buf_detach(struct kp_buf *b); /* caller frees; b is left empty */

/* UTF-8 text. */
int kp_utf8_valid(const char *s, size_t n);
/* Decode one code point at s (n bytes available); returns its length, or
 * 0 on invalid input.  *cp receives the code point. */
size_t kp_utf8_decode(const char *s, size_t n, unsigned long *cp);
void kp_utf8_encode(struct kp_buf *b, unsigned long cp);
/* NFC normalisation (compatibility ideographs become unified ones,
 * conjoining jamo become syllables).  Returns a new string. */
char *kp_nfc_new(const char *s);
/* Collapse runs of white space to one space and trim the ends, in place. */
void kp_squeeze_space(char *s);
int kp_is_hangul(unsigned long cp);
int kp_is_han(unsigned long cp);
/* Is the first code point of s a Hangul one, a Han ideograph? */
int kp_starts_hangul(const char *s);
int kp_starts_han(const char *s);
/* Does s hold Han ideographs and no Hangul (a Chinese title)? */
int kp_is_chinese(const char *s);

/* Numbers (common/stats.c).  kp_median sorts v[0..n) in place and
 * returns its median, 0 when n is 0.  Union-find over indices: start with
 * parent[i] = i; joining two sets keeps the smaller root. */
int kp_cmp_double(const void *a, const void *b);
double kp_median(double *v, size_t n);
/* Levenshtein distance between code points x[0..n) and y[0..m). */
size_t kp_edit_distance(const unsigned long *x, size_t n, const unsigned long *y, size_t m);
size_t kp_uf_find(size_t *parent, size_t i);
void kp_uf_join(size_t *parent, size_t a, size_t b);

/* Output: write everything buffered and close, reporting a full disk or a
 * closed pipe.  Returns 0 or -1 (after a diagnostic naming `name`). */
int kp_fshut(FILE *fp, const char *name);

/* Output to FILE.tmpXXXXXX (-o): until kp_cleanup_forget(), a stop signal
 * (kp_stop_signals) removes `path` (kept alive by the caller) before the
 * program dies of the signal, so an interrupted run leaves no partial
 * file.  One path at a time (common/cleanup.c). */
void kp_cleanup_on_signal(const char *path);
/* The signals that end a program by default and can be caught: SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
 * SIGPROF, SIGXCPU, SIGXFSZ.  On each, temporary files are removed
 * (here and in pdf2text -j) before the program dies of it. */
#define KP_NSTOP_SIGNALS 11
extern const int kp_stop_signals[KP_NSTOP_SIGNALS];
void kp_cleanup_forget(void);

/* Where a program writes: stdout, or FILE through FILE.tmpXXXXXX renamed
 * into place by kp_output_close(out, keep=1); with keep=0 or on a write
 * error the temporary file is removed, so no partial FILE ever appears.
 * Both return KP_EXIT_OK or KP_EXIT_OUTPUT (after a diagnostic). */
struct kp_output {
	FILE *fp;
	const char *name;  /* FILE, or "stdout" */
	char *tmp;         /* temporary path, NULL for stdout */
};
int kp_output_open(struct kp_output *out, const char *path);
int kp_output_close(struct kp_output *out, int keep);

/* dlopen the shared object `name` (RTLD_NOW | RTLD_GLOBAL) beside the
 * running program, else in KP_LIBDIR (common/load.c); NULL after a
 * diagnostic "cannot load WHAT: why". */
void *kp_load_object(const char *name, const char *what);

/* Page geometry in PDF points, origin top left, y growing downwards. */
struct kp_box {
	double x0, y0, x1, y1;
};
double kp_box_width(const struct kp_box *b);
double kp_box_height(const struct kp_box *b);
void kp_box_union(struct kp_box *into, const struct kp_box *b);
int kp_box_contains_point(const struct kp_box *b, double x, double y);
/* Overlap of a and b as a fraction of b's area (0..1). */
double kp_box_overlap(const struct kp_box *a, const struct kp_box *b);
/* Format "x0 y0 x1 y1" with one decimal, as the stream and XML write it. */
void kp_box_format(const struct kp_box *b, char *out, size_t outsz);
/* Parse "x0 y0 x1 y1" (four finite numbers, nothing after); 0 or -1. */
int kp_box_parse(const char *s, struct kp_box *b);

#endif
