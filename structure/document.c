/* document.c - the issue element: its attributes, the layout of its pages,
 * the order of its children, and the warnings about unplaced text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

#define WARN_CHARS 40     /* code points of text quoted in a warning */

static void warn_unplaced(const struct builder *b)
{
	for (const struct st_node *n = b->unplaced ? b->unplaced->first : NULL; n; n = n->next) {
		char *t = st_node_text_new(n);
		size_t cut = 0, count = 0, len = strlen(t);

		while (cut < len && count < WARN_CHARS) {
			unsigned long cp;
			size_t k = kp_utf8_decode(t + cut, len - cut, &cp);

			cut += k ? k : 1;
			count++;
		}
		kp_warn(b->opts->name, n->has_prov ? n->page : 0, "unplaced: %.*s%s",
		        (int)cut, t, cut < len ? "…" : "");
		free(t);
	}
}

/* The root's attributes: the PDF, the rules, the OCR'd pages. */
static void root_attrs(const struct builder *b)
{
	const struct st_doc *d = b->doc;
	struct st_node *root = b->root;
	struct kp_buf ocr;
	int hex = d->sha256 != NULL && strlen(d->sha256) == 64;

	st_node_set(root, KP_A_VERSION, KP_ISSUE_VERSION);
	st_node_set(root, KP_A_SOURCE, d->file);
	st_node_set_int(root, KP_A_PAGES, d->pages);
	for (const char *p = d->sha256; hex && *p; p++)
		hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
	if (hex)
		st_node_set(root, KP_A_SHA256, d->sha256);
	if (d->producer != NULL)
		st_node_set(root, KP_A_PRODUCER, d->producer);
	st_node_set(root, KP_A_RULES, b->rules->name);
	kp_buf_init(&ocr);
	for (size_t i = 0; i < d->npage_info; i++)
		if (d->page_info[i].ocr)
			kp_buf_printf(&ocr, "%s%ld", ocr.len ? " " : "", d->page_info[i].n);
	if (ocr.len > 0)
		st_node_set(root, KP_A_OCR_PAGES, ocr.s);
	kp_buf_release(&ocr);
}

/* <layout>: every page's size and how its text was read, so that exports
 * can place the boxes of the other elements on their page. */
static struct st_node *layout_node(const struct st_doc *d)
{
	struct st_node *layout = st_node_new(KP_EL_LAYOUT);
	char num[32];

	for (size_t i = 0; i < d->npage_info; i++) {
		const struct st_page *pi = &d->page_info[i];
		struct st_node *page = st_node_add(layout, KP_EL_PAGE);

		st_node_set_int(page, KP_A_N, pi->n);
		snprintf(num, sizeof(num), "%.1f", pi->width);
		st_node_set(page, KP_A_WIDTH, num);
		snprintf(num, sizeof(num), "%.1f", pi->height);
		st_node_set(page, KP_A_HEIGHT, num);
		st_node_set(page, KP_A_SOURCE, pi->ocr ? "ocr" : "text");
		if (pi->reason != NULL)
			st_node_set(page, KP_A_REASON, pi->reason);
	}
	return layout;
}

static void prepend_if(struct st_node *root, struct st_node *n)
{
	if (n != NULL)
		st_node_prepend(root, n);
}

static void append_if(struct st_node *root, struct st_node *n)
{
	if (n != NULL)
		st_node_append(root, n);
}

void st_document_finish(struct builder *b)
{
	struct st_node *root = b->root;

	root_attrs(b);
	prepend_if(root, b->summary);
	prepend_if(root, b->contents);
	prepend_if(root, b->cover);
	prepend_if(root, layout_node(b->doc));
	prepend_if(root, st_labels_node(b->rules));
	st_meta_from_running(b);
	st_meta_from_cover(b);
	prepend_if(root, st_meta_node(b));
	append_if(root, b->back);
	append_if(root, b->colophon);
	append_if(root, b->unplaced);
	if (b->opts->warnings)
		warn_unplaced(b);
}
