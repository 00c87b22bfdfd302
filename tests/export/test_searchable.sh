#!/bin/sh
# test_searchable.sh - issue-export --pdf on the sample with a scanned page
# (kostec-2023-06-23, page 9 read by OCR, a table of page 7 read from a
# picture): pdftotext and pdftotext -bbox on pages 9 and 7 give the OCR
# text of the layout stream in its reading order (page 7's table row by
# row), each word at the place it was recognised; the pages without OCR
# keep their text, and the page count is unchanged; a PDF that is not the
# issue's, or none, is refused.
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"

n=kostec-2023-06-23
g=$KP_ROOT/tests/golden/$n
if ! have_prog issue-export; then
	test_done
	exit 0
fi
if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
	fail "pdftotext and pdfinfo (poppler-utils) are needed (make deps)"
	test_done
	exit 0
fi

# the issue names kostec-2023-06-23.pdf: found in the current directory
desc "issue-export --pdf $n"
(cd samples && expect_exit 0 "$KP_BUILD/issue-export" --pdf --layout "$g.kpl" \
	-o "$KP_T/out.pdf" "$g.xml"; echo "$kp_passed $kp_failed" >"$KP_T/counts")
read -r kp_passed kp_failed <"$KP_T/counts"
pages() { pdfinfo "$1" | awk '$1 == "Pages:" { print $2 }'; }
check "same page count" test "$(pages samples/$n.pdf)" = "$(pages "$KP_T/out.pdf")"

# ocr.py text KPL PAGE: the OCR text of PAGE in the stream's order, one
# line per line record and per line of a cell (a table's cells row by
# row), white space removed, the stream's escapes undone
# (docs/layout-stream.md).  ocr.py words KPL PAGE: the word records of
# those lines and cells, "X0<TAB>TEXT".
cat >"$KP_T/ocr.py" <<'PY'
import re, sys
undo = {'\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r', '\\-': '-'}
def field(t):
    return re.sub(r'\\.', lambda m: undo.get(m.group(0), m.group(0)), t)
want, page, ocr = sys.argv[1], sys.argv[3], False
for rec in open(sys.argv[2], encoding='utf-8'):
    f = rec.rstrip('\n').split('\t')
    if f[0] == 'word':
        if ocr and want == 'words':
            print('%s\t%s' % (f[2], field(f[8])))
        continue
    ocr = f[1:2] == [page] and ((f[0] == 'line' and f[9] == 'ocr') or
                                (f[0] == 'cell' and f[12] == 'ocr'))
    if ocr and want == 'text':
        for line in field(f[-1]).split('\n'):
            if line.strip():
                print(re.sub(r'\s', '', line))
PY
# order.py LINES TEXT: each line of LINES is found in TEXT after the one
# before it.
cat >"$KP_T/order.py" <<'PY'
import sys
lines = [l.strip() for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
text = open(sys.argv[2], encoding='utf-8').read()
at = 0
for l in lines:
    i = text.find(l, at)
    if i < 0:
        print('not found after offset %d: %s' % (at, l))
        sys.exit(1)
    at = i + len(l)
PY
# places.py WORDS BBOX: each word record is a word of pdftotext -bbox at
# the same left edge: the text lies where it was read.
cat >"$KP_T/places.py" <<'PY'
import html, re, sys
words = [(float(x), t) for x, t in (l.rstrip('\n').split('\t', 1)
         for l in open(sys.argv[1], encoding='utf-8'))]
found = [(float(m.group(1)), html.unescape(m.group(2))) for m in re.finditer(
    r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="[0-9.]+" yMax="[0-9.]+">(.*?)</word>',
    open(sys.argv[2], encoding='utf-8').read())]
bad = [w for w in words if not any(t == w[1] and abs(x - w[0]) < 0.5 for x, t in found)]
for x, t in bad:
    print('word %r at x %.1f not found there' % (t, x))
sys.exit(1 if bad else 0)
PY
bbox_text() { # BBOX: its words' text in its order, white space removed
	python3 -c 'import html, re, sys
print("".join(html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>",
      open(sys.argv[1], encoding="utf-8").read())))' "$1"
}

# Page 9 was scanned (no text before); page 7's table is a picture read
# cell by cell, among printed text.  Each page's OCR text, in the stream's
# reading order, is in pdftotext's text and in pdftotext -bbox's words in
# that order, each word at the place it was recognised; page 7's printed
# text is all still there.
for p in 9 7; do
	desc "page $p's OCR text"
	python3 "$KP_T/ocr.py" text "$g.kpl" $p >"$KP_T/ocr$p.txt"
	python3 "$KP_T/ocr.py" words "$g.kpl" $p >"$KP_T/words$p.txt"
	pdftotext -f $p -l $p samples/$n.pdf - | tr -d ' \t\f' >"$KP_T/before$p.txt"
	pdftotext -f $p -l $p "$KP_T/out.pdf" - | tr -d ' \t\n\f' >"$KP_T/after$p.txt"
	pdftotext -bbox -f $p -l $p "$KP_T/out.pdf" "$KP_T/bbox$p.html"
	bbox_text "$KP_T/bbox$p.html" >"$KP_T/bboxtext$p.txt"
	check "page $p has OCR lines to test" test "$(wc -l <"$KP_T/ocr$p.txt")" -ge 10
	check "page $p has OCR words to test" test "$(wc -l <"$KP_T/words$p.txt")" -ge 30
	check "pdftotext: every OCR line, in reading order" \
		python3 "$KP_T/order.py" "$KP_T/ocr$p.txt" "$KP_T/after$p.txt"
	check "pdftotext -bbox: every OCR line, in reading order" \
		python3 "$KP_T/order.py" "$KP_T/ocr$p.txt" "$KP_T/bboxtext$p.txt"
	check "every OCR word at its recognised position" \
		python3 "$KP_T/places.py" "$KP_T/words$p.txt" "$KP_T/bbox$p.html"
	if [ $p = 9 ]; then
		check "page 9 had no text before" test -z "$(tr -d '\n' <"$KP_T/before9.txt")"
	else
		check "page 7's printed text kept, in its order" \
			python3 "$KP_T/order.py" "$KP_T/before7.txt" "$KP_T/after7.txt"
	fi
done

desc "the pages without OCR"
for p in 1 2 3 4 5 6 8 10; do
	check "page $p has no OCR text in the stream" \
		test -z "$(awk -F'\t' -v p=$p '$2 == p && (($1 == "line" && $10 == "ocr") || ($1 == "cell" && $13 == "ocr"))' "$g.kpl")"
	pdftotext -f $p -l $p samples/$n.pdf "$KP_T/a.txt"
	pdftotext -f $p -l $p "$KP_T/out.pdf" "$KP_T/b.txt"
	check "page $p text unchanged" cmp -s "$KP_T/a.txt" "$KP_T/b.txt"
done

# --source-pdf names the PDF wherever it is: the same copy
desc "issue-export --pdf --source-pdf"
(cd "$KP_T" && expect_exit 0 "$KP_BUILD/issue-export" --pdf --layout "$g.kpl" \
	--source-pdf "$KP_ROOT/samples/$n.pdf" -o "$KP_T/named.pdf" "$g.xml"
	echo "$kp_passed $kp_failed" >"$KP_T/counts")
read -r kp_passed kp_failed <"$KP_T/counts"
check "the same copy as the PDF found beside the issue" cmp "$KP_T/out.pdf" "$KP_T/named.pdf"

# a PDF of the same name that is not the issue's
mkdir "$KP_T/other"
cp samples/kostec-2023-05-12.pdf "$KP_T/other/$n.pdf"
desc "issue-export --pdf with another PDF of that name"
(cd "$KP_T/other" && expect_exit 4 "$KP_BUILD/issue-export" --pdf --layout "$g.kpl" \
	-o "$KP_T/bad.pdf" "$g.xml"; expect_stderr_one_line
	expect_stderr_match "SHA-256 differs"
	echo "$kp_passed $kp_failed" >"$KP_T/counts")
read -r kp_passed kp_failed <"$KP_T/counts"
check "no output left" test ! -e "$KP_T/bad.pdf"
desc "issue-export --pdf with no PDF"
(cd "$KP_T" && expect_exit 3 "$KP_BUILD/issue-export" --pdf --layout "$g.kpl" "$g.xml"
	expect_stderr_one_line
	expect_stdout_empty
	echo "$kp_passed $kp_failed" >"$KP_T/counts")
read -r kp_passed kp_failed <"$KP_T/counts"
test_done
