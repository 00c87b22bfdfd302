/* labels.c - what a rules table says for the exporters rather than for
 * matching lines: the series' languages and the words its export prints
 * (docs/kostec-issue.5), carried into the issue XML as <labels>. */
#include <stdlib.h>
#include <string.h>

#include "structure.h"

/* The words an exporter may print, by key: TEI heads, the editor's role,
 * the licence (docs/issue-xml.md).  A key outside this list is a typo. */
static const char *const label_keys[] = {
	"contents", "summary", "editor", "availability", NULL
};
/* What a language is used for: the text's own language, the Han runs
 * printed in parentheses after a word (Hanja). */
static const char *const language_uses[] = { "main", "han", NULL };

static int listed(const char *const *names, const char *s)
{
	for (size_t i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return 1;
	return 0;
}

int st_is_label_role(const char *role)
{
	return strcmp(role, "label") == 0 || strcmp(role, "language") == 0;
}

/*
 * "label<TAB>KEY<TAB>TEXT" or "language<TAB>CODE<TAB>NAME[<TAB>USE]", the
 * columns already split by the caller (opts may be NULL).  A language code
 * is a BCP 47 tag of letters, digits and '-'.
 */
int st_labels_parse(struct st_rules *rules, const char *role, const char *key,
                    const char *text, const char *use, const char *path, long lineno)
{
	struct st_label *l;
	int language = strcmp(role, "language") == 0;

	if (text == NULL || *text == '\0') {
		kp_warn(path, lineno, "%s without its text", role);
		return KP_EXIT_FORMAT;
	}
	if (!language && !listed(label_keys, key)) {
		kp_warn(path, lineno, "unknown label '%s'", key);
		return KP_EXIT_FORMAT;
	}
	if (language && (*key == '\0' || key[strspn(key, "abcdefghijklmnopqrstuvwxyz"
	                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")] != '\0')) {
		kp_warn(path, lineno, "bad language code '%s'", key);
		return KP_EXIT_FORMAT;
	}
	if (use != NULL && (!language || !listed(language_uses, use))) {
		kp_warn(path, lineno, "unknown option '%s'", use);
		return KP_EXIT_FORMAT;
	}
	rules->labels = kp_xreallocarray(rules->labels, rules->nlabels + 1, sizeof(*rules->labels));
	l = &rules->labels[rules->nlabels++];
	l->language = language;
	l->key = kp_xstrdup(key);
	l->text = kp_xstrdup(text);
	l->use = use != NULL ? kp_xstrdup(use) : NULL;
	return KP_EXIT_OK;
}

void st_labels_release(struct st_rules *rules)
{
	for (size_t i = 0; i < rules->nlabels; i++) {
		free(rules->labels[i].key);
		free(rules->labels[i].text);
		free(rules->labels[i].use);
	}
	free(rules->labels);
	rules->labels = NULL;
	rules->nlabels = 0;
}

struct st_node *st_labels_node(const struct st_rules *rules)
{
	struct st_node *labels, *n;

	if (rules->nlabels == 0)
		return NULL;
	labels = st_node_new(KP_EL_LABELS);
	for (size_t i = 0; i < rules->nlabels; i++) {
		const struct st_label *l = &rules->labels[i];

		n = st_node_add(labels, l->language ? KP_EL_LANGUAGE : KP_EL_LABEL);
		st_node_set_text(n, l->text);
		st_node_set(n, l->language ? KP_A_IDENT : KP_A_FOR, l->key);
		if (l->use != NULL)
			st_node_set(n, KP_A_USE, l->use);
	}
	return labels;
}
