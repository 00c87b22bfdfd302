/*
 * running.c - the publisher and date a running header names: the texts of
 * furniture lines (dropped from the body when the stream is read) counted
 * by the place they stand at, and, after the pass, the fields the rules'
 * `running` patterns find in a text repeated on most pages, for what the
 * colophon leaves empty (before the cover: a header on every page is
 * surer than one line of the cover).
 */
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

#define MAX_RUNNING 64   /* distinct furniture texts kept; page numbers and
                          * the like fill the rest, a running header comes early */
#define SAME_PLACE 3.0   /* points: the same line from page to page */

void st_running_add(struct st_doc *doc, int page, const struct kp_box *box, int ocr,
                    double conf, const char *text)
{
	struct st_running *r;

	if (*text == '\0')
		return;
	for (size_t i = 0; i < doc->nrunning; i++) {
		r = &doc->running[i];
		if (strcmp(r->text, text) == 0 && fabs(r->box.y0 - box->y0) <= SAME_PLACE) {
			if (r->last_page != page) {
				r->pages++;
				r->last_page = page;
			}
			return;
		}
	}
	if (doc->nrunning == MAX_RUNNING)
		return;
	if (doc->running == NULL)
		doc->running = kp_xcalloc(MAX_RUNNING, sizeof(*doc->running));
	r = &doc->running[doc->nrunning++];
	r->text = kp_xstrdup(text);
	r->page = r->last_page = page;
	r->pages = 1;
	r->box = *box;
	r->ocr = ocr;
	r->conf = conf;
}

void st_running_release(struct st_doc *doc)
{
	for (size_t i = 0; i < doc->nrunning; i++)
		free(doc->running[i].text);
	free(doc->running);
	doc->running = NULL;
	doc->nrunning = 0;
}

/* Every `running` rule that matches r's text fills its field, unless
 * known: one header line may name both the publisher and the date. */
static void running_meta(struct builder *b, const struct st_running *r)
{
	struct st_item at = { 0 };

	at.page = r->page;
	at.box = r->box;
	at.ocr = r->ocr;
	at.conf = r->conf;
	for (size_t i = 0; i < b->rules->n; i++) {
		struct st_match m;
		char *v;

		m.rule = &b->rules->v[i];
		m.s = r->text;
		if (m.rule->role != ST_R_RUNNING || m.rule->meta < 0 ||
		    regexec(&m.rule->re, r->text, ST_MAXSUB, m.m, 0) != 0)
			continue;
		v = st_match_group(&m, ST_G_TEXT);
		st_set_meta(b, MF(m.rule->meta), v, &at);
		free(v);
	}
}

void st_meta_from_running(struct builder *b)
{
	size_t pages = b->doc->npage_info;

	for (size_t i = 0; i < b->doc->nrunning; i++) {
		const struct st_running *r = &b->doc->running[i];

		if (r->pages >= 2 && (size_t)r->pages * 2 > pages)
			running_meta(b, r);
	}
}
