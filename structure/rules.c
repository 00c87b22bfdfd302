/* rules.c - the rules table: ROLE<TAB>PATTERN[<TAB>OPTIONS] per line. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "structure.h"

#ifndef KP_DATADIR
#define KP_DATADIR "/usr/local/share/kostec-pipe"
#endif

static const char *const role_names[ST_NROLES] = {
	"series", "cover-date", "cover-org", "cover-docno", "contents", "summary", "summary-item",
	"part", "category", "entry", "article", "lead", "heading",
	"caption", "source", "note", "bullet", "refs", "ref",
	"url", "from", "attachment", "colophon",
	"lead-date", "meta", "cell-bullet", "table-gubun",
	"table-content", "glue", "running",
};

static const char *const group_names[ST_NGROUPS] = {
	"text", "mark", "num", "title", "name", "value", "month", "day", "medium",
};

static int lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n && names[i] != NULL; i++)
		if (strlen(names[i]) == len && strncmp(names[i], s, len) == 0)
			return (int)i;
	return -1;
}

/* Options: space-separated NAME=N (a group), level=N, meta=FIELD,
 * strip=SUFFIX, big, strong, top.  Returns NULL or an error message. */
static const char *parse_options(struct st_rule *rule, char *opts)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(opts, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		int g;

		if (eq == NULL) {
			if (strcmp(tok, "big") == 0)
				rule->big = 1;
			else if (strcmp(tok, "strong") == 0)
				rule->strong = 1;
			else if (strcmp(tok, "top") == 0)
				rule->top = 1;
			else
				return "unknown option";
			continue;
		}
		if ((g = lookup(group_names, ST_NGROUPS, tok, (size_t)(eq - tok))) >= 0) {
			char *end;
			long v = strtol(eq + 1, &end, 10);

			if (*end != '\0' || v < 0 || v >= ST_MAXSUB || (size_t)v > rule->re.re_nsub)
				return "group index out of range";
			rule->group[g] = (int)v;
		} else if (strncmp(tok, "level=", 6) == 0) {
			rule->level = atoi(eq + 1);
			if (rule->level < 1 || rule->level > 9)
				return "level must be 1 to 9";
		} else if (strncmp(tok, "meta=", 5) == 0) {
			if ((rule->meta = kp_meta_lookup(eq + 1)) < 0)
				return "unknown meta field";
		} else if (strncmp(tok, "strip=", 6) == 0) {
			free(rule->strip);
			rule->strip = kp_xstrdup(eq + 1);
		} else {
			return "unknown option";
		}
	}
	return NULL;
}

/* glibc's regcomp copies a group's tree for every bounded or stacked
 * repeat, so a hostile table ("(a{99}){99}", "a?+++...") can take
 * unbounded memory.  Refuse what no real rule needs: a repeat applied to
 * a repeat, a bound over PATTERN_MAX_BOUND, a bounded repeat of a group
 * that holds one, more than PATTERN_MAX_BOUNDED bounded repeats.
 * Returns why, or NULL when the pattern is acceptable. */
#define PATTERN_MAX_LEN 1024
#define PATTERN_MAX_BOUND 32
#define PATTERN_MAX_BOUNDED 8
#define PATTERN_MAX_DEPTH 16
static const char *pattern_too_costly(const char *pat)
{
	int depth = 0, nbounded = 0, after_repeat = 0, closed_bounded = 0;
	int has_bounded[PATTERN_MAX_DEPTH + 1] = { 0 };
	const char *p = pat;

	if (strlen(pat) > PATTERN_MAX_LEN)
		return "pattern longer than 1024 bytes";
	while (*p != '\0') {
		int group_had_bounded = closed_bounded;

		closed_bounded = 0;
		if (*p == '\\' && p[1] != '\0') {
			p += 2;
			after_repeat = 0;
		} else if (*p == '[') { /* bracket expression: skip to its ']' */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']')
				p++;
			if (*p == ']')
				p++;
			after_repeat = 0;
		} else if (*p == '(') {
			if (++depth > PATTERN_MAX_DEPTH)
				return "groups nested too deep";
			has_bounded[depth] = 0;
			p++;
			after_repeat = 0;
		} else if (*p == ')') {
			if (depth > 0) {
				closed_bounded = has_bounded[depth];
				depth--;
				has_bounded[depth] |= closed_bounded;
			}
			p++;
			after_repeat = 0;
		} else if (*p == '*' || *p == '+' || *p == '?' || *p == '{') {
			if (after_repeat)
				return "a repetition of a repetition";
			if (*p == '{') {
				char *end;
				long lo = strtol(p + 1, &end, 10), hi = lo;

				if (*end == ',')
					hi = end[1] == '}' ? lo : strtol(end + 1, &end, 10);
				if (lo > PATTERN_MAX_BOUND || hi > PATTERN_MAX_BOUND)
					return "a repetition bound over 32";
				if (group_had_bounded)
					return "a bounded repetition of a group holding one";
				if (++nbounded > PATTERN_MAX_BOUNDED)
					return "more than 8 bounded repetitions";
				has_bounded[depth] = 1;
				while (*p != '\0' && *p != '}')
					p++;
				if (*p == '}')
					p++;
			} else {
				p++;
			}
			after_repeat = 1;
		} else {
			p++;
			after_repeat = 0;
		}
	}
	return NULL;
}

static int parse_line(struct st_rules *rules, char *line, const char *path, long lineno)
{
	char *role = line, *pat, *opts, errbuf[128];
	struct st_rule *rule;
	const char *err;
	int r, rc;

	pat = strchr(role, '\t');
	if (pat == NULL) {
		kp_warn(path, lineno, "expected ROLE<TAB>PATTERN");
		return KP_EXIT_FORMAT;
	}
	*pat++ = '\0';
	while (*pat == '\t')
		pat++;
	opts = strchr(pat, '\t');
	if (opts != NULL) {
		*opts++ = '\0';
		while (*opts == '\t')
			opts++;
	}
	if (st_is_label_role(role)) {
		char *use = opts != NULL ? strchr(opts, '\t') : NULL;

		if (use != NULL)
			*use++ = '\0';
		return st_labels_parse(rules, role, pat, opts, use, path, lineno);
	}
	if ((r = lookup(role_names, ST_NROLES, role, strlen(role))) < 0) {
		kp_warn(path, lineno, "unknown role '%s'", role);
		return KP_EXIT_FORMAT;
	}
	rules->v = kp_xreallocarray(rules->v, rules->n + 1, sizeof(*rules->v));
	rule = &rules->v[rules->n];
	memset(rule, 0, sizeof(*rule));
	rule->role = (enum st_role)r;
	rule->lineno = lineno;
	if ((err = pattern_too_costly(pat)) != NULL) {
		kp_warn(path, lineno, "bad pattern: %s", err);
		return KP_EXIT_FORMAT;
	}
	if ((rc = regcomp(&rule->re, pat, REG_EXTENDED)) != 0) {
		regerror(rc, &rule->re, errbuf, sizeof(errbuf));
		kp_warn(path, lineno, "bad pattern: %s", errbuf);
		return KP_EXIT_FORMAT;
	}
	rules->n++;
	for (int g = 0; g < ST_NGROUPS; g++)
		rule->group[g] = -1;
	rule->meta = -1;
	rule->group[ST_G_TEXT] = rule->re.re_nsub >= 1 ? 1 : 0;
	if (opts != NULL && (err = parse_options(rule, opts)) != NULL) {
		kp_warn(path, lineno, "%s", err);
		return KP_EXIT_FORMAT;
	}
	return KP_EXIT_OK;
}

int st_rules_parse(struct st_rules *rules, FILE *fp, const char *path, const char *name)
{
	struct kp_buf line;
	long lineno = 0;
	int c, code = KP_EXIT_OK;

	memset(rules, 0, sizeof(*rules));
	rules->name = kp_xstrdup(name);
	kp_buf_init(&line);
	do {
		kp_buf_clear(&line);
		while ((c = getc(fp)) != EOF && c != '\n')
			kp_buf_putc(&line, c);
		if (c == EOF && line.len == 0)
			break;
		lineno++;
		if (line.len > 0 && line.s[line.len - 1] == '\r')
			line.s[--line.len] = '\0';
		if (!kp_utf8_valid(line.s, line.len)) {
			kp_warn(path, lineno, "invalid UTF-8");
			code = KP_EXIT_FORMAT;
		} else if (line.len > 0 && line.s[0] != '#') {
			code = parse_line(rules, line.s, path, lineno);
		}
	} while (c != EOF && code == KP_EXIT_OK);
	kp_buf_release(&line);
	if (code == KP_EXIT_OK && ferror(fp)) {
		kp_warn(path, 0, "read error:");
		code = KP_EXIT_NOINPUT;
	}
	return code;
}

int st_rules_load(struct st_rules *rules, const char *path, const char *name)
{
	FILE *fp = fopen(path, "r");
	int code;

	if (fp == NULL) {
		memset(rules, 0, sizeof(*rules));
		kp_warn(path, 0, "cannot open rules:");
		return KP_EXIT_NOINPUT;
	}
	code = st_rules_parse(rules, fp, path, name);
	fclose(fp);
	return code;
}

void st_rules_release(struct st_rules *rules)
{
	for (size_t i = 0; i < rules->n; i++) {
		regfree(&rules->v[i].re);
		free(rules->v[i].strip);
	}
	free(rules->v);
	st_labels_release(rules);
	free(rules->name);
	memset(rules, 0, sizeof(*rules));
}

static char *readable(const char *dir, const char *sub, const char *name)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_printf(&b, "%s%s/%s.rules", dir, sub, name);
	if (access(b.s, R_OK) == 0)
		return kp_buf_detach(&b);
	kp_buf_release(&b);
	return NULL;
}

/* structure/rules/NAME.rules (a build tree) or share/kostec-pipe/rules/
 * NAME.rules (an installation: PREFIX/bin/structure finds its tables in
 * PREFIX/share, wherever PREFIX was moved) in the directory of exe or up to
 * four above. */
static char *beside_exe(const char *exe, const char *name)
{
	char dir[PATH_MAX], *slash, *found = NULL;

	if (exe == NULL || realpath(exe, dir) == NULL)
		return NULL;
	for (int up = 0; up < 5 && found == NULL; up++) {
		if ((slash = strrchr(dir, '/')) == NULL)
			break;
		*slash = '\0';
		found = readable(dir, "/structure/rules", name);
		if (found == NULL)
			found = readable(dir, "/share/kostec-pipe/rules", name);
	}
	return found;
}

char *st_rules_find(const char *arg, const char *exe)
{
	const char *env = getenv("KOSTEC_RULES_DIR");
	size_t n = strlen(arg);
	char *p;

	if (strchr(arg, '/') != NULL || (n > 6 && strcmp(arg + n - 6, ".rules") == 0))
		return kp_xstrdup(arg);
	if (env != NULL && *env != '\0' && (p = readable(env, "", arg)) != NULL)
		return p;
	if ((p = beside_exe("/proc/self/exe", arg)) != NULL || (p = beside_exe(exe, arg)) != NULL)
		return p;
	return readable(KP_DATADIR, "/rules", arg);
}

const struct st_rule *st_rules_match(const struct st_rules *rules, enum st_role role,
                                     const char *s, struct st_match *m)
{
	for (size_t i = 0; i < rules->n; i++) {
		const struct st_rule *r = &rules->v[i];

		if (r->role == role && regexec(&r->re, s, ST_MAXSUB, m->m, 0) == 0) {
			m->rule = r;
			m->s = s;
			return r;
		}
	}
	return NULL;
}

char *st_match_group(const struct st_match *m, enum st_group g)
{
	int i;
	char *s;

	if (m->rule == NULL || (i = m->rule->group[g]) < 0 || m->m[i].rm_so < 0)
		return NULL;
	s = kp_xstrndup(m->s + m->m[i].rm_so, (size_t)(m->m[i].rm_eo - m->m[i].rm_so));
	kp_squeeze_space(s);
	return s;
}
