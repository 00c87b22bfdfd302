/*
 * build.c - the issue tree from page items.
 *
 * One pass over the items in reading order drives a small state machine:
 * front matter (cover) -> contents -> summary -> body (parts, articles)
 * -> colophon.  Lines are classified by the rules table (classify.c); a
 * line no rule starts either continues the open text unit (a wrap: same
 * block or a small gap, same size) or starts a paragraph.  The open unit's
 * text is finished when the next thing begins, which is when a lead's
 * date is read and a caption finds its table or figure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

#define MAX_LEVELS 8      /* nested lists */
#define X_TOL 4.0         /* points: same indent */
#define SIZE_TOL 1.2      /* points: same font size for a wrap */
#define GAP_FACTOR 0.9    /* wrap: vertical gap below this times the size */
#define NEAR 40.0         /* points: a caption this close below a figure is its */
#define WARN_CHARS 40     /* code points of text quoted in a warning */

enum mode { M_FRONT, M_CONTENTS, M_SUMMARY, M_BODY, M_COLOPHON };

/* Index in builder.meta of the meta field element el (kp_issue.h). */
#define MF(el) ((el) - KP_META_FIRST)

/* The line roles each mode looks for. */
#define ANY_MODE (ST_BIT(ST_R_CONTENTS) | ST_BIT(ST_R_SUMMARY) | ST_BIT(ST_R_PART) | \
                  ST_BIT(ST_R_COLOPHON))
static const unsigned long mode_roles[] = {
	[M_FRONT] = ANY_MODE | ST_BIT(ST_R_SERIES) | ST_BIT(ST_R_COVER_DATE) | ST_BIT(ST_R_ARTICLE),
	[M_CONTENTS] = ANY_MODE | ST_BIT(ST_R_CATEGORY) | ST_BIT(ST_R_ENTRY),
	[M_SUMMARY] = ANY_MODE | ST_BIT(ST_R_SUMMARY_ITEM) | ST_BIT(ST_R_ARTICLE),
	[M_BODY] = ST_BIT(ST_R_PART) | ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_ARTICLE) |
	           ST_BIT(ST_R_LEAD) | ST_BIT(ST_R_HEADING) | ST_BIT(ST_R_CAPTION) |
	           ST_BIT(ST_R_SOURCE) | ST_BIT(ST_R_NOTE) | ST_BIT(ST_R_BULLET) |
	           ST_BIT(ST_R_REFS) | ST_BIT(ST_R_REF) | ST_BIT(ST_R_URL) | ST_BIT(ST_R_FROM),
	[M_COLOPHON] = ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_SERIES),
};

/* What the open unit's text becomes when it is finished. */
enum unit_kind {
	U_TEXT,        /* text content of node (p, item, note, entry, heading, title) */
	U_BARE,        /* text content of an element without provenance (ref title) */
	U_LEAD,        /* text, with the date read off its end */
	U_CAPTION,     /* a detached caption looking for its table or figure */
	U_SOURCE,      /* text, url attribute from the URL in it */
	U_TITLE_ATTR,  /* title attribute of a part or contents part */
	U_URL,         /* url attribute of a ref, wraps joined without spaces */
	U_FIELD        /* colophon field value, feeding meta */
};

struct metaval {
	char *text;
	int page, ocr;
	struct kp_box box;
	double conf;
	char when[16];
};

struct unit {
	struct st_node *node;               /* NULL when no unit is open */
	enum unit_kind kind;
	const struct st_rule *rule;    /* the rule that started it (strip, meta) */
	struct kp_buf text;
	int page, lastpage, ocr;
	double conf;
	struct kp_box box;
	double x0, size;
	size_t last;                   /* index of its last line */
};

struct level {
	struct st_node *list, *item;
	double x0;
	int rule_level;
};

struct builder {
	const struct st_doc *doc;
	const struct st_rules *rules;
	const struct st_build_opts *opts;
	enum mode mode;
	int year, month;               /* of the issue; 0 when unknown */
	int contents_page;
	size_t colophon_at;            /* item where the colophon begins, or nitems */
	struct metaval meta[KP_NMETA];
	int last_meta;                 /* field a colophon line continues, -1 */
	struct st_node *root;          /* the issue; its parts while the pass runs */
	struct st_node *contents, *cpart, *category, *summary, *part, *article;
	struct st_node *colophon, *unplaced;
	struct level lv[MAX_LEVELS];
	int depth;
	struct st_node *annot;         /* last lead, p or item: a note's home */
	struct st_node *refs, *ref;    /* open references and its last ref */
	struct st_node *caption;       /* table caption waiting for its table */
	struct st_node *fig_wait;      /* figure with caption waiting for its image */
	struct st_node *title_for;     /* part, cpart or article whose title the next line is */
	struct unit u;
};

/* The builder.meta index a rule fills, or -1. */
static int meta_index(const struct st_rule *rule)
{
	return rule->meta >= 0 ? MF(rule->meta) : -1;
}

/* Provenance of n: the line, table or image it starts at. */
static void item_prov(struct st_node *n, const struct st_item *it)
{
	st_node_set_prov(n, it->page, 0, &it->box, it->ocr, it->conf);
}

static int is_kind(const struct st_node *n, enum kp_el kind)
{
	return n != NULL && n->kind == kind;
}

static void set_meta(struct builder *b, int f, const char *text, const struct st_item *it)
{
	struct metaval *mv = &b->meta[f];
	int y, m, d;

	if (mv->text != NULL || text == NULL || *text == '\0')
		return;
	if (f == MF(KP_EL_DATE)) {
		if (st_parse_ymd(text, &y, &m, &d) < 0 ||
		    st_iso_date(mv->when, sizeof(mv->when), y, m, d) < 0)
			return;
	}
	mv->text = kp_xstrdup(text);
	mv->page = it->page;
	mv->box = it->box;
	mv->ocr = it->ocr;
	mv->conf = it->conf;
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
		item_prov(b->part, it);
	b->article = NULL;
	return b->part;
}

/* Where blocks go now: the article, the part, or unplaced outside the body. */
static struct st_node *container(struct builder *b)
{
	if (b->mode != M_BODY)
		return unplaced(b);
	if (b->part == NULL)
		new_part(b, "", "", NULL);
	return b->article ? b->article : b->part;
}

/* Append a block to the container; lists, references and the note target
 * end here. */
static void add_block(struct builder *b, struct st_node *node)
{
	b->depth = 0;
	b->refs = b->ref = NULL;
	b->annot = NULL;
	b->fig_wait = NULL;
	st_node_append(container(b), node);
}

static void unit_open(struct builder *b, struct st_node *node, enum unit_kind kind,
                      const struct st_rule *rule, const char *text, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	b->u.node = node;
	b->u.kind = kind;
	b->u.rule = rule;
	kp_buf_clear(&b->u.text);
	kp_buf_puts(&b->u.text, text ? text : "");
	b->u.page = b->u.lastpage = it->page;
	b->u.box = it->box;
	b->u.ocr = it->ocr;
	b->u.conf = it->conf;
	b->u.x0 = it->box.x0;
	b->u.size = it->size;
	b->u.last = idx;
}

static void unit_add(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	if (b->u.kind == U_URL)
		kp_buf_puts(&b->u.text, it->text);
	else
		st_join(&b->u.text, it->text, b->rules);
	if (it->page == b->u.page)
		kp_box_union(&b->u.box, &it->box);
	b->u.lastpage = it->page;
	if (it->ocr) {
		b->u.ocr = 1;
		if (it->conf >= 0 && (b->u.conf < 0 || it->conf < b->u.conf))
			b->u.conf = it->conf;
	}
	b->u.last = idx;
}

/* Does line idx of role continue the open unit (a wrap)? */
static int continues(const struct builder *b, size_t idx, enum st_role role)
{
	const struct st_item *it = &b->doc->items[idx], *prev;
	double gap;

	if (b->u.node == NULL || role != ST_R_TEXT || b->u.kind == U_FIELD)
		return 0;
	if (idx == 0 || b->u.last != idx - 1)
		return 0;           /* a table or image came between */
	prev = &b->doc->items[idx - 1];
	if (b->u.kind == U_URL && strchr(it->text, ' ') != NULL)
		return 0;
	if (fabs(it->size - b->u.size) > SIZE_TOL && b->u.kind != U_URL && !it->ocr && !prev->ocr)
		return 0;           /* OCR'd sizes are guesses */
	if (it->page != prev->page)   /* paragraphs run on over a page break */
		return it->page == prev->page + 1 && (b->u.kind == U_TEXT || b->u.kind == U_LEAD);
	if (it->id != NULL && prev->id != NULL && strcmp(it->id, prev->id) == 0)
		return 1;
	gap = it->box.y0 - prev->box.y1;
	return gap > -2 && gap < GAP_FACTOR * it->size && it->box.x0 >= b->u.x0 - X_TOL;
}

/* Remove the rule's strip suffix and surrounding space. */
static void finish_text(struct builder *b)
{
	struct kp_buf *t = &b->u.text;
	const char *strip = b->u.rule ? b->u.rule->strip : NULL;

	kp_squeeze_space(t->s);
	t->len = strlen(t->s);
	if (strip != NULL) {
		size_t k = strlen(strip);

		if (t->len >= k && strcmp(t->s + t->len - k, strip) == 0) {
			t->s[t->len -= k] = '\0';
			kp_squeeze_space(t->s);
			t->len = strlen(t->s);
		}
	}
}

static void unit_prov(struct builder *b)
{
	st_node_set_prov(b->u.node, b->u.page, b->u.lastpage, &b->u.box, b->u.ocr, b->u.conf);
}

/* A month.day found by `role` (lead-date, from) at the end of text, as
 * ISO with the issue's year into iso; returns where the match starts, or -1. */
static long match_date(struct builder *b, enum st_role role, const char *text,
                       struct st_match *m, char *iso, size_t isosz, char **printed)
{
	char *mo, *da;
	long at = -1;

	*iso = '\0';
	*printed = NULL;
	if (st_rules_match(b->rules, role, text, m) == NULL)
		return -1;
	mo = st_match_group(m, ST_G_MONTH);
	da = st_match_group(m, ST_G_DAY);
	if (mo != NULL && da != NULL) {
		int mon = atoi(mo), day = atoi(da);
		struct kp_buf p;

		at = m->m[0].rm_so;
		if (b->year > 0)
			st_iso_date(iso, isosz, st_date_year(b->year, b->month, mon), mon, day);
		kp_buf_init(&p);
		kp_buf_printf(&p, "%s.%s", mo, da);
		*printed = kp_buf_detach(&p);
	}
	free(mo);
	free(da);
	return at;
}

static void finish_lead(struct builder *b)
{
	struct st_match m;
	char iso[16], *printed;
	long at = match_date(b, ST_R_LEAD_DATE, b->u.text.s, &m, iso, sizeof(iso), &printed);

	if (at >= 0) {
		b->u.text.s[at] = '\0';
		kp_squeeze_space(b->u.text.s);
		if (*iso)
			st_node_set(b->u.node, KP_A_DATE, iso);
		st_node_set(b->u.node, KP_A_DATETEXT, printed);
	}
	free(printed);
	st_node_set_text(b->u.node, b->u.text.s);
}

static int has_child(const struct st_node *n, enum kp_el kind)
{
	return st_node_count(n, kind) > 0;
}

/* A captionless figure above the caption whose width holds its middle:
 * figures printed side by side are followed by their captions in a row. */
static struct st_node *figure_above(struct builder *b, const struct kp_box *cap, int page)
{
	double mid = (cap->x0 + cap->x1) / 2;
	struct st_node *n = container(b)->last, *fallback = NULL;

	for (; is_kind(n, KP_EL_FIGURE); n = n->prev) {
		const struct kp_box *box = &n->box;

		if (!n->has_prov || n->page != page || has_child(n, KP_EL_CAPTION) ||
		    box->y1 > cap->y0 + X_TOL || cap->y0 - box->y1 > NEAR)
			continue;
		if (mid >= box->x0 - X_TOL && mid <= box->x1 + X_TOL)
			return n;
		if (fallback == NULL)
			fallback = n;
	}
	return fallback;
}

/* The caption belongs to the table that follows, to a figure above, or to a
 * figure whose image follows; else it stands as a figure of its own. */
static void finish_caption(struct builder *b, const struct st_item *next)
{
	struct st_node *cap = b->u.node, *fig;

	st_node_set_text(cap, b->u.text.s);
	if (next != NULL && (next->kind == ST_TABLE || (next->kind == ST_IMAGE && !next->figure))) {
		st_node_free(b->caption);
		b->caption = cap;
		return;
	}
	if ((fig = figure_above(b, &b->u.box, b->u.page)) != NULL) {
		st_node_append(fig, cap);
		return;
	}
	fig = st_node_new(KP_EL_FIGURE);
	st_node_set_prov(fig, b->u.page, 0, &b->u.box, b->u.ocr, b->u.conf);
	st_node_append(fig, cap);
	add_block(b, fig);
	if (next != NULL && next->kind == ST_IMAGE && next->figure && next->page == b->u.page)
		b->fig_wait = fig;
}

/* A source line's text, and the first http(s) URL in it as its url. */
static void finish_source(struct builder *b)
{
	const char *s = b->u.text.s, *u = strstr(s, "http://");
	const char *h = strstr(s, "https://");

	st_node_set_text(b->u.node, s);
	if (u == NULL || (h != NULL && h < u))
		u = h;
	if (u != NULL) {
		char *url = kp_xstrndup(u, strcspn(u, " <>\""));

		st_node_set(b->u.node, KP_A_URL, url);
		free(url);
	}
}

/* Meta fields named by the rules' meta patterns in one colophon text. */
static void colophon_meta(struct builder *b, const char *text, const struct st_item *it)
{
	struct st_match m;
	int f;

	if (st_rules_match(b->rules, ST_R_META, text, &m) != NULL &&
	    (f = meta_index(m.rule)) >= 0) {
		char *v = st_match_group(&m, ST_G_TEXT);

		set_meta(b, f, v, it);
		free(v);
		b->last_meta = f;
	} else if (b->last_meta == MF(KP_EL_ADDRESS) && b->meta[MF(KP_EL_ADDRESS)].text != NULL) {
		struct kp_buf a;

		kp_buf_init(&a);
		kp_buf_puts(&a, b->meta[MF(KP_EL_ADDRESS)].text);
		st_join(&a, text, b->rules);
		free(b->meta[MF(KP_EL_ADDRESS)].text);
		b->meta[MF(KP_EL_ADDRESS)].text = kp_buf_detach(&a);
	}
}

/* Finish the open unit; next is the item that ended it (NULL at the end). */
static void unit_close(struct builder *b, const struct st_item *next)
{
	if (b->u.node == NULL)
		return;
	finish_text(b);
	switch (b->u.kind) {
	case U_TEXT:
		st_node_set_text(b->u.node, b->u.text.s);
		unit_prov(b);
		break;
	case U_BARE:
		st_node_set_text(b->u.node, b->u.text.s);
		break;
	case U_LEAD:
		finish_lead(b);
		unit_prov(b);
		break;
	case U_CAPTION:
		unit_prov(b);
		finish_caption(b, next);
		break;
	case U_SOURCE:
		finish_source(b);
		unit_prov(b);
		break;
	case U_TITLE_ATTR:
		st_node_set(b->u.node, KP_A_TITLE, b->u.text.s);
		break;
	case U_URL:
		st_node_set(b->u.node, KP_A_URL, b->u.text.s);
		break;
	case U_FIELD:
		st_node_set_text(b->u.node, b->u.text.s);
		unit_prov(b);
		break;
	}
	b->u.node = NULL;
}

/* Flush a table caption whose table never came: it stands as a figure. */
static void drop_caption(struct builder *b)
{
	struct st_node *fig;

	if (b->caption == NULL)
		return;
	fig = st_node_new(KP_EL_FIGURE);
	st_node_append(fig, b->caption);
	b->caption = NULL;
	add_block(b, fig);
}

/* ---- lines by role ----------------------------------------------------- */

static void text_block(struct builder *b, enum kp_el kind, enum unit_kind ukind,
                       const struct st_match *m, size_t idx, int annotatable)
{
	struct st_node *n = st_node_new(kind);
	char *t = m->rule ? st_match_group(m, ST_G_TEXT) : NULL;

	add_block(b, n);
	unit_open(b, n, ukind, m->rule, t ? t : b->doc->items[idx].text, idx);
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
	b->depth = 0;
	b->refs = b->ref = NULL;
	b->annot = NULL;
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
	b->depth = 0;
	b->refs = b->ref = NULL;
	b->annot = NULL;
	b->article = st_node_add(b->part, KP_EL_ARTICLE);
	st_node_set(b->article, KP_A_N, num ? num : "");
	item_prov(b->article, it);
	t = st_node_add(b->article, KP_EL_TITLE);
	if (title != NULL && *title != '\0')
		unit_open(b, t, U_TEXT, m->rule, title, idx);
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

		item_prov(list, it);
		if (b->depth == 0) {
			add_block(b, list);
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
	unit_open(b, item, U_TEXT, m->rule, text ? text : it->text, idx);
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

		add_block(b, note);
		b->depth = depth;   /* a note between items keeps the list open */
		b->refs = refs;
	}
	unit_open(b, note, U_TEXT, m->rule, text ? text : b->doc->items[idx].text, idx);
	free(mark);
	free(text);
}

/* Open a references block at line it; refs and its last ref follow it. */
static struct st_node *open_refs(struct builder *b, const struct st_item *it)
{
	struct st_node *refs = st_node_new(KP_EL_REFERENCES);

	item_prov(refs, it);
	add_block(b, refs);
	b->refs = refs;
	return refs;
}

static void ref_line(struct builder *b, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *text = st_match_group(m, ST_G_TEXT);
	struct st_node *title;

	if (b->refs == NULL)
		open_refs(b, it);
	b->ref = st_node_add(b->refs, KP_EL_REF);
	item_prov(b->ref, it);
	title = st_node_add(b->ref, KP_EL_TITLE);
	unit_open(b, title, U_BARE, m->rule, text ? text : it->text, idx);
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
	if (match_date(b, ST_R_FROM, it->text, &dm, iso, sizeof(iso), &printed) >= 0 && *iso)
		st_node_set(b->ref, KP_A_DATE, iso);
	item_prov(b->ref, it);
	st_node_add(b->ref, KP_EL_TITLE);
	free(printed);
	free(medium);
}

static void url_line(struct builder *b, const struct st_match *m, size_t idx)
{
	char *url = st_match_group(m, ST_G_TEXT);

	unit_open(b, b->ref, U_URL, m->rule, url ? url : b->doc->items[idx].text, idx);
	free(url);
}

static int ref_wants_url(const struct builder *b)
{
	return b->ref != NULL && st_node_get(b->ref, KP_A_URL) == NULL;
}

static void body_line(struct builder *b, enum st_role role, const struct st_match *m, size_t idx)
{
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

		unit_open(b, st_node_new(KP_EL_CAPTION), U_CAPTION, m->rule, t, idx);
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
		open_refs(b, &b->doc->items[idx]);
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

static void unplaced_line(struct builder *b, size_t idx)
{
	struct st_node *p = st_node_add(unplaced(b), KP_EL_P);

	unit_open(b, p, U_TEXT, NULL, b->doc->items[idx].text, idx);
}

static void contents_line(struct builder *b, enum st_role role, const struct st_match *m,
                          size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_node *parent;
	char *t;

	switch (role) {
	case ST_R_PART: {
		char *num = st_match_group(m, ST_G_NUM), *title = st_match_group(m, ST_G_TITLE);
		char *n = st_part_numeral(num ? num : "");

		b->cpart = st_node_add(b->contents, KP_EL_CPART);
		st_node_set(b->cpart, KP_A_N, n);
		st_node_set(b->cpart, KP_A_TITLE, title ? title : "");
		item_prov(b->cpart, it);
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
		item_prov(b->category, it);
		free(t);
		break;
	case ST_R_ENTRY:
		parent = b->category ? b->category : b->cpart ? b->cpart : NULL;
		if (parent == NULL) {
			unplaced_line(b, idx);
			break;
		}
		t = st_match_group(m, ST_G_TEXT);
		unit_open(b, st_node_add(parent, KP_EL_ENTRY), U_TEXT, m->rule,
		          t ? t : it->text, idx);
		free(t);
		break;
	default:
		unplaced_line(b, idx);
		break;
	}
}

static void colophon_line(struct builder *b, enum st_role role, const struct st_match *m,
                          size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *name, *value;
	int f;

	if (b->colophon == NULL) {
		b->colophon = st_node_new(KP_EL_COLOPHON);
		item_prov(b->colophon, it);
	}
	if (role == ST_R_COLOPHON) {
		struct st_node *field = st_node_add(b->colophon, KP_EL_FIELD);

		name = st_match_group(m, ST_G_NAME);
		value = st_match_group(m, ST_G_VALUE);
		if (name != NULL) {   /* "발 행 일" is the field 발행일 */
			char *w = name;

			for (char *r = name; *r; r++)
				if (*r != ' ')
					*w++ = *r;
			*w = '\0';
		}
		st_node_set(field, KP_A_NAME, name ? name : "");
		unit_open(b, field, U_FIELD, m->rule, value, idx);
		b->last_meta = -1;
		if ((f = meta_index(m->rule)) >= 0) {
			set_meta(b, f, value, it);
			b->last_meta = f;
		}
		if (value != NULL)
			colophon_meta(b, value, it);
		free(name);
		free(value);
	} else if (b->u.node != NULL && b->u.kind == U_FIELD) {
		unit_add(b, idx);
		colophon_meta(b, it->text, it);
	} else if (role == ST_R_SERIES) {
		set_meta(b, MF(KP_EL_SERIES), it->text, it);
	} else {
		unplaced_line(b, idx);
	}
}

/* Roles that change the mode wherever they appear. */
static int mode_line(struct builder *b, enum st_role role, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	if (role == ST_R_CONTENTS && b->contents == NULL) {
		b->contents = st_node_new(KP_EL_CONTENTS);
		item_prov(b->contents, it);
		b->mode = M_CONTENTS;
		b->contents_page = it->page;
		return 1;
	}
	if (role == ST_R_SUMMARY && b->summary == NULL && b->mode != M_BODY) {
		b->summary = st_node_new(KP_EL_SUMMARY);
		item_prov(b->summary, it);
		b->mode = M_SUMMARY;
		return 1;
	}
	return 0;
}

static void line_item(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_match m;
	enum st_role role = st_classify(b->rules, mode_roles[b->mode], it->text,
	                                it->size, b->doc->body_size, &m);

	if (b->mode == M_COLOPHON) {
		if (role == ST_R_COLOPHON || b->u.kind != U_FIELD)
			unit_close(b, it);
		colophon_line(b, role, &m, idx);
		return;
	}
	if (continues(b, idx, role)) {
		unit_add(b, idx);
		return;
	}
	unit_close(b, it);
	drop_caption(b);
	if (b->title_for != NULL && (role == ST_R_TEXT || b->mode == M_CONTENTS ||
	                             (role == ST_R_PART && m.rule->group[ST_G_NUM] < 0))) {
		struct st_node *target = b->title_for;

		b->title_for = NULL;
		if (is_kind(target, KP_EL_ARTICLE))
			unit_open(b, target->first, U_TEXT, NULL, it->text, idx);
		else
			unit_open(b, target, U_TITLE_ATTR, NULL, it->text, idx);
		return;
	}
	b->title_for = NULL;
	if (mode_line(b, role, idx))
		return;
	if (role == ST_R_COLOPHON) {
		b->mode = M_COLOPHON;
		colophon_line(b, role, &m, idx);
		return;
	}
	switch (b->mode) {
	case M_CONTENTS:
		contents_line(b, role, &m, idx);
		break;
	case M_SUMMARY:
		if (role == ST_R_SUMMARY_ITEM) {
			char *t = st_match_group(&m, ST_G_TEXT);

			unit_open(b, st_node_add(b->summary, KP_EL_ITEM), U_TEXT,
			          m.rule, t ? t : it->text, idx);
			free(t);
		} else if (role == ST_R_PART || role == ST_R_ARTICLE) {
			body_line(b, role, &m, idx);
		} else {
			unplaced_line(b, idx);
		}
		break;
	case M_FRONT:
		if (role == ST_R_SERIES && b->meta[MF(KP_EL_SERIES)].text == NULL) {
			char *t = st_match_group(&m, ST_G_TEXT);

			set_meta(b, MF(KP_EL_SERIES), t, it);
			free(t);
		} else if (role == ST_R_COVER_DATE && b->meta[MF(KP_EL_DATE)].text == NULL) {
			set_meta(b, MF(KP_EL_DATE), it->text, it);
		} else if (role == ST_R_PART || role == ST_R_ARTICLE) {
			body_line(b, role, &m, idx);
		} else {
			unplaced_line(b, idx);
		}
		break;
	default:
		body_line(b, role, &m, idx);
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
	add_block(b, fig);
}

/* ---- before and after the pass ------------------------------------------- */

/* Does line it start a block of the body (part, article, lead, item, references)? */
static int structural(const struct builder *b, const struct st_item *it)
{
	struct st_match m;
	enum st_role r = st_classify(b->rules, mode_roles[M_BODY], it->text, it->size,
	                             b->doc->body_size, &m);

	return r == ST_R_PART || r == ST_R_ARTICLE || r == ST_R_LEAD || r == ST_R_BULLET ||
	       r == ST_R_REFS || r == ST_R_REF;
}

/* The issue's year and month (colophon date field, else the cover) and
 * where the colophon begins: at the top of the page of its first field,
 * unless body text comes before that field on the page. */
static void prescan(struct builder *b)
{
	int cover_y = 0, cover_m = 0, y, m, d, page = 0, body_on_page = 0;
	size_t page_start = 0;

	b->colophon_at = b->doc->nitems;
	for (size_t i = 0; i < b->doc->nitems; i++) {
		const struct st_item *it = &b->doc->items[i];
		struct st_match mt;
		enum st_role role;

		if (it->page != page) {
			page = it->page;
			page_start = i;
			body_on_page = 0;
		}
		if (it->kind != ST_LINE) {
			body_on_page = 1;
			continue;
		}
		role = st_classify(b->rules, ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_COVER_DATE), it->text,
		                   it->size, b->doc->body_size, &mt);
		if (role == ST_R_COLOPHON) {
			char *v = st_match_group(&mt, ST_G_VALUE);

			if (b->colophon_at == b->doc->nitems)
				b->colophon_at = body_on_page ? i : page_start;
			if (meta_index(mt.rule) == MF(KP_EL_DATE) && v != NULL && b->year == 0 &&
			    st_parse_ymd(v, &y, &m, &d) == 0) {
				b->year = y;
				b->month = m;
			}
			free(v);
		} else if (role == ST_R_COVER_DATE && cover_y == 0 &&
		           st_parse_ymd(it->text, &y, &m, &d) == 0) {
			cover_y = y;
			cover_m = m;
		} else if (!body_on_page && structural(b, it)) {
			body_on_page = 1;
		}
	}
	if (b->year == 0) {
		b->year = cover_y;
		b->month = cover_m;
	}
}

/* Code points of s without spaces and punctuation, for title matching. */
static size_t letters(const char *s, unsigned long *out, size_t max)
{
	size_t n = 0, len = strlen(s), k;
	unsigned long cp;

	for (size_t i = 0; i < len && n < max; i += k ? k : 1) {
		k = kp_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			continue;
		if (cp < 0x80 && !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		                   (cp >= 'a' && cp <= 'z')))
			continue;
		if ((cp >= 0x2018 && cp <= 0x201F) || (cp >= 0x3008 && cp <= 0x3011) || cp == 0xB7)
			continue;
		out[n++] = cp;
	}
	return n;
}

/* Edit distance between two titles relative to the longer one (0..1). */
static double title_distance(const char *a, const char *b)
{
	enum { MAXC = 200 };
	unsigned long x[MAXC], y[MAXC];
	size_t n = letters(a, x, MAXC), m = letters(b, y, MAXC);
	size_t row[MAXC + 1];

	if (n == 0 || m == 0)
		return 1.0;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j], best = diag + (x[i - 1] != y[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return (double)row[m] / (double)(n > m ? n : m);
}

/* The category of the contents entry nearest to title, preferring the
 * contents part numbered n; NULL when no entry is close. */
static const char *category_for(const struct builder *b, const char *title, const char *n)
{
	double best = 0.3;
	const char *found = NULL;

	if (b->contents == NULL)
		return NULL;
	for (int pass = 0; pass < 2 && found == NULL; pass++)
		for (const struct st_node *cp = b->contents->first; cp != NULL; cp = cp->next) {
			const char *cn = st_node_get(cp, KP_A_N);

			if (pass == 0 && !(cn != NULL && n != NULL && strcmp(cn, n) == 0))
				continue;
			for (const struct st_node *cat = cp->first; cat != NULL; cat = cat->next) {
				if (!is_kind(cat, KP_EL_CATEGORY))
					continue;
				for (const struct st_node *e = cat->first; e != NULL; e = e->next) {
					char *t = st_node_text_new(e);
					double d = title_distance(title, t);

					free(t);
					if (d < best) {
						best = d;
						found = st_node_get(cat, KP_A_NAME);
					}
				}
			}
		}
	return found;
}

static void set_categories(struct builder *b)
{
	for (struct st_node *p = b->root->first; p != NULL; p = p->next) {
		const char *n = st_node_get(p, KP_A_N);

		for (struct st_node *a = p->first; a != NULL; a = a->next) {
			char *title;
			const char *cat;

			if (!is_kind(a, KP_EL_ARTICLE))
				continue;
			title = st_node_text_new(a->first);
			if ((cat = category_for(b, title, n)) != NULL)
				st_node_set(a, KP_A_CATEGORY, cat);
			free(title);
		}
	}
}

static struct st_node *meta_node(struct builder *b)
{
	struct st_node *meta = st_node_new(KP_EL_META);

	for (int f = 0; f < KP_NMETA; f++) {
		struct metaval *mv = &b->meta[f];
		struct st_node *n;

		if (mv->text == NULL)
			continue;
		n = st_node_add(meta, (enum kp_el)(KP_META_FIRST + f));
		st_node_set_text(n, mv->text);
		if (f == MF(KP_EL_DATE))
			st_node_set(n, KP_A_WHEN, mv->when);
		st_node_set_prov(n, mv->page, 0, &mv->box, mv->ocr, mv->conf);
	}
	return meta;
}

static void warn_unplaced(const struct builder *b)
{
	for (const struct st_node *n = b->unplaced ? b->unplaced->first : NULL; n; n = n->next) {
		char *t = st_node_text_new(n);
		size_t cut = 0, count = 0, len = strlen(t);

		while (cut < len && count < WARN_CHARS) {
			unsigned long cp;
			size_t k = kp_utf8_decode(t + cut, len - cut, &cp);

			cut += k ? k : 1;
			count++;
		}
		kp_warn(b->opts->name, n->has_prov ? n->page : 0, "unplaced: %.*s%s",
		        (int)cut, t, cut < len ? "…" : "");
		free(t);
	}
}

/* The root's attributes: the PDF, the rules, the OCR'd pages. */
static void root_attrs(const struct builder *b)
{
	const struct st_doc *d = b->doc;
	struct st_node *root = b->root;
	struct kp_buf ocr;
	int hex = d->sha256 != NULL && strlen(d->sha256) == 64;

	st_node_set(root, KP_A_VERSION, KP_ISSUE_VERSION);
	st_node_set(root, KP_A_SOURCE, d->file);
	st_node_set_int(root, KP_A_PAGES, d->pages);
	for (const char *p = d->sha256; hex && *p; p++)
		hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
	if (hex)
		st_node_set(root, KP_A_SHA256, d->sha256);
	if (d->producer != NULL)
		st_node_set(root, KP_A_PRODUCER, d->producer);
	st_node_set(root, KP_A_RULES, b->rules->name);
	kp_buf_init(&ocr);
	for (size_t i = 0; i < d->npage_info; i++)
		if (d->page_info[i].ocr)
			kp_buf_printf(&ocr, "%s%ld", ocr.len ? " " : "", d->page_info[i].n);
	if (ocr.len > 0)
		st_node_set(root, KP_A_OCR_PAGES, ocr.s);
	kp_buf_release(&ocr);
}

/* <layout>: every page's size and how its text was read, so that exports
 * can place the boxes of the other elements on their page. */
static struct st_node *layout_node(const struct st_doc *d)
{
	struct st_node *layout = st_node_new(KP_EL_LAYOUT);
	char num[32];

	for (size_t i = 0; i < d->npage_info; i++) {
		const struct st_page *pi = &d->page_info[i];
		struct st_node *page = st_node_add(layout, KP_EL_PAGE);

		st_node_set_int(page, KP_A_N, pi->n);
		snprintf(num, sizeof(num), "%.1f", pi->width);
		st_node_set(page, KP_A_WIDTH, num);
		snprintf(num, sizeof(num), "%.1f", pi->height);
		st_node_set(page, KP_A_HEIGHT, num);
		st_node_set(page, KP_A_SOURCE, pi->ocr ? "ocr" : "text");
		if (pi->reason != NULL)
			st_node_set(page, KP_A_REASON, pi->reason);
	}
	return layout;
}

static void prepend_if(struct st_node *root, struct st_node *n)
{
	if (n != NULL)
		st_node_prepend(root, n);
}

static void append_if(struct st_node *root, struct st_node *n)
{
	if (n != NULL)
		st_node_append(root, n);
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
	prescan(&b);
	for (size_t i = 0; i < doc->nitems; i++) {
		const struct st_item *it = &doc->items[i];

		if (it->page != page) {
			page = it->page;
			if (b.mode == M_CONTENTS && page != b.contents_page)
				b.mode = M_FRONT;
		}
		if (i == b.colophon_at && b.mode != M_COLOPHON) {
			unit_close(&b, it);
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
			continue;
		}
		if (it->merged)
			continue;
		unit_close(&b, it);
		b.title_for = NULL;
		if (it->kind == ST_TABLE) {
			struct st_node *cap = b.caption;

			b.caption = NULL;
			add_block(&b, st_table_node(it, rules, cap));
		} else {
			if (b.caption != NULL && it->figure)
				drop_caption(&b);
			image_item(&b, it);
		}
	}
	unit_close(&b, NULL);
	drop_caption(&b);
	set_categories(&b);

	root_attrs(&b);
	prepend_if(b.root, b.summary);
	prepend_if(b.root, b.contents);
	prepend_if(b.root, layout_node(doc));
	prepend_if(b.root, st_labels_node(rules));
	prepend_if(b.root, meta_node(&b));
	append_if(b.root, b.colophon);
	append_if(b.root, b.unplaced);
	if (opts->warnings)
		warn_unplaced(&b);

	for (int f = 0; f < KP_NMETA; f++)
		free(b.meta[f].text);
	kp_buf_release(&b.u.text);
	return b.root;
}
