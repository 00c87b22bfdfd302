/*
 * build.c - the issue tree from page items: the pass and its state machine.
 *
 * One pass over the items in reading order drives a small state machine:
 * front matter (cover) -> contents -> summary -> body (parts, articles)
 * -> colophon.  Each mode asks what a line is among the roles it looks
 * for (classify.c); what a line was found not to be is remembered, so no
 * rule is tried on a line twice.  A line no rule starts either continues the open text unit (unit.c)
 * or starts a paragraph.  The other files of the builder are listed in
 * builder.h.
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

/* The line roles each mode looks for. */
#define ANY_MODE (ST_BIT(ST_R_CONTENTS) | ST_BIT(ST_R_SUMMARY) | ST_BIT(ST_R_PART) | \
                  ST_BIT(ST_R_COLOPHON))
static const unsigned long mode_roles[] = {
	[M_FRONT] = ANY_MODE | ST_BIT(ST_R_SERIES) | ST_BIT(ST_R_COVER_DATE) | ST_BIT(ST_R_ARTICLE) |
	            ST_BIT(ST_R_COVER_ORG) | ST_BIT(ST_R_COVER_DOCNO),
	[M_CONTENTS] = ANY_MODE | ST_BIT(ST_R_CATEGORY) | ST_BIT(ST_R_ENTRY),
	[M_SUMMARY] = ANY_MODE | ST_BIT(ST_R_SUMMARY_ITEM) | ST_BIT(ST_R_ARTICLE),
	[M_BODY] = ST_BODY_ROLES,
	[M_COLOPHON] = ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_SERIES),
};

enum st_role st_line_role(const struct builder *b, size_t idx, unsigned long roles,
                          struct st_match *m)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_look look = {
		it->size, it->body > 0 ? it->body : b->doc->body_size, it->bold,
		idx == 0 || b->doc->items[idx - 1].page != it->page,
	};

	return st_classify_line(b->rules, b->failed + idx * ST_FAILED_BYTES(b->rules), roles,
	                        it->text, &look, m);
}

/* Roles that change the mode wherever they appear. */
static int mode_line(struct builder *b, enum st_role role, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	if (role == ST_R_CONTENTS && b->contents == NULL) {
		b->contents = st_node_new(KP_EL_CONTENTS);
		st_item_prov(b->contents, it);
		b->mode = M_CONTENTS;
		b->contents_page = it->page;
		return 1;
	}
	if (role == ST_R_SUMMARY && b->summary == NULL && b->mode != M_BODY) {
		b->summary = st_node_new(KP_EL_SUMMARY);
		st_item_prov(b->summary, it);
		b->mode = M_SUMMARY;
		return 1;
	}
	return 0;
}

static void line_item(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_match m;
	enum st_role role = st_line_role(b, idx, mode_roles[b->mode], &m);

	if (b->mode == M_COLOPHON) {
		if (role == ST_R_COLOPHON || b->u.kind != U_FIELD)
			st_unit_close(b, it);
		st_colophon_line(b, role, &m, idx);
		return;
	}
	if (st_contents_start(b, idx))
		return;
	/* a wrap that begins with what reads as a number ("다.") */
	if (st_heads_section(b, role, &m) && st_unit_wrapped(b, idx))
		role = ST_R_TEXT;
	if (st_unit_continues(b, idx, role)) {
		st_unit_add(b, idx);
		return;
	}
	st_unit_close(b, it);
	st_drop_caption(b);
	if (b->title_for != NULL && (role == ST_R_TEXT || b->mode == M_CONTENTS ||
	                             (role == ST_R_PART && m.rule->group[ST_G_NUM] < 0))) {
		struct st_node *target = b->title_for;

		b->title_for = NULL;
		if (st_node_is(target, KP_EL_ARTICLE) || st_node_is(target, KP_EL_SECTION))
			st_unit_open(b, target->first, U_TEXT, NULL, it->text, idx);
		else
			st_unit_open(b, target, U_TITLE_ATTR, NULL, it->text, idx);
		return;
	}
	b->title_for = NULL;
	if (mode_line(b, role, idx))
		return;
	if (role == ST_R_COLOPHON) {
		b->mode = M_COLOPHON;
		st_colophon_line(b, role, &m, idx);
		return;
	}
	switch (b->mode) {
	case M_CONTENTS:
		st_contents_line(b, role, &m, idx);
		break;
	case M_SUMMARY:
		/* a report's summary is its items, or its text (an abstract) */
		if (role == ST_R_SUMMARY_ITEM || (role == ST_R_TEXT && b->sectioned)) {
			char *t = st_match_group(&m, ST_G_TEXT);

			st_unit_open(b, st_node_add(b->summary, KP_EL_ITEM), U_TEXT,
			             m.rule, t ? t : it->text, idx);
			free(t);
		} else if (role == ST_R_PART || role == ST_R_ARTICLE) {
			st_body_line(b, role, &m, idx);
		} else {
			st_unplaced_line(b, idx);
		}
		break;
	case M_FRONT:
		if (st_cover_line(b, role, &m, idx))
			break;
		if (role == ST_R_SERIES && b->meta[MF(KP_EL_SERIES)].text == NULL) {
			char *t = st_match_group(&m, ST_G_TEXT);

			st_set_meta(b, MF(KP_EL_SERIES), t, it);
			free(t);
		} else if (role == ST_R_COVER_DATE && b->meta[MF(KP_EL_DATE)].text == NULL) {
			st_set_meta(b, MF(KP_EL_DATE), it->text, it);
		} else if (role == ST_R_PART || role == ST_R_ARTICLE) {
			st_body_line(b, role, &m, idx);
		} else {
			st_cover_meta(b, idx);
			st_unplaced_line(b, idx);
		}
		break;
	default:
		st_body_line(b, role, &m, idx);
		break;
	}
}

static void image_item(struct builder *b, const struct st_item *it)
{
	struct st_node *fig, *img;
	char px[48];

	if (!it->figure)
		return;         /* read by OCR: its table or lines follow */
	img = st_node_new(KP_EL_IMAGE);
	st_node_set(img, KP_A_ID, it->id);
	snprintf(px, sizeof(px), "%dx%d", it->pxw, it->pxh);
	st_node_set(img, KP_A_PX, px);
	st_node_set_prov(img, it->page, 0, &it->box, 0, -1);
	if (b->fig_wait != NULL) {
		st_node_prepend(b->fig_wait, img);
		b->fig_wait = NULL;
		return;
	}
	fig = st_node_new(KP_EL_FIGURE);
	st_node_set_prov(fig, it->page, 0, &it->box, 0, -1);
	st_node_append(fig, img);
	st_add_block(b, fig);
}

struct st_node *st_build(const struct st_doc *doc, const struct st_rules *rules,
                         const struct st_build_opts *opts)
{
	struct builder b;
	int page = 0;

	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.rules = rules;
	b.opts = opts;
	b.last_meta = -1;
	b.root = st_node_new(KP_EL_ISSUE);   /* its children: the parts, until the end */
	kp_buf_init(&b.u.text);
	b.failed = kp_xcalloc(doc->nitems + 1, ST_FAILED_BYTES(rules) + 1);
	st_colophon_scan(&b);
	if ((b.sectioned = st_sectioned(rules)))
		st_cover_scan(&b);
	for (size_t i = 0; i < doc->nitems; i++) {
		const struct st_item *it = &doc->items[i];

		if (it->page != page) {
			page = it->page;
			if (b.mode == M_CONTENTS && page != b.contents_page)
				b.mode = M_FRONT;
			/* a report's summary (a patent's abstract) ends with its page */
			if (b.mode == M_SUMMARY && b.sectioned) {
				st_unit_close(&b, it);
				b.mode = M_FRONT;
			}
		}
		b.page = page;
		if (i == b.colophon_at && b.mode != M_COLOPHON) {
			st_unit_close(&b, it);
			b.mode = M_COLOPHON;
		}
		if (b.mode == M_BODY) {
			if (b.article)
				st_node_extend(b.article, page);
			if (b.part)
				st_node_extend(b.part, page);
		}
		if (it->kind == ST_LINE) {
			line_item(&b, i);
			st_sections_extend(&b, page);
			continue;
		}
		if (it->merged)
			continue;
		st_unit_close(&b, it);
		b.title_for = NULL;
		if (it->kind == ST_TABLE) {
			struct st_node *cap = b.caption;

			b.caption = NULL;
			st_add_block(&b, st_table_node(it, rules, cap));
		} else {
			if (b.caption != NULL && it->figure)
				st_drop_caption(&b);
			image_item(&b, it);
		}
		st_sections_extend(&b, page);
	}
	st_unit_close(&b, NULL);
	st_drop_caption(&b);
	st_set_categories(b.root, b.contents);
	st_link_entries(b.contents, b.root, b.back);
	st_document_finish(&b);

	for (int f = 0; f < KP_NMETA; f++)
		free(b.meta[f].text), free(b.meta[f].printed), free(b.cover_meta[f].text),
		free(b.cover_meta[f].printed);
	kp_buf_release(&b.u.text);
	free(b.failed);
	return b.root;
}
