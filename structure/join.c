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
	    (rules == NULL || st_rules_match(rules, ST_R_GLUE, next, &m) == NULL))
		kp_buf_putc(b, ' ');
	kp_buf_puts(b, next);
}
