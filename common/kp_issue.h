/*
 * kp_issue.h - the names of the issue XML (docs/issue-xml.md, issue.rng):
 * its elements, attributes and meta fields, listed once for the program
 * that writes it (structure) and the one that reads it (issue-export).
 *
 * To add a name, add one X(ID, "name") line to the list: the enum constant
 * KP_EL_ID (or KP_A_ID) and its entry in the name table follow from it.
 * Keep docs/issue-xml.md and docs/issue.rng in step.
 */
#ifndef KP_ISSUE_H
#define KP_ISSUE_H

#define KP_ISSUE_VERSION "1"

/* Elements.  The meta fields (children of `meta`) stand together, from
 * SERIES to WEB: a rules table names them with meta=FIELD. */
#define KP_ISSUE_ELEMENTS(X) \
	X(ISSUE, "issue") X(META, "meta") \
	X(SERIES, "series") X(DATE, "date") X(PUBLISHER, "publisher") X(EDITOR, "editor") \
	X(ADDRESS, "address") X(PHONE, "phone") X(WEB, "web") \
	X(LABELS, "labels") X(LABEL, "label") X(LANGUAGE, "language") \
	X(LAYOUT, "layout") X(PAGE, "page") \
	X(CONTENTS, "contents") X(CPART, "cpart") X(CATEGORY, "category") X(ENTRY, "entry") \
	X(SUMMARY, "summary") X(ITEM, "item") \
	X(PART, "part") X(ARTICLE, "article") X(TITLE, "title") \
	X(LEAD, "lead") X(P, "p") X(HEADING, "heading") X(LIST, "list") X(NOTE, "note") \
	X(FIGURE, "figure") X(IMAGE, "image") X(CAPTION, "caption") X(SOURCE, "source") \
	X(REFERENCES, "references") X(REF, "ref") \
	X(TABLE, "table") X(ROW, "row") X(CELL, "cell") X(LINE, "line") \
	X(COLOPHON, "colophon") X(FIELD, "field") X(UNPLACED, "unplaced") \
	X(COVER, "cover") X(ORG, "org") X(DOCNO, "docno") \
	X(SECTION, "section") X(HEAD, "head") X(BACK, "back")

/* Attributes.  PAGE .. CONF are the provenance every element from the
 * page carries. */
#define KP_ISSUE_ATTRIBUTES(X) \
	X(VERSION, "version") X(SOURCE, "source") X(PAGES, "pages") X(SHA256, "sha256") \
	X(PRODUCER, "producer") X(RULES, "rules") X(OCR_PAGES, "ocr-pages") \
	X(WHEN, "when") X(N, "n") X(WIDTH, "width") X(HEIGHT, "height") X(REASON, "reason") \
	X(TITLE, "title") X(NAME, "name") X(CATEGORY, "category") \
	X(DATE, "date") X(DATETEXT, "datetext") X(LEVEL, "level") X(MARK, "mark") \
	X(URL, "url") X(MEDIUM, "medium") X(ID, "id") X(PX, "px") \
	X(TYPE, "type") X(IMAGE, "image") X(ROWS, "rows") X(COLS, "cols") X(HEADER, "header") \
	X(ROW, "row") X(COL, "col") X(ROWSPAN, "rowspan") X(COLSPAN, "colspan") \
	X(SHADED, "shaded") X(IDENT, "ident") X(FOR, "for") X(USE, "use") X(FOLIO, "folio") \
	X(PAGE, "page") X(BOX, "box") X(OCR, "ocr") X(CONF, "conf") X(PRINTED, "printed")

#define KP_ISSUE_ENUM_EL(id, name) KP_EL_##id,
#define KP_ISSUE_ENUM_A(id, name) KP_A_##id,
enum kp_el { KP_ISSUE_ELEMENTS(KP_ISSUE_ENUM_EL) KP_NEL };
enum kp_attr { KP_ISSUE_ATTRIBUTES(KP_ISSUE_ENUM_A) KP_NATTR };
#undef KP_ISSUE_ENUM_EL
#undef KP_ISSUE_ENUM_A

#define KP_META_FIRST KP_EL_SERIES
#define KP_META_LAST KP_EL_WEB
#define KP_NMETA (KP_META_LAST - KP_META_FIRST + 1)

/* The name of an element or attribute as written. */
const char *kp_el_name(enum kp_el el);
const char *kp_attr_name(enum kp_attr a);
/* The element named name, or -1. */
int kp_el_lookup(const char *name);
/* The meta field element named name (KP_META_FIRST..KP_META_LAST), or -1. */
int kp_meta_lookup(const char *name);

#endif
