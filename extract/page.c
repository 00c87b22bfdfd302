/* page.c - the life of one struct ex_page: init, append, release. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

void ex_page_init(struct ex_page *pg, int number)
{
	memset(pg, 0, sizeof(*pg));
	pg->number = number;
	pg->source = EX_SRC_TEXT;
}

void ex_table_release(struct ex_table *t)
{
	for (size_t j = 0; j < t->ncells; j++) {
		free(t->cells[j].text);
		ex_pieces_release(&t->cells[j].pieces);
	}
	free(t->cells);
	free(t->row_y);
	free(t->col_x);
	t->cells = NULL;
	t->row_y = t->col_x = NULL;
	t->ncells = 0;
}

void ex_page_release(struct ex_page *pg)
{
	for (size_t i = 0; i < pg->nchars; i++)
		free(pg->chars[i].text);
	for (size_t i = 0; i < pg->nlines; i++)
		ex_line_release(&pg->lines[i]);
	for (size_t i = 0; i < pg->ntables; i++)
		ex_table_release(&pg->tables[i]);
	free(pg->chars);
	free(pg->lines);
	free(pg->blocks);
	free(pg->rules);
	free(pg->fills);
	free(pg->images);
	free(pg->tables);
	free(pg->order);
	ex_page_init(pg, pg->number);
}

/* Grow *arr (of *n elements of `size` bytes) by one zero-filled element.
 * The array is reallocated to a power-of-two capacity on every call, which
 * realloc() makes cheap when the block is already big enough; so any stage
 * may also hand over an array it malloc'd itself with exactly *n elements. */
static void *append(void *arr_p, size_t *n, size_t size)
{
	void **arr = arr_p;
	size_t count = *n, cap = 1;

	while (cap < count + 1)
		cap *= 2;
	*arr = kp_xreallocarray(*arr, cap, size);
	memset((char *)*arr + count * size, 0, size);
	(*n)++;
	return (char *)*arr + count * size;
}

struct ex_line *ex_page_add_line(struct ex_page *pg)
{
	struct ex_line *l = append(&pg->lines, &pg->nlines, sizeof(*l));

	l->conf = -1;
	l->block = -1;
	return l;
}

void ex_page_copy_lines(struct ex_page *to, const struct ex_page *from)
{
	for (size_t i = 0; i < from->nlines; i++) {
		struct ex_line *l = ex_page_add_line(to);

		*l = from->lines[i];
		l->text = from->lines[i].text != NULL ? kp_xstrdup(from->lines[i].text) : NULL;
		memset(&l->pieces, 0, sizeof(l->pieces));
		ex_pieces_append(&l->pieces, &from->lines[i].pieces);
	}
}

void ex_page_drop_lines(struct ex_page *pg)
{
	for (size_t i = 0; i < pg->nlines; i++)
		ex_line_release(&pg->lines[i]);
	free(pg->lines);
	pg->lines = NULL;
	pg->nlines = 0;
}

void ex_line_release(struct ex_line *l)
{
	free(l->text);
	l->text = NULL;
	ex_pieces_release(&l->pieces);
}

struct ex_rule *ex_page_add_rule(struct ex_page *pg)
{
	return append(&pg->rules, &pg->nrules, sizeof(struct ex_rule));
}

struct ex_fill *ex_page_add_fill(struct ex_page *pg)
{
	return append(&pg->fills, &pg->nfills, sizeof(struct ex_fill));
}

struct ex_image *ex_page_add_image(struct ex_page *pg)
{
	struct ex_image *im = append(&pg->images, &pg->nimages, sizeof(*im));

	im->id = -1;
	return im;
}

struct ex_table *ex_page_add_table(struct ex_page *pg)
{
	struct ex_table *t = append(&pg->tables, &pg->ntables, sizeof(*t));

	t->conf = -1;
	t->image = -1;
	return t;
}
