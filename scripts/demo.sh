#!/bin/sh
# demo.sh BUILD_DIR - convert every samples/NAME.pdf into out/:
#   NAME.kpl (pdf2text), NAME.xml (structure), NAME.tei.xml, NAME.tables.csv,
#   NAME.articles.csv (issue-export), NAME.log (all diagnostics),
#   and all-articles.csv over every issue.
# One line per sample with its time and counts.  A failing sample does not
# stop the others; the exit status is 1 when any failed.  Stages whose
# program is not built yet are skipped with a message.  `make demo` runs it.
set -eu
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
	echo "usage: scripts/demo.sh BUILD_DIR" >&2
	exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) B=$1 ;; *) B=$(pwd)/$1 ;; esac
cd "$ROOT"
OUT=out
mkdir -p "$OUT"

for p in pdf2text structure issue-export; do
	[ -x "$B/$p" ] || echo "demo: $p is not built yet ($B/$p): its outputs are skipped"
done
[ -x "$B/pdf2text" ] || { echo "demo: nothing to convert without pdf2text"; exit 1; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# run NAME LOG PROG ARGS...: one stage; diagnostics appended to LOG.
# Returns the stage's exit status; 1 (partial) still counts as output.
run() {
	name=$1 log=$2
	shift 2
	echo "# $name" >>"$log"
	r=0
	"$@" 2>>"$log" || r=$?
	[ "$r" = 0 ] || echo "# $name: exit $r" >>"$log"
	return "$r"
}

failed= nsamples=0
for pdf in samples/*.pdf; do
	[ -f "$pdf" ] || { echo "demo: no samples/*.pdf"; exit 1; }
	n=$(basename "$pdf" .pdf)
	log=$OUT/$n.log
	: >"$log"
	rm -f "$OUT/$n.kpl" "$OUT/$n.xml" "$OUT/$n.tei.xml" "$OUT/$n.tables.csv" \
		"$OUT/$n.articles.csv"
	nsamples=$((nsamples + 1))
	t0=$(now)
	note=
	worst=0

	r=0
	(cd samples && run pdf2text "../$log" "$B/pdf2text" -o "../$OUT/$n.kpl" "$n.pdf") || r=$?
	[ "$r" -le "$worst" ] || worst=$r
	t1=$(now)
	if [ "$r" -le 1 ] && [ -x "$B/structure" ]; then
		r=0
		run structure "$log" "$B/structure" -o "$OUT/$n.xml" "$OUT/$n.kpl" || r=$?
		[ "$r" -le "$worst" ] || worst=$r
		if [ "$r" -le 1 ] && [ -x "$B/issue-export" ]; then
			for f in tei csv=tables csv=articles; do
				case $f in
				tei) o=$n.tei.xml ;;
				*) o=$n.${f#csv=}.csv ;;
				esac
				r=0
				run "issue-export --$f" "$log" "$B/issue-export" "--$f" \
					-o "$OUT/$o" "$OUT/$n.xml" || r=$?
				[ "$r" -le "$worst" ] || worst=$r
			done
		fi
	fi
	t2=$(now)

	pages=$(awk -F'\t' '$1 == "end" { print $2 }' "$OUT/$n.kpl" 2>/dev/null || true)
	ocr=$(awk -F'\t' '$1 == "page" && $6 == "ocr"' "$OUT/$n.kpl" 2>/dev/null | wc -l)
	counts=
	if [ -s "$OUT/$n.xml" ]; then
		arts=$(grep -o '<article ' "$OUT/$n.xml" | wc -l)
		tabs=$(grep -o '<table ' "$OUT/$n.xml" | wc -l)
		refs=$(grep -o '<ref[ >]' "$OUT/$n.xml" | wc -l)
		counts=", $arts articles, $tabs tables, $refs references"
	fi
	case $worst in
	0) ;;
	1) note=" (partial: see $log)" ;;
	*) note=" FAILED (exit $worst: see $log)"; failed="$failed $n" ;;
	esac
	printf '%-20s %s pages (%s OCR)%s; pdf2text %ss, rest %ss%s\n' "$n" \
		"${pages:-?}" "$ocr" "$counts" "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$note"
done

if [ -x "$B/issue-export" ]; then
	set --
	for x in "$OUT"/*.xml; do
		case $x in *.tei.xml) ;; *) [ ! -s "$x" ] || set -- "$@" "$x" ;; esac
	done
	if [ $# -gt 0 ]; then
		if "$B/issue-export" --csv=articles -o "$OUT/all-articles.csv" "$@"; then
			echo "all issues: $OUT/all-articles.csv"
		else
			failed="$failed all-articles.csv"
		fi
	fi
fi
if [ -n "$failed" ]; then
	echo "demo: failed:$failed"
	exit 1
fi
echo "demo: $nsamples samples converted into $OUT/"
