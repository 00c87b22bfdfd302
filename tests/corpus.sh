#!/bin/sh
# corpus.sh - heading, table and unplaced scores of the Korean corpus (make corpus-score).
#
#   tests/corpus.sh BUILD_DIR [STRUCTURE_OPTION...]
#
# For every tests/corpus/NAME.truth.json whose PDF (its "source") is in
# $CORPUS (default ../shared/corpus/korean beside the repository's top
# level, else /work/shared/corpus/korean), run pdf2text and structure and
# score the issue XML with tests/score_headings.py.  The layout streams
# are kept in BUILD_DIR/corpus/ and made again only when pdf2text or the
# PDF is newer.  Skips with a message when the corpus is absent.
set -eu
export LC_ALL=C.UTF-8
[ $# -ge 1 ] || { echo "usage: tests/corpus.sh BUILD_DIR [STRUCTURE_OPTION...]" >&2; exit 2; }
B=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${CORPUS-}" ]; then
	top=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null || echo "$root")
	CORPUS=$top/../shared/corpus/korean
	[ -d "$CORPUS" ] || CORPUS=/work/shared/corpus/korean
fi
if [ ! -d "$CORPUS" ]; then
	echo "skip: corpus-score: no corpus at $CORPUS (set CORPUS=DIR)"
	exit 0
fi
out=$B/corpus
mkdir -p "$out"
pairs=
for truth in "$root"/tests/corpus/*.truth.json; do
	name=$(basename "$truth" .truth.json)
	pdf=$CORPUS/$name.pdf
	if [ ! -f "$pdf" ]; then
		echo "skip: $name: $pdf not found"
		continue
	fi
	if [ ! -s "$out/$name.kpl" ] || [ "$pdf" -nt "$out/$name.kpl" ] ||
	    [ "$B/pdf2text" -nt "$out/$name.kpl" ]; then
		nice "$B/pdf2text" -o "$out/$name.kpl" "$pdf"
	fi
	r=0
	"$B/structure" "$@" -o "$out/$name.xml" "$out/$name.kpl" || r=$?
	[ "$r" -le 1 ] || { echo "FAIL: structure exit $r on $name"; exit 1; }
	pairs="$pairs $truth $out/$name.xml"
done
[ -n "$pairs" ] || { echo "skip: corpus-score: none of tests/corpus/ is in $CORPUS"; exit 0; }
# shellcheck disable=SC2086 # the pairs are paths without spaces
python3 "$root/tests/score_headings.py" ${VERBOSE:+-v} --floor "$root/tests/score-floor.json" $pairs
