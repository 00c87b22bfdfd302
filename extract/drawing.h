/*
 * drawing.h - one pass of Poppler's interpreter over a page, through its
 * core C++ API (drawing.cc, the one C++ file of the project): the text
 * layer as poppler-glib's text calls give it (the same TextOutputDev,
 * lines and words), and what the page draws besides text (straight lines,
 * filled rectangles, image placements), in page points as displayed
 * (origin top left), with no rasterising and no colour management.
 * textlayer.c turns the glyphs into chars, graphics.c the marks into
 * rules, fills and images.
 */
#ifndef EX_DRAWING_H
#define EX_DRAWING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum ex_mark_kind {
	EX_MARK_LINE,   /* an axis-parallel straight piece of a stroke */
	EX_MARK_RECT,   /* an axis-parallel filled rectangle */
	EX_MARK_IMAGE   /* an image placed on the page */
};

/* One mark, in painting order. */
struct ex_mark {
	enum ex_mark_kind kind;
	double x0, y0, x1, y1; /* painted area (a line: its length by its
	                        * width), cut to the clip in force */
	int gray;           /* 0 black .. 255 white; lines and rectangles */
	int pxw, pxh;       /* image: size in pixels as declared, not decoded */
};

/* One character of the text layer, in Poppler's reading order. */
struct ex_glyph {
	double x0, y0, x1, y1;
	unsigned long cp;   /* Unicode code point, 0 when Poppler has none */
	double size;        /* font size in points */
	const char *font;   /* font name without its subset prefix, or NULL;
	                     * owned by the ex_drawn */
	int line;           /* Poppler's line, counted from 0 */
	int space_after;    /* a space glyph is drawn right after it (Poppler's
	                     * text layer drops spaces; Hancom PDF draws one at
	                     * the end of a line that ended between words) */
};

/* What one pass over a page read. */
struct ex_drawn {
	struct ex_glyph *glyphs; size_t nglyphs;
	struct ex_mark *marks;   size_t nmarks;
	char **fonts;            size_t nfonts;
	size_t capg, capm;       /* allocated */
	size_t outside;          /* glyphs drawn off the page box, left out */
};

enum ex_read { EX_READ_TEXT, EX_READ_ALL };

struct ex_drawing; /* the document as the core API sees it */

/* Open the PDF in data[0..len) (which must outlive the result) with
 * `password` (NULL for none); NULL when the core API cannot, *encrypted
 * set when that is for want of the right password.  Poppler's own
 * messages about damage are kept quiet. */
struct ex_drawing *ex_drawing_open(const char *data, size_t len, const char *password,
                                   int *encrypted);
void ex_drawing_close(struct ex_drawing *dr);
int ex_drawing_pages(struct ex_drawing *dr);
/* The document's Info entry `key` (e.g. "Producer") in UTF-8, as
 * poppler-glib reads it (caller frees), or NULL. */
char *ex_drawing_info(struct ex_drawing *dr, const char *key);
/* Page `number` (1-based): its size as displayed (the crop box, turned by
 * /Rotate) in *w, *h, and the crop box's own in *cw, *ch, in points;
 * -1 when Poppler cannot load the page. */
int ex_drawing_page_size(struct ex_drawing *dr, int number, double *w, double *h,
                         double *cw, double *ch);
/* Record no image from now on: Poppler decodes a JPEG 2000 image in full
 * only to place it (pdf2text does this for a codestream over the pixel
 * cap, ex_doc.jpx_pixels). */
void ex_drawing_skip_images(struct ex_drawing *dr);
/* For every read from now on: the interpreter stops when CLOCK_MONOTONIC
 * passes `deadline` (seconds, 0 for none); the data of an inline image
 * declaring more than `max_pixels` pixels is skipped, not decoded. */
void ex_drawing_limits(struct ex_drawing *dr, double deadline, long max_pixels);

/* Separate words a page may start before its text stops being read:
 * Poppler's grouping of the text layer grows much faster than the words
 * (a grid of 10000 one-glyph words takes 35 s, 2500 take 1 s). */
#define EX_DRAWING_WORDS 5000

enum ex_drawn_status {
	EX_DRAWN_FAILED = -1, /* the page cannot be read */
	EX_DRAWN_OK,
	EX_DRAWN_LATE,        /* stopped at the deadline: out has what came before */
	EX_DRAWN_CROWDED      /* text after EX_DRAWING_WORDS words is not in out */
};

/* Read page `number` (1-based) into `out` (zero-filled): its glyphs, and
 * with EX_READ_ALL its marks too. */
enum ex_drawn_status ex_drawing_read(struct ex_drawing *dr, int number, enum ex_read what,
                                     struct ex_drawn *out);
void ex_drawn_release(struct ex_drawn *d);

#ifdef __cplusplus
}
#endif

#endif
