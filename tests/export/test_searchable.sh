#!/bin/sh
# test_searchable.sh - issue-export --pdf on the sample with a scanned page
# (kostec-2023-06-23, page 9 read by OCR, a table of page 7 read from a
# picture): pdftotext on page 9 gives the OCR text of the layout stream in
# its reading order, each word at the place it was recognised, page 7 its
# OCR'd cells; the pages without OCR keep
# their text, and the page count is unchanged; a PDF that is not the
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

# The OCR'd lines of page 9 as pdf2text read them, white space removed,
# one per line; pdftotext's page 9 must hold them in this order.
awk -F'\t' '$1 == "line" && $2 == 9 && $10 == "ocr" { gsub(/[ \t]/, "", $12); print $12 }' \
	"$g.kpl" >"$KP_T/ocr.txt"
pdftotext -f 9 -l 9 samples/$n.pdf - | tr -d ' \t\n\f' >"$KP_T/before9.txt"
pdftotext -f 9 -l 9 "$KP_T/out.pdf" - | tr -d ' \t\n\f' >"$KP_T/after9.txt"
check "page 9 had no text before" test ! -s "$KP_T/before9.txt"
check "page 9 has OCR lines to test" test "$(wc -l <"$KP_T/ocr.txt")" -gt 10
desc "pdftotext of page 9"
python3 - "$KP_T/ocr.txt" "$KP_T/after9.txt" <<'PY' >"$KP_T/order" 2>&1 && ok "every OCR line, in reading order" || { fail "OCR text missing or out of order"; show "$KP_T/order" out; }
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

# Each word pdf2text recognised on page 9 (its word records) is a word of
# pdftotext -bbox at the same left edge: the text lies where it was read.
desc "page 9's words at their places"
pdftotext -bbox -f 9 -l 9 "$KP_T/out.pdf" "$KP_T/bbox9.html"
python3 - "$g.kpl" "$KP_T/bbox9.html" <<'PY' >"$KP_T/places" 2>&1 && ok "every OCR word at its recognised position" || { fail "OCR words missing or misplaced"; show "$KP_T/places" out; }
import html, re, sys
words = []
for rec in open(sys.argv[1], encoding='utf-8'):
    f = rec.rstrip('\n').split('\t')
    if f[0] == 'word' and f[1] == '9':
        words.append((float(f[2]), f[8]))
found = [(float(m.group(1)), html.unescape(m.group(2))) for m in re.finditer(
    r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="[0-9.]+" yMax="[0-9.]+">(.*?)</word>',
    open(sys.argv[2], encoding='utf-8').read())]
if len(words) < 50:
    print('only %d word records on page 9' % len(words))
    sys.exit(1)
bad = [w for w in words if not any(t == w[1] and abs(x - w[0]) < 0.5 for x, t in found)]
for x, t in bad:
    print('word %r at x %.1f not found there' % (t, x))
sys.exit(1 if bad else 0)
PY

desc "page 7's table read from a picture"
pdftotext -f 7 -l 7 "$KP_T/out.pdf" - | tr -d ' \t\n\f' >"$KP_T/after7.txt"
# the cells' lines, the stream's escapes undone (docs/layout-stream.md)
python3 - "$g.kpl" >"$KP_T/cells7.txt" <<'PY'
import re, sys
undo = {'\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r', '\\-': '-'}
for rec in open(sys.argv[1], encoding='utf-8'):
    f = rec.rstrip('\n').split('\t')
    if f[0] == 'cell' and f[1] == '7' and f[12] == 'ocr':
        text = re.sub(r'\\.', lambda m: undo.get(m.group(0), m.group(0)), f[14])
        for line in text.split('\n'):
            if line.strip():
                print(re.sub(r'\s', '', line))
PY
check "page 7 has OCR'd cells to test" test -s "$KP_T/cells7.txt"
while IFS= read -r l; do
	check "page 7 holds cell text $l" grep -qF -- "$l" "$KP_T/after7.txt"
done <"$KP_T/cells7.txt"

desc "the pages without OCR"
for p in 1 2 3 4 5 6 8 10; do
	check "page $p has no OCR text in the stream" \
		test -z "$(awk -F'\t' -v p=$p '$2 == p && (($1 == "line" && $10 == "ocr") || ($1 == "cell" && $13 == "ocr"))' "$g.kpl")"
	pdftotext -f $p -l $p samples/$n.pdf "$KP_T/a.txt"
	pdftotext -f $p -l $p "$KP_T/out.pdf" "$KP_T/b.txt"
	check "page $p text unchanged" cmp -s "$KP_T/a.txt" "$KP_T/b.txt"
done

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
