/*
 * node.h - the issue document in memory: a tree of typed nodes.
 *
 * structure builds the issue as a tree of st_node, one per element of the
 * issue XML (docs/issue-xml.md): a kind from kp_issue.h, provenance as
 * numbers, the element's text, its other attributes by name, and links to
 * parent, children and siblings, as in cmark's node API.  Nothing is
 * written as a string to be parsed back: the tree is turned into XML once,
 * at the end (xml.c), and `structure -T` prints it (st_node_dump).
 *
 * A node belongs to its parent; st_node_free frees a node and everything
 * below it, after unlinking it.  Strings given to a node are copied.
 */
#ifndef ST_NODE_H
#define ST_NODE_H

#include <stdio.h>

#include "kp.h"
#include "kp_issue.h"

struct st_attr {
	enum kp_attr name;
	char *value;
};

struct st_node {
	enum kp_el kind;
	/* Provenance, when has_prov: page (0 unknown), lastpage (> page when
	 * the element runs onto later pages), box on the first page, and
	 * whether its text came from OCR with what confidence (-1 none). */
	int has_prov;
	int page, lastpage;
	struct kp_box box;
	int ocr;
	double conf;
	char *text;             /* character data before the children, or NULL */
	struct st_attr *attrs;  /* other attributes, in the order first set */
	size_t nattrs;
	size_t prov_at;         /* attributes that come before the provenance */
	struct st_node *parent, *first, *last, *prev, *next;
};

struct st_node *st_node_new(enum kp_el kind);
/* Unlink n and free it with all its descendants; NULL is ignored. */
void st_node_free(struct st_node *n);

/* Tree edits.  A child that has a parent is unlinked from it first. */
void st_node_append(struct st_node *parent, struct st_node *child);
void st_node_prepend(struct st_node *parent, struct st_node *child);
void st_node_unlink(struct st_node *n);
/* A new node of kind appended to parent. */
struct st_node *st_node_add(struct st_node *parent, enum kp_el kind);
/* Is n a node (not NULL) of the given kind? */
int st_node_is(const struct st_node *n, enum kp_el kind);
/* Children of parent of the given kind. */
size_t st_node_count(const struct st_node *parent, enum kp_el kind);

/* Provenance: page, lastpage, box, ocr, conf as in struct st_node.
 * Attributes set after this come after the provenance in the XML. */
void st_node_set_prov(struct st_node *n, int page, int lastpage, const struct kp_box *box,
                      int ocr, double conf);
/* The element reaches page: raise lastpage when page lies past its first. */
void st_node_extend(struct st_node *n, int page);

/* Attribute `a` set to value (replaced in place when already set). */
void st_node_set(struct st_node *n, enum kp_attr a, const char *value);
void st_node_set_int(struct st_node *n, enum kp_attr a, long v);
/* Its value, or NULL when not set. */
const char *st_node_get(const struct st_node *n, enum kp_attr a);

/* The node's text ("" sets none). */
void st_node_set_text(struct st_node *n, const char *s);
/* The text of n and its descendants in document order, as a new string. */
char *st_node_text_new(const struct st_node *n);

/* One line per node, indented by depth: kind, provenance, attributes,
 * text.  For people (structure -T), not a format. */
void st_node_dump(FILE *fp, const struct st_node *n);

#endif
