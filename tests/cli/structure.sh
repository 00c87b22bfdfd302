#!/bin/sh
# structure.sh - structure on layout streams it must refuse: exit 4 with one
# "structure: FILE:LINE: message" line and nothing on stdout; and a good
# stream gives XML valid against docs/issue.rng, and its -T tree has a line
# for each element.
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"

# refuse NAME CODE CONTENT: structure on a file holding CONTENT (printf format).
refuse() {
	name=$1 code=$2
	# shellcheck disable=SC2059
	printf "$3" >"$KP_T/$name"
	desc "structure $name"
	expect_exit "$code" "$KP_BUILD/structure" "$KP_T/$name"
	expect_stderr_one_line
	expect_stderr_match "^structure: $KP_T/$name:[0-9]+: "
	expect_stdout_empty
}

if have_prog structure; then
	refuse garbage.kpl 4 'hello world\nthis is not a stream\n'
	refuse version2.kpl 4 'kplayout\t2\nend\t0\n'
	refuse truncated.kpl 4 'kplayout\t1\ndoc\tx.pdf\t1\t-\t-\t-\npage\t1\t595.3\t841.9\t0\ttext\t-\n'
	refuse badutf8.kpl 4 'kplayout\t1\nline\t1\t-\t0\t0\t1\t1\t9.0\t-\ttext\t-\t\377\nend\t0\n'

	desc "structure $KP_T/missing.kpl"
	expect_exit 3 "$KP_BUILD/structure" "$KP_T/missing.kpl"
	expect_stderr_one_line
	expect_stderr_match "^structure: $KP_T/missing.kpl: "

	desc "structure tests/cli/data/min.kpl"
	expect_exit 0 "$KP_BUILD/structure" tests/cli/data/min.kpl
	cp "$KP_T/out" "$KP_T/min.xml"
	check "valid against docs/issue.rng" \
		xmllint --noout --relaxng docs/issue.rng "$KP_T/min.xml"

	# --rules auto (the default) picks the table a document's series line
	# asks for, else the general one, and says which in issue/@rules.
	for case in kostec-mini:kostec kr-patent-mini:kr-patent kr-gov-mini:kr-gov; do
		f=tests/structure/${case%%:*}.kpl
		desc "structure $f (auto)"
		expect_exit 0 "$KP_BUILD/structure" "$f"
		check "auto picks ${case#*:}" grep -q "<issue [^>]* rules=\"${case#*:}\"" "$KP_T/out"
		cp "$KP_T/out" "$KP_T/auto.xml"
		desc "structure --rules ${case#*:} $f"
		expect_exit 0 "$KP_BUILD/structure" --rules "${case#*:}" "$f"
		check "auto gives what --rules ${case#*:} gives" cmp -s "$KP_T/out" "$KP_T/auto.xml"
	done

	# -T prints the same tree: one line per element, the root first.
	desc "structure -T tests/cli/data/min.kpl"
	expect_exit 0 "$KP_BUILD/structure" -T tests/cli/data/min.kpl
	check "root line first" grep -q '^issue version="1" ' "$KP_T/out"
	elements=$(xmllint --xpath 'count(//*)' "$KP_T/min.xml")
	check "one line per element ($elements)" test "$(wc -l <"$KP_T/out")" -eq "$elements"
fi
test_done
