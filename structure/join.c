/* join.c - rejoin a paragraph's lines. */
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
 * inside a number ("20|25"), between a number and its counter
 * ("2025|년"), before a parenthesis that annotates the word before it
 * ("청위|(청두·충칭)"), after an opening straight quote.  Where the break
 * was at a space the space is gone, so these cases follow the usage of
 * Korean news text, where the joined form is the rule (over 90%). */
static int inside_word(const char *s, size_t n, const char *next)
{
	unsigned long a = last_cp(s, n), c = 0;
	size_t quotes = 0;

	if (kp_utf8_decode(next, strlen(next), &c) == 0)
		return 0;
	if (is_digit(a) && (is_digit(c) || kp_is_hangul(c)))
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

void st_join(struct kp_buf *b, const char *next, const struct st_rules *rules)
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
	if (b->len > 0 && !ends_with_any(b->s, b->len, open) && !starts_with_any(next, close) &&
	    !inside_word(b->s, b->len, next) && (rules == NULL || st_rules_match(rules, ST_R_GLUE, next, &m) == NULL))
		kp_buf_putc(b, ' ');
	kp_buf_puts(b, next);
}
