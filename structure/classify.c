/* classify.c - the role of a line, and part numerals. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

/* A line larger than body text by this factor counts as "big". */
#define BIG_FACTOR 1.15

/* Do rule r's conditions other than its pattern hold for a line? */
static int looks_right(const struct st_rule *r, const struct st_look *look)
{
	int big = look->size <= 0 || look->size >= look->body * BIG_FACTOR;

	return (!r->big || big) && (!r->strong || big || look->bold) && (!r->top || look->top != 0);
}

enum st_role st_classify_line(const struct st_rules *rules, unsigned char *failed,
                              unsigned long roles, const char *text, const struct st_look *look,
                              struct st_match *m)
{
	m->s = text;
	for (size_t i = 0; i < rules->n; i++) {
		const struct st_rule *r = &rules->v[i];

		if (r->role >= ST_FIRST_PART_ROLE || !(roles & ST_BIT(r->role)))
			continue;
		if (failed != NULL && (failed[i / 8] & 1u << i % 8))
			continue;
		/* a rule that matched before runs again, for its groups */
		if (looks_right(r, look) && regexec(&r->re, text, ST_MAXSUB, m->m, 0) == 0) {
			m->rule = r;
			return r->role;
		}
		if (failed != NULL)
			failed[i / 8] |= (unsigned char)(1u << i % 8);
	}
	m->rule = NULL;
	return ST_R_TEXT;
}

enum st_role st_classify(const struct st_rules *rules, unsigned long roles, const char *text,
                         double size, double body_size, struct st_match *m)
{
	struct st_look look = { size, body_size, 0, -1 };

	return st_classify_line(rules, NULL, roles, text, &look, m);
}

static const char *const latin[] = {
	"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
};

char *st_part_numeral(const char *s)
{
	unsigned long cp;
	size_t n = strlen(s), len;
	char *t;

	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	/* Ⅰ..Ⅻ (U+2160..216B) and ⅰ..ⅻ (U+2170..217B) */
	if ((len = kp_utf8_decode(s, n, &cp)) == n && len > 0) {
		if (cp >= 0x2160 && cp <= 0x216B)
			return kp_xstrdup(latin[cp - 0x2160]);
		if (cp >= 0x2170 && cp <= 0x217B)
			return kp_xstrdup(latin[cp - 0x2170]);
	}
	if (n > 0 && n <= 2 && isdigit((unsigned char)s[0]) &&
	    (n == 1 || isdigit((unsigned char)s[1]))) {
		int v = atoi(s);

		if (v >= 1 && v <= 12)
			return kp_xstrdup(latin[v - 1]);
	}
	t = kp_xstrndup(s, n);
	for (char *p = t; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return t;
}
