/* diag.c - one diagnostic format for every program. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kp.h"

/* The program's name is process-wide by nature, like BSD setprogname(3). */
static const char *progname = "kostec-pipe";

void kp_set_progname(const char *name)
{
	const char *slash = strrchr(name, '/');
	progname = slash ? slash + 1 : name;
}

const char *kp_progname(void)
{
	return progname;
}

static void vwarn(const char *file, long where, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", progname);
	if (file != NULL) {
		if (where > 0)
			fprintf(stderr, "%s:%ld: ", file, where);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void kp_warn(const char *file, long where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file, where, fmt, ap);
	va_end(ap);
}

void kp_die(int code, const char *file, long where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file, where, fmt, ap);
	va_end(ap);
	exit(code);
}

int kp_fshut(FILE *fp, const char *name)
{
	int bad = 0;

	if (fflush(fp) != 0 || ferror(fp))
		bad = 1;
	if (fp != stdout && fp != stderr) {
		if (fclose(fp) != 0)
			bad = 1;
	} else if (fp == stdout && fclose(fp) != 0 && errno != EBADF) {
		/* closing stdout surfaces a deferred write error (NFS, full disk) */
		bad = 1;
	}
	if (bad) {
		kp_warn(name, 0, "write error:");
		return -1;
	}
	return 0;
}

void kp_option_error(int ch, char *const argv[])
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	int is_long = strncmp(arg, "--", 2) == 0;

	if (ch == '?' && is_long && strchr(arg, '=') != NULL && optopt != 0)
		kp_warn(NULL, 0, "%s: takes no argument", arg);
	else if (optopt > 0 && optopt < 128 && !is_long)
		kp_warn(NULL, 0, "-%c: %s", optopt, ch == ':' ? "needs an argument" : "unknown option");
	else
		kp_warn(NULL, 0, "%s: %s", arg, ch == ':' ? "needs an argument" : "unknown option");
}

int kp_input_is_terminal(const char *input)
{
	if (strcmp(input, "-") != 0 || !isatty(STDIN_FILENO))
		return 0;
	kp_warn(NULL, 0, "no input file, and standard input is a terminal");
	return 1;
}
