/* status.c - whether a document was structured, or only written out: exit 1 when not. */
#include <stdlib.h>
#include <string.h>

#include "structure.h"

/* More than this share of the text in <unplaced> is "mostly unplaced". */
#define MOSTLY 0.5

int st_leader_dot(unsigned long cp)
{
	return cp == '.' || cp == 0xB7 || cp == 0x2024 || cp == 0x2025 || cp == 0x2026 ||
	       cp == 0x2027 || cp == 0x30FB || cp == 0xFF0E;
}

/* Characters of n's text, neither white space nor in a run of three or
 * more leader dots. */
static size_t text_chars(const struct st_node *n)
{
	char *s = st_node_text_new(n);
	size_t count = 0, dots = 0, len = strlen(s), k;
	unsigned long cp;

	for (size_t i = 0; i <= len; i += k) {
		k = i < len ? kp_utf8_decode(s + i, len - i, &cp) : 1;
		if (i == len || k == 0)
			k = 1, cp = 0;
		if (i < len && st_leader_dot(cp)) {
			dots++;
			continue;
		}
		if (dots < 3)
			count += dots;
		dots = 0;
		if (i < len && cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r')
			count++;
	}
	free(s);
	return count;
}

/* A part counts as a section when it is numbered or titled, and so does
 * each of its articles. */
static size_t part_sections(const struct st_node *part)
{
	const char *n = st_node_get(part, KP_A_N), *t = st_node_get(part, KP_A_TITLE);

	return ((n != NULL && *n != '\0') || (t != NULL && *t != '\0')) +
	       st_node_count(part, KP_EL_ARTICLE);
}

/* Sections under n, at any depth. */
static size_t nested_sections(const struct st_node *n)
{
	size_t k = 0;

	for (const struct st_node *c = n->first; c != NULL; c = c->next)
		if (c->kind == KP_EL_SECTION)
			k += 1 + nested_sections(c);
	return k;
}

int st_status(const struct st_node *root, double *unplaced, size_t *sections)
{
	size_t total = 0, out = 0;

	*unplaced = 0;
	*sections = 0;
	for (const struct st_node *c = root->first; c != NULL; c = c->next) {
		size_t n;

		if (c->kind == KP_EL_META || c->kind == KP_EL_LAYOUT || c->kind == KP_EL_LABELS)
			continue;
		n = text_chars(c);
		total += n;
		if (c->kind == KP_EL_UNPLACED)
			out += n;
		else if (c->kind == KP_EL_PART)
			*sections += part_sections(c);
		else if (c->kind == KP_EL_SECTION)
			*sections += 1 + nested_sections(c);
	}
	if (total > 0)
		*unplaced = (double)out / (double)total;
	return *sections == 0 || *unplaced > MOSTLY ? KP_EXIT_PARTIAL : KP_EXIT_OK;
}

void st_status_tell(const char *name, int status, double unplaced, size_t sections, int warnings)
{
	if (status == KP_EXIT_PARTIAL && sections == 0)
		kp_warn(name, 0, "partial: no section found (%.0f%% of the text unplaced)",
		        100 * unplaced);
	else if (status == KP_EXIT_PARTIAL)
		kp_warn(name, 0, "partial: %.0f%% of the text unplaced", 100 * unplaced);
	else if (warnings && unplaced >= 0.005)
		kp_warn(name, 0, "%.0f%% of the text unplaced", 100 * unplaced);
}
