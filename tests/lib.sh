# lib.sh - the shell test harness, sourced by tests/run.sh and every shell test.
#
# Counters: ok/fail/skip.  Every check is one ok or one fail; a skip is
# reported but counts as neither.  test_done prints the protocol line
# "N passed, M failed, K skipped" that tests/run.sh adds up.
#
# Running a program under test:
#   run_prog CMD...          run CMD, stdout in $KP_T/out, stderr in $KP_T/err,
#                            exit status in $rc; never aborts the script
#   expect_exit CODE CMD...  run_prog, then one check: the exit status is CODE
#   expect_stderr_match RE   one check: the last stderr matches extended RE
#   expect_stderr_one_line   one check: the last stderr is exactly one line
#   expect_stdout_empty / expect_stdout_nonempty
# Messages name the case set by `desc "text"`.
#
# Environment: KP_ROOT (repository), KP_BUILD (absolute build dir); the
# helper sets both when unset, from the script's location and $1.

export LC_ALL=C.UTF-8

kp_passed=0
kp_failed=0
kp_skipped=0
kp_desc=

: "${KP_ROOT:=$(cd "$(dirname "$0")/.." && pwd)}"
case $KP_ROOT in */tests) KP_ROOT=${KP_ROOT%/tests} ;; esac
export KP_ROOT
# A test run on its own (sh tests/AREA/test_NAME.sh BUILD_DIR) names the
# build directory as its first argument; tests/run.sh exports KP_BUILD.
if [ -z "${KP_BUILD-}" ]; then
	case ${1-} in
	'') echo "usage: sh $0 BUILD_DIR" >&2; exit 2 ;;
	/*) KP_BUILD=$1 ;;
	*) KP_BUILD=$(pwd)/$1 ;;
	esac
fi
export KP_BUILD

KP_T=$(mktemp -d "${TMPDIR:-/tmp}/kp-test.XXXXXX")
trap 'rm -rf "$KP_T"' EXIT
trap 'rm -rf "$KP_T"; exit 130' INT TERM HUP

# Sanitizer reports go to stderr; make them fatal and recognisable.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$KP_ROOT/tests/lsan.supp:print_suppressions=0}"

desc() { kp_desc=$*; }

ok() {
	kp_passed=$((kp_passed + 1))
	[ -z "${VERBOSE-}" ] || echo "ok: ${kp_desc:+$kp_desc: }$*"
}

fail() {
	kp_failed=$((kp_failed + 1))
	echo "FAIL: ${kp_desc:+$kp_desc: }$*"
}

skip() {
	kp_skipped=$((kp_skipped + 1))
	echo "skip: $*"
}

# Show the first lines of a file, indented, after a failure.
show() {
	[ -s "$1" ] || { echo "    ($2 empty)"; return 0; }
	sed -n '1,8s/^/    /p' "$1"
}

# Absolute path of a built program, or nothing when it is not built.
prog_path() {
	[ -x "$KP_BUILD/$1" ] && echo "$KP_BUILD/$1"
	return 0
}

# have_prog NAME: true when built; otherwise prints one skip line.
have_prog() {
	if [ -x "$KP_BUILD/$1" ]; then
		return 0
	fi
	skip "$1 is not built yet ($KP_BUILD/$1)${2:+: $2}"
	return 1
}

run_prog() {
	rc=0
	"$@" >"$KP_T/out" 2>"$KP_T/err" || rc=$?
}

# True when the last stderr shows a sanitizer report or the exit status is
# a crash signal (SIGABRT, SIGBUS, SIGFPE, SIGSEGV) or a sanitizer abort.
crashed() {
	case ${1:-$rc} in 134 | 135 | 136 | 139) return 0 ;; esac
	grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:' "$KP_T/err" 2>/dev/null
}

expect_exit() {
	want=$1
	shift
	run_prog "$@"
	if [ "$rc" = "$want" ]; then
		ok "exit $want"
	elif crashed; then
		fail "crashed (exit $rc), want exit $want"
		show "$KP_T/err" stderr
	else
		fail "exit $rc, want $want"
		show "$KP_T/err" stderr
	fi
}

expect_stderr_match() {
	if grep -Eq -- "$1" "$KP_T/err"; then
		ok "stderr matches $1"
	else
		fail "stderr does not match /$1/"
		show "$KP_T/err" stderr
	fi
}

expect_stderr_one_line() {
	n=$(wc -l <"$KP_T/err")
	if [ "$n" -eq 1 ]; then
		ok "one-line stderr"
	else
		fail "stderr has $n lines, want 1"
		show "$KP_T/err" stderr
	fi
}

expect_stderr_empty() {
	if [ ! -s "$KP_T/err" ]; then
		ok "stderr empty"
	else
		fail "stderr not empty"
		show "$KP_T/err" stderr
	fi
}

expect_stdout_empty() {
	if [ ! -s "$KP_T/out" ]; then
		ok "stdout empty"
	else
		fail "stdout not empty"
		show "$KP_T/out" stdout
	fi
}

expect_stdout_nonempty() {
	if [ -s "$KP_T/out" ]; then
		ok "stdout not empty"
	else
		fail "stdout empty"
		show "$KP_T/err" stderr
	fi
}

# check WHAT CMD...: one check, passes when CMD succeeds.
check() {
	what=$1
	shift
	if "$@" >"$KP_T/check.out" 2>&1; then
		ok "$what"
	else
		fail "$what"
		show "$KP_T/check.out" output
	fi
}

# Add the protocol line(s) "N passed, M failed[, K skipped]" found in
# FILE to the counters; a missing line counts as one failure (a crash).
add_counts() {
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1 || true)
	if [ -z "$line" ]; then
		return 1
	fi
	set -- $line
	kp_passed=$((kp_passed + $1))
	kp_failed=$((kp_failed + $3))
	case ${5-} in [0-9]*) kp_skipped=$((kp_skipped + $5)) ;; esac
	return 0
}

test_done() {
	echo "$kp_passed passed, $kp_failed failed, $kp_skipped skipped"
	[ "$kp_failed" -eq 0 ]
}

# The directory holding schema/tei_all.rng: $SHARED, ../shared beside the
# repository's top level, or /work/shared.
shared_dir() {
	if [ -n "${SHARED-}" ]; then
		echo "$SHARED"
		return
	fi
	top=$(git rev-parse --show-toplevel 2>/dev/null || echo "$KP_ROOT")
	if [ -d "$top/../shared" ]; then
		(cd "$top/../shared" && pwd)
	else
		echo /work/shared
	fi
}

# validate SCHEMA LABEL FILE...: one xmllint run (a schema compiles once),
# one check per file from its "validates" / "fails to validate" line.  A
# schema ending in .xsd is W3C XML Schema, else RELAX NG; never the network.
validate() {
	schema=$1 label=$2
	shift 2
	kind=--relaxng
	case $schema in *.xsd) kind=--schema ;; esac
	xmllint --noout --nonet "$kind" "$schema" "$@" >"$KP_T/xmllint" 2>&1 || true
	for f in "$@"; do
		desc "$label ${f##*/}"
		if grep -Fxq "$f validates" "$KP_T/xmllint"; then
			ok "validates"
		else
			fail "does not validate against $schema"
			grep -F "$f" "$KP_T/xmllint" | grep -v ' validates$' |
				sed -n '1,10s/^/    /p'
			grep -F "$schema" "$KP_T/xmllint" | sed -n '1,5s/^/    /p'
		fi
	done
	desc
}
