/*
 * fuzz_rules.c - libFuzzer target for the rules table parser
 * (st_rules_parse) and the matching it drives: any bytes as a table; when
 * it parses, every role is matched against a few lines of a real issue
 * and against the table's own text, and every group of each match is
 * taken.  Tables with more than two '{' or more than 24 '+', '*', '?'
 * are skipped: glibc's regcomp copies the tree of a group for each bounded
 * or stacked repeat ((a{99}){99}, a?++++++...) and so grows beyond any
 * memory limit, a property of the library (docs/robustness.md, open).
 * Built and run by tests/fuzz.sh, never by `make`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const lines[] = {
	"중국 과학기술 정책 주/간/동/향",
	"2023. 4. 21",
	"Ⅰ  정책동향",
	"01  중국, 과학기술 발전 계획 발표",
	"■ 중국 과학기술부는 4.12일 계획을 발표(4.12)",
	"• 첫째 항목",
	"〈그림 1〉 사진 설명",
	"* 출처: 과학기술일보 (04.12)",
	"",
};

static void match_all(const struct st_rules *rules, const char *s)
{
	struct st_match m;

	for (int r = 0; r < ST_NROLES; r++) {
		memset(&m, 0, sizeof(m));
		if (st_rules_match(rules, (enum st_role)r, s, &m) == NULL)
			continue;
		for (int g = 0; g < ST_NGROUPS; g++)
			free(st_match_group(&m, (enum st_group)g));
	}
	memset(&m, 0, sizeof(m));
	st_classify(rules, ~0ul, s, 14.0, 10.0, &m);
	free(st_part_numeral(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct st_rules rules;
	size_t braces = 0, repeats = 0;
	FILE *fp;

	for (size_t i = 0; i < size; i++) {
		braces += data[i] == '{';
		repeats += data[i] == '+' || data[i] == '*' || data[i] == '?';
	}
	if (size == 0 || braces > 2 || repeats > 24 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (st_rules_parse(&rules, fp, "fuzz", "fuzz") == KP_EXIT_OK) {
		char *text = kp_xstrndup((const char *)data, size);

		for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
			match_all(&rules, lines[i]);
		if (kp_utf8_valid(text, strlen(text)))
			match_all(&rules, text);
		free(text);
	}
	st_rules_release(&rules);
	fclose(fp);
	return 0;
}
