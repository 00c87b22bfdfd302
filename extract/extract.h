/*
 * extract.h - pdf2text's model of one page, between the stages:
 *
 *   chars (text layer)       one pass over the --\
 *   rules, fills, images     page (drawing.cc)   --> tables (grids) --> lines, cells
 *   OCR (scans, image tables, garbage text)       --/    --> blocks in reading order
 *
 * One struct ex_page is built, written to the stream and freed per page, so
 * memory never grows with the page count.  Everything in a page is owned by
 * it and freed by ex_page_release().  Names: ex_ prefix for what other
 * files of extract/ call; the rest is static.
 *
 * Conventions (naming, exit codes, tests): see HACKING.md
 * at the top of the repository. Read it before writing code here.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stddef.h>
#include <poppler.h>

#include "kp.h"

enum ex_ocr_mode { EX_OCR_AUTO, EX_OCR_NEVER, EX_OCR_ALWAYS };

#define EX_DEFAULT_LANG "kor+eng"    /* Tesseract languages unless --lang */

struct ex_options {
	int first_page, last_page;   /* 1-based, inclusive; 0 = document's */
	int jobs;                    /* pages in parallel */
	double dpi;                  /* OCR rendering resolution */
	const char *lang;            /* tesseract languages, e.g. "kor+chi_tra+chi_sim+eng";
	                              * NULL = EX_DEFAULT_LANG */
	enum ex_ocr_mode ocr;
	double ocr_timeout;          /* seconds per page */
	double page_timeout;         /* seconds to read a page's text and drawing; 0 = none */
	double timeout;              /* seconds for the document (--timeout); 0 = none */
	double deadline;             /* when that ends, ex_now() seconds; 0 = none */
	long max_pixels;             /* cap on any rendered or decoded image */
	int max_pages;
	const char *password;
	const char *tessdata;        /* NULL = tesseract's default */
};

/* One character of the text layer (or one OCR'd word, see `ocr`). */
struct ex_char {
	struct kp_box box;
	char *text;       /* UTF-8, NFC, usually one code point */
	double size;      /* font size in points */
	unsigned bold : 1, italic : 1, unmapped : 1;
	unsigned space_after : 1; /* a space glyph drawn right after it */
	int line_hint;    /* poppler's line index, -1 if none */
	unsigned font;    /* a hash of its font's name, 0 unknown: which share a font */
};

/* A piece of a line or cell as it was read: a character of the text
 * layer, an OCR symbol, a lead mark told by its shape.  The words' boxes
 * and confidences come from them (words.c). */
struct ex_piece {
	struct kp_box box;
	float conf;       /* OCR confidence 0-100, or -1 */
	unsigned ncp;     /* code points of its text */
};
/* The pieces of one text, in its order; none when not known. */
struct ex_pieces {
	struct ex_piece *v;
	size_t n, cap;
};

struct ex_line {
	struct kp_box box;
	char *text;       /* NFC, words separated by single spaces */
	double size;
	unsigned bold : 1, italic : 1;
	unsigned space_after : 1; /* its last character has a space glyph after it */
	int ocr;          /* text came from OCR */
	double conf;      /* OCR confidence 0-100, or -1 */
	int block;        /* index into ex_page.blocks, -1 if none */
	unsigned font;    /* ex_char.font of most of its characters */
	struct ex_pieces pieces;
};

enum ex_block_role { EX_BODY, EX_FURNITURE };

struct ex_block {
	struct kp_box box;
	enum ex_block_role role;
	size_t first_line, nlines; /* range of ex_page.lines, in reading order */
};

struct ex_rule {
	struct kp_box box;          /* a thin horizontal or vertical stroke */
};

struct ex_fill {
	struct kp_box box;          /* filled rectangle (shading) */
	int gray;                   /* 0 black .. 255 white */
};

enum ex_image_use { EX_IMG_FIGURE, EX_IMG_OCR_TABLE, EX_IMG_OCR_TEXT };

struct ex_image {
	struct kp_box box;
	int id;                     /* poppler image id */
	int pxw, pxh;
	enum ex_image_use use;
};

struct ex_cell {
	int row, col, rowspan, colspan;
	struct kp_box box;
	int shaded;
	char *text;                 /* lines joined with '\n', NFC */
	int ocr;
	double conf;                /* -1 when not OCR */
	struct ex_pieces pieces;    /* of text, its lines in order */
};

struct ex_table {
	struct kp_box box;
	int rows, cols;
	double *row_y;              /* rows+1 grid lines, top to bottom */
	double *col_x;              /* cols+1 grid lines, left to right */
	struct ex_cell *cells;
	size_t ncells;
	int ocr;
	double conf;
	int image;                  /* index into ex_page.images, or -1 */
};

/* An item of the page's reading order. */
enum ex_item_kind { EX_ITEM_BLOCK, EX_ITEM_TABLE, EX_ITEM_IMAGE };
struct ex_item {
	enum ex_item_kind kind;
	size_t index;
	struct kp_box box;
};

enum ex_page_source { EX_SRC_TEXT, EX_SRC_OCR };

struct ex_page {
	int number;                 /* 1-based */
	double width, height;       /* points, as displayed */
	int rotate;
	enum ex_page_source source;
	const char *reason;         /* why OCR: "no-text", "garbage-text", "implausible-text"
	                             * (also with source text: only lines in a lying
	                             * font were read), "forced", or NULL */
	long glyphs, unmapped;

	struct ex_char *chars;   size_t nchars;
	struct ex_line *lines;   size_t nlines;
	struct ex_block *blocks; size_t nblocks;
	struct ex_rule *rules;   size_t nrules;
	struct ex_fill *fills;   size_t nfills;
	struct ex_image *images; size_t nimages;
	struct ex_table *tables; size_t ntables;
	struct ex_item *order;   size_t norder; /* reading order */
};

void ex_page_init(struct ex_page *pg, int number);
void ex_page_release(struct ex_page *pg);
/* Free what a table owns (cells, their text, grid lines). */
void ex_table_release(struct ex_table *t);
/* Append helpers; each returns the new element, zero-filled. */
struct ex_line *ex_page_add_line(struct ex_page *pg);
/* Free what a line owns (its text and pieces). */
void ex_line_release(struct ex_line *l);
/* Append copies of from's lines to to's. */
void ex_page_copy_lines(struct ex_page *to, const struct ex_page *from);
/* Free pg's lines; it has none after. */
void ex_page_drop_lines(struct ex_page *pg);
struct ex_rule *ex_page_add_rule(struct ex_page *pg);
struct ex_fill *ex_page_add_fill(struct ex_page *pg);
struct ex_image *ex_page_add_image(struct ex_page *pg);
struct ex_table *ex_page_add_table(struct ex_page *pg);

/* --- textlayer.c: the text layer ------------------------------------------ */
struct ex_glyph; /* drawing.h */
/* The page's characters with boxes, sizes and styles from its glyphs
 * (ex_drawing_read) into pg->chars; count glyphs and unmapped ones. */
void ex_text_chars(const struct ex_glyph *g, size_t n, struct ex_page *pg);
/* Group characters into lines (baseline tolerance keeps numbers printed in
 * another font on the same line) and append them to `out` as ex_lines.
 * Used for the page flow and, separately, for each table cell. */
void ex_text_lines(const struct ex_char *chars, size_t n, struct ex_page *out);

/* --- graphics.c: rules, fills and images ----------------------------- */
/* What reads as a rule or a fill on paper, for the drawing (graphics.c)
 * and for renderings (pix.c) alike. */
#define EX_RULE_MIN_PT 15.0  /* shorter strokes are text or ornaments */
#define EX_RULE_MAX_PT 4.0   /* thicker "rules" are filled areas */
#define EX_RULE_INK 200      /* darker than this (0-255 grey) is ink of a rule */
#define EX_FILL_INK 250      /* darker than this is not paper */
#define EX_FILL_MIN_PT 12.0  /* a fill is solid over at least this (a ■ glyph is not a fill) */
struct ex_mark; /* drawing.h */
/* The page's rules, fills and images from its marks m[0..n) (drawing.h),
 * after ex_text_chars: a page without chars gets images only (a scan that
 * is OCR'd gets its rules from the OCR rendering). */
void ex_graphics_page(const struct ex_mark *m, size_t n, struct ex_page *pg);

/* --- grid.c: tables from rules --------------------------------------- */
/* Build table grids from pg->rules (and fills for shading); cells with
 * spans.  Pure geometry: unit-tested on hand-made rules. */
void ex_grid_tables(struct ex_page *pg);
/* Move the characters inside each table cell into that cell's text
 * (lines kept, in reading order); the rest stay in the page flow.
 * Returns the characters that are not in any table (caller frees the array). */
struct ex_char *ex_grid_fill_cells(struct ex_page *pg, size_t *nrest);
/* Merge collinear fragments of rules (same line within 2 pt, gaps up to
 * 3 pt) and drop rules shorter than 15 pt; rewrites rules[0..*n). */
void ex_grid_merge_rules(struct ex_rule *rules, size_t *n);

/* --- align.c, align_text.c (private align.h): tables from alignment ---- */
/* Add the tables whose columns show only in the alignment of the text
 * (characters outside the finely ruled grid tables; docs/tables.md):
 * geometry and spans, empty texts; a coarse grid holding one gives way
 * to it.  pg->lines must be the lines of all of pg->chars (ex_text_lines),
 * which serve as they are when no grid table holds a character.  Call
 * between ex_grid_tables() and ex_grid_fill_cells(). */
void ex_align_tables(struct ex_page *pg);

/* --- ocr.c (ocr_*.c, ocr.h): Tesseract + Leptonica ------------------- */
/* In pdf2text these come from pdf2text-ocr.so, loaded on the first call
 * (ocr_load.c); ex_ocr_new() and ex_ocr_langs_check() fail, after a
 * diagnostic, when it cannot be loaded. */
struct ex_ocr; /* one engine, started lazily on first use */
struct ex_doc;
/* OCR of the document doc (borrowed: it outlives the engine), whose name
 * is in diagnostics, which say why OCR failed: callers need not add
 * their own. */
struct ex_ocr *ex_ocr_new(const struct ex_options *opt, const struct ex_doc *doc);
void ex_ocr_free(struct ex_ocr *ocr);
/* Page `number` (1-based) as poppler-glib renders it, for the calls
 * below: the engine opens the document through poppler-glib on the first
 * call (pdf2text itself reads pages through drawing.cc only, and does not
 * link poppler-glib and cairo) and keeps the page until another is
 * asked for; NULL after a diagnostic when it cannot be loaded. */
PopplerPage *ex_ocr_pdf_page(struct ex_ocr *ocr, int number);
/* Whether Tesseract has data for every language of opt->lang (split at
 * '+') in its data folder: checked before any work, so that --lang xyz
 * fails at once, not page by page.  Prints one line and returns -1 when
 * one is missing. */
int ex_ocr_langs_check(const struct ex_options *opt);
/* OCR a whole page (a scan): render, deskew, find a ruled grid if any,
 * otherwise lines.  Fills pg->lines / pg->tables with ocr=1.  The caller
 * (convert.c) decides to OCR the page, says why in pg->source and
 * pg->reason and drops the text layer's lines and tables first. */
int ex_ocr_page(struct ex_ocr *ocr, PopplerPage *page, struct ex_page *pg);
/* OCR one image of a born-digital page that looks like a table or text;
 * sets its use and appends a table or lines. */
int ex_ocr_image(struct ex_ocr *ocr, PopplerPage *page, struct ex_page *pg, size_t image);
/* The text of one region of page `number` read as a line: a new string
 * (*conf its confidence), or NULL when OCR could not run (trust.c). */
char *ex_ocr_region_text(struct ex_ocr *ocr, PopplerPage *page, int number,
                         const struct kp_box *box, double *conf);

/* --- trust.c: does the text layer say what the page shows? ----------- */
/* "garbage-text" when too many of the page's glyphs have no Unicode
 * meaning (private use, U+FFFD, controls), else NULL. */
const char *ex_text_garbage(const struct ex_page *pg);
/* The first lines of pg (not OCR'd), at most max, whose Latin words are
 * implausible (long words without vowels), into lines[]; returns how
 * many. */
size_t ex_trust_suspects(const struct ex_page *pg, size_t *lines, size_t max);
/* The fonts (ex_line.font) of those lines that OCR reads otherwise
 * (similarity under one half), each once, into fonts[] (room for n);
 * returns how many: 0 when OCR agrees or cannot run. */
size_t ex_trust_liars(struct ex_ocr *ocr, PopplerPage *page, const struct ex_page *pg,
                      const size_t *lines, size_t n, unsigned *fonts);
/* How many lines of pg (not OCR'd) are in fonts[0..n). */
size_t ex_trust_count(const struct ex_page *pg, const unsigned *fonts, size_t n);
/* Read those lines again by OCR (ocr = 1; a line OCR finds empty goes).
 * Returns 0, or -1 when OCR could not run (after a diagnostic). */
int ex_trust_reread(struct ex_ocr *ocr, PopplerPage *page, struct ex_page *pg,
                    const unsigned *fonts, size_t n);

/* --- layout.c: blocks, reading order, furniture ---------------------- */
/* Group pg->lines into blocks and compute pg->order with an XY-cut over
 * blocks, tables and images. */
void ex_layout_order(struct ex_page *pg);

/* --- words.c: a line's words ----------------------------------------- */
/* Append a piece whose text is `text` (conf -1 for none). */
void ex_pieces_add(struct ex_pieces *p, const struct kp_box *box, double conf, const char *text);
/* Append the pieces of `from` to `to`. */
void ex_pieces_append(struct ex_pieces *to, const struct ex_pieces *from);
void ex_pieces_release(struct ex_pieces *p);
/* One word of a line: its box, confidence (-1 none) and, when each of its
 * code points has an OCR confidence of its own, their CC digits. */
struct ex_word {
	struct kp_box box;
	double conf;
	const char *text;  /* NUL-terminated, in ex_words.buf */
	const char *cc;    /* NULL, or a digit per code point of text, in buf */
};
/* The words of one line; reused line after line. */
struct ex_words {
	struct ex_word *v;
	size_t n, cap;
	char *buf;         /* the words' texts and CCs */
	size_t bufcap;
};
/* Set w to the words of the line's or cell's text (split at blanks, a
 * cell's lines one after the other), boxed from its pieces; none when it
 * has no pieces.  Returns w->n. */
size_t ex_line_words(const struct ex_line *l, struct ex_words *w);
size_t ex_cell_words(const struct ex_cell *c, struct ex_words *w);
void ex_words_release(struct ex_words *w);

/* --- emit.c: the stream ---------------------------------------------- */
void ex_emit_header(FILE *fp, const char *file, int pages, const char *sha256,
                    const char *producer, const char *creator);
void ex_emit_page(FILE *fp, const struct ex_page *pg);
void ex_emit_end(FILE *fp, int pages);
/* The stream's name of an image use: "figure", "ocr-table", "ocr-text". */
const char *ex_image_use_name(enum ex_image_use use);

/* --- pdf.c: the input document --------------------------------------- */
struct ex_doc {
	const char *name;           /* as given; "-" for stdin */
	GBytes *bytes;              /* the PDF: mapped file or stdin's bytes */
	const char *password;       /* as given, or NULL */
	struct ex_drawing *drawing; /* the document, for drawing.cc */
	int pages;
	char sha256[65];            /* hex */
	char *producer, *creator;   /* NFC, or NULL */
	long image_pixels;          /* largest width x height an image declares;
	                             * LONG_MAX when one is not a plain number */
	long jpx_pixels;            /* largest width x height a JPEG 2000
	                             * codestream declares (pdf.c) */
	long nesting;               /* deepest nesting of dictionaries and
	                             * arrays (pdf.c) */
};
/* Open `path` ("-" or NULL: stdin).  Returns 0, or an exit code after a
 * one-line diagnostic (no file, not a PDF, needs a password). */
int ex_doc_open(struct ex_doc *d, const char *path, const char *password);
void ex_doc_close(struct ex_doc *d);

/* --- furniture.c: running headers, footers, page numbers ------------- */
/* Is the box in the top or bottom band of the page (-1 top, 1 bottom, 0 no)? */
int ex_band_of(const struct ex_page *pg, const struct kp_box *b);
/* The band lines of one page, reduced to what furniture compares. */
struct ex_bands {
	int page;                   /* 0 = empty slot */
	size_t n;
	char **keys;                /* text without digits and spaces */
	struct kp_box *boxes;
};
void ex_bands_of(const struct ex_page *pg, struct ex_bands *out);
void ex_bands_release(struct ex_bands *b);
/* -j workers share the band lines they work out through files in their
 * private directory dir: ex_bands_save() writes b's (once: not when the
 * page's file is there or being written), ex_bands_load() reads page's
 * into *out and returns 0, or -1 when there is none yet. */
void ex_bands_save(const char *dir, const struct ex_bands *b);
int ex_bands_load(const char *dir, int page, struct ex_bands *out);
/* Mark as furniture each block of pg in a band that is a page number or
 * repeats at about the same place on one of the neighbour pages nb[]. */
void ex_furniture_mark(struct ex_page *pg, const struct ex_bands *nb, size_t nnb);

/* --- convert.c, jobs.c: the driver ----------------------------------- */
enum ex_format { EX_FMT_STREAM, EX_FMT_TREE };
/* Write pages first..last of d to out: the whole stream (or tree) from
 * header to end.  Returns the exit code (0 or KP_EXIT_PARTIAL). */
int ex_convert(struct ex_doc *d, const struct ex_options *opt, enum ex_format fmt,
               int progress, FILE *out);
/* CLOCK_MONOTONIC in seconds: deadlines that hold across -j workers. */
double ex_now(void);
/* Pixels the images drawn on one page may declare in all before the page
 * is not rendered (each drawing decodes its image again), and the pages
 * rendered in one document, as multiples of ex_options.max_pixels. */
#define EX_PAGE_IMAGE_BUDGET 4
#define EX_DOC_IMAGE_BUDGET 256
/* Levels of nested dictionaries and arrays past which Poppler drops an
 * object's content without a word (its parser's recursion limit). */
#define EX_NESTING_MAX 500

/* --- tree.c: the -T debug view --------------------------------------- */
void ex_tree_page(FILE *fp, const struct ex_page *pg);

/* --- pdf2text.c: the command line ------------------------------------ */
int ex_main(int argc, char **argv);

#endif
