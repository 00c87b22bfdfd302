/*
 * kp_stream.h - reader and writer of the layout stream (docs/layout-stream.md).
 *
 * The writer escapes text fields; the reader splits one record at a time
 * into unescaped fields, so a consumer never holds more than one line.
 */
#ifndef KP_STREAM_H
#define KP_STREAM_H

#include <stdio.h>
#include "kp.h"

#define KP_STREAM_VERSION 1
#define KP_STREAM_MAGIC "kplayout"
/* Default cap on one record's length; longer lines are an error. */
#define KP_STREAM_MAX_LINE (4u * 1024 * 1024)

/* Write s with \\, \t, \n, \r escaped; NULL or "" is written as "-",
 * and a text that is exactly "-" as "\\-". */
void kp_stream_put_text(FILE *fp, const char *s);

/* One record: fields[0] is the record type.  Field strings are owned by
 * the reader and valid until the next kp_reader_next() call. */
struct kp_record {
	size_t nfields;
	char **fields;
	long lineno;
};

struct kp_reader {
	FILE *fp;
	const char *name;  /* for diagnostics */
	long lineno;
	size_t max_line;
	int version;       /* from the kplayout header, once read */
	int seen_end;      /* the `end` record was read */
	struct kp_buf line;
	char **fields;
	size_t fields_cap;
};

enum kp_read_status {
	KP_READ_OK = 0,
	KP_READ_EOF = 1,    /* clean end of input */
	KP_READ_ERROR = -1  /* diagnostic already printed; see err_code */
};

void kp_reader_init(struct kp_reader *r, FILE *fp, const char *name);
void kp_reader_release(struct kp_reader *r);
/* Read the next record.  The first call checks the version header.
 * On KP_READ_ERROR a one-line diagnostic naming the line has been printed
 * and *err_code holds the exit code (KP_EXIT_FORMAT, _LIMIT, _NOINPUT). */
enum kp_read_status kp_reader_next(struct kp_reader *r, struct kp_record *rec,
                                   int *err_code);

/* Field helpers: parse fields[i] as a number; return -1 (after a
 * diagnostic) when the field is missing or not a number. */
int kp_record_long(const struct kp_reader *r, const struct kp_record *rec,
                   size_t i, long *out);
int kp_record_double(const struct kp_reader *r, const struct kp_record *rec,
                     size_t i, double *out);
/* fields[i], or NULL when absent or written as "-" (no value); a
 * literal "-" (written "\\-") is returned as "-". */
const char *kp_record_text(const struct kp_record *rec, size_t i);

#endif
