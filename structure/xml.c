/* xml.c - the issue tree (node.h) as the issue XML, written once. */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "structure.h"

static void set(xmlNodePtr x, enum kp_attr a, const char *v)
{
	xmlSetProp(x, BAD_CAST kp_attr_name(a), BAD_CAST v);
}

/* Elements that grow page by page while they are built carry `pages`
 * after the rest of their provenance; others right after `page`. */
static int grows(enum kp_el kind)
{
	return kind == KP_EL_PART || kind == KP_EL_ARTICLE || kind == KP_EL_LIST;
}

static void set_prov(xmlNodePtr x, const struct st_node *n)
{
	char buf[128];
	int pages = n->lastpage > n->page;

	if (n->page > 0) {
		snprintf(buf, sizeof(buf), "%d", n->page);
		set(x, KP_A_PAGE, buf);
	}
	snprintf(buf, sizeof(buf), "%d", n->lastpage);
	if (pages && !grows(n->kind))
		set(x, KP_A_PAGES, buf);
	kp_box_format(&n->box, buf, sizeof(buf));
	set(x, KP_A_BOX, buf);
	if (n->ocr) {
		set(x, KP_A_OCR, "1");
		if (n->conf >= 0) {
			snprintf(buf, sizeof(buf), "%.1f", n->conf);
			set(x, KP_A_CONF, buf);
		}
	}
	if (pages && grows(n->kind)) {
		snprintf(buf, sizeof(buf), "%d", n->lastpage);
		set(x, KP_A_PAGES, buf);
	}
}

/* The element for n and its subtree: attributes set before the
 * provenance, the provenance, the rest; then text, then children.  Each
 * node is freed once its element is made, so that the node tree and the
 * document are never both whole in memory. */
static xmlNodePtr render(struct st_node *n)
{
	struct st_node *c;
	xmlNodePtr x = xmlNewNode(NULL, BAD_CAST kp_el_name(n->kind));

	for (size_t i = 0; i < n->prov_at; i++)
		set(x, n->attrs[i].name, n->attrs[i].value);
	if (n->has_prov)
		set_prov(x, n);
	for (size_t i = n->prov_at; i < n->nattrs; i++)
		set(x, n->attrs[i].name, n->attrs[i].value);
	if (n->text != NULL)
		xmlAddChild(x, xmlNewText(BAD_CAST n->text));
	while ((c = n->first) != NULL)
		xmlAddChild(x, render(c));   /* frees c, which unlinks it */
	st_node_free(n);
	return x;
}

xmlDocPtr st_xml_doc(struct st_node *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlDocSetRootElement(doc, render(root));
	return doc;
}

int st_xml_write(struct st_node *root, const char *path)
{
	struct kp_output out;
	xmlDocPtr doc;
	int bad;

	if (kp_output_open(&out, path) != KP_EXIT_OK) {
		st_node_free(root);
		return KP_EXIT_OUTPUT;
	}
	doc = st_xml_doc(root);
	bad = xmlDocFormatDump(out.fp, doc, 1) < 0;
	xmlFreeDoc(doc);
	if (bad && !ferror(out.fp)) /* a write error is reported on close */
		kp_warn(out.name, 0, "cannot write XML");
	return kp_output_close(&out, !bad) != KP_EXIT_OK || bad ? KP_EXIT_OUTPUT : KP_EXIT_OK;
}
