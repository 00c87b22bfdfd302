/* stream.c - the layout stream's record reader and text escaping. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kp_stream.h"

void kp_stream_put_text(FILE *fp, const char *s)
{
	if (s == NULL || *s == '\0') {
		fputc('-', fp);
		return;
	}
	if (s[0] == '-' && s[1] == '\0') { /* a cell that holds "-" is not empty */
		fputs("\\-", fp);
		return;
	}
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\': fputs("\\\\", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: fputc(*s, fp); break;
		}
	}
}

void kp_reader_init(struct kp_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
	r->max_line = KP_STREAM_MAX_LINE;
	kp_buf_init(&r->line);
	kp_buf_add(&r->line, "", 0); /* line.s is a string even for an empty first line */
}

void kp_reader_release(struct kp_reader *r)
{
	kp_buf_release(&r->line);
	free(r->fields);
	r->fields = NULL;
	r->fields_cap = 0;
}

/* Read one physical line into r->line without its newline.
 * Returns 1 on a line, 0 at end of input, -1 on error (code set). */
static int read_line(struct kp_reader *r, int *err_code)
{
	int c;

	kp_buf_clear(&r->line);
	while ((c = getc(r->fp)) != EOF && c != '\n') {
		if (r->line.len >= r->max_line) {
			kp_warn(r->name, r->lineno + 1, "line longer than %zu bytes", r->max_line);
			*err_code = KP_EXIT_LIMIT;
			return -1;
		}
		kp_buf_putc(&r->line, c);
	}
	if (ferror(r->fp)) {
		kp_warn(r->name, 0, "read error:");
		*err_code = KP_EXIT_NOINPUT;
		return -1;
	}
	if (c == EOF && r->line.len == 0)
		return 0;
	r->lineno++;
	if (c == EOF) {
		kp_warn(r->name, r->lineno, "truncated record (no newline at end of input)");
		*err_code = KP_EXIT_FORMAT;
		return -1;
	}
	return 1;
}

/* Unescape one field in place; returns -1 on an unknown escape.  The
 * field "-" (no value) becomes "", and the escape "\-" a literal "-". */
static int unescape(char *s)
{
	char *w = s;

	if (s[0] == '-' && s[1] == '\0') {
		s[0] = '\0';
		return 0;
	}
	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case '-': *w++ = '-'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

static int split(struct kp_reader *r, struct kp_record *rec, int *err_code)
{
	char *p = r->line.s, *tab;
	size_t n = 0;

	for (;;) {
		if (n == r->fields_cap) {
			r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 16;
			r->fields = kp_xreallocarray(r->fields, r->fields_cap, sizeof(*r->fields));
		}
		r->fields[n++] = p;
		tab = strchr(p, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (unescape(r->fields[i]) < 0) {
			kp_warn(r->name, r->lineno, "bad escape in field %zu", i + 1);
			*err_code = KP_EXIT_FORMAT;
			return -1;
		}
	}
	rec->nfields = n;
	rec->fields = r->fields;
	rec->lineno = r->lineno;
	return 0;
}

enum kp_read_status kp_reader_next(struct kp_reader *r, struct kp_record *rec,
                                   int *err_code)
{
	int got;

	*err_code = KP_EXIT_OK;
	got = read_line(r, err_code);
	if (got < 0)
		return KP_READ_ERROR;
	if (got == 0) {
		if (r->version == 0) {
			kp_warn(r->name, 0, "empty input, not a layout stream");
			*err_code = KP_EXIT_FORMAT;
			return KP_READ_ERROR;
		}
		if (!r->seen_end) {
			kp_warn(r->name, r->lineno, "truncated stream (no end record)");
			*err_code = KP_EXIT_FORMAT;
			return KP_READ_ERROR;
		}
		return KP_READ_EOF;
	}
	if (!kp_utf8_valid(r->line.s, r->line.len) || memchr(r->line.s, '\0', r->line.len)) {
		kp_warn(r->name, r->lineno, "invalid UTF-8");
		*err_code = KP_EXIT_FORMAT;
		return KP_READ_ERROR;
	}
	if (r->seen_end) {
		kp_warn(r->name, r->lineno, "record after the end record");
		*err_code = KP_EXIT_FORMAT;
		return KP_READ_ERROR;
	}
	if (split(r, rec, err_code) < 0)
		return KP_READ_ERROR;
	if (r->version == 0) {
		char *end;
		long v;

		if (strcmp(rec->fields[0], KP_STREAM_MAGIC) != 0 || rec->nfields < 2) {
			kp_warn(r->name, r->lineno, "not a layout stream (no kplayout header)");
			*err_code = KP_EXIT_FORMAT;
			return KP_READ_ERROR;
		}
		errno = 0;
		v = strtol(rec->fields[1], &end, 10);
		if (*end != '\0' || v != KP_STREAM_VERSION) {
			kp_warn(r->name, r->lineno, "unsupported layout stream version '%s'",
			        rec->fields[1]);
			*err_code = KP_EXIT_FORMAT;
			return KP_READ_ERROR;
		}
		r->version = (int)v;
	} else if (strcmp(rec->fields[0], "end") == 0) {
		r->seen_end = 1;
	}
	return KP_READ_OK;
}

static const char *field(const struct kp_reader *r, const struct kp_record *rec, size_t i)
{
	if (i >= rec->nfields) {
		kp_warn(r->name, rec->lineno, "%s record has no field %zu", rec->fields[0], i + 1);
		return NULL;
	}
	return rec->fields[i];
}

/* One line however long the field: at most its first 40 bytes are quoted
 * (a 4 MiB field was quoted whole), cut at a UTF-8 boundary. */
static int not_a_number(const struct kp_reader *r, const struct kp_record *rec, size_t i)
{
	const char *s = rec->fields[i];
	size_t n = strlen(s), k = n > 40 ? 40 : n;

	while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	kp_warn(r->name, rec->lineno, "%s record: field %zu is not a number: '%.*s'%s",
	        rec->fields[0], i + 1, (int)k, s, k < n ? "..." : "");
	return -1;
}

/* Digits, a sign, a point and an exponent only: strtod also reads hex
 * ("0x48"), "inf" and "nan", which no writer of the stream writes. */
static int decimal(const char *s)
{
	return *s != '\0' && s[strspn(s, "+-0123456789.eE")] == '\0';
}

int kp_record_long(const struct kp_reader *r, const struct kp_record *rec,
                   size_t i, long *out)
{
	const char *s = field(r, rec, i);
	char *end;

	if (s == NULL)
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	if (!decimal(s) || *end != '\0' || errno != 0)
		return not_a_number(r, rec, i);
	return 0;
}

int kp_record_double(const struct kp_reader *r, const struct kp_record *rec,
                     size_t i, double *out)
{
	const char *s = field(r, rec, i);
	char *end;

	if (s == NULL)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	if (!decimal(s) || *end != '\0' || errno != 0 || !isfinite(*out))
		return not_a_number(r, rec, i);
	return 0;
}

const char *kp_record_text(const struct kp_record *rec, size_t i)
{
	if (i >= rec->nfields)
		return NULL;
	if (rec->fields[i][0] == '\0') /* written as "-" */
		return NULL;
	return rec->fields[i];
}
