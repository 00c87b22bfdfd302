/*
 * export.h - issue-export: the issue XML (docs/issue-xml.md) to TEI P5 or
 * CSV or ALTO.  issue.c loads and checks one document safely, tei.c and csv.c turn
 * a loaded issue into bytes in a caller-owned kp_buf, cli.c is the command
 * line (ix_main).  Every function that can fail prints its own diagnostic
 * and returns an enum kp_exit code.  On failure the caller's buffer may hold
 * part of the input's output: ix_main buffers each input and drops that
 * buffer, so a failed input writes nothing.
 */
#ifndef IX_EXPORT_H
#define IX_EXPORT_H

#include <stdio.h>

#include <libxml/tree.h>

#include "kp.h"
#include "kp_issue.h"

/* Entry point of the program; main.c only calls this. */
int ix_main(int argc, char **argv);

/* One loaded issue.  `name` is what diagnostics call it (the file name, or
 * "<stdin>"); root is the <issue> element of doc.  Released by ix_issue_free. */
struct ix_issue {
	char *name;
	xmlDocPtr doc;
	xmlNodePtr root;
};

/* Read the file at path ("-" is stdin) and parse it with ix_parse. */
int ix_load(const char *path, struct ix_issue *is);
/* Parse an issue document held in memory, never touching the network or
 * the file system: a DOCTYPE (hence any entity declaration) is refused,
 * nesting deeper than libxml2's default limit is refused, and the root must
 * be <issue version="1">.  On success fills *is (caller releases it with
 * ix_issue_free) and returns KP_EXIT_OK; otherwise prints one line and
 * returns KP_EXIT_FORMAT. */
int ix_parse(const char *name, const char *data, size_t len, struct ix_issue *is);
void ix_issue_free(struct ix_issue *is);

/* Tree access, element children only, by the names of common/kp_issue.h:
 * el is an enum kp_el, or IX_ANY for any element. */
#define IX_ANY (-1)
xmlNodePtr ix_first(xmlNodePtr parent, int el);
xmlNodePtr ix_next(xmlNodePtr node, int el);
int ix_is(xmlNodePtr node, enum kp_el el);
/* Attribute value, or NULL when absent; points into the tree. */
const char *ix_attr(xmlNodePtr node, enum kp_attr attr);
/* Attribute value or "" when absent. */
const char *ix_attr0(xmlNodePtr node, enum kp_attr attr);
/* The node's own text (its text children, not its elements'), with white
 * space squeezed: a new string the caller frees. */
char *ix_text_new(xmlNodePtr node);
/* Parse a non-negative decimal attribute; returns 0 and sets *out, or -1
 * (absent or malformed: then *out is dflt). */
int ix_attr_count(xmlNodePtr node, enum kp_attr attr, long dflt, long *out);
/* The source PDF's base name: what the outputs call it, never with the
 * directories of the machine that converted it. */
const char *ix_source_name(const struct ix_issue *is);
/* Name the issue in records: its date when given, else its source's base
 * name. */
const char *ix_issue_label(const struct ix_issue *is);

/* The rules table's words carried in the issue (<labels>): the text of
 * the label for key (a new string), or NULL when the issue has none. */
char *ix_label_new(const struct ix_issue *is, const char *key);
/* The code of the language used for `use` (main, han), or NULL; a code
 * that is no language tag (xsd:language) counts as none, so that the TEI
 * stays valid whatever the issue XML holds. */
const char *ix_language(const struct ix_issue *is, const char *use);

/* What the PDF itself says of itself (its Info dictionary). */
struct ix_pdf_info {
	char *title;              /* or NULL */
	char *created;            /* the day it was made, YYYY-MM-DD, or NULL */
};
/* Read the Info of the issue's PDF at pdf (SHA-256 checked as for
 * ix_searchable_pdf); release with ix_pdf_info_free. */
int ix_pdf_info(const struct ix_issue *is, const char *pdf, struct ix_pdf_info *info);
void ix_pdf_info_free(struct ix_pdf_info *info);

/* What the TEI adds beyond the issue; NULL members are left out. */
struct ix_tei_opts {
	const char *page_images;  /* path of page N's image, %d for N */
	const char *availability; /* licence statement (else the issue's label) */
	const char *date;         /* the conversion's date, YYYY-MM-DD */
	struct ix_pdf_info pdf;   /* from --source-pdf */
};
/* TEI P5: the whole document, written to fp once it is built (nothing is
 * written when it fails), or appended to out when fp is NULL.  o may be
 * NULL. */
int ix_tei(const struct ix_issue *is, const struct ix_tei_opts *o, struct kp_buf *out, FILE *fp);

/* ALTO 4.4 of the issue, its pages read from the layout stream at layout
 * (the one the issue was made from: its SHA-256 must match), appended to
 * out. */
int ix_alto(const struct ix_issue *is, const char *layout, struct kp_buf *out);

/* A searchable copy of the PDF at pdf (the issue's: its SHA-256 must
 * match), the OCR'd lines of the layout stream at layout laid invisibly
 * over their pages; appended to out (docs/searchable-pdf.md). */
int ix_searchable_pdf(const struct ix_issue *is, const char *layout, const char *pdf,
                      struct kp_buf *out);
/* Where the issue's source PDF is: beside the issue file (input, "-" for
 * stdin), else in the current directory; a new string. */
char *ix_source_path_new(const struct ix_issue *is, const char *input);

/* CSV (RFC 4180). */
enum ix_csv_kind { IX_CSV_TABLES, IX_CSV_ARTICLES };
/* How records are written: eol ends each; raw keeps formula-like fields
 * as they are; with fp, records go to fp whenever out holds 64 KiB (the
 * caller writes the rest and checks ferror). */
struct ix_csv_style {
	const char *eol;
	int raw;
	FILE *fp;
};
/* Bytes of a body cell's column header (the texts of the header cells
 * over its column); longer ones are cut, with a warning and exit 1. */
#define IX_CSV_HEADER_MAX 1024
/* Whether a spreadsheet would run s as a formula: it starts with =, @,
 * TAB or CR, or with + or - and is not a plain number (-1,200.5). */
int ix_csv_formula_like(const char *s);
/* Append s as one field: quoted when it holds a comma, quote, CR or LF
 * (quotes doubled); other control characters and invalid UTF-8 become
 * U+FFFD; unless raw, a formula-like field gets a leading '. */
void ix_csv_field(struct kp_buf *b, const char *s, int raw);
/* The header line for kind, ending in eol. */
void ix_csv_header(struct kp_buf *b, enum ix_csv_kind kind, const char *eol);
/* The records of one issue (no header).  Every table is checked before
 * the first record: KP_EXIT_FORMAT (one line) when a cell has no valid
 * row, col or span, and then nothing is written. */
int ix_csv(const struct ix_issue *is, enum ix_csv_kind kind, const struct ix_csv_style *st,
           struct kp_buf *out);

#endif
