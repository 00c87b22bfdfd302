#!/bin/sh
# test_property.sh - every output valid on mutated inputs (issue #16).
#
#   sh tests/property/test_property.sh BUILD_DIR
#
# From each golden issue XML, KP_PROPERTY_N mutants (default 6; seed
# KP_PROPERTY_SEED, default 1) by tests/property/mutate.py: elements
# dropped, duplicated, reordered, emptied, OCR-like noise in texts and
# attributes; from each golden layout stream as many, with records
# dropped, duplicated, swapped and noise in texts and numbers.  Each
# mutant goes through its program (issue-export --tei, and --alto with
# the golden layout stream; structure, then issue-export --tei and --alto
# with the mutant stream on structure's output).  Properties: no crash and
# no internal error; a refusal (exit >= 2) is one line on stderr and no
# output; every output of exit 0 or 1 validates, issue XML against
# docs/issue.rng, TEI against tei_all.rng and ALTO against alto-4-4.xsd
# (each schema compiled once).
# `make property` runs many more.  Last line: "N passed, M failed, K skipped".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$KP_ROOT" || exit 2

n=${KP_PROPERTY_N:-6}
seed=${KP_PROPERTY_SEED:-1}
ready=1
for p in structure issue-export; do
	have_prog "$p" "property test not run" || ready=
done
command -v xmllint >/dev/null 2>&1 || { skip "xmllint not installed: property test not run"; ready=; }
if [ -z "$ready" ]; then
	test_done
	exit $?
fi
tei=$(shared_dir)/schema/tei_all.rng
alto=$(shared_dir)/schema/alto-4-4.xsd

M=$KP_T/mutants O=$KP_T/outputs
mkdir -p "$M" "$O"
for g in tests/golden/*.xml tests/golden/*.kpl; do
	case $g in *.tei.xml | *.alto.xml) continue ;; esac
	python3 tests/property/mutate.py "${g##*.}" "$g" "$M" "$n" "$seed" ||
		{ fail "mutate.py failed on $g"; test_done; exit $?; }
done

# run PROG OUT IN ARGS...: PROG on IN into OUT; a refusal must be one line
# and leave no output.  Sets $rc.
run() {
	prog=$1 out=$2 in=$3
	shift 3
	rc=0
	"$KP_BUILD/$prog" "$@" "$in" >"$out" 2>"$out.err" || rc=$?
	if [ "$rc" -ge 8 ] || crashed "$rc" || grep -q 'runtime error:\|Sanitizer' "$out.err"; then
		echo "$prog $* ${in##*/}: exit $rc ($(head -n 1 "$out.err")); $(tr '\n' ';' <"${in%.*}.how")"
	elif [ "$rc" -ge 2 ] && { [ -s "$out" ] || [ "$(wc -l <"$out.err")" -ne 1 ]; }; then
		echo "$prog ${in##*/}: exit $rc with output or not one line of stderr"
	fi
}

: >"$KP_T/bad"
for x in "$M"/*.xml; do
	b=${x##*/}
	run issue-export "$O/${b%.xml}.tei.xml" "$x" --tei >>"$KP_T/bad"
	run issue-export "$O/${b%.xml}.alto.xml" "$x" --alto --layout "tests/golden/${b%.*-*}.kpl" \
		>>"$KP_T/bad"
done
for k in "$M"/*.kpl; do
	b=${k##*/}
	run structure "$O/${b%.kpl}.xml" "$k" >>"$KP_T/bad"
	[ "$rc" -le 1 ] || { rm -f "$O/${b%.kpl}.xml"; continue; }
	cp "${k%.kpl}.how" "$O/${b%.kpl}.how"
	run issue-export "$O/${b%.kpl}.s.tei.xml" "$O/${b%.kpl}.xml" --tei >>"$KP_T/bad"
	run issue-export "$O/${b%.kpl}.s.alto.xml" "$O/${b%.kpl}.xml" --alto --layout "$k" \
		>>"$KP_T/bad"
done
desc "$(find "$M" -name '*.how' | wc -l) mutants (seed $seed)"
check "no crash, internal error or unclear refusal" sh -c '
	[ ! -s "$1" ] || { sed -n "1,10s/^/    /p" "$1"; exit 1; }' sh "$KP_T/bad"

# Outputs of exit 0 or 1 only (a refusal left an empty file).  A failure
# is reproduced with mutate.py and the seed and number in its name.
# shellcheck disable=SC2046 # file names without blanks
validate docs/issue.rng "issue.rng" $(find "$O" -name '*.xml' ! -name '*.tei.xml' \
	! -name '*.alto.xml' -size +0 | sort)
if [ -f "$tei" ]; then
	# shellcheck disable=SC2046
	validate "$tei" "tei_all.rng" $(find "$O" -name '*.tei.xml' -size +0 | sort)
else
	skip "TEI schema not found at $tei (set SHARED): TEI not validated"
fi
if [ -f "$alto" ]; then
	# shellcheck disable=SC2046
	validate "$alto" "alto-4-4.xsd" $(find "$O" -name '*.alto.xml' -size +0 | sort)
else
	skip "ALTO schema not found at $alto (set SHARED): ALTO not validated"
fi
test_done
