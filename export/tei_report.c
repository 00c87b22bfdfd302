/* tei_report.c - the report model in TEI (docs/tei-mapping.md): sections as
 * nested <div type="section"> with @n and <head>, the attachments of
 * <back> as <div type="attachment">, the cover as a <titlePage>, the
 * contents entries as a list whose items point at their sections.  Section
 * ids of the TEI are made here ("sec-N" in document order), never copied
 * from the issue XML, so they are unique whatever the input; a contents
 * entry finds its section's through the map of the issue's ids. */
#include <stdlib.h>
#include <string.h>

#include "tei.h"

struct ix_sec_id {
	const char *issue_id;   /* the section's id in the issue XML */
	long n;                 /* its TEI id is sec-N */
};

static int by_issue_id(const void *a, const void *b)
{
	const struct ix_sec_id *x = a, *y = b;
	int c = strcmp(x->issue_id, y->issue_id);

	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

/* Number the sections under n in document order into t->secs. */
static void number_sections(struct tei *t, xmlNodePtr n)
{
	for (xmlNodePtr c = ix_first(n, KP_EL_SECTION); c != NULL; c = ix_next(c, KP_EL_SECTION)) {
		t->secs = kp_xreallocarray(t->secs, t->nsecs + 1, sizeof *t->secs);
		t->secs[t->nsecs].issue_id = ix_attr0(c, KP_A_ID);
		t->secs[t->nsecs].n = (long)t->nsecs + 1;
		t->nsecs++;
		number_sections(t, c);
	}
}

void ix_tei_number_sections(struct tei *t)
{
	number_sections(t, t->is->root);
	number_sections(t, ix_first(t->is->root, KP_EL_BACK));
	if (t->nsecs > 1)
		qsort(t->secs, t->nsecs, sizeof *t->secs, by_issue_id);
}

/* The TEI number of the first section whose issue id is id, or 0. */
static long section_number(const struct tei *t, const char *id)
{
	size_t lo = 0, hi = t->nsecs;
	long found = 0;

	while (lo < hi) {   /* the first entry not below id */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(t->secs[mid].issue_id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nsecs && strcmp(t->secs[lo].issue_id, id) == 0)
		found = t->secs[lo].n;
	return found;
}

static void section(struct tei *t, xmlNodePtr parent, xmlNodePtr in, const char *type,
                    long *order)
{
	xmlNodePtr div, head = ix_first(in, KP_EL_HEAD), c;
	char id[32];

	ix_tei_page_breaks(t, parent, in);
	div = ix_tei_el(parent, "div");
	ix_tei_set(div, "type", type);
	if (*ix_attr0(in, KP_A_N) != '\0')
		ix_tei_set(div, "n", ix_attr0(in, KP_A_N));
	snprintf(id, sizeof id, "sec-%ld", ++*order);
	ix_tei_set_xml(t, div, "id", id);
	ix_tei_set_zone(t, div, in);
	ix_tei_set_cert(div, in);
	if (head != NULL)
		ix_tei_text_el(t, div, "head", head);
	for (c = ix_first(in, IX_ANY); c != NULL; c = ix_next(c, IX_ANY)) {
		if (ix_is(c, KP_EL_SECTION))
			section(t, div, c, "section", order);
		else if (!ix_is(c, KP_EL_HEAD))
			ix_tei_block(t, div, c);
	}
}

void ix_tei_section(struct tei *t, xmlNodePtr body, xmlNodePtr in)
{
	section(t, body, in, "section", &t->sec_order);
}

void ix_tei_back(struct tei *t, xmlNodePtr back, xmlNodePtr in)
{
	for (xmlNodePtr c = ix_first(in, KP_EL_SECTION); c != NULL; c = ix_next(c, KP_EL_SECTION))
		section(t, back, c, "attachment", &t->sec_order);
}

/* Is c one of the cover's fields (the rest is front matter's blocks)? */
static int cover_field(xmlNodePtr c)
{
	return ix_is(c, KP_EL_TITLE) || ix_is(c, KP_EL_DATE) || ix_is(c, KP_EL_ORG) ||
	       ix_is(c, KP_EL_DOCNO);
}

/* The cover's blocks (a patent's bibliographic data) as a division of the
 * front after the title page. */
static void front_matter(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr div = NULL, c;

	for (c = ix_first(in, IX_ANY); c != NULL; c = ix_next(c, IX_ANY)) {
		if (cover_field(c))
			continue;
		if (div == NULL) {
			div = ix_tei_el(front, "div");
			ix_tei_set(div, "type", "frontMatter");
		}
		ix_tei_block(t, div, c);
	}
}

void ix_tei_cover(struct tei *t, xmlNodePtr front, xmlNodePtr in)
{
	xmlNodePtr page, f, d, imprint;
	char *s;

	for (f = ix_first(in, IX_ANY); f != NULL && !cover_field(f); f = ix_next(f, IX_ANY))
		;
	if (f == NULL) {
		front_matter(t, front, in);
		return;
	}
	page = ix_tei_el(front, "titlePage");
	if ((f = ix_first(in, KP_EL_TITLE)) != NULL)
		ix_tei_text_el(t, ix_tei_el(page, "docTitle"), "titlePart", f);
	if ((f = ix_first(in, KP_EL_ORG)) != NULL || ix_first(in, KP_EL_DOCNO) != NULL) {
		imprint = ix_tei_el(page, "docImprint");
		if (f != NULL) {
			s = ix_text_new(f);
			ix_tei_el_text(imprint, "publisher", s);
			free(s);
		}
		if ((f = ix_first(in, KP_EL_DOCNO)) != NULL) {
			s = ix_text_new(f);
			if (ix_first(in, KP_EL_ORG) != NULL)
				ix_tei_add_text(imprint, " ", 1);
			ix_tei_set(ix_tei_el_text(imprint, "idno", s), "type", "docno");
			free(s);
		}
	}
	if ((f = ix_first(in, KP_EL_DATE)) != NULL) {
		s = ix_text_new(f);
		d = ix_tei_el_text(page, "docDate", s);
		ix_tei_set_when(d, ix_attr0(f, KP_A_WHEN));
		free(s);
	}
	front_matter(t, front, in);
}

void ix_tei_entries(struct tei *t, xmlNodePtr div, xmlNodePtr in)
{
	xmlNodePtr l = NULL, e, item;
	const char *v;
	char target[40], *s;
	long n;

	for (e = ix_first(in, KP_EL_ENTRY); e != NULL; e = ix_next(e, KP_EL_ENTRY)) {
		if (l == NULL) {
			l = ix_tei_el(div, "list");
			ix_tei_set(l, "type", "entries");
		}
		item = ix_tei_el(l, "item");
		if ((v = ix_attr(e, KP_A_N)) != NULL && *v != '\0')
			ix_tei_set(item, "n", v);
		ix_tei_set_cert(item, e);
		s = ix_text_new(e);
		if ((v = ix_attr(e, KP_A_FOR)) != NULL && (n = section_number(t, v)) > 0) {
			snprintf(target, sizeof target, "#sec-%ld", n);
			ix_tei_set(ix_tei_el_text(item, "ref", s), "target", target);
		} else {
			ix_tei_prose(t, item, s);
		}
		if ((v = ix_attr(e, KP_A_FOLIO)) != NULL && *v != '\0') {
			ix_tei_add_text(item, " ", 1);
			ix_tei_set(ix_tei_el_text(item, "num", v), "type", "page");
		}
		free(s);
	}
}
