/* auto.c - which rules table: one named, or the one a document asks for (--rules auto). */
#include <stdlib.h>
#include <string.h>

#include "structure.h"

/* The tables --rules auto tries, in order.  A table with `series` rules
 * takes a document when one of them matches a line of its first pages (the
 * patterns are the table's data); a table without any takes every
 * document, so the general table comes last. */
static const char *const auto_tables[] = {"kostec", "kr-patent", "kr-gov"};
#define AUTO_PAGES 2  /* the cover and the page after it */

/* The rules table's name for issue/@rules: NAME, or a file's base name
 * without ".rules". */
static char *rules_name(const char *arg)
{
	const char *base = strrchr(arg, '/');
	size_t n;

	base = base ? base + 1 : arg;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".rules") == 0)
		n -= 6;
	return kp_xstrndup(base, n);
}

int st_rules_open(struct st_rules *rules, const char *arg, const char *exe)
{
	char *path = st_rules_find(arg, exe), *name;
	int code;

	if (path == NULL) {
		memset(rules, 0, sizeof(*rules));
		kp_warn(NULL, 0, "no rules table named '%s' (set KOSTEC_RULES_DIR?)", arg);
		return KP_EXIT_NOINPUT;
	}
	name = rules_name(arg);
	code = st_rules_load(rules, path, name);
	free(name);
	free(path);
	return code;
}

/* Does rules have series rules, and does one match a line of doc's first
 * pages (with its size condition)?  -1 when it has none. */
static int series_matches(const struct st_rules *rules, const struct st_doc *doc)
{
	struct st_match m;
	size_t i;
	long first = -1;

	for (i = 0; i < rules->n && rules->v[i].role != ST_R_SERIES; i++)
		;
	if (i == rules->n)
		return -1;
	for (i = 0; i < doc->nitems; i++) {
		const struct st_item *it = &doc->items[i];

		if (first < 0)
			first = it->page;
		if (it->page >= first + AUTO_PAGES)
			break;
		if (it->kind == ST_LINE && st_classify(rules, ST_BIT(ST_R_SERIES), it->text, it->size,
		                                       doc->body_size, &m) == ST_R_SERIES)
			return 1;
	}
	return 0;
}

int st_rules_auto(struct st_rules *rules, const struct st_doc *doc, const char *exe)
{
	size_t last = sizeof(auto_tables) / sizeof(auto_tables[0]) - 1;
	int code;

	for (size_t i = 0; i < last; i++) {
		if ((code = st_rules_open(rules, auto_tables[i], exe)) != KP_EXIT_OK)
			return code;
		if (series_matches(rules, doc) != 0)
			return KP_EXIT_OK;
		st_rules_release(rules);
	}
	return st_rules_open(rules, auto_tables[last], exe);
}
