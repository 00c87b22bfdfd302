/*
 * drawing.h - what a page draws besides text, read from its content
 * stream by Poppler's core C++ API (drawing.cc, the one C++ file of the
 * project): straight lines, filled rectangles and image placements, in
 * page points as displayed (origin top left, as poppler-glib's text),
 * with no rasterising and no colour management.  graphics.c turns these
 * marks into rules, fills and images.
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

struct ex_marks {
	struct ex_mark *v;
	size_t n, cap;
};

struct ex_drawing; /* the document as the core API sees it */

/* Open the PDF in data[0..len) (which must outlive the result) with
 * `password` (NULL for none); NULL when the core API cannot. */
struct ex_drawing *ex_drawing_open(const char *data, size_t len, const char *password);
void ex_drawing_close(struct ex_drawing *dr);
/* Append the marks of page `number` (1-based) to `out`; 0, or -1 when the
 * page cannot be read. */
int ex_drawing_page(struct ex_drawing *dr, int number, struct ex_marks *out);
void ex_marks_release(struct ex_marks *m);

#ifdef __cplusplus
}
#endif

#endif
