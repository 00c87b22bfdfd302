/*
 * align.h - what the two files of tables from alignment share: the page's
 * free text as words and rows (align_text.c) and the candidate regions
 * that align.c tests and builds into tables.  Private to extract/.
 */
#ifndef ALIGN_H
#define ALIGN_H

#include "extract.h"

struct word {
	struct kp_box box;
	size_t chunk;           /* index into the chunk lines */
};

struct row {
	struct kp_box box;
	size_t *chunks, nchunks;
	size_t w0, nw;          /* its words, left to right, in words[] */
	int leaders;            /* a chunk holds dot leaders */
};

struct piece {
	struct kp_box box;
	int row, c0, c1;        /* row in the region; columns it covers */
	size_t nwords, nchars;  /* characters other than spaces */
	int numeric;
};

/* The page's free text as chunks (lines), words and rows. */
struct text {
	struct ex_page chunks;   /* lines only */
	struct word *words;
	size_t nwords;
	struct row *rows;
	size_t nrows;
};

/* A region: rows [r0, r1) of the text, and what is built from it. */
struct region {
	size_t r0, r1;
	double x0, x1;
	double *cols;           /* ncols + 1 boundaries, left to right */
	int ncols;
	struct piece *pieces;
	size_t npieces;
};

/* --- align_text.c ----------------------------------------------------- */
/* Words of the chunks of t (t->chunks already holds the lines of c[0..n)). */
void ex_align_words(const struct ex_char *c, size_t n, struct text *t);
/* Chunks at the same height make t's rows. */
void ex_align_rows(struct text *t);
void ex_align_text_release(struct text *t);
double ex_align_row_height(const struct text *t, size_t r);
/* The columns of region g (g->cols, g->ncols). */
void ex_align_columns(const struct text *t, struct region *g);
/* The pieces of each row of g, split at its columns. */
void ex_align_pieces(const struct text *t, struct region *g, const struct ex_char *c, size_t n);
/* The text of the chars of c[0..n) whose centres lie in b (new string). */
char *ex_align_text_in(const struct ex_char *c, size_t n, const struct kp_box *b);
/* Is s a number (digits with at most one other letter: "12.5%", "(3)")? */
int ex_align_is_number(const char *s);
/* Is s a list mark? */
int ex_align_is_mark(const char *s);

/* --- align_grid.c ----------------------------------------------------- */
/* The rows and columns the rules of pg's grid tables leave out: rows of
 * text stacked in one grid row, headings side by side in one cell. */
void ex_align_grid_rows(struct ex_page *pg);

#endif
