#!/bin/sh
# leakcheck.sh BUILD_DIR - every program on every sample and on the bad
# inputs under valgrind (memcheck): no invalid access, no definite leak.
# `make leakcheck` runs it.  One check per run; the last line is
# "N passed, M failed".  Third-party leaks we cannot fix are suppressed in
# tests/valgrind.supp, one commented entry each.
#
# pdf2text runs with --ocr=never on the samples to keep it short, and once
# with OCR forced on one small page.  Programs not built yet are skipped.
set -eu
export LC_ALL=C.UTF-8
if [ $# -ne 1 ]; then
	echo "usage: tests/leakcheck.sh BUILD_DIR" >&2
	exit 2
fi
KP_ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) KP_BUILD=$1 ;; *) KP_BUILD=$(pwd)/$1 ;; esac
export KP_ROOT KP_BUILD
cd "$KP_ROOT"
VERBOSE=${VERBOSE-1}   # a long run: show each check as it passes
. tests/lib.sh

command -v valgrind >/dev/null || { echo "leakcheck: valgrind is not installed" >&2; exit 2; }
# 99 is no exit code of ours (1 is KP_EXIT_PARTIAL), so the two never mix.
VG_EXIT=99

# vg WANT PROG ARGS...: run PROG under memcheck; one check that it exits
# with one of the codes in WANT ("0", "4|5", ...) and valgrind found nothing.
vg() {
	want=$1 prog=$2
	shift 2
	desc "$prog $*"
	r=0
	valgrind -q --error-exitcode=$VG_EXIT --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--suppressions=tests/valgrind.supp --log-file="$KP_T/vg.log" \
		"$KP_BUILD/$prog" "$@" >"$KP_T/out" 2>"$KP_T/err" </dev/null || r=$?
	if [ "$r" = $VG_EXIT ] || [ -s "$KP_T/vg.log" ]; then
		fail "valgrind reports errors"
		sed -n '1,40s/^/    /p' "$KP_T/vg.log"
		return
	fi
	case "|$want|" in
	*"|$r|"*) ok "clean, exit $r" ;;
	*) fail "exit $r, want $want"; show "$KP_T/err" stderr ;;
	esac
}

V=$KP_T/v
mkdir -p "$V"
if have_prog pdf2text; then
	for pdf in samples/*.pdf; do
		[ -f "$pdf" ] || continue
		n=$(basename "$pdf" .pdf)
		vg "0|1" pdf2text --ocr=never -o "$V/$n.kpl" "$pdf"
	done
	vg "0|1" pdf2text --ocr=always tests/cli/data/hello.pdf
	for f in samples/bad/*.pdf tests/cli/data/garbage.txt "$V/no-such.pdf"; do
		case $f in
		*/blank.pdf) vg "0|1" pdf2text --ocr=never "$f" ;;
		*/truncated.pdf) vg "0|1|4" pdf2text --ocr=never "$f" ;;
		*/encrypted.pdf) vg 5 pdf2text "$f"
		                 vg 0 pdf2text --ocr=never --password secret "$f" ;;
		*/no-such.pdf) vg 3 pdf2text "$f" ;;
		*) vg 4 pdf2text "$f" ;;
		esac
	done
fi

if have_prog structure; then
	cp tests/cli/data/min.kpl "$V/min.kpl"
	for kpl in "$V"/*.kpl; do
		[ -s "$kpl" ] || continue
		vg "0|1" structure -o "${kpl%.kpl}.xml" "$kpl"
	done
	vg 4 structure tests/cli/data/garbage.txt
fi

if have_prog issue-export; then
	for xml in "$V"/*.xml tests/cli/data/min.xml; do
		[ -s "$xml" ] || continue
		for f in --tei --csv=tables --csv=articles; do
			vg "0|1" issue-export "$f" -o "$V/out" "$xml"
		done
	done
	vg 4 issue-export --tei tests/cli/data/garbage.txt
fi

# The robustness corpus (tests/bad/cases; the generated big cases are left
# to the bad suite): each case under its program with its CASE.args.
for e in $(find tests/bad -name '*.expect' ! -path 'tests/bad/big/*' | sort); do
	read -r prog code regex <"$e" || true
	args=
	[ ! -f "${e%.expect}.args" ] || read -r args <"${e%.expect}.args" || true
	if [ -x "$KP_BUILD/$prog" ]; then
		# shellcheck disable=SC2086
		vg "$code" "$prog" $args "${e%.expect}"
	fi
done

echo "$kp_passed passed, $kp_failed failed"
[ "$kp_failed" -eq 0 ]
