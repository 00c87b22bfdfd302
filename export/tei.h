/*
 * tei.h - what the three parts of the TEI writer share (mapping:
 * docs/tei-mapping.md).  tei.c walks the issue through its handler tables
 * (one handler per issue element), tei_header.c writes the teiHeader and
 * the facsimile, tei_text.c holds the helpers every handler uses: making
 * elements, running text with its Hanja marked, OCR certainty, zones.
 */
#ifndef IX_TEI_H
#define IX_TEI_H

#include <libxml/tree.h>

#include "export.h"

/* The TEI document being built. */
struct tei {
	const struct ix_issue *is;
	xmlDocPtr doc;
	xmlNsPtr xml;         /* the xml: namespace, for xml:id and xml:lang */
	xmlNodePtr *surfaces; /* surface of page i+1, NULL without facsimile */
	long npages;
	long nzones;
	const char *main_lang; /* the text's language (labels), or NULL */
	const char *han_lang;  /* language of Han runs in parentheses, or NULL */
	struct ix_tei_opts opts;
	long page_seen;        /* last page a <pb> was written for */
	const char *langs[16]; /* the xml:lang values written, once each */
	size_t nlangs;
	struct ix_sec_id *secs;   /* a report's sections by issue id (tei_report.c) */
	size_t nsecs;
	long sec_order;        /* sections written */
};

/* New child element of parent, empty or holding plain text. */
xmlNodePtr ix_tei_el(xmlNodePtr parent, const char *name);
xmlNodePtr ix_tei_el_text(xmlNodePtr parent, const char *name, const char *text);
void ix_tei_set(xmlNodePtr n, const char *name, const char *value);
/* @when, only when it is a real YYYY[-MM[-DD]] (an issue XML from
 * elsewhere may hold anything there). */
void ix_tei_set_when(xmlNodePtr n, const char *when);
void ix_tei_set_long(xmlNodePtr n, const char *name, long value);
/* An attribute in the xml: namespace (id, lang). */
void ix_tei_set_xml(struct tei *t, xmlNodePtr n, const char *name, const char *value);
void ix_tei_add_text(xmlNodePtr parent, const char *s, size_t n);
/* Running text s appended to parent, each run of Han ideographs inside
 * parentheses (the Hanja after a Korean word) as <foreign> in the han
 * language, when the issue names one. */
void ix_tei_prose(struct tei *t, xmlNodePtr parent, const char *s);
/* Whether s is in the Han language: it has Han ideographs and no Hangul
 * (a Chinese title).  Always 0 when the issue names no han language. */
int ix_tei_is_han(const struct tei *t, const char *s);
/* A new element name under parent holding in's text as running text,
 * with in's certainty (a head, a title part). */
xmlNodePtr ix_tei_text_el(struct tei *t, xmlNodePtr parent, const char *name, xmlNodePtr in);
/* @cert from in's OCR confidence, when in came from OCR. */
void ix_tei_set_cert(xmlNodePtr out, xmlNodePtr in);
/* A zone on the surface of in's page for its box, pointed to by out's @facs. */
void ix_tei_set_zone(struct tei *t, xmlNodePtr out, xmlNodePtr in);
/* url as a URI: white space percent-encoded (a new string). */
char *ix_tei_uri_new(const char *url);
/* A pointer element (ref, ptr) to url, with text when not NULL. */
void ix_tei_pointer(xmlNodePtr parent, const char *name, const char *url, const char *text);

/* <pb n facs> for every page up to in's first page not yet broken, as
 * children of parent (before what is added to it next). */
void ix_tei_page_breaks(struct tei *t, xmlNodePtr parent, xmlNodePtr in);

/* tei.c: one block of the issue XML (p, lead, list, table...) into parent;
 * an element without a handler maps to nothing. */
void ix_tei_block(struct tei *t, xmlNodePtr parent, xmlNodePtr in);

/* tei_report.c: the report model */
/* Map the issue's section ids to the TEI's, before the text is written. */
void ix_tei_number_sections(struct tei *t);
/* A section of the body and, nested, those below it. */
void ix_tei_section(struct tei *t, xmlNodePtr body, xmlNodePtr in);
/* The attachments of <back>. */
void ix_tei_back(struct tei *t, xmlNodePtr back, xmlNodePtr in);
/* The cover as a titlePage, its front matter's blocks as a division after it. */
void ix_tei_cover(struct tei *t, xmlNodePtr front, xmlNodePtr in);
/* A report's contents entries as a list under div, each pointing at its section. */
void ix_tei_entries(struct tei *t, xmlNodePtr div, xmlNodePtr in);

/* tei_header.c */
/* The teiHeader with fileDesc and encodingDesc. */
xmlNodePtr ix_tei_header(struct tei *t, xmlNodePtr tei);
/* Its profileDesc (the languages the text used) and revisionDesc, once
 * the text is written. */
void ix_tei_header_end(struct tei *t, xmlNodePtr header);
/* The facsimile: one surface per page, sized from the issue's layout. */
void ix_tei_facsimile(struct tei *t, xmlNodePtr tei);

#endif
