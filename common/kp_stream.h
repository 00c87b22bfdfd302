/*
 * kp_stream.h - the layout stream (docs/layout-stream.md, kplayout(5)):
 * the one place that knows its records and their field positions.
 *
 * Two layers.  The record layer reads one line at a time and splits it into
 * unescaped fields, so a consumer never holds more than one line.  The typed
 * layer above it writes and parses each record type as a struct
 * (struct kp_rec_line, ...): pdf2text writes with kp_put_*(), structure reads
 * with kp_get_*(), and neither counts fields.
 */
#ifndef KP_STREAM_H
#define KP_STREAM_H

#include <stdio.h>
#include "kp.h"

#define KP_STREAM_VERSION 1
#define KP_STREAM_MAGIC "kplayout"
/* A page side in points is more than 0 and less than this: pdf2text
 * writes no larger page and structure reads none (a 1e11-pt page was
 * written, then refused). */
#define KP_PAGE_MAX 1e6
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

/* ---- typed records (stream_rec.c) ------------------------------------ */

/* Record types; KP_REC_OTHER is one a reader must skip (a later addition). */
enum kp_rec_type {
	KP_REC_HEADER, KP_REC_DOC, KP_REC_PAGE, KP_REC_BLOCK, KP_REC_LINE, KP_REC_RULE,
	KP_REC_FILL, KP_REC_IMAGE, KP_REC_TABLE, KP_REC_CELL, KP_REC_ENDPAGE, KP_REC_END,
	KP_REC_WORD, KP_REC_OTHER
};
enum kp_rec_type kp_record_type(const struct kp_record *rec);

/* What became of an image (field USE). */
enum kp_image_use { KP_USE_FIGURE, KP_USE_OCR_TABLE, KP_USE_OCR_TEXT, KP_USE_OTHER };
/* "figure", "ocr-table", "ocr-text" ("figure" for KP_USE_OTHER). */
const char *kp_image_use_name(enum kp_image_use use);

/*
 * One struct per record type, its members in field order.  Strings point
 * into the reader's line (valid until the next kp_reader_next()) or, for a
 * writer, to the caller's memory; NULL is a field with no value ("-").
 * PAGE is the page number every record inside a page repeats.  CONF is
 * -1 when there is none; a writer writes it only when OCR is set.
 */
struct kp_rec_doc {
	const char *file;         /* as given; NULL for stdin ("-") */
	long pages;
	const char *sha256, *producer, *creator;
};
struct kp_rec_page {
	long n;
	double width, height;
	long rotate;
	int ocr;                  /* SOURCE ocr, else text */
	const char *reason;
};
struct kp_rec_block {
	long page;
	const char *id;
	struct kp_box box;
	int furniture;            /* ROLE furniture, else body */
};
struct kp_rec_line {
	long page;
	const char *block;        /* NULL for a line of no block */
	struct kp_box box;
	double size;
	int bold, italic;
	int space_after;          /* STYLE s: a space glyph drawn after its last character */
	int ocr;
	double conf;
	const char *text;
};
/* A word of the line just before it: the Kth word record after a line is
 * the Kth blank-separated word of its TEXT.  CONF is -1 unless the line
 * is OCR's; CC, when known, one digit per code point of the text, 0 sure
 * .. 9 unsure (ALTO's CC), else NULL. */
struct kp_rec_word {
	long page;
	struct kp_box box;
	double conf;
	const char *cc;
	const char *text;
};
struct kp_rec_rule {
	long page;
	struct kp_box box;
};
struct kp_rec_fill {
	long page;
	struct kp_box box;
	long gray;
};
struct kp_rec_image {
	long page;
	const char *id;
	struct kp_box box;
	long pxw, pxh;
	enum kp_image_use use;
};
struct kp_rec_table {
	long page;
	const char *id;
	struct kp_box box;
	long rows, cols;
	int ocr;
	double conf;
	const char *image;        /* image ID it was read from, or NULL */
	int top_ruled;            /* a rule runs along the top edge (TOP 1) */
	int bottom_ruled;         /* and along the bottom edge (BOTTOM 1) */
};
struct kp_rec_cell {
	long page;
	const char *table;
	long row, col, rowspan, colspan;
	struct kp_box box;
	int shaded;
	int ocr;
	double conf;
	const char *text;
};
struct kp_rec_endpage {
	long page;
	long glyphs, unmapped;
};
struct kp_rec_end {
	long pages;
};

/* Writers: one whole record with its newline.  Numbers other than counts
 * are written with one decimal, never "-0.0". */
void kp_put_header(FILE *fp);
void kp_put_doc(FILE *fp, const struct kp_rec_doc *d);
void kp_put_page(FILE *fp, const struct kp_rec_page *p);
void kp_put_block(FILE *fp, const struct kp_rec_block *b);
void kp_put_line(FILE *fp, const struct kp_rec_line *l);
void kp_put_word(FILE *fp, const struct kp_rec_word *w);
void kp_put_rule(FILE *fp, const struct kp_rec_rule *r);
void kp_put_fill(FILE *fp, const struct kp_rec_fill *f);
void kp_put_image(FILE *fp, const struct kp_rec_image *im);
void kp_put_table(FILE *fp, const struct kp_rec_table *t);
void kp_put_cell(FILE *fp, const struct kp_rec_cell *c);
void kp_put_endpage(FILE *fp, const struct kp_rec_endpage *e);
void kp_put_end(FILE *fp, const struct kp_rec_end *e);

/* Parsers: rec must be of the named type.  Return 0, or -1 after a
 * one-line diagnostic (a missing field, a field that is not a number, a
 * confidence outside 0..100); the exit code is then KP_EXIT_FORMAT.
 * Only the form is checked: page order and ranges are the reader's. */
int kp_get_doc(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_doc *d);
int kp_get_page(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_page *p);
int kp_get_block(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_block *b);
int kp_get_line(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_line *l);
int kp_get_word(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_word *w);
int kp_get_rule(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_rule *ru);
int kp_get_image(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_image *im);
int kp_get_table(const struct kp_reader *r, const struct kp_record *rec,
                 struct kp_rec_table *t);
int kp_get_cell(const struct kp_reader *r, const struct kp_record *rec, struct kp_rec_cell *c);
int kp_get_endpage(const struct kp_reader *r, const struct kp_record *rec,
                   struct kp_rec_endpage *e);

#endif
