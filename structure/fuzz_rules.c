/*
 * fuzz_rules.c - libFuzzer target for the rules table parser
 * (st_rules_parse) and the matching it drives: any bytes as a table; when
 * it parses, every role is matched against a few lines of a real issue
 * and against the table's own text, and every group of each match is
 * taken.  Patterns whose compilation would take unbounded memory in
 * glibc's regcomp ((a{99}){99}, a?++++...) are refused by the parser
 * itself (structure/rules.c: pattern_too_costly).
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
	FILE *fp;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
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
