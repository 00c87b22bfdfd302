/*
 * structure.h - the stages of `structure`: layout stream (docs/layout-stream.md)
 * -> page items in memory (stream_in.c) -> roles from a rules table (rules.c,
 * classify.c) -> the issue as a tree of typed nodes (node.h; build.c,
 * tables.c, dates.c, join.c) -> one XML document written atomically from
 * the tree (xml.c).  Entry point: st_main (cli.c).
 *
 * CONVENTIONS (naming, exit codes, tests, git etiquette): see HACKING.md.
 * Every exported name carries the st_ prefix; the rest is static.
 */
#ifndef STRUCTURE_H
#define STRUCTURE_H

#include <regex.h>
#include <stdio.h>
#include <libxml/tree.h>

#include "kp.h"
#include "kp_issue.h"
#include "kp_stream.h"
#include "node.h"

/* ---- stream_in.c: the stream as items in reading order ------------------ */

enum st_kind { ST_LINE, ST_TABLE, ST_IMAGE };

struct st_cell {
	int row, col, rowspan, colspan;
	struct kp_box box;
	int page;
	int lastpage;       /* > page for a row broken by a page and joined, else 0 */
	int shaded;
	int ocr;
	double conf;        /* -1 when not OCR */
	char *text;         /* printed lines separated by '\n' */
};

/* One body line, table or image.  Furniture lines are not items: their
 * texts are kept in st_doc.running. */
struct st_item {
	enum st_kind kind;
	int page, lastpage; /* lastpage > page for a table merged over pages */
	long lineno;        /* stream line of the record, for diagnostics */
	struct kp_box box;
	char *id;           /* block id of a line (NULL when standalone), table or image id */
	int ocr;
	double conf;        /* -1 when none */
	/* ST_LINE */
	char *text;
	double size;
	double body;        /* body text size of its page (st_doc.body_size when
	                     * the page has little text) */
	int bold;
	int space_after;    /* a space glyph drawn after its last character (STYLE s) */
	/* ST_TABLE */
	int rows, cols;
	int from_image;     /* read (by OCR) from an image */
	int merged;         /* continuation folded into an earlier table: skip */
	int top_ruled;      /* a rule runs along its top edge (a page's first row closed above) */
	int bottom_ruled;   /* and along its bottom edge */
	struct st_cell *cells;
	size_t ncells;
	/* ST_IMAGE */
	int pxw, pxh;
	int figure;         /* USE figure: left as a picture */
};

/* A page as pdf2text saw it: size in points and whether it was OCR'd. */
struct st_page {
	long n;
	double width, height;
	int ocr;
	char *reason;       /* why OCR ("no-text", ...), or NULL */
};

/* A furniture line's text (running header or footer) at one place, and on
 * how many pages it stands there (running.c). */
struct st_running {
	char *text;
	int page, last_page; /* the first page it stands on, the last */
	int pages;
	struct kp_box box;   /* on its first page */
	int ocr;
	double conf;
};

struct st_doc {
	char *file;         /* PDF name as pdf2text saw it */
	long pages;
	char *sha256, *producer;
	struct st_item *items;
	size_t nitems, cap;
	struct st_page *page_info; /* one per page record, in order */
	size_t npage_info;
	double body_size;   /* most common text size, weighted by length */
	int end_spaces;     /* its producer draws a space at a line ended between
	                     * words, so a wrap without one cut a word (st_wrap_scan) */
	struct st_running *running; /* furniture texts by place, at most 64 */
	size_t nrunning;
};

/* Read a whole stream into doc, one record at a time.  Returns KP_EXIT_OK or
 * the exit code after a one-line diagnostic "file:LINE: message". */
int st_read(FILE *fp, const char *name, struct st_doc *doc);
void st_doc_release(struct st_doc *doc);

/* ---- rules.c: the rules table (docs/kostec-issue.5) ---------------- */

enum st_role {
	ST_R_SERIES, ST_R_COVER_DATE, ST_R_COVER_ORG, ST_R_COVER_DOCNO, ST_R_CONTENTS, ST_R_SUMMARY, ST_R_SUMMARY_ITEM,
	ST_R_PART, ST_R_CATEGORY, ST_R_ENTRY, ST_R_ARTICLE, ST_R_LEAD, ST_R_HEADING,
	ST_R_CAPTION, ST_R_SOURCE, ST_R_NOTE, ST_R_BULLET, ST_R_REFS, ST_R_REF,
	ST_R_URL, ST_R_FROM, ST_R_ATTACHMENT, ST_R_COLOPHON,
	/* roles matched against parts of lines, never to classify a line */
	ST_R_LEAD_DATE, ST_R_META, ST_R_CELL_BULLET, ST_R_TABLE_GUBUN,
	ST_R_TABLE_CONTENT, ST_R_GLUE, ST_R_RUNNING,
	ST_NROLES,
	ST_R_TEXT = ST_NROLES  /* a line no rule matched */
};
#define ST_FIRST_PART_ROLE ST_R_LEAD_DATE

/* Named subexpressions a rule can point at with NAME=INDEX options. */
enum st_group {
	ST_G_TEXT, ST_G_MARK, ST_G_NUM, ST_G_TITLE, ST_G_NAME, ST_G_VALUE,
	ST_G_MONTH, ST_G_DAY, ST_G_MEDIUM, ST_NGROUPS
};
#define ST_MAXSUB 10

struct st_rule {
	enum st_role role;
	regex_t re;
	int group[ST_NGROUPS];  /* subexpression index, or -1 */
	int level;              /* list level of a bullet mark, or rank of a section
	                         * head (part, article, heading, attachment); 0 unknown */
	int big;                /* line must be larger than body text */
	int strong;             /* line must be larger than body text or bold */
	int top;                /* line must open its page's body */
	int meta;               /* meta field filled from the match (KP_EL_SERIES..), or -1 */
	char *strip;            /* suffix removed from the finished text, or NULL */
	long lineno;
};

/* A "label" or "language" line: words for the exporters (labels.c). */
struct st_label {
	int language;           /* a language line, else a label line */
	char *key;              /* label key, or language code */
	char *text;             /* the label's words, or the language's name */
	char *use;              /* a language's use (main, han), or NULL */
};

struct st_rules {
	char *name;             /* as written to issue/@rules */
	struct st_rule *v;
	size_t n;
	struct st_label *labels; /* in table order */
	size_t nlabels;
};

struct st_match {
	const struct st_rule *rule;
	const char *s;
	regmatch_t m[ST_MAXSUB];
};

/* Parse a rules table from fp; path names it in diagnostics.  Returns
 * KP_EXIT_OK or KP_EXIT_FORMAT after "path:LINE: message". */
int st_rules_parse(struct st_rules *rules, FILE *fp, const char *path, const char *name);
/* Open and parse a rules file.  Returns an exit code as st_rules_parse,
 * or KP_EXIT_NOINPUT. */
int st_rules_load(struct st_rules *rules, const char *path, const char *name);
void st_rules_release(struct st_rules *rules);
/* Where the rules table `arg` lives: arg itself when it names a file
 * (contains '/' or ends in ".rules"), else NAME.rules in $KOSTEC_RULES_DIR,
 * in structure/rules/ or share/kostec-pipe/rules/ of the running program's
 * directory (/proc/self/exe, else `exe`) or of one up to four above it, or
 * in KP_DATADIR/rules.
 * Returns a new string, or NULL when not found. */
char *st_rules_find(const char *arg, const char *exe);
/* First rule of `role` matching s (whole rule order kept); NULL if none. */
const struct st_rule *st_rules_match(const struct st_rules *rules, enum st_role role,
                                     const char *s, struct st_match *m);
/* The text of group g of a match, trimmed, as a new string; NULL when the
 * rule has no such group or it did not take part in the match. */
char *st_match_group(const struct st_match *m, enum st_group g);

/* ---- labels.c: the rules' words for the exporters ------------------------ */

/* Whether a rules line's first column is "label" or "language". */
int st_is_label_role(const char *role);
/* Add one label or language line (columns: KEY, TEXT, optional USE) to
 * rules.  Returns KP_EXIT_OK or KP_EXIT_FORMAT after "path:LINE: message". */
int st_labels_parse(struct st_rules *rules, const char *role, const char *key,
                    const char *text, const char *use, const char *path, long lineno);
void st_labels_release(struct st_rules *rules);
/* The issue XML's <labels> element, or NULL when the table has none. */
struct st_node *st_labels_node(const struct st_rules *rules);

/* ---- auto.c: which rules table ---------------------------------------- */

/* Find (st_rules_find) and load the rules table `arg`, named for
 * issue/@rules by NAME or the file's base name without ".rules".  Returns
 * an exit code after a diagnostic; leaves rules fit for st_rules_release
 * whatever it returns. */
int st_rules_open(struct st_rules *rules, const char *arg, const char *exe);
/* The table a document asks for (--rules auto): the first of the series
 * tables whose `series` rule matches a line of doc's first two pages, else
 * the general table kr-gov.  Returns an exit code as st_rules_open. */
int st_rules_auto(struct st_rules *rules, const struct st_doc *doc, const char *exe);

/* ---- classify.c: what a line is -------------------------------------- */

#define ST_BIT(role) (1ul << (role))
/* What a rule's conditions (big, strong, top) look at besides the text. */
struct st_look {
	double size;        /* points; 0 unknown: every size condition holds */
	double body;        /* body text size around the line */
	int bold;
	int top;            /* the first item of its page; -1 unknown (holds) */
};
/* Role of a line of text: the first rule in table order whose role is in
 * `roles` (a set of ST_BIT()s), that matches and whose size condition
 * holds (size 0: unknown, holds always; OCR sizes are estimates from the
 * glyphs' height, good to about 10%); ST_R_TEXT when none. */
enum st_role st_classify(const struct st_rules *rules, unsigned long roles, const char *text,
                         double size, double body_size, struct st_match *m);
/* The same for a line asked about more than once, with other role sets,
 * its conditions from look (st_classify: size, not bold, top unknown):
 * bit i of failed (ST_FAILED_BYTES(rules) bytes, zero for a new line)
 * records that rule i does not hold for the line, so no rule is tried on a line twice (the one that
 * wins runs again, for its groups). */
#define ST_FAILED_BYTES(rules) (((rules)->n + 7) / 8)
enum st_role st_classify_line(const struct st_rules *rules, unsigned char *failed,
                              unsigned long roles, const char *text, const struct st_look *look,
                              struct st_match *m);
/* A part number as the Latin numeral: "Ⅱ", "II", "II." and "2" give "II".
 * Returns a new string (the input trimmed when it is no numeral). */
char *st_part_numeral(const char *s);

/* ---- dates.c ------------------------------------------------------------ */

/* Find "YYYY. M. D", "YYYY-MM-DD", "YYYY년 M월 D일" in s.  Returns 0 and the
 * numbers, or -1. */
int st_parse_ymd(const char *s, int *y, int *m, int *d);
/* Year of a month/day printed without one in an issue of year/month: the
 * year before when the month is later than the issue's. */
int st_date_year(int issue_year, int issue_month, int month);
/* "YYYY-MM-DD" into out (11 bytes); -1 when the date is impossible. */
int st_iso_date(char *out, size_t outsz, int y, int m, int d);

/* ---- join.c: rejoining wrapped lines ----------------------------------- */

/* How a line that the next one continues ended. */
enum st_wrap {
	ST_WRAP_GUESS,      /* unknown: st_join decides from the text */
	ST_WRAP_WORD,       /* between words */
	ST_WRAP_INSIDE      /* inside a word (Korean wraps between syllables) */
};
/* Set doc->end_spaces: at least 3 of its wrapped lines, a quarter or
 * more of them but not (nearly) all, end with a drawn space (STYLE s). */
void st_wrap_scan(struct st_doc *doc);
/* How line item idx, continued by item idx + 1, ended: from its space
 * flag when doc->end_spaces; else, in a justified block whose producer keeps the space of a
 * line ended between words inside the measure (lines end either at the
 * right edge or a space's width short of it), from where it ends. */
enum st_wrap st_wrap_at(const struct st_doc *doc, size_t idx);
/* The right edge of line item idx's block: the rightmost end of its lines. */
double st_block_right(const struct st_doc *doc, size_t idx);
/* Append a wrapped line to b: ST_WRAP_WORD with a space, ST_WRAP_INSIDE
 * without; ST_WRAP_GUESS with a space, or without one after an opening
 * bracket or a hyphen, before closing punctuation, or when the rules' glue
 * pattern matches the start of next. */
void st_join(struct kp_buf *b, const char *next, const struct st_rules *rules, enum st_wrap how);

/* ---- tables.c ------------------------------------------------------------- */

/* Number of header rows: leading rows whose cells are all shaded, else 1
 * when the first cell matches the rules' gubun cue, else 0. */
int st_table_header_rows(const struct st_item *t, const struct st_rules *rules);
/* "gubun", "gubun3", "sidebyside" or "grid". */
const char *st_table_type(const struct st_item *t, const struct st_rules *rules);
/* Fold a table continued on the next page into its first part: the next
 * page's first item is a table with the same columns at the same x.  A
 * repeated header is dropped.  A row broken by the page is joined again:
 * the break is open (no rule under the part before it, nor, without a
 * repeated header, over the part after it) and the continuation's first
 * cell is empty, or the one above it is, or one of its cells goes on with
 * what the cell above was cut in: an item (a line without a cell-bullet
 * mark under marked ones) or running text (two lines or more, the last
 * ending no sentence). */
void st_tables_merge(struct st_doc *doc, const struct st_rules *rules);
/* The table element for t, with caption (may be NULL; taken over). */
struct st_node *st_table_node(const struct st_item *t, const struct st_rules *rules,
                              struct st_node *caption);

/* ---- running.c: running headers ------------------------------------------ */

/* Count a furniture line's text at its place on page (text as read, never
 * empty to count). */
void st_running_add(struct st_doc *doc, int page, const struct kp_box *box, int ocr,
                    double conf, const char *text);
void st_running_release(struct st_doc *doc);

/* ---- xml.c ------------------------------------------------------------------ */

/* The issue XML document of the tree under root.  The tree is used up:
 * each node is freed as soon as its element is made. */
xmlDocPtr st_xml_doc(struct st_node *root);
/* Write the tree under root as XML to path atomically (temp file + rename),
 * or to stdout when path is NULL; the tree is used up as by st_xml_doc.
 * Returns an exit code. */
int st_xml_write(struct st_node *root, const char *path);

/* ---- build.c ----------------------------------------------------------------- */

struct st_build_opts {
	const char *name;       /* stream name for diagnostics */
	int warnings;           /* list unplaced text on stderr */
};
/* The issue tree for doc (free with st_node_free).  Never fails; what no
 * rule places is kept in `unplaced`. */
struct st_node *st_build(const struct st_doc *doc, const struct st_rules *rules,
                         const struct st_build_opts *opts);

/* ---- status.c ------------------------------------------------------------------ */

/* Is cp a dot of a leader ("······", "....") on a contents line? */
int st_leader_dot(unsigned long cp);

/* Was the document structured?  Sets *unplaced to the share of its text
 * characters (white space and dot leaders not counted) left in <unplaced>
 * and *sections to its numbered or titled parts, its articles and its
 * sections (those of the back matter not counted); returns
 * KP_EXIT_PARTIAL when there is no section or more than half the text is
 * unplaced, else KP_EXIT_OK.  Says nothing. */
int st_status(const struct st_node *root, double *unplaced, size_t *sections);
/* The one warning for that status: "partial: ..." naming `name`, or with
 * `warnings` the share unplaced of a structured document (none at 0%). */
void st_status_tell(const char *name, int status, double unplaced, size_t sections, int warnings);

/* ---- cli.c ----------------------------------------------------------------------- */

int st_main(int argc, char **argv);

#endif
