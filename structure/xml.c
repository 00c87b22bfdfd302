/* xml.c - provenance attributes and writing the document. */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "structure.h"

void st_set_int(xmlNodePtr node, const char *attr, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	xmlSetProp(node, BAD_CAST attr, BAD_CAST buf);
}

void st_prov(xmlNodePtr node, int page, int lastpage, const struct kp_box *box,
             int ocr, double conf)
{
	char buf[128];

	if (page > 0)
		st_set_int(node, kp_attr_name(KP_A_PAGE), page);
	if (lastpage > page)
		st_set_int(node, kp_attr_name(KP_A_PAGES), lastpage);
	if (box != NULL) {
		kp_box_format(box, buf, sizeof(buf));
		xmlSetProp(node, BAD_CAST kp_attr_name(KP_A_BOX), BAD_CAST buf);
	}
	if (ocr) {
		xmlSetProp(node, BAD_CAST kp_attr_name(KP_A_OCR), BAD_CAST "1");
		if (conf >= 0) {
			snprintf(buf, sizeof(buf), "%.1f", conf);
			xmlSetProp(node, BAD_CAST kp_attr_name(KP_A_CONF), BAD_CAST buf);
		}
	}
}

static long get_int(xmlNodePtr node, const char *attr)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST attr);
	long n = v ? strtol((const char *)v, NULL, 10) : 0;

	xmlFree(v);
	return n;
}

void st_prov_touch(xmlNodePtr node, int page)
{
	long first = get_int(node, "page");

	if (first > 0 && page > first && page > get_int(node, "pages"))
		st_set_int(node, "pages", page);
}

/* Serialise to fp; returns 0 or -1. */
static int dump(xmlDocPtr doc, FILE *fp)
{
	return xmlDocFormatDump(fp, doc, 1) < 0 ? -1 : 0;
}

int st_xml_write(xmlDocPtr doc, const char *path)
{
	struct kp_output out;
	int bad;

	if (kp_output_open(&out, path) != KP_EXIT_OK)
		return KP_EXIT_OUTPUT;
	bad = dump(doc, out.fp) < 0;
	if (bad && !ferror(out.fp)) /* a write error is reported on close */
		kp_warn(out.name, 0, "cannot write XML");
	return kp_output_close(&out, !bad) != KP_EXIT_OK || bad ? KP_EXIT_OUTPUT : KP_EXIT_OK;
}
