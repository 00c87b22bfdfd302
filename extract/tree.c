/* tree.c - the -T view: a page as an indented tree, for people. */
#include "extract.h"

static void put_box(FILE *fp, const struct kp_box *b)
{
	char s[128];

	kp_box_format(b, s, sizeof(s));
	fprintf(fp, "[%s]", s);
}

/* Text on one line: newlines shown as " / ". */
static void put_text(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\n')
			fputs(" / ", fp);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

static void tree_line(FILE *fp, const struct ex_line *l)
{
	fputs("    line ", fp);
	put_box(fp, &l->box);
	fprintf(fp, " %.1fpt%s%s", l->size, l->bold ? " bold" : "", l->italic ? " italic" : "");
	if (l->ocr)
		fprintf(fp, " ocr %.0f%%", l->conf);
	fputc(' ', fp);
	put_text(fp, l->text);
	fputc('\n', fp);
}

void ex_tree_page(FILE *fp, const struct ex_page *pg)
{
	fprintf(fp, "page %d  %.1f x %.1f  rotate %d  %s%s%s  %ld glyphs, %ld unmapped\n",
	        pg->number, pg->width, pg->height, pg->rotate,
	        pg->source == EX_SRC_OCR ? "ocr" : "text", pg->reason ? " " : "",
	        pg->reason ? pg->reason : "", pg->glyphs, pg->unmapped);
	for (size_t k = 0; k < pg->norder; k++) {
		const struct ex_item *it = &pg->order[k];

		if (it->kind == EX_ITEM_BLOCK) {
			const struct ex_block *b = &pg->blocks[it->index];

			fprintf(fp, "  block b%zu%s ", it->index + 1,
			        b->role == EX_FURNITURE ? " furniture" : "");
			put_box(fp, &b->box);
			fputc('\n', fp);
			for (size_t i = b->first_line; i < b->first_line + b->nlines; i++)
				tree_line(fp, &pg->lines[i]);
		} else if (it->kind == EX_ITEM_TABLE) {
			const struct ex_table *t = &pg->tables[it->index];

			fprintf(fp, "  table t%zu %dx%d%s ", it->index + 1, t->rows, t->cols,
			        t->ocr ? " ocr" : "");
			put_box(fp, &t->box);
			fputc('\n', fp);
			for (size_t i = 0; i < t->ncells; i++) {
				const struct ex_cell *c = &t->cells[i];

				fprintf(fp, "    cell %d,%d", c->row, c->col);
				if (c->rowspan > 1 || c->colspan > 1)
					fprintf(fp, " span %dx%d", c->rowspan, c->colspan);
				fputs(c->shaded ? " shaded " : " ", fp);
				put_text(fp, c->text);
				fputc('\n', fp);
			}
		} else {
			const struct ex_image *im = &pg->images[it->index];

			fprintf(fp, "  image i%zu %dx%d px %s ", it->index + 1, im->pxw, im->pxh,
			        ex_image_use_name(im->use));
			put_box(fp, &im->box);
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < pg->nlines; i++)
		if (pg->lines[i].block < 0)
			tree_line(fp, &pg->lines[i]);
}
