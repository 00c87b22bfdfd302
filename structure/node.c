/* node.c - the issue tree's nodes: making, linking, attributes, text. */
#include <stdlib.h>
#include <string.h>

#include "node.h"

struct st_node *st_node_new(enum kp_el kind)
{
	struct st_node *n = kp_xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->conf = -1;
	return n;
}

void st_node_unlink(struct st_node *n)
{
	if (n->parent == NULL)
		return;
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void st_node_free(struct st_node *n)
{
	struct st_node *c, *next;

	if (n == NULL)
		return;
	st_node_unlink(n);
	for (c = n->first; c != NULL; c = next) {
		next = c->next;
		c->parent = NULL;   /* no unlinking of a list being freed */
		st_node_free(c);
	}
	for (size_t i = 0; i < n->nattrs; i++)
		free(n->attrs[i].value);
	free(n->attrs);
	free(n->text);
	free(n);
}

void st_node_append(struct st_node *parent, struct st_node *child)
{
	st_node_unlink(child);
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void st_node_prepend(struct st_node *parent, struct st_node *child)
{
	st_node_unlink(child);
	child->parent = parent;
	child->next = parent->first;
	if (parent->first != NULL)
		parent->first->prev = child;
	else
		parent->last = child;
	parent->first = child;
}

struct st_node *st_node_add(struct st_node *parent, enum kp_el kind)
{
	struct st_node *n = st_node_new(kind);

	st_node_append(parent, n);
	return n;
}

int st_node_is(const struct st_node *n, enum kp_el kind)
{
	return n != NULL && n->kind == kind;
}

size_t st_node_count(const struct st_node *parent, enum kp_el kind)
{
	size_t k = 0;

	for (const struct st_node *c = parent->first; c != NULL; c = c->next)
		k += c->kind == kind;
	return k;
}

void st_node_set_prov(struct st_node *n, int page, int lastpage, const struct kp_box *box,
                      int ocr, double conf)
{
	n->has_prov = 1;
	n->page = page;
	n->lastpage = lastpage;
	n->box = *box;
	n->ocr = ocr;
	n->conf = conf;
	n->prov_at = n->nattrs;
}

void st_node_extend(struct st_node *n, int page)
{
	if (n->has_prov && n->page > 0 && page > n->page && page > n->lastpage)
		n->lastpage = page;
}

void st_node_set(struct st_node *n, enum kp_attr a, const char *value)
{
	for (size_t i = 0; i < n->nattrs; i++)
		if (n->attrs[i].name == a) {
			free(n->attrs[i].value);
			n->attrs[i].value = kp_xstrdup(value);
			return;
		}
	n->attrs = kp_xreallocarray(n->attrs, n->nattrs + 1, sizeof(*n->attrs));
	n->attrs[n->nattrs].name = a;
	n->attrs[n->nattrs].value = kp_xstrdup(value);
	n->nattrs++;
}

void st_node_set_int(struct st_node *n, enum kp_attr a, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	st_node_set(n, a, buf);
}

const char *st_node_get(const struct st_node *n, enum kp_attr a)
{
	for (size_t i = 0; i < n->nattrs; i++)
		if (n->attrs[i].name == a)
			return n->attrs[i].value;
	return NULL;
}

void st_node_set_text(struct st_node *n, const char *s)
{
	free(n->text);
	n->text = *s != '\0' ? kp_xstrdup(s) : NULL;
}

static void add_text(struct kp_buf *b, const struct st_node *n)
{
	if (n->text != NULL)
		kp_buf_puts(b, n->text);
	for (const struct st_node *c = n->first; c != NULL; c = c->next)
		add_text(b, c);
}

char *st_node_text_new(const struct st_node *n)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_add(&b, "", 0);
	add_text(&b, n);
	return kp_buf_detach(&b);
}

static void dump(FILE *fp, const struct st_node *n, int depth)
{
	fprintf(fp, "%*s%s", 2 * depth, "", kp_el_name(n->kind));
	if (n->has_prov) {
		char box[128];

		kp_box_format(&n->box, box, sizeof(box));
		fprintf(fp, " p%d", n->page);
		if (n->lastpage > n->page)
			fprintf(fp, "-%d", n->lastpage);
		fprintf(fp, " [%s]", box);
		if (n->ocr)
			fputs(" ocr", fp);
		if (n->ocr && n->conf >= 0)
			fprintf(fp, " %.1f", n->conf);
	}
	for (size_t i = 0; i < n->nattrs; i++)
		fprintf(fp, " %s=\"%s\"", kp_attr_name(n->attrs[i].name), n->attrs[i].value);
	if (n->text != NULL)
		fprintf(fp, " \"%s\"", n->text);
	fputc('\n', fp);
	for (const struct st_node *c = n->first; c != NULL; c = c->next)
		dump(fp, c, depth + 1);
}

void st_node_dump(FILE *fp, const struct st_node *n)
{
	dump(fp, n, 0);
}
