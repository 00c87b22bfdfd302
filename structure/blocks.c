/*
 * blocks.c - body and contents lines by role: parts, articles, leads,
 * paragraphs, lists and their items, notes, captions, references; and
 * where each block goes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

void st_item_prov(struct st_node *n, const struct st_item *it)
{
	st_node_set_prov(n, it->page, 0, &it->box, it->ocr, it->conf);
}

static struct st_node *unplaced(struct builder *b)
{
	if (b->unplaced == NULL)
		b->unplaced = st_node_new(KP_EL_UNPLACED);
	return b->unplaced;
}

static struct st_node *new_part(struct builder *b, const char *n, const char *title,
                           const struct st_item *it)
{
	b->part = st_node_add(b->root, KP_EL_PART);
	st_node_set(b->part, KP_A_N, n);
	st_node_set(b->part, KP_A_TITLE, title);
	if (it != NULL)
		st_item_prov(b->part, it);
	b->article = NULL;
	return b->part;
}

/* Where a block outside the body goes: the front matter, else unplaced. */
static struct st_node *outside_body(struct builder *b)
{
	struct st_node *front = st_front_matter(b);

	return front != NULL ? front : unplaced(b);
}

struct st_node *st_container(struct builder *b)
{
	if (b->mode != M_BODY)
		return outside_body(b);
	if (b->sectioned)
		return b->nsec > 0 ? b->sec[b->nsec - 1] : unplaced(b);
	if (b->part == NULL)
		new_part(b, "", "", NULL);
	return b->article ? b->article : b->part;
}

void st_end_blocks(struct builder *b)
{
	b->depth = 0;
	b->refs = b->ref = NULL;
	b->refs_at = NULL;
	b->annot = NULL;
}

void st_add_block(struct builder *b, struct st_node *node)
{
	st_end_blocks(b);
	b->fig_wait = NULL;
	st_node_append(st_container(b), node);
}

/* ---- lines by role ----------------------------------------------------- */

static void text_block(struct builder *b, enum kp_el kind, enum unit_kind ukind,
                       const struct st_match *m, size_t idx, int annotatable)
{
	struct st_node *n = st_node_new(kind);
	char *t = m->rule ? st_match_group(m, ST_G_TEXT) : NULL;

	st_add_block(b, n);
	st_unit_open(b, n, ukind, m->rule, t ? t : b->doc->items[idx].text, idx);
	free(t);
	if (annotatable)
		b->annot = n;
}

static void part_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *num = st_match_group(m, ST_G_NUM), *title = st_match_group(m, ST_G_TITLE);
	char *n;

	if (num == NULL) {  /* a title alone: the part after the last one */
		struct kp_buf next;

		kp_buf_init(&next);
		kp_buf_printf(&next, "%lu", st_node_count(b->root, KP_EL_PART) + 1);
		num = kp_buf_detach(&next);
	}
	n = st_part_numeral(num);
	b->mode = M_BODY;
	st_end_blocks(b);
	new_part(b, n, title ? title : "", it);
	if (title == NULL || *title == '\0')
		b->title_for = b->part;
	free(num);
	free(title);
	free(n);
}

static void article_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *num = st_match_group(m, ST_G_NUM), *title = st_match_group(m, ST_G_TITLE);
	struct st_node *t;

	b->mode = M_BODY;
	if (b->part == NULL)
		new_part(b, "", "", NULL);
	st_end_blocks(b);
	b->article = st_node_add(b->part, KP_EL_ARTICLE);
	st_node_set(b->article, KP_A_N, num ? num : "");
	st_item_prov(b->article, it);
	t = st_node_add(b->article, KP_EL_TITLE);
	if (title != NULL && *title != '\0')
		st_unit_open(b, t, U_TEXT, m->rule, title, idx);
	else
		b->title_for = b->article;
	free(num);
	free(title);
}

/* A list item: its level comes from the indent, then from the mark's
 * level in the rules when two marks share an indent. */
static void bullet_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	int rl = m->rule->level, nest = 0;
	char *mark = st_match_group(m, ST_G_MARK), *text = st_match_group(m, ST_G_TEXT);
	struct st_node *item;

	while (b->depth > 0) {
		struct level *top = &b->lv[b->depth - 1];

		if (it->box.x0 < top->x0 - X_TOL ||
		    (fabs(it->box.x0 - top->x0) <= X_TOL && rl && top->rule_level && rl < top->rule_level)) {
			b->depth--;
			continue;
		}
		nest = it->box.x0 > top->x0 + X_TOL ||
		       (rl && top->rule_level && rl > top->rule_level);
		break;
	}
	if (b->depth == 0 || (nest && b->depth == MAX_LEVELS))
		nest = 1;
	if (nest) {
		struct st_node *list = st_node_new(KP_EL_LIST);

		st_item_prov(list, it);
		if (b->depth == 0) {
			st_add_block(b, list);
		} else {
			st_node_append(b->lv[b->depth - 1].item, list);
		}
		if (b->depth == MAX_LEVELS)
			b->depth--;
		b->lv[b->depth].list = list;
		b->lv[b->depth].x0 = it->box.x0;
		b->lv[b->depth].rule_level = rl;
		b->depth++;
	}
	item = st_node_add(b->lv[b->depth - 1].list, KP_EL_ITEM);
	b->lv[b->depth - 1].item = item;
	for (int d = 0; d < b->depth; d++)
		st_node_extend(b->lv[d].list, it->page);
	st_node_set_int(item, KP_A_LEVEL, b->depth);
	st_node_set(item, KP_A_MARK, mark ? mark : "");
	st_unit_open(b, item, U_TEXT, m->rule, text ? text : it->text, idx);
	b->annot = item;
	free(mark);
	free(text);
}

static void note_line(struct builder *b, const struct st_match *m, size_t idx)
{
	struct st_node *note = st_node_new(KP_EL_NOTE);
	char *mark = st_match_group(m, ST_G_MARK), *text = st_match_group(m, ST_G_TEXT);

	st_node_set(note, KP_A_MARK, mark ? mark : "");
	if (b->annot != NULL) {
		st_node_append(b->annot, note);
	} else {
		int depth = b->depth;
		struct st_node *refs = b->refs;
		const struct st_item *refs_at = b->refs_at;

		st_add_block(b, note);
		b->depth = depth;   /* a note between items keeps the list open */
		b->refs = refs;
		b->refs_at = refs_at;
	}
	st_unit_open(b, note, U_TEXT, m->rule, text ? text : b->doc->items[idx].text, idx);
	free(mark);
	free(text);
}

/* Open a references block at line it; refs and its last ref follow it. */
static struct st_node *open_refs(struct builder *b, const struct st_item *it)
{
	struct st_node *refs = st_node_new(KP_EL_REFERENCES);

	st_item_prov(refs, it);
	st_add_block(b, refs);
	b->refs = refs;
	return refs;
}

static void ref_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *text = st_match_group(m, ST_G_TEXT);
	struct st_node *title;

	if (b->refs == NULL)
		open_refs(b, b->refs_at != NULL ? b->refs_at : it);
	b->ref = st_node_add(b->refs, KP_EL_REF);
	st_item_prov(b->ref, it);
	title = st_node_add(b->ref, KP_EL_TITLE);
	st_unit_open(b, title, U_BARE, m->rule, text ? text : it->text, idx);
	free(text);
}

/* "출처: medium (MM.DD)": a reference of its own, its URL on the next line. */
static void from_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_match dm;
	char iso[16], *printed, *medium = st_match_group(m, ST_G_MEDIUM);

	b->ref = st_node_add(open_refs(b, it), KP_EL_REF);
	if (medium != NULL)
		st_node_set(b->ref, KP_A_MEDIUM, medium);
	if (st_match_date(b, ST_R_FROM, it->text, &dm, iso, sizeof(iso), &printed) >= 0 && *iso)
		st_node_set(b->ref, KP_A_DATE, iso);
	st_item_prov(b->ref, it);
	st_node_add(b->ref, KP_EL_TITLE);
	free(printed);
	free(medium);
}

static void url_line(struct builder *b, const struct st_match *m, size_t idx)
{
	char *url = st_match_group(m, ST_G_TEXT);

	st_unit_open(b, b->ref, U_URL, m->rule, url ? url : b->doc->items[idx].text, idx);
	free(url);
}

static int ref_wants_url(const struct builder *b)
{
	return b->ref != NULL && st_node_get(b->ref, KP_A_URL) == NULL;
}

void st_body_line(struct builder *b, enum st_role role, const struct st_match *m, size_t idx)
{
	if (st_heads_section(b, role, m)) {
		if (!st_under_item(b, role, m)) {
			st_section_line(b, role, m, idx);
			return;
		}
		role = ST_R_TEXT;
	}
	if (role == ST_R_TEXT || role == ST_R_BULLET)
		st_note_item_rank(b, idx);
	switch (role) {
	case ST_R_PART:
		part_line(b, m, idx);
		break;
	case ST_R_ARTICLE:
		article_line(b, m, idx);
		break;
	case ST_R_LEAD:
		text_block(b, KP_EL_LEAD, U_LEAD, m, idx, 1);
		break;
	case ST_R_HEADING:
		text_block(b, KP_EL_HEADING, U_TEXT, m, idx, 0);
		break;
	case ST_R_CAPTION: {
		char *t = st_match_group(m, ST_G_TEXT);

		st_unit_open(b, st_node_new(KP_EL_CAPTION), U_CAPTION, m->rule, t, idx);
		free(t);
		break;
	}
	case ST_R_SOURCE:
		text_block(b, KP_EL_SOURCE, U_SOURCE, m, idx, 0);
		break;
	case ST_R_NOTE:
		note_line(b, m, idx);
		break;
	case ST_R_BULLET:
		bullet_line(b, m, idx);
		break;
	case ST_R_REFS:
		/* the block opens with its first ref, so a heading whose refs
		 * OCR misread (their marks) leaves no empty references */
		st_end_blocks(b);
		b->fig_wait = NULL;
		b->refs_at = &b->doc->items[idx];
		break;
	case ST_R_REF:
		ref_line(b, m, idx);
		break;
	case ST_R_FROM:
		from_line(b, m, idx);
		break;
	case ST_R_URL:
		if (ref_wants_url(b)) {
			url_line(b, m, idx);
			break;
		}
		/* FALLTHROUGH */
	default: {
		struct st_match none = {0};

		text_block(b, KP_EL_P, U_TEXT, &none, idx, 1);
		break;
	}
	}
}

void st_unplaced_line(struct builder *b, size_t idx)
{
	struct st_node *p = st_node_add(outside_body(b), KP_EL_P);

	st_unit_open(b, p, U_TEXT, NULL, b->doc->items[idx].text, idx);
}

void st_contents_line(struct builder *b, enum st_role role, const struct st_match *m,
		      size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_node *parent;
	char *t;

	if (b->sectioned) {
		st_section_entry(b, idx);
		return;
	}
	switch (role) {
	case ST_R_PART: {
		char *num = st_match_group(m, ST_G_NUM), *title = st_match_group(m, ST_G_TITLE);
		char *n = st_part_numeral(num ? num : "");

		b->cpart = st_node_add(b->contents, KP_EL_CPART);
		st_node_set(b->cpart, KP_A_N, n);
		st_node_set(b->cpart, KP_A_TITLE, title ? title : "");
		st_item_prov(b->cpart, it);
		if (title == NULL || *title == '\0')
			b->title_for = b->cpart;
		b->category = NULL;
		free(num);
		free(title);
		free(n);
		break;
	}
	case ST_R_CATEGORY:
		if (b->cpart == NULL) {
			b->cpart = st_node_add(b->contents, KP_EL_CPART);
			st_node_set(b->cpart, KP_A_N, "");
			st_node_set(b->cpart, KP_A_TITLE, "");
		}
		t = st_match_group(m, ST_G_TEXT);
		b->category = st_node_add(b->cpart, KP_EL_CATEGORY);
		st_node_set(b->category, KP_A_NAME, t ? t : it->text);
		st_item_prov(b->category, it);
		free(t);
		break;
	case ST_R_ENTRY:
		parent = b->category ? b->category : b->cpart ? b->cpart : NULL;
		if (parent == NULL) {
			st_unplaced_line(b, idx);
			break;
		}
		t = st_match_group(m, ST_G_TEXT);
		st_unit_open(b, st_node_add(parent, KP_EL_ENTRY), U_TEXT, m->rule,
		             t ? t : it->text, idx);
		free(t);
		break;
	default:
		st_unplaced_line(b, idx);
		break;
	}
}
