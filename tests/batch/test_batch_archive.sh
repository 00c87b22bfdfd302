#!/bin/sh
# test_batch_archive.sh - issue-batch(1)'s archive outputs (issue #15).
#
#   sh tests/batch/test_batch_archive.sh BUILD_DIR
#
# SRC holds kostec-2023-06-23 (page 9 scanned, a table of page 7 a
# picture) and kostec-2024-01-05 (all text), converted with OCR.  Checks:
# each gets NAME.alto.xml, valid ALTO 4.4, and only the first
# NAME.searchable.pdf; both are exactly what issue-export writes from the
# batch's own layout stream and issue XML (written whole, no temp file
# left); manifest.csv lists each PDF's outputs, and every one listed is
# there; a rerun without OCR removes the searchable copy and its listing.
# Last line: "N passed, M failed, K skipped".
. "$(dirname "$0")/setup.sh"
ocr=kostec-2023-06-23 plain=kostec-2024-01-05
for n in $ocr $plain; do
	[ -f "samples/$n.pdf" ] || { skip "no samples/$n.pdf"; ready=; }
done
for p in pdfinfo pdftotext; do
	command -v $p >/dev/null 2>&1 || { fail "$p (poppler-utils) is needed (make deps)"; ready=; }
done
if [ -z "$ready" ]; then
	test_done
	exit $?
fi

A=$KP_T/archive D=$KP_T/dst
mkdir -p "$A"
cp "samples/$ocr.pdf" "samples/$plain.pdf" "$A/"

# outputs_are DST "NAME=OUTPUTS ...": each NAME.pdf's manifest row is ok
# and lists exactly OUTPUTS, each of which exists and is not empty.
outputs_are() {
	python3 - "$@" <<'EOF'
import csv, os, sys
dst, want = sys.argv[1], dict(a.split('=', 1) for a in sys.argv[2:])
rows = {r['path']: r for r in csv.DictReader(open(os.path.join(dst, 'manifest.csv'),
                                                  encoding='utf-8'))}
for name, outs in want.items():
    r = rows.get(name + '.pdf')
    assert r is not None, 'no row for %s.pdf' % name
    assert r["status"] in ("ok", "partial") and not r["error"], \
        "%s: status %s %s" % (name, r["status"], r["error"])
    assert sorted(r['outputs'].split()) == sorted(outs.split()), \
        '%s: outputs %r, want %r' % (name, r['outputs'], outs)
    for o in r['outputs'].split():
        assert os.path.getsize(os.path.join(dst, name + '.' + o)) > 0, (name, o)
EOF
}
no_temps() { # DIR
	t=$(find "$1" -name '.issue-batch-tmp.*')
	[ -z "$t" ] || { echo "temp files left: $t"; return 1; }
}
pages() { pdfinfo "$1" | awk '$1 == "Pages:" { print $2 }'; }
base="kpl xml tei.xml tables.csv alto.xml"

desc "issue-batch with OCR"
expect_exit 0 env KP_PDF2TEXT_OPTS=--ocr=auto sh "$batch" -q -j2 "$A" "$D"
check "manifest lists ALTO for both, the searchable PDF for the OCR'd one" \
	outputs_are "$D" "$ocr=$base searchable.pdf" "$plain=$base"
check "no searchable PDF without OCR text" test ! -e "$D/$plain.searchable.pdf"
check "no temp files" no_temps "$D"

desc "the batch's archive outputs are issue-export's"
for n in $ocr $plain; do
	"$KP_BUILD/issue-export" --alto --layout "$D/$n.kpl" -o "$KP_T/$n.alto.xml" "$D/$n.xml"
	check "$n.alto.xml whole" cmp "$KP_T/$n.alto.xml" "$D/$n.alto.xml"
done
(cd "$A" && "$KP_BUILD/issue-export" --pdf --layout "$D/$ocr.kpl" -o "$KP_T/$ocr.pdf" "$D/$ocr.xml")
check "$ocr.searchable.pdf whole" cmp "$KP_T/$ocr.pdf" "$D/$ocr.searchable.pdf"
check "same page count as the PDF" test "$(pages "$A/$ocr.pdf")" = "$(pages "$D/$ocr.searchable.pdf")"
check "its scanned page 9 has text" test -n "$(pdftotext -f 9 -l 9 "$D/$ocr.searchable.pdf" - | tr -d ' \n\f')"
xsd=$(shared_dir)/schema/alto-4-4.xsd
if [ -f "$xsd" ]; then
	check "ALTO valid against alto-4-4.xsd" \
		xmllint --noout --nonet --schema "$xsd" "$D/$ocr.alto.xml" "$D/$plain.alto.xml"
elif [ "${CI-}" = true ]; then
	fail "ALTO schema not found at $xsd (CI=true: set SHARED)"
else
	skip "ALTO schema not found at $xsd"
fi

desc "issue-batch -f without OCR"
expect_exit 0 env KP_PDF2TEXT_OPTS=--ocr=never sh "$batch" -q -f -j2 "$A" "$D"
check "manifest lists no searchable PDF" outputs_are "$D" "$ocr=$base" "$plain=$base"
check "the earlier searchable PDF removed" test ! -e "$D/$ocr.searchable.pdf"
check "no temp files" no_temps "$D"
test_done
