/* xml.c - provenance attributes and writing the document. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libxml/xmlsave.h>

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
		st_set_int(node, "page", page);
	if (lastpage > page)
		st_set_int(node, "pages", lastpage);
	if (box != NULL) {
		kp_box_format(box, buf, sizeof(buf));
		xmlSetProp(node, BAD_CAST "box", BAD_CAST buf);
	}
	if (ocr) {
		xmlSetProp(node, BAD_CAST "ocr", BAD_CAST "1");
		if (conf >= 0) {
			snprintf(buf, sizeof(buf), "%.1f", conf);
			xmlSetProp(node, BAD_CAST "conf", BAD_CAST buf);
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
	struct kp_buf tmp;
	FILE *fp;
	int fd;

	if (path == NULL) {
		if (dump(doc, stdout) < 0) {
			kp_warn("stdout", 0, "cannot write XML");
			return KP_EXIT_OUTPUT;
		}
		return kp_fshut(stdout, "stdout") < 0 ? KP_EXIT_OUTPUT : KP_EXIT_OK;
	}
	kp_buf_init(&tmp);
	kp_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp.s)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		kp_warn(tmp.s, 0, "cannot create:");
		if (fd >= 0) {
			close(fd);
			unlink(tmp.s);
		}
		kp_buf_release(&tmp);
		return KP_EXIT_OUTPUT;
	}
	kp_cleanup_on_signal(tmp.s);
	mode_t mask = umask(0);   /* mkstemp made it 0600; give it a normal file's mode */
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (dump(doc, fp) < 0 || kp_fshut(fp, tmp.s) < 0) {
		kp_cleanup_forget();
		unlink(tmp.s);
		kp_buf_release(&tmp);
		return KP_EXIT_OUTPUT;
	}
	kp_cleanup_forget();
	if (rename(tmp.s, path) < 0) {
		kp_warn(path, 0, "cannot rename into place:");
		unlink(tmp.s);
		kp_buf_release(&tmp);
		return KP_EXIT_OUTPUT;
	}
	kp_buf_release(&tmp);
	return KP_EXIT_OK;
}
