/*
 * unit.c - the open text unit: the element a line began, with the lines
 * that wrap onto it, finished into its node when the next thing begins
 * (a lead's date read off, a caption finding its table or figure).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

#define SIZE_TOL 1.2      /* points: same font size for a wrap */
#define GAP_FACTOR 0.9    /* wrap: vertical gap below this times the size */
#define NEAR 40.0         /* points: a caption this close below a figure is its */

void st_unit_open(struct builder *b, struct st_node *node, enum unit_kind kind,
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

void st_unit_add(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	if (b->u.kind == U_URL)
		kp_buf_puts(&b->u.text, it->text);
	else
		st_join(&b->u.text, it->text, b->rules, st_wrap_at(b->doc, b->u.last));
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

/* A line ending within this many ems of its block's right edge is full. */
#define FULL_EMS 1.0

int st_unit_wrapped(const struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx], *prev;
	const char *end, *c;
	unsigned long cp = 0;

	if (b->u.node == NULL || b->u.kind != U_TEXT || st_node_is(b->u.node, KP_EL_HEAD) ||
	    idx == 0 || b->u.last != idx - 1)
		return 0;           /* heads over numbered lines: a list of them */
	prev = it - 1;
	if (prev->kind != ST_LINE || prev->page != it->page || prev->id == NULL ||
	    it->id == NULL || strcmp(prev->id, it->id) != 0 ||
	    fabs(prev->box.x0 - it->box.x0) > X_TOL || fabs(prev->size - it->size) > SIZE_TOL ||
	    st_block_right(b->doc, idx - 1) - prev->box.x1 > FULL_EMS * prev->size)
		return 0;
	for (end = prev->text + strlen(prev->text); end > prev->text && end[-1] == ' '; end--)
		;
	for (c = end; c > prev->text && ((unsigned char)c[-1] & 0xC0) == 0x80; c--)
		;
	if (c > prev->text && kp_utf8_decode(c - 1, (size_t)(end - c + 1), &cp) == 0)
		cp = 0;
	return kp_is_hangul(cp) || kp_is_han(cp) || (cp < 0x80 && isalpha((int)cp));
}

int st_unit_continues(const struct builder *b, size_t idx, enum st_role role)
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

long st_match_date(const struct builder *b, enum st_role role, const char *text,
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
	long at = st_match_date(b, ST_R_LEAD_DATE, b->u.text.s, &m, iso, sizeof(iso), &printed);

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

/* A captionless figure above the caption whose width holds its middle:
 * figures printed side by side are followed by their captions in a row. */
static struct st_node *figure_above(struct builder *b, const struct kp_box *cap, int page)
{
	double mid = (cap->x0 + cap->x1) / 2;
	struct st_node *n = st_container(b)->last, *fallback = NULL;

	for (; st_node_is(n, KP_EL_FIGURE); n = n->prev) {
		const struct kp_box *box = &n->box;

		if (!n->has_prov || n->page != page || st_node_count(n, KP_EL_CAPTION) > 0 ||
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
	st_add_block(b, fig);
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

void st_unit_close(struct builder *b, const struct st_item *next)
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

void st_drop_caption(struct builder *b)
{
	struct st_node *fig;

	if (b->caption == NULL)
		return;
	fig = st_node_new(KP_EL_FIGURE);
	st_node_append(fig, b->caption);
	b->caption = NULL;
	st_add_block(b, fig);
}
