/* join.c - rejoin a paragraph's lines: how each wrapped line ended, and the joining. */
#include <math.h>
#include <string.h>

#include "structure.h"

/* Does s end with one of the UTF-8 strings in set? */
static int ends_with_any(const char *s, size_t n, const char *const *set)
{
	for (; *set != NULL; set++) {
		size_t k = strlen(*set);

		if (n >= k && memcmp(s + n - k, *set, k) == 0)
			return 1;
	}
	return 0;
}

static int starts_with_any(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strncmp(s, *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

/* The code point that ends s[0..n), 0 for none. */
static unsigned long last_cp(const char *s, size_t n)
{
	size_t i = n;
	unsigned long cp = 0;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	if (n == 0 || kp_utf8_decode(s + i, n - i, &cp) == 0)
		return 0;
	return cp;
}

static int is_digit(unsigned long cp)
{
	return cp >= '0' && cp <= '9';
}

/* Does a line break between text ending s[0..n) and next fall inside a
 * word of Korean typesetting rather than at a space?  Producers break
 * lines of Korean text at any opportunity (UAX #14), not only at spaces:
 * inside a number ("20|25", "26.|5%"), between a number and its counter
 * ("2025|년"), between two Han characters (Chinese names and Hanja,
 * "안산(鞍|山)": Chinese writes no spaces), before a parenthesis that
 * annotates the word before it ("청위|(청두·충칭)"), after an opening
 * straight quote.  Where the break was at a space the space is gone, so
 * these cases follow the usage of Korean news text, where the joined form
 * is the rule (over 90%). */
static int inside_word(const char *s, size_t n, const char *next)
{
	unsigned long a = last_cp(s, n), c = 0;
	size_t quotes = 0;

	if (kp_utf8_decode(next, strlen(next), &c) == 0)
		return 0;
	if (is_digit(a) && (is_digit(c) || kp_is_hangul(c)))
		return 1;
	if (a == '.' && n >= 2 && is_digit(last_cp(s, n - 1)) && is_digit(c))
		return 1;   /* a decimal point */
	if (kp_is_han(a) && kp_is_han(c))
		return 1;
	if ((kp_is_hangul(a) || kp_is_han(a)) && c == '(')
		return 1;
	if (a == '\'' || a == '"') {
		for (size_t i = 0; i < n; i++)
			quotes += (unsigned long)(unsigned char)s[i] == a;
		return quotes % 2 == 1; /* an odd one opens a quotation */
	}
	return 0;
}

/* Is item i a line that item i + 1 continues in the same block? */
static int wraps(const struct st_doc *doc, size_t i)
{
	const struct st_item *a, *c;

	if (i + 1 >= doc->nitems)
		return 0;
	a = &doc->items[i];
	c = &doc->items[i + 1];
	return a->kind == ST_LINE && c->kind == ST_LINE && a->page == c->page && a->id != NULL &&
	       c->id != NULL && strcmp(a->id, c->id) == 0;
}

void st_wrap_scan(struct st_doc *doc)
{
	size_t nwraps = 0, nspaces = 0;

	for (size_t i = 0; i + 1 < doc->nitems; i++)
		if (wraps(doc, i) && !doc->items[i].ocr) {
			nwraps++;
			nspaces += doc->items[i].space_after != 0;
		}
	/* Word draws one after every line, a cut word's too: that says nothing */
	doc->end_spaces = nspaces >= 3 && 4 * nspaces >= nwraps && 20 * nspaces < 19 * nwraps;
}

/* Where a line ends against its block's right edge, in ems. */
#define EDGE_FULL 0.1          /* under this: at the edge */
#define EDGE_SPACE_MIN 0.15    /* a space's width short of it */
#define EDGE_SPACE_MAX 0.5

/* The lines of line item idx's block (of its id around it): [*first, *last]. */
static void block_of(const struct st_doc *doc, size_t idx, size_t *first, size_t *last)
{
	*first = *last = idx;
	while (*first > 0 && wraps(doc, *first - 1))
		--*first;
	while (wraps(doc, *last))
		++*last;
}

double st_block_right(const struct st_doc *doc, size_t idx)
{
	size_t first, last;
	double right = doc->items[idx].box.x1;

	block_of(doc, idx, &first, &last);
	for (size_t i = first; i <= last; i++)
		right = fmax(right, doc->items[i].box.x1);
	return right;
}

/* The geometric fallback of st_wrap_at: item idx's block is justified
 * when two or more of its lines other than the last end at its right
 * edge; its producer keeps a line-end space inside the measure when
 * another ends a space's width short of it.  Then a line at the edge was
 * cut inside a word, one a space short ended between words. */
static enum st_wrap by_edge(const struct st_doc *doc, size_t idx)
{
	const struct st_item *it = &doc->items[idx];
	size_t first, last, full = 0, spaced = 0;
	double right = st_block_right(doc, idx), em = it->size > 0 ? it->size : 10, d;

	block_of(doc, idx, &first, &last);
	for (size_t i = first; i < last; i++) {
		d = (right - doc->items[i].box.x1) / em;
		full += d < EDGE_FULL;
		spaced += d >= EDGE_SPACE_MIN && d <= EDGE_SPACE_MAX;
	}
	if (full < 2 || spaced < 1)
		return ST_WRAP_GUESS;
	d = (right - it->box.x1) / em;
	if (d < EDGE_FULL)
		return ST_WRAP_INSIDE;
	return d <= EDGE_SPACE_MAX ? ST_WRAP_WORD : ST_WRAP_GUESS;
}

enum st_wrap st_wrap_at(const struct st_doc *doc, size_t idx)
{
	const struct st_item *it = &doc->items[idx];
	enum st_wrap how;
	unsigned long a, c = 0;

	if (it->kind != ST_LINE || it->ocr || idx + 1 >= doc->nitems)
		return ST_WRAP_GUESS;
	if (doc->end_spaces)
		how = it->space_after ? ST_WRAP_WORD : ST_WRAP_INSIDE;
	else
		how = by_edge(doc, idx);
	/* a word cut between syllables: Hangul (or Han) on both sides */
	a = last_cp(it->text, strlen(it->text));
	kp_utf8_decode(doc->items[idx + 1].text, strlen(doc->items[idx + 1].text), &c);
	if (how == ST_WRAP_INSIDE && !doc->end_spaces && !(kp_is_hangul(a) && kp_is_hangul(c)))
		return ST_WRAP_GUESS;
	return how;
}

void st_join(struct kp_buf *b, const char *next, const struct st_rules *rules, enum st_wrap how)
{
	static const char *const open[] = {
		"-", "/", "(", "[", "{", "〈", "《", "「", "『", "‘", "“", "（", "·", NULL,
	};
	static const char *const close[] = {
		")", "]", "}", ",", ".", ";", ":", "〉", "》", "」", "』", "’", "”", "）",
		"、", "。", "，", NULL,
	};
	struct st_match m;

	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	if (how != ST_WRAP_GUESS) {
		if (how == ST_WRAP_WORD && b->len > 0)
			kp_buf_putc(b, ' ');
	} else if (b->len > 0 && !ends_with_any(b->s, b->len, open) && !starts_with_any(next, close) &&
	    !inside_word(b->s, b->len, next) && (rules == NULL || st_rules_match(rules, ST_R_GLUE, next, &m) == NULL))
		kp_buf_putc(b, ' ');
	kp_buf_puts(b, next);
}
