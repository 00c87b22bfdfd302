/*
 * extract_page.h - hand-made pages for the unit tests of the table passes
 * (extract/grid.c, extract/align*.c): rules, characters, and a table's
 * cell by its position.  Static inline, so a test includes what it uses.
 */
#ifndef EXTRACT_PAGE_H
#define EXTRACT_PAGE_H

#include <string.h>

#include "../../extract/extract.h"

/* A horizontal rule at y from x0 to x1, 0.8 pt thick. */
static inline void hrule(struct ex_page *pg, double y, double x0, double x1)
{
	ex_page_add_rule(pg)->box = (struct kp_box){ x0, y - 0.4, x1, y + 0.4 };
}

/* A vertical rule at x from y0 to y1, 0.8 pt thick. */
static inline void vrule(struct ex_page *pg, double x, double y0, double y1)
{
	ex_page_add_rule(pg)->box = (struct kp_box){ x - 0.4, y0, x + 0.4, y1 };
}

/* A 10 pt character s with its top left corner at (x, y). */
static inline void add_char(struct ex_page *pg, const char *s, double x, double y)
{
	struct ex_char *c;

	pg->chars = kp_xreallocarray(pg->chars, pg->nchars + 1, sizeof(*c));
	c = &pg->chars[pg->nchars++];
	memset(c, 0, sizeof(*c));
	c->box = (struct kp_box){ x, y, x + 10, y + 10 };
	c->text = kp_xstrdup(s);
	c->size = 10;
	c->line_hint = -1;
}

/* The cell starting at (row, col), or NULL. */
static inline const struct ex_cell *cell_at(const struct ex_table *t, int row, int col)
{
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].row == row && t->cells[i].col == col)
			return &t->cells[i];
	return NULL;
}

#endif
