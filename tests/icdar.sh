#!/bin/sh
# tests/icdar.sh BUILD_DIR - `make icdar`: the whole pipeline (pdf2text |
# structure | issue-export --tei) on each document of the ICDAR 2013 table
# competition in ../shared/corpus/icdar2013 (or $SHARED/corpus/icdar2013),
# into out/icdar/, then tests/icdar.py's adjacency F1 per document and the
# mean (docs/tables.md).  Skips with a message when the corpus is absent.
set -eu
B=${1:?usage: tests/icdar.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${SHARED:-$top/../shared}/corpus/icdar2013
if [ ! -d "$corpus" ]; then
	echo "icdar: skipped: no corpus at $corpus"
	exit 0
fi
out=$top/out/icdar
mkdir -p "$out"
B=$(cd "$B" && pwd)
export B out
ls "$corpus"/*-str.xml | sed 's|.*/||; s|-str\.xml$||' |
	xargs -P2 -I{} sh -c '
		"$B/pdf2text" "$0/{}.pdf" | "$B/structure" | "$B/issue-export" --tei >"$out/{}.tei.xml" ||
			{ echo "icdar: {}: pipeline failed" >&2; rm -f "$out/{}.tei.xml"; }' "$corpus"
python3 "$top/tests/icdar.py" "$corpus" "$out"
