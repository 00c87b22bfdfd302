/*
 * ocr.h - private to extract/: what the files of OCR share.
 *
 *   ocr.c         the engines (Tesseract on Leptonica images): their
 *                 lifecycle and time limit, whole pages and images, cells
 *   ocr_text.c    recognised symbols to text: word spaces, lines, sizes
 *   ocr_reread.c  second readings: Hanja in parentheses, Chinese lines, URLs
 *   ocr_marks.c   lead and bullet marks told by their shape
 *   ocr_image.c   images made ready to read: cells cropped, rules blanked
 */
#ifndef EX_OCR_H
#define EX_OCR_H

#include <tesseract/capi.h>

#include "pix.h"

#define EX_INK 128                   /* darker than this is ink in OCR images */
#define EX_CELL_PSM PSM_SINGLE_BLOCK /* a cell, a line, a Hanja run */
#define EX_CELL_PAD 12               /* white border around a crop, pixels */

/* The engines: the first language of opt->lang reads every line and
 * cell (kor reads Hangul best alone, docs/ocr-notes.md); the others
 * (eng) read again the words and lines it is unsure of; then Hanja runs,
 * URLs and Chinese lines (ocr_reread.c). */
enum ex_engine { EX_ENG_MAIN, EX_ENG_ALT, EX_ENG_HAN, EX_ENG_URL, EX_ENG_ZH, EX_ENG_N };

/* One recognised symbol (usually a character), in the read image's pixels. */
struct ex_sym {
	char *text;
	float conf;
	int x0, y0, x1, y1;
	int word_start, line_start;
};

struct ex_syms {
	struct ex_sym *v;
	size_t n;
};

/* --- ocr.c ----------------------------------------------------------- */
void ex_syms_release(struct ex_syms *s);
/* Read the box around s->v[from..to) of pix again with engine `which` in
 * mode psm into *c, in pix's coordinates.  Returns 0, or -1 (c empty). */
int ex_ocr_reread(struct ex_ocr *o, enum ex_engine which, int psm, PIX *pix, int dpi,
                  const struct ex_syms *s, size_t from, size_t to, struct ex_syms *c);

/* --- ocr_text.c ------------------------------------------------------ */
/* How a line's symbols are spaced (ex_line_spacing). */
struct ex_spacing {
	double h, pitch, space;
	double mid;                  /* median centre y of its symbols */
};
void ex_line_spacing(const struct ex_syms *s, size_t from, size_t to, struct ex_spacing *sp);
/* The font size of line s->v[from..to) in pixels. */
double ex_line_size(const struct ex_syms *s, size_t from, size_t to, const struct ex_spacing *sp);
/* Text of the symbols s->v[from..to) read from pix, lines joined with
 * '\n'; *conf gets their mean confidence (-1 for none).  A new NFC string. */
char *ex_syms_text(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s,
                   size_t from, size_t to, double *conf);
/* A cell's text with its items' bullets put back to "•": line k whose
 * first symbol is a disc (disc[k] of n) and lines led by "*".  Takes and
 * returns an allocated string. */
char *ex_cell_bullets(char *text, const unsigned char *disc, size_t n);

/* --- ocr_reread.c ---------------------------------------------------- */

/* When s->v[from..to) holds a parenthesis, read its area again for Hanja
 * into *c and return 0; else -1 (c empty). */
int ex_han_reread(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s,
                  size_t from, size_t to, struct ex_syms *c);
/* The main reading k[from..to) with the Han runs of that reading c in. */
struct ex_syms ex_han_splice(const struct ex_syms *k, size_t from, size_t to,
                             const struct ex_syms *c);
/* Read an OCR line (symbols s->v[from..to), its text from `text` on after
 * its mark; *line and *conf its reading so far) again by the models of
 * other scripts when it is mostly not Hangul, and as a URL when it looks
 * like one. */
void ex_line_reread(struct ex_ocr *o, PIX *pix, int dpi, const struct ex_syms *s, size_t from,
                    size_t text, size_t to, const char *mark, char **line, double *conf);

/* --- ocr_image.c ---------------------------------------------------- */
/* Number of ink pixels in an 8 bpp image. */
long ex_ink_pixels(PIX *pix);
/* Crop the cell rectangle x0..x1, y0..y1 (pixels of pix) inside its
 * rules, background whitened, padded with EX_CELL_PAD of white.  NULL when
 * nothing is left; else (*cx,*cy) is the pixel of pix that the crop's (0,0)
 * is. */
PIX *ex_cell_crop(PIX *pix, int x0, int y0, int x1, int y1, int inset, int *cx, int *cy);
/* Shrink the rows *y0..*y1 of the box x0..x1 of pix to the ink inside it. */
void ex_ink_rows(PIX *pix, int x0, int *y0, int x1, int *y1);
/* Blank pg's table areas and the rules that are surely not text in pix
 * (pixel (0,0) at page point (ox,oy), `scale` points per pixel). */
void ex_blank_tables_rules(PIX *pix, const struct ex_page *pg, double scale, double ox,
                           double oy);
/* Does the picture look like a photograph or a drawing rather than text
 * on paper? */
int ex_photo_like(PIX *pix);

/* --- ocr_marks.c ----------------------------------------------------- */
/* The mark a 1 bpp blob is, by its shape, at the start of a line of text
 * height h with `gap` pixels to the next blob; NULL for none. */
const char *ex_mark_shape(PIX *bin, double h, double gap);
/* Is symbol y of the 8 bpp pix, on a line of text height h, a small
 * filled disc (a cell item's bullet, whatever it was read as)? */
int ex_sym_disc(PIX *pix, const struct ex_sym *y, double h);
/* The mark that starts a text line of the 8 bpp image pix whose symbols'
 * ink starts at x0 and spans y0..y1 (text height h); sets *mx0, *mx1 to
 * its edges.  NULL for none. */
const char *ex_line_mark(PIX *pix, int x0, int y0, int y1, double h, int *mx0, int *mx1);

#endif
