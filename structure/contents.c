/* contents.c - each article's category, from the contents entry whose
 * title is nearest to the article's. */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

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

	if (n == 0 || m == 0)
		return 1.0;
	return (double)kp_edit_distance(x, n, y, m) / (double)(n > m ? n : m);
}

/* The category of the contents entry nearest to title, preferring the
 * contents part numbered n; NULL when no entry is close. */
static const char *category_for(const struct st_node *contents, const char *title,
                                const char *n)
{
	double best = 0.3;
	const char *found = NULL;

	if (contents == NULL)
		return NULL;
	for (int pass = 0; pass < 2 && found == NULL; pass++)
		for (const struct st_node *cp = contents->first; cp != NULL; cp = cp->next) {
			const char *cn = st_node_get(cp, KP_A_N);

			if (pass == 0 && !(cn != NULL && n != NULL && strcmp(cn, n) == 0))
				continue;
			for (const struct st_node *cat = cp->first; cat != NULL; cat = cat->next) {
				if (!st_node_is(cat, KP_EL_CATEGORY))
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

void st_set_categories(struct st_node *root, const struct st_node *contents)
{
	for (struct st_node *p = root->first; p != NULL; p = p->next) {
		const char *n = st_node_get(p, KP_A_N);

		for (struct st_node *a = p->first; a != NULL; a = a->next) {
			char *title;
			const char *cat;

			if (!st_node_is(a, KP_EL_ARTICLE))
				continue;
			title = st_node_text_new(a->first);
			if ((cat = category_for(contents, title, n)) != NULL)
				st_node_set(a, KP_A_CATEGORY, cat);
			free(title);
		}
	}
}

/* The sections under n in document order, appended to v. */
static void collect_sections(struct st_node *n, struct st_node ***v, size_t *len)
{
	for (struct st_node *c = n != NULL ? n->first : NULL; c != NULL; c = c->next) {
		if (!st_node_is(c, KP_EL_SECTION))
			continue;
		*v = kp_xreallocarray(*v, *len + 1, sizeof **v);
		(*v)[(*len)++] = c;
		collect_sections(c, v, len);
	}
}

/* Do two numbers differ, spaces aside ("별첨 6" is "별첨6")? */
static int numbers_differ(const char *a, const char *b)
{
	while (*a != '\0' || *b != '\0') {
		if (*a == ' ') {
			a++;
		} else if (*b == ' ') {
			b++;
		} else if (*a++ != *b++) {
			return 1;
		}
	}
	return 0;
}

/* Does entry e name section s: the same number (when both have one) and a
 * head close to the entry's words, or to its words after an arabic number
 * no rule read ("1.개요", set without the space a head has)? */
static int entry_names(const struct st_node *e, const struct st_node *s)
{
	const char *en = st_node_get(e, KP_A_N), *sn = st_node_get(s, KP_A_N);
	const char *words = e->text != NULL ? e->text : "", *rest = words;
	char *head;
	int yes;

	if (en != NULL && *en != '\0' && sn != NULL && *sn != '\0' && numbers_differ(en, sn))
		return 0;
	head = st_node_text_new(s->first);
	if (en == NULL)
		rest += strspn(rest, "0123456789.) ");
	yes = title_distance(words, head) < 0.25 || title_distance(rest, head) < 0.25;
	free(head);
	return yes;
}

void st_link_entries(struct st_node *contents, struct st_node *root, struct st_node *back)
{
	struct st_node **secs = NULL;
	size_t nsecs = 0, next = 0;

	if (contents == NULL)
		return;
	collect_sections(root, &secs, &nsecs);
	collect_sections(back, &secs, &nsecs);
	for (struct st_node *e = contents->first; e != NULL; e = e->next) {
		if (!st_node_is(e, KP_EL_ENTRY))
			continue;
		for (size_t i = next; i < nsecs; i++) {
			if (entry_names(e, secs[i])) {
				/* an entry no rule ranked takes its section's level */
				if (st_node_get(e, KP_A_LEVEL) == NULL)
					st_node_set(e, KP_A_LEVEL, st_node_get(secs[i], KP_A_LEVEL));
				st_node_set(e, KP_A_FOR, st_node_get(secs[i], KP_A_ID));
				next = i + 1;
				break;
			}
		}
	}
	free(secs);
}
