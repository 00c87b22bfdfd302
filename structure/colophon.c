/*
 * colophon.c - the colophon and the metadata: the fields of the
 * colophon, the meta values the rules' meta=FIELD patterns take from them
 * (and from the cover), and, before the pass, the date and where
 * the colophon begins.
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

/* The builder.meta index a rule fills, or -1. */
static int meta_index(const struct st_rule *rule)
{
	return rule->meta >= 0 ? MF(rule->meta) : -1;
}

void st_set_meta(struct builder *b, int f, const char *text, const struct st_item *it)
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
	if (f == MF(KP_EL_SERIES) && (mv->text = st_unspaced_new(text)) != NULL)
		mv->printed = kp_xstrdup(text);
	else
		mv->text = kp_xstrdup(text);
	mv->page = it->page;
	mv->box = it->box;
	mv->ocr = it->ocr;
	mv->conf = it->conf;
}

/* The length of a space, slash or middle dot (U+00B7) at s[j], which
 * letter-space a title; 0 for anything else. */
static size_t gap_at(const char *s, size_t n, size_t j)
{
	if (j < n && (s[j] == ' ' || s[j] == '/'))
		return 1;
	return n - j >= 2 && j < n && memcmp(s + j, "\xc2\xb7", 2) == 0 ? 2 : 0;
}

/* The length of a Hangul syllable at s[j] that is a word of its own (a
 * gap or the end after it), else 0. */
static size_t lone_syllable(const char *s, size_t n, size_t j)
{
	unsigned long cp;
	size_t k = j < n ? kp_utf8_decode(s + j, n - j, &cp) : 0;

	return k > 0 && kp_is_hangul(cp) && (j + k == n || gap_at(s, n, j + k) > 0) ? k : 0;
}

char *st_unspaced_new(const char *s)
{
	struct kp_buf out;
	size_t n = strlen(s), i = 0;
	int changed = 0;

	kp_buf_init(&out);
	while (i < n) {
		size_t j = i, end = i, k, g;
		unsigned long cp;
		int run = 0;

		if (i == 0 || (i >= 1 && gap_at(s, n, i - 1) == 1) || (i >= 2 && gap_at(s, n, i - 2) == 2))
			while ((k = lone_syllable(s, n, j)) > 0) {
				run++;
				end = j + k;
				for (j = end; (g = gap_at(s, n, j)) > 0; j += g)
					;
			}
		if (run >= 3) {
			for (size_t p = i; p < end; p += k) {
				k = kp_utf8_decode(s + p, end - p, &cp);
				if (k == 0)
					k = 1;
				else if (kp_is_hangul(cp))
					kp_buf_add(&out, s + p, k);
			}
			changed = 1;
			i = end;
		} else {
			k = kp_utf8_decode(s + i, n - i, &cp);
			k = k > 0 ? k : 1;
			kp_buf_add(&out, s + i, k);
			i += k;
		}
	}
	if (!changed) {
		kp_buf_release(&out);
		return NULL;
	}
	return kp_buf_detach(&out);
}

/* Meta fields named by the rules' meta patterns in one colophon text. */
static void colophon_meta(struct builder *b, const char *text, const struct st_item *it)
{
	struct st_match m;
	int f;

	if (st_rules_match(b->rules, ST_R_META, text, &m) != NULL &&
	    (f = meta_index(m.rule)) >= 0) {
		char *v = st_match_group(&m, ST_G_TEXT);

		st_set_meta(b, f, v, it);
		free(v);
		b->last_meta = f;
	} else if (b->last_meta >= 0 && b->meta[b->last_meta].text == NULL) {
		st_set_meta(b, b->last_meta, text, it); /* the value under its label */
	} else if (b->last_meta == MF(KP_EL_ADDRESS) && b->meta[MF(KP_EL_ADDRESS)].text != NULL) {
		struct kp_buf a;

		kp_buf_init(&a);
		kp_buf_puts(&a, b->meta[MF(KP_EL_ADDRESS)].text);
		st_join(&a, text, b->rules, ST_WRAP_GUESS);
		free(b->meta[MF(KP_EL_ADDRESS)].text);
		b->meta[MF(KP_EL_ADDRESS)].text = kp_buf_detach(&a);
	}
}

void st_colophon_line(struct builder *b, enum st_role role, const struct st_match *m,
		      size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *name, *value;
	int f;

	if (b->colophon == NULL) {
		b->colophon = st_node_new(KP_EL_COLOPHON);
		st_item_prov(b->colophon, it);
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
		st_unit_open(b, field, U_FIELD, m->rule, value, idx);
		b->last_meta = -1;
		if ((f = meta_index(m->rule)) >= 0) {
			st_set_meta(b, f, value, it);
			b->last_meta = f;
		}
		if (value != NULL)
			colophon_meta(b, value, it);
		free(name);
		free(value);
	} else if (b->u.node != NULL && b->u.kind == U_FIELD) {
		st_unit_add(b, idx);
		colophon_meta(b, it->text, it);
	} else if (role == ST_R_SERIES) {
		st_set_meta(b, MF(KP_EL_SERIES), it->text, it);
	} else {
		st_unplaced_line(b, idx);
	}
}

/* ---- before and after the pass ------------------------------------------- */

/* Does line idx start a block of the body (part, article, lead, item, references)? */
static int structural(const struct builder *b, size_t idx)
{
	struct st_match m;
	enum st_role r = st_line_role(b, idx, ST_BODY_ROLES, &m);

	return r == ST_R_PART || r == ST_R_ARTICLE || r == ST_R_LEAD || r == ST_R_BULLET ||
	       r == ST_R_REFS || r == ST_R_REF;
}

/* The year and month: the colophon's date field, else the cover.
 * The colophon begins at the top of the page of its first field, unless
 * body text comes before that field on the page. */
void st_colophon_scan(struct builder *b)
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
		role = st_line_role(b, i, ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_COVER_DATE), &mt);
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
		} else if (!body_on_page && structural(b, i)) {
			body_on_page = 1;
		}
	}
	if (b->year == 0) {
		b->year = cover_y;
		b->month = cover_m;
	}
}

void st_cover_meta(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	struct st_match m;
	int f;

	if (st_rules_match(b->rules, ST_R_META, it->text, &m) != NULL &&
	    (f = meta_index(m.rule)) >= 0 && b->cover_meta[f].text == NULL) {
		char *v = st_match_group(&m, ST_G_TEXT);
		struct metaval *mv = &b->cover_meta[f];

		if (v != NULL && *v != '\0') {
			mv->text = v;
			mv->page = it->page;
			mv->box = it->box;
			mv->ocr = it->ocr;
			mv->conf = it->conf;
		} else {
			free(v);
		}
	}
}

void st_meta_from_cover(struct builder *b)
{
	for (int f = 0; f < KP_NMETA; f++) {
		struct metaval *c = &b->cover_meta[f];
		struct st_item at = { 0 };

		if (c->text == NULL || b->meta[f].text != NULL)
			continue;
		at.page = c->page;
		at.box = c->box;
		at.ocr = c->ocr;
		at.conf = c->conf;
		st_set_meta(b, f, c->text, &at);
	}
}

struct st_node *st_meta_node(const struct builder *b)
{
	struct st_node *meta = st_node_new(KP_EL_META);

	for (int f = 0; f < KP_NMETA; f++) {
		const struct metaval *mv = &b->meta[f];
		struct st_node *n;

		if (mv->text == NULL)
			continue;
		n = st_node_add(meta, (enum kp_el)(KP_META_FIRST + f));
		st_node_set_text(n, mv->text);
		if (f == MF(KP_EL_DATE))
			st_node_set(n, KP_A_WHEN, mv->when);
		if (mv->printed != NULL)
			st_node_set(n, KP_A_PRINTED, mv->printed);
		st_node_set_prov(n, mv->page, 0, &mv->box, mv->ocr, mv->conf);
	}
	return meta;
}
