#!/bin/sh
# run.sh - run the test suites of kostec-pipe (docs/testing.md).
#
#   tests/run.sh BUILD_DIR [SUITE...]     suites: unit cli golden schema score bad
#   REGEN=1 tests/run.sh BUILD_DIR golden rewrite tests/golden (make regen)
#
# Each check counts once; a program that is not built yet is skipped, not
# counted.  The last line is "N passed, M failed"; the exit status is
# non-zero when M > 0.  VERBOSE=1 also prints passing checks.
set -eu
export LC_ALL=C.UTF-8
# the TEI's revisionDesc carries the conversion's day: fix it for goldens
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

if [ $# -lt 1 ]; then
	echo "usage: tests/run.sh BUILD_DIR [unit|cli|golden|schema|score|bad ...]" >&2
	exit 2
fi
KP_ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) KP_BUILD=$1 ;; *) KP_BUILD=$(pwd)/$1 ;; esac
shift
export KP_ROOT KP_BUILD
cd "$KP_ROOT"
. tests/lib.sh

SUITES="unit cli golden schema score bad"
GOLDEN=tests/golden
P=$KP_T/pipe          # pipeline outputs, computed once per run
PARALLEL=${PARALLEL:-2}

samples() {
	for f in samples/*.pdf; do
		[ -f "$f" ] && basename "$f" .pdf
	done
	return 0
}

# The page samples (samples/pages/NAME.pdf) as page-NAME: the pipeline
# makes their issue XML and ALTO, which the schema suite checks with the
# issues' (they have no golden files).
page_samples() {
	for f in samples/pages/*.pdf; do
		[ -f "$f" ] && echo "page-$(basename "$f" .pdf)"
	done
	return 0
}

# The samples whose truth is a general report's (samples/report.py), and
# the others (KOSTEC issues, scored by tests/score.py).
report_samples() {
	for n in $(samples); do
		! grep -q '"kind": "report"' "samples/truth/$n.json" 2>/dev/null || echo "$n"
	done
}
issue_samples() {
	for n in $(samples); do
		grep -q '"kind": "report"' "samples/truth/$n.json" 2>/dev/null || echo "$n"
	done
}

# run_counted [-a] NAME CMD...: run a program that ends with the line
# "N passed, M failed[, K skipped]" and add its counts.  Its whole output
# is shown when something failed (or always with -a), else only its skip
# (and ok) lines.  A run without the line, or one that died on a signal,
# is one failure.
run_counted() {
	all=
	[ "$1" != -a ] || { all=1; shift; }
	name=$1
	shift
	r=0
	counted_f0=$kp_failed
	"$@" >"$KP_T/counted" 2>&1 || r=$?
	if ! add_counts "$KP_T/counted"; then
		fail "$name: no result line (exit $r)"
	elif [ "$r" -gt 1 ]; then
		fail "$name: exit $r"
	fi
	if [ -n "$all" ] || [ "$kp_failed" -gt "$counted_f0" ]; then
		grep -Ev '^[0-9]+ passed, [0-9]+ failed' "$KP_T/counted" || true
	else
		grep -E '^(skip|ok): ' "$KP_T/counted" || true
	fi
}

# One binary per tests/unit/test_*.c; a source without its binary is a
# failure (a build that did not finish), not a silent skip.  Each runs
# under a time limit (300 s or KP_UNIT_TIMEOUT, three times that for
# build/san) far above what it takes, so that one stuck in a quadratic
# loop fails instead of holding the suite.
suite_unit() {
	ulimit_s=${KP_UNIT_TIMEOUT:-300}
	case $KP_BUILD in */san) ulimit_s=$((ulimit_s * 3)) ;; esac
	for src in "$KP_ROOT"/tests/unit/test_*.c; do
		name=${src##*/}
		t=$KP_BUILD/tests/unit/${name%.c}
		if [ -x "$t" ]; then
			run_counted "unit/${name%.c}" timeout "$ulimit_s" "$t"
		else
			fail "unit/${name%.c}: $t not built (make)"
		fi
	done
}

# tests/cli/*.sh, then each area's own shell tests tests/AREA/test_*.sh
# (given BUILD_DIR as $1); all end with the protocol line.
suite_cli() {
	for t in tests/cli/*.sh tests/*/test_*.sh; do
		[ -f "$t" ] || continue
		run_counted "${t#tests/}" sh "$t" "$KP_BUILD"
	done
}

# pipeline: run the pipeline once over every sample, into $P/NAME.kpl,
# NAME.xml, NAME.tei.xml, NAME.tables.csv, NAME.articles.csv, NAME.alto.xml
# (from NAME.xml and NAME.kpl), each with
# .rc (exit status) and .err (stderr).  pdf2text runs in the samples
# directory on NAME.pdf, so the outputs name the file as the truth does;
# the later stages read stdin.  Missing programs leave their files absent.
# pdf2text's OCR deadline per page (--ocr-timeout, 60 s by default) stops a
# runaway page in production; here it must not fire, or the goldens would
# depend on the machine's load: the sanitizer build on two loaded cores
# takes well over a minute for some scanned pages.
OCR_TIMEOUT=3600

pipeline() {
	[ ! -f "$P/.done" ] || return 0
	mkdir -p "$P"
	if [ -x "$KP_BUILD/pdf2text" ]; then
		samples | xargs -P "$PARALLEL" -I @ sh -c '
			cd samples && "$1" --ocr-timeout "$4" "$2.pdf" >"$3/$2.kpl" 2>"$3/$2.kpl.err"
			echo $? >"$3/$2.kpl.rc"' sh "$KP_BUILD/pdf2text" @ "$P" "$OCR_TIMEOUT"
	fi
	for n in $(samples); do
		stage structure "$n.kpl" "$n.xml"
		stage issue-export "$n.xml" "$n.tei.xml" --tei --source-pdf "samples/$n.pdf"
		stage issue-export "$n.xml" "$n.tables.csv" --csv=tables
		stage issue-export "$n.xml" "$n.articles.csv" --csv=articles
		stage issue-export "$n.xml" "$n.alto.xml" --alto --layout "$P/$n.kpl"
	done
	for n in $(page_samples); do
		if [ -x "$KP_BUILD/pdf2text" ]; then
			r=0
			(cd samples/pages && "$KP_BUILD/pdf2text" -q "${n#page-}.pdf") \
				>"$P/$n.kpl" 2>"$P/$n.kpl.err" || r=$?
			echo "$r" >"$P/$n.kpl.rc"
		fi
		stage structure "$n.kpl" "$n.xml"
		stage issue-export "$n.xml" "$n.alto.xml" --alto --layout "$P/$n.kpl"
	done
	: >"$P/.done"
}

# stage PROG IN OUT [ARGS]: PROG ARGS < $P/IN > $P/OUT, when both exist.
stage() {
	prog=$1 in=$2 out=$3
	shift 3
	[ -x "$KP_BUILD/$prog" ] && [ -s "$P/$in" ] || return 0
	r=0
	"$KP_BUILD/$prog" "$@" <"$P/$in" >"$P/$out" 2>"$P/$out.err" || r=$?
	echo "$r" >"$P/$out.rc"
}

# golden_check NAME SUFFIX PROG: one check of $P/NAME.SUFFIX against
# tests/golden/NAME.SUFFIX (or its rewrite when REGEN=1).
golden_check() {
	n=$1 sfx=$2 prog=$3
	out=$P/$n.$sfx gold=$GOLDEN/$n.$sfx
	desc "golden $n.$sfx"
	if [ ! -f "$out.rc" ]; then
		fail "$prog produced nothing (an earlier stage failed)"
		return
	fi
	r=$(cat "$out.rc")
	if [ "$r" != 0 ]; then
		fail "$prog exited $r"
		show "$out.err" stderr
		return
	fi
	if [ -n "${REGEN-}" ]; then
		mkdir -p "$GOLDEN"
		if [ -f "$gold" ] && cmp -s "$out" "$gold"; then
			ok "unchanged"
		else
			cp "$out" "$gold"
			echo "regen: wrote $gold"
			ok "rewritten"
		fi
		return
	fi
	if [ ! -f "$gold" ]; then
		fail "missing $gold (review the output, then run make regen)"
		return
	fi
	if diff -u "$gold" "$out" >"$KP_T/diff"; then
		ok "same"
	else
		fail "differs from $gold (if intended: make regen)"
		sed -n '1,40s/^/    /p' "$KP_T/diff"
	fi
}

suite_golden() {
	if [ -z "$(samples)" ]; then
		skip "golden: no samples/*.pdf"
		return
	fi
	pipeline
	for prog in pdf2text structure issue-export; do
		have_prog "$prog" "golden files it writes not compared" || continue
	done
	for n in $(samples); do
		[ ! -x "$KP_BUILD/pdf2text" ] || golden_check "$n" kpl pdf2text
		[ ! -x "$KP_BUILD/structure" ] || golden_check "$n" xml structure
		if [ -x "$KP_BUILD/issue-export" ]; then
			golden_check "$n" tei.xml issue-export
			golden_check "$n" tables.csv issue-export
			golden_check "$n" articles.csv issue-export
			golden_check "$n" alto.xml issue-export
		fi
	done
	for gold in "$GOLDEN"/*; do
		[ -f "$gold" ] || continue
		n=${gold##*/}
		n=${n%%.*}
		[ -f "samples/$n.pdf" ] || fail "$gold: no samples/$n.pdf (remove it)"
	done
	desc
	if [ -n "${REGEN-}" ]; then
		echo "regen: changes against the last commit:"
		git diff --stat -- "$GOLDEN" || true
		git status --short -uall -- "$GOLDEN" | grep '^??' || true
	fi
}

suite_schema() {
	if [ -z "$(samples)" ]; then
		skip "schema: no samples/*.pdf"
		return
	fi
	have_prog structure "issue XML not validated" || return 0
	pipeline
	set --
	for n in $(samples); do
		if [ -f "$P/$n.xml.rc" ]; then
			set -- "$@" "$P/$n.xml"
		else
			desc "schema $n.xml"
			fail "no XML (pdf2text failed on $n.pdf)"
		fi
	done
	[ $# -eq 0 ] || validate docs/issue.rng "issue.rng" "$@"

	have_prog issue-export "TEI and ALTO not validated" || return 0
	validate_outputs tei.xml "$(shared_dir)/schema/tei_all.rng" tei_all.rng TEI
	validate_outputs alto.xml "$(shared_dir)/schema/alto-4-4.xsd" alto-4-4.xsd ALTO \
		"$(samples) $(page_samples)"
	set --
	for n in $(samples) $(page_samples); do
		[ ! -f "$P/$n.alto.xml.rc" ] || set -- "$@" "$P/$n.xml" "$P/$n.alto.xml"
	done
	[ $# -eq 0 ] || run_counted alto-text python3 tests/alto_text.py "$@"
}

# validate_outputs SUFFIX SCHEMA LABEL WHAT [NAMES]: every sample's (or
# each of NAMES') NAME.SUFFIX against SCHEMA.  A missing schema is skipped, but fails under CI=true,
# so that CI cannot pass without validating.
validate_outputs() {
	sfx=$1 schema=$2 label=$3 what=$4 names=${5-$(samples)}
	if [ ! -f "$schema" ]; then
		if [ "${CI-}" = true ]; then
			fail "$what schema not found at $schema (CI=true: set SHARED)"
		else
			skip "$what schema not found at $schema (set SHARED)"
		fi
		return
	fi
	set --
	for n in $names; do
		if [ -f "$P/$n.$sfx.rc" ]; then
			set -- "$@" "$P/$n.$sfx"
		else
			desc "schema $n.$sfx"
			fail "no $what (an earlier stage failed on $n.pdf)"
		fi
	done
	[ $# -eq 0 ] || validate "$schema" "$label" "$@"
}

suite_score() {
	if [ -z "$(samples)" ]; then
		skip "score: no samples/*.pdf"
		return
	fi
	run_counted score-self-test python3 tests/score.py --self-test $(issue_samples)
	run_counted icdar-self-test python3 tests/icdar.py --self-test
	run_counted heading-self-test python3 tests/score_headings.py --self-test \
		tests/corpus/*.truth.json $(report_samples | sed 's|.*|samples/truth/&.json|')
	have_prog structure "nothing to score" || return 0
	pipeline
	run_counted -a score python3 tests/score.py --out "$P" --truth samples/truth \
		--floor tests/score-floor.json $(issue_samples)
	pairs=
	for n in $(report_samples); do
		pairs="$pairs samples/truth/$n.json $P/$n.xml"
	done
	[ -z "$pairs" ] || run_counted -a headings python3 tests/score_headings.py \
		--floor tests/score-floor.json $pairs
	# the joins of wrapped lines against each sample's source
	set --
	for n in $(samples); do
		if [ -f "samples/src/$n.txt" ] && [ -f "$P/$n.kpl" ] && [ -f "$P/$n.xml" ]; then
			set -- "$@" "samples/src/$n.txt" "$P/$n.kpl" "$P/$n.xml"
		fi
	done
	[ $# -eq 0 ] || run_counted -a joins python3 tests/join_truth.py \
		--floor tests/score-floor.json "$@"
	score_pages
}

# The page samples (samples/pages/NAME.pdf and .json, samples/build.py
# "kind: page"): pdf2text's stream of each, scored by score.py --pages
# (the page read as its truth says, text or OCR, and its characters);
# a samples/pages/NAME.json without a PDF ("issue": true) holds scanned
# pages of the issue sample NAME, scored in the pipeline's NAME.kpl.
score_pages() {
	set -- samples/pages/*.pdf
	[ -f "$1" ] || return 0
	mkdir -p "$P/pages"
	for f in "$@"; do
		n=$(basename "$f" .pdf)
		"$KP_BUILD/pdf2text" -q --ocr-timeout "$OCR_TIMEOUT" "$f" >"$P/pages/$n.kpl" \
			2>"$P/pages/$n.kpl.err" || :
	done
	run_counted -a score-pages python3 tests/score.py --pages samples/pages --out "$P/pages" \
		--issues "$P" --floor tests/score-floor.json
}

# Every tests/bad/**/CASE with a CASE.expect holding one line
# "program exit-code stderr-regex" (the regex is the rest of the line; `-`
# for an empty stderr) and
# an optional CASE.args (one line of options, split at blanks):
# `program ARGS CASE` (from the top directory, under a time limit, 60 s
# or KP_TIMEOUT, three times that for build/san, and
# /usr/bin/time) exits so, says so, does not crash and stays under
# KP_MAXRSS_MB (default 2048) of memory.  A failure (code >= 2) writes one
# line on stderr and nothing on stdout, and with -o leaves no file behind.
# An optional CASE.stdout holds EREs that each must match a line of stdout.
# The cases of tests/bad/big/ are written at run time by
# `tests/bad/make-corpus.py DIR --big` (docs/robustness.md).
suite_bad() {
	find tests/bad -name '*.expect' -type f | sort >"$KP_T/bad-cases"
	if [ ! -s "$KP_T/bad-cases" ]; then
		skip "bad: no cases in tests/bad/"
		return
	fi
	maxrss=$((${KP_MAXRSS_MB:-2048} * 1024))
	limit=${KP_TIMEOUT:-60}
	case $KP_BUILD in */san) limit=$((limit * 3)) ;; esac # ASan is slower
	timer=
	[ ! -x /usr/bin/time ] || timer="/usr/bin/time -f %M -o $KP_T/rss"
	while read -r e; do
		input=${e%.expect}
		case $input in
		tests/bad/big/*)
			if [ ! -d "$KP_T/big" ]; then
				python3 tests/bad/make-corpus.py "$KP_T/big" --big
			fi
			input=$KP_T/big/${input##*/} ;;
		esac
		read -r prog code regex <"$e" || true
		args=
		[ ! -f "${e%.expect}.args" ] || read -r args <"${e%.expect}.args" || true
		desc "bad ${e%.expect}"
		have_prog "$prog" "case $input" || continue
		: >"$KP_T/rss"
		# shellcheck disable=SC2086
		expect_exit "$code" timeout "$limit" $timer "$KP_BUILD/$prog" $args "$input" </dev/null
		if crashed; then
			fail "crashed"
			show "$KP_T/err" stderr
		fi
		[ "$rc" != 124 ] || fail "killed after $limit s"
		rss=$(tail -n 1 "$KP_T/rss")
		case $rss in
		'' | *[!0-9]*) ;;
		*) if [ "$rss" -gt "$maxrss" ]; then fail "peak RSS $((rss / 1024)) MB"; fi ;;
		esac
		if [ "$regex" = - ]; then
			expect_stderr_empty
		else
			expect_stderr_match "$regex"
		fi
		if [ -f "${e%.expect}.stdout" ]; then
			while IFS= read -r want; do
				check "stdout has /$want/" grep -Eq -- "$want" "$KP_T/out"
			done <"${e%.expect}.stdout"
		fi
		[ "$code" -ge 2 ] || continue
		expect_stderr_one_line
		expect_stdout_empty
		rm -rf "$KP_T/o" && mkdir "$KP_T/o"
		# shellcheck disable=SC2086
		run_prog timeout "$limit" "$KP_BUILD/$prog" -o "$KP_T/o/out" $args "$input" </dev/null
		check "with -o: exit $code, no file left" \
			sh -c "[ $rc = $code ] && [ -z \"\$(ls -A '$KP_T/o')\" ]"
	done <"$KP_T/bad-cases"
	desc
}

[ $# -gt 0 ] || set -- $SUITES
for suite in "$@"; do
	case " $SUITES " in
	*" $suite "*) ;;
	*) echo "run.sh: unknown suite '$suite' (suites: $SUITES)" >&2
		exit 2 ;;
	esac
done
for suite in "$@"; do
	p0=$kp_passed f0=$kp_failed s0=$kp_skipped t0=$(date +%s)
	echo "== $suite"
	"suite_$suite"
	echo "== $suite: $((kp_passed - p0)) passed, $((kp_failed - f0)) failed," \
		"$((kp_skipped - s0)) skipped, $(($(date +%s) - t0)) s"
done
[ "$kp_skipped" -eq 0 ] || echo "($kp_skipped skipped: not counted)"
echo "$kp_passed passed, $kp_failed failed"
[ "$kp_failed" -eq 0 ]
