/*
 * sections.c - the report model: sections nested by the rank of their
 * numbering, the back matter of attachments, the cover, and the contents
 * entries of a report.
 *
 * A rules table whose part, article or heading rules carry level=RANK
 * (kostec-issue(5)) builds sections instead of parts and articles.  The
 * rank is a head's place in the numbering ladder (Ⅰ 1, 1. 2, 가. 3, (1) 4,
 * ① 5); a section's level is its depth among the sections open above it,
 * so a report that skips a rank (Ⅰ, then ①) still nests 1, 2.  An
 * attachment (붙임, 별첨, 참고) opens a top section of <back>, and what
 * follows nests under it.
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

/* Rank of a section head matched by rule r of role: its level=, else 1 for
 * a part and 2 for an article; 0 for an attachment; -1 when the line heads
 * no section (a heading without a rank is a heading block). */
static int rank_of(enum st_role role, const struct st_rule *r)
{
	if (role == ST_R_ATTACHMENT)
		return 0;
	if (r != NULL && r->level > 0 &&
	    (role == ST_R_PART || role == ST_R_ARTICLE || role == ST_R_HEADING))
		return r->level;
	if (role == ST_R_PART)
		return 1;
	if (role == ST_R_ARTICLE)
		return 2;
	return -1;
}

int st_sectioned(const struct st_rules *rules)
{
	for (size_t i = 0; i < rules->n; i++) {
		const struct st_rule *r = &rules->v[i];

		if (r->level > 0 && (r->role == ST_R_PART || r->role == ST_R_ARTICLE ||
		                     r->role == ST_R_HEADING))
			return 1;
	}
	return 0;
}

int st_heads_section(const struct builder *b, enum st_role role, const struct st_match *m)
{
	return b->sectioned && rank_of(role, m->rule) >= 0;
}

int st_under_item(const struct builder *b, enum st_role role, const struct st_match *m)
{
	return b->item_rank > 0 && rank_of(role, m->rule) > b->item_rank;
}

#define SECTION_ROLES (ST_BIT(ST_R_PART) | ST_BIT(ST_R_ARTICLE) | ST_BIT(ST_R_HEADING) | \
                       ST_BIT(ST_R_ATTACHMENT))

void st_note_item_rank(struct builder *b, size_t idx)
{
	struct st_match m;
	enum st_role role;
	int rank;

	if (!b->sectioned)
		return;
	/* numbered as a head, whatever its size and weight */
	role = st_classify(b->rules, SECTION_ROLES, b->doc->items[idx].text, 0,
	                   b->doc->body_size, &m);
	if (role == ST_R_TEXT || m.rule->group[ST_G_NUM] < 0 || (rank = rank_of(role, m.rule)) < 1)
		return;
	if (b->item_rank == 0 || rank < b->item_rank)
		b->item_rank = rank;
}

/* The number as printed without its trailing dots ("Ⅰ." gives "Ⅰ"), or "". */
static char *number_of(const struct st_match *m)
{
	char *n = st_match_group(m, ST_G_NUM);
	size_t len;

	if (n == NULL)
		return kp_xstrdup("");
	len = strlen(n);
	while (len > 0 && (n[len - 1] == '.' || n[len - 1] == ' '))
		n[--len] = '\0';
	return n;
}

/* The head's words: the title group, else (a rule without a number) the
 * text group; NULL when the title is on the next line. */
static char *title_of(const struct st_match *m)
{
	char *t = st_match_group(m, ST_G_TITLE);

	if (t == NULL && m->rule->group[ST_G_NUM] < 0)
		t = st_match_group(m, ST_G_TEXT);
	if (t != NULL && *t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

/* Pop the ranks open in stack (depth *n) that a head of rank closes. */
static void close_ranks(const int *stack, int *n, int rank)
{
	while (*n > 0 && stack[*n - 1] >= rank)
		--*n;
	if (*n == MAX_LEVELS)
		--*n;
}

void st_section_line(struct builder *b, enum st_role role, const struct st_match *m,
                     size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	int rank = rank_of(role, m->rule);
	char *n = number_of(m), *title = title_of(m), id[32];
	struct st_node *parent, *sec, *head;

	b->mode = M_BODY;
	st_end_blocks(b);
	if (rank == 0) {
		if (b->back == NULL)
			b->back = st_node_new(KP_EL_BACK);
		b->nsec = 0;
	} else {
		close_ranks(b->sec_rank, &b->nsec, rank);
	}
	parent = b->nsec > 0 ? b->sec[b->nsec - 1] : b->back != NULL ? b->back : b->root;
	sec = st_node_add(parent, KP_EL_SECTION);
	snprintf(id, sizeof id, "s%lu", ++b->nsections);
	st_node_set(sec, KP_A_ID, id);
	st_node_set_int(sec, KP_A_LEVEL, b->nsec + 1);
	st_node_set(sec, KP_A_N, n);
	st_item_prov(sec, it);
	head = st_node_add(sec, KP_EL_HEAD);
	if (title != NULL)
		st_unit_open(b, head, U_TEXT, m->rule, title, idx);
	else
		b->title_for = sec;
	b->sec[b->nsec] = sec;
	b->sec_rank[b->nsec] = rank;
	b->nsec++;
	b->item_rank = 0;
	free(n);
	free(title);
}

void st_sections_extend(struct builder *b, int page)
{
	if (b->mode != M_BODY)
		return;
	for (int d = 0; d < b->nsec; d++)
		st_node_extend(b->sec[d], page);
}

/* ---- the contents page ------------------------------------------------- */

/* Split a contents line "Ⅰ. 추진 배경 ····· 3" at its leader: the title
 * into a new string, the page number into folio, the leader's dots into
 * *dots.  Returns NULL when the line ends in no page number after a leader
 * or a space. */
static char *split_folio(const char *s, char *folio, size_t foliosz, int *dots)
{
	size_t len = strlen(s), end = len, digits, cut;
	unsigned long cp;

	while (end > 0 && s[end - 1] == ' ')
		end--;
	digits = end;
	while (digits > 0 && s[digits - 1] >= '0' && s[digits - 1] <= '9')
		digits--;
	if (digits == end || end - digits >= foliosz || end - digits > 4)
		return NULL;
	cut = digits;
	*dots = 0;
	while (cut > 0) {
		size_t k = 1;

		while (k < cut && k < 4 && (s[cut - k] & 0xC0) == 0x80)
			k++;
		if (kp_utf8_decode(s + cut - k, k, &cp) != k)
			break;
		if (cp == ' ' || cp == 0x3000) {
			cut -= k;
		} else if (st_leader_dot(cp)) {
			cut -= k;
			++*dots;
		} else {
			break;
		}
	}
	if (cut == 0 || cut == digits || *dots == 1)   /* "2.1" is no leader */
		return NULL;
	memcpy(folio, s + digits, end - digits);
	folio[end - digits] = '\0';
	return kp_xstrndup(s, cut);
}

/* Is the line after idx, on its page, a contents line with a page number,
 * or the one after that (the entry after idx wrapped)? */
static int folio_follows(const struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char folio[8], *t;
	int dots;

	for (size_t k = idx + 1; k <= idx + 2 && k < b->doc->nitems; k++) {
		const struct st_item *next = &b->doc->items[k];

		if (next->kind != ST_LINE || next->page != it->page)
			return 0;
		if ((t = split_folio(next->text, folio, sizeof folio, &dots)) != NULL) {
			free(t);
			return 1;
		}
	}
	return 0;
}

/* A line entry's words wrapped onto: the entry begun on the line before
 * (same page), still without a page number, and that line runs to within
 * WRAP_EMS of where this one ends (a head over entries is short). */
#define WRAP_EMS 4.0
static struct st_node *wrapped_entry(const struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx], *prev = it - 1;
	struct st_node *e = b->contents->last;

	if (e == NULL || idx == 0 || b->entry_at != idx - 1 || prev->page != it->page ||
	    st_node_get(e, KP_A_FOLIO) != NULL ||
	    prev->box.x1 < it->box.x1 - WRAP_EMS * (it->size > 0 ? it->size : 10))
		return NULL;
	return e;
}

void st_section_entry(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	int dots;
	char folio[8] = "", *title = split_folio(it->text, folio, sizeof folio, &dots);
	char *n = NULL, *t = NULL;
	struct st_node *entry;
	struct st_match m;
	enum st_role role;
	int rank;

	/* the entry's numbering as a head's, whatever its size */
	role = st_classify(b->rules, SECTION_ROLES, title != NULL ? title : it->text, 0,
	                   b->doc->body_size, &m);
	rank = role != ST_R_TEXT ? rank_of(role, m.rule) : -1;
	if (title != NULL && rank < 0 && (entry = wrapped_entry(b, idx)) != NULL) {
		struct kp_buf words;

		kp_buf_init(&words);
		kp_buf_puts(&words, entry->text != NULL ? entry->text : "");
		st_join(&words, title, b->rules, st_wrap_at(b->doc, idx - 1));
		st_node_set_text(entry, words.s);
		st_node_set(entry, KP_A_FOLIO, folio);
		kp_buf_release(&words);
		free(title);
		return;
	}
	if (title == NULL && (rank < 0 || !folio_follows(b, idx))) {
		st_unplaced_line(b, idx);
		return;
	}
	if (title == NULL)    /* a head over entries ("Ⅰ. 사업 개요") */
		title = kp_xstrdup(it->text);
	entry = st_node_add(b->contents, KP_EL_ENTRY);
	if (rank >= 0) {
		if (rank == 0)
			b->nentry = 0;
		else
			close_ranks(b->entry_rank, &b->nentry, rank);
		b->entry_rank[b->nentry++] = rank;
		st_node_set_int(entry, KP_A_LEVEL, b->nentry);
		n = number_of(&m);
		t = title_of(&m);
		st_node_set(entry, KP_A_N, n);
	}
	if (*folio != '\0')
		st_node_set(entry, KP_A_FOLIO, folio);
	st_item_prov(entry, it);
	st_node_set_text(entry, t != NULL ? t : title);
	b->entry_at = idx;
	free(n);
	free(t);
	free(title);
}

/* A contents page without a head (drawn in a box, or a picture): the first
 * of the first pages with CONTENTS_LINES lines ending in a dot leader (of
 * LEADER_DOTS dots or more) and a page number.  The contents begin at the
 * first such line, or at the heads without a page number right before it
 * ("Ⅰ. 사업 개요" over its articles); what comes before them on the page
 * (the end of a list begun earlier) is not the contents'.  Returns the item
 * where they begin, or nitems. */
#define CONTENTS_PAGES 4
#define CONTENTS_LINES 3
#define LEADER_DOTS 3
static size_t find_contents(const struct builder *b)
{
	const struct st_doc *d = b->doc;
	size_t first = d->nitems;
	int page = 0, count = 0, dots;
	char folio[8];
	struct st_match m;

	for (size_t i = 0; i < d->nitems && d->items[i].page <= CONTENTS_PAGES; i++) {
		const struct st_item *it = &d->items[i];
		char *t;

		if (it->kind != ST_LINE)
			continue;
		if (it->page != page) {
			page = it->page;
			count = 0;
		}
		if ((t = split_folio(it->text, folio, sizeof folio, &dots)) == NULL)
			continue;
		free(t);
		if (dots < LEADER_DOTS)
			continue;
		if (count++ == 0)
			first = i;
		if (count == CONTENTS_LINES)
			break;
	}
	if (count < CONTENTS_LINES)
		return d->nitems;
	while (first > 0 && d->items[first - 1].kind == ST_LINE &&
	       d->items[first - 1].page == d->items[first].page) {
		enum st_role role = st_classify(b->rules, SECTION_ROLES, d->items[first - 1].text,
		                                0, d->body_size, &m);

		if (rank_of(role, m.rule) < 0)
			break;
		first--;
	}
	return first;
}

int st_contents_start(struct builder *b, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];

	if (!b->sectioned || b->contents != NULL || b->mode != M_FRONT || idx != b->toc_at)
		return 0;
	st_unit_close(b, it);
	st_drop_caption(b);
	b->title_for = NULL;
	b->contents = st_node_new(KP_EL_CONTENTS);
	st_item_prov(b->contents, it);
	b->mode = M_CONTENTS;
	b->contents_page = it->page;
	st_section_entry(b, idx);
	return 1;
}

/* ---- the cover ----------------------------------------------------------- */

static struct st_node *cover_field(struct builder *b, enum kp_el el, const char *text,
                                   size_t idx)
{
	struct st_node *f;

	if (b->cover == NULL)
		b->cover = st_node_new(KP_EL_COVER);
	if (st_node_count(b->cover, el) > 0)
		return NULL;
	f = st_node_add(b->cover, el);
	st_item_prov(f, &b->doc->items[idx]);
	st_node_set_text(f, text);
	return f;
}

int st_cover_line(struct builder *b, enum st_role role, const struct st_match *m, size_t idx)
{
	const struct st_item *it = &b->doc->items[idx];
	char *t = NULL;
	struct st_node *f = NULL;

	if (!b->sectioned || it->page != b->cover_page)
		return 0;
	switch (role) {
	case ST_R_COVER_DATE: {
		char iso[16];
		int y, mo, d;

		if (st_parse_ymd(it->text, &y, &mo, &d) < 0 ||
		    st_iso_date(iso, sizeof iso, y, mo, d) < 0 ||
		    (f = cover_field(b, KP_EL_DATE, it->text, idx)) == NULL)
			return 0;
		st_node_set(f, KP_A_WHEN, iso);
		st_set_meta(b, MF(KP_EL_DATE), it->text, it);
		return 1;
	}
	case ST_R_COVER_ORG:
		t = st_match_group(m, ST_G_TEXT);
		if ((f = cover_field(b, KP_EL_ORG, t ? t : it->text, idx)) != NULL)
			st_set_meta(b, MF(KP_EL_PUBLISHER), t ? t : it->text, it);
		break;
	case ST_R_COVER_DOCNO:
		t = st_match_group(m, ST_G_TEXT);
		f = cover_field(b, KP_EL_DOCNO, t ? t : it->text, idx);
		break;
	case ST_R_TEXT:
		/* the title: the cover's largest words, their wraps joined */
		if (it->size < b->cover_size - 0.5 || it->size < b->doc->body_size * 1.15 ||
		    (b->cover != NULL && st_node_count(b->cover, KP_EL_TITLE) > 0))
			return 0;
		if ((f = cover_field(b, KP_EL_TITLE, "", idx)) != NULL)
			st_unit_open(b, f, U_TEXT, NULL, it->text, idx);
		break;
	default:
		return 0;
	}
	free(t);
	return f != NULL;
}

struct st_node *st_front_matter(struct builder *b)
{
	if (!b->sectioned || (b->mode != M_FRONT && b->mode != M_SUMMARY) ||
	    b->page > b->front_last)
		return NULL;
	if (b->cover == NULL)
		b->cover = st_node_new(KP_EL_COVER);
	return b->cover;
}

/* The pages before the body (its first section head or its contents) are
 * the front matter, a patent's bibliographic page and its continuation
 * say, when there are at most FRONT_PAGES of them; else (a document whose
 * heads went unrecognised) only the cover page is: the text before a
 * late first head is body missed, and stays unplaced. */
#define FRONT_PAGES 3
static int front_last(struct builder *b)
{
	const struct st_doc *d = b->doc;
	struct st_match m;

	for (size_t i = 0; i < d->nitems; i++) {
		enum st_role role;

		if (d->items[i].kind != ST_LINE)
			continue;
		role = st_line_role(b, i, ST_BIT(ST_R_PART) | ST_BIT(ST_R_ARTICLE) |
		                          ST_BIT(ST_R_CONTENTS), &m);
		if (i == b->toc_at || role == ST_R_CONTENTS || rank_of(role, m.rule) > 0) {
			int before = d->items[i].page - 1;

			return before - b->cover_page < FRONT_PAGES && before > b->cover_page ?
			       before : b->cover_page;
		}
	}
	return b->cover_page;
}

void st_cover_scan(struct builder *b)
{
	const struct st_doc *d = b->doc;

	b->toc_at = find_contents(b);
	b->cover_page = d->nitems > 0 ? d->items[0].page : 0;
	for (size_t i = 0; i < d->nitems && d->items[i].page == b->cover_page; i++)
		if (d->items[i].kind == ST_LINE && d->items[i].size > b->cover_size)
			b->cover_size = d->items[i].size;
	b->front_last = front_last(b);
}
