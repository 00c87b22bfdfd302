#!/bin/sh
# issue-export.sh - issue-export refuses what is not our issue XML (exit 4,
# one line on stderr, nothing on stdout) and writes every format from a
# small valid issue (tests/cli/data/min.xml).
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"

# refuse NAME CODE CONTENT [ARGS...]
refuse() {
	name=$1 code=$2
	printf '%s' "$3" >"$KP_T/$name"
	shift 3
	desc "issue-export $* $name"
	expect_exit "$code" "$KP_BUILD/issue-export" "$@" "$KP_T/$name"
	expect_stderr_one_line
	expect_stderr_match "^issue-export: $KP_T/$name"
	expect_stdout_empty
}

if have_prog issue-export; then
	root='<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>
'
	refuse wrong-root.xml 4 "$root" --tei
	refuse wrong-root-csv.xml 4 "$root" --csv=tables
	refuse version2.xml 4 '<issue version="2" source="x.pdf" pages="1" rules="kostec"><meta/></issue>
' --tei
	refuse not-xml.xml 4 'this is not XML <<<' --tei
	refuse cut.xml 4 '<?xml version="1.0"?><issue version="1" source="x' --tei

	desc "issue-export --tei $KP_T/missing.xml"
	expect_exit 3 "$KP_BUILD/issue-export" --tei "$KP_T/missing.xml"
	expect_stderr_one_line

	for fmt in --tei --csv=tables --csv=articles; do
		desc "issue-export $fmt tests/cli/data/min.xml"
		expect_exit 0 "$KP_BUILD/issue-export" "$fmt" tests/cli/data/min.xml
		expect_stdout_nonempty
	done
	check "articles CSV names the article" grep -q '시험 기사 제목' "$KP_T/out"

	# ALTO: from an issue and the layout stream it was made from
	g=tests/golden/kostec-2023-06-23
	desc "issue-export --alto without --layout"
	expect_exit 2 "$KP_BUILD/issue-export" --alto "$g.xml"
	expect_stdout_empty
	desc "issue-export --layout without --alto"
	expect_exit 2 "$KP_BUILD/issue-export" --tei --layout "$g.kpl" "$g.xml"
	expect_stdout_empty
	desc "issue-export --alto with the stream of another PDF"
	expect_exit 4 "$KP_BUILD/issue-export" --alto --layout tests/cli/data/min.kpl "$g.xml"
	expect_stderr_one_line
	expect_stderr_match '^issue-export: tests/cli/data/min.kpl:2: layout stream is of another PDF'
	expect_stdout_empty
	desc "issue-export --alto with a missing stream"
	expect_exit 3 "$KP_BUILD/issue-export" --alto --layout "$KP_T/missing.kpl" "$g.xml"
	expect_stderr_one_line
	expect_stdout_empty
	sed '$d' "$g.kpl" >"$KP_T/cut.kpl"
	desc "issue-export --alto with a truncated stream"
	expect_exit 4 "$KP_BUILD/issue-export" --alto --layout "$KP_T/cut.kpl" -o "$KP_T/cut.alto" "$g.xml"
	expect_stderr_one_line
	check "no output file left" test ! -e "$KP_T/cut.alto"
	desc "issue-export --alto $g.xml"
	expect_exit 0 "$KP_BUILD/issue-export" --alto --layout "$g.kpl" "$g.xml"
	# page 9 was OCR'd: its words carry their box, their confidence (WC,
	# 0..1) and one CC digit per character; text-layer words only a box
	check "OCR'd words have a box, WC and CC" grep -Eq \
		'<String CONTENT="상하이," HPOS="[0-9]+" VPOS="[0-9]+" WIDTH="[1-9][0-9]*" HEIGHT="[1-9][0-9]*" WC="0\.[0-9]{3}" CC="[0-9] [0-9] [0-9] [0-9]"/>' \
		"$KP_T/out"
	check "text-layer words have a box, no WC" grep -Eq \
		'<String CONTENT="과기부는" HPOS="[0-9]+" VPOS="[0-9]+" WIDTH="[1-9][0-9]*" HEIGHT="[1-9][0-9]*"/>' \
		"$KP_T/out"
	# page 7's table was read from a picture: its cells' words too
	check "an OCR'd cell's line and words have boxes" grep -Eq \
		'<String CONTENT="구분" HPOS="[0-9]+" VPOS="[0-9]+" WIDTH="[1-9][0-9]*" HEIGHT="[1-9][0-9]*" WC="0\.[0-9]{3}" CC="[0-9] [0-9]"/>' \
		"$KP_T/out"
	check "running headers are furniture" grep -q 'TAGREFS="furniture"' "$KP_T/out"
	check "one Page per page" test "$(grep -c '<Page ' "$KP_T/out")" = 10
	check "tables are ComposedBlocks" grep -q 'TAGREFS="tag1 tag2 tag3" TYPE="table"' "$KP_T/out"
	grep -v '^word	' "$g.kpl" >"$KP_T/nowords.kpl"
	desc "issue-export --alto with a stream without word records"
	expect_exit 0 "$KP_BUILD/issue-export" --alto --layout "$KP_T/nowords.kpl" "$g.xml"
	check "words without word records have no box" grep -q '<String CONTENT="과기부는"/>' "$KP_T/out"
	wc=$(awk -F'\t' '$1 == "line" && $2 == 9 && $NF ~ /^01 상하이,/ { printf "%.3f", $11 / 100 }' "$g.kpl")
	check "nor WC of their own: the line's ($wc)" grep -q "<String CONTENT=\"상하이,\" WC=\"$wc\"/>" "$KP_T/out"

	# TEI: the PDF's own metadata, from the PDF the issue was made from only
	desc "issue-export --tei --source-pdf (the issue's PDF)"
	expect_exit 0 "$KP_BUILD/issue-export" --tei --source-pdf samples/kostec-2023-06-23.pdf "$g.xml"
	check "its creation day" grep -q '<date type="created" when="[0-9-]*">' "$KP_T/out"
	desc "issue-export --tei --source-pdf (another PDF)"
	expect_exit 4 "$KP_BUILD/issue-export" --tei --source-pdf samples/kostec-2023-05-12.pdf "$g.xml"
	expect_stderr_one_line
	expect_stderr_match 'SHA-256 differs'
	expect_stdout_empty
	# the PDF's own Info, as pdfinfo reads it: a copy of the sample given
	# a title and a creation time (qpdf --update-from-json; 08:30 in Seoul,
	# the day before in UTC: the PDF's own day counts), the issue XML given
	# its SHA-256; sourceDesc names the PDF by the issue's base name and
	# carries no directory of this machine
	desc "issue-export --tei --source-pdf (a PDF with a title)"
	mkdir "$KP_T/titled"
	python3 - samples/kostec-2023-06-23.pdf "$KP_T/titled/k.pdf" <<'EOF'
import json, subprocess, sys
src, out = sys.argv[1], sys.argv[2]
q = json.loads(subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', src],
                              check=True, capture_output=True).stdout)['qpdf']
info = q[1]['trailer']['value']['/Info']
value = dict(q[1]['obj:' + info]['value'])
value['/Title'] = 'u:중국 과학기술 정책 주간동향 제23-21호'
value['/CreationDate'] = "u:D:20230623083000+09'00'"
with open(out + '.json', 'w', encoding='utf-8') as f:
    json.dump({'qpdf': [q[0], {'obj:' + info: {'value': value}}]}, f)
subprocess.run(['qpdf', src, '--update-from-json=' + out + '.json', out], check=True)
EOF
	sha=$(sha256sum <"$KP_T/titled/k.pdf" | cut -d' ' -f1)
	sed "s/ sha256=\"[0-9a-f]*\"/ sha256=\"$sha\"/" "$g.xml" >"$KP_T/titled/k.xml"
	expect_exit 0 "$KP_BUILD/issue-export" --tei --source-pdf "$KP_T/titled/k.pdf" "$KP_T/titled/k.xml"
	pdfinfo -isodates "$KP_T/titled/k.pdf" >"$KP_T/titled/info"
	check "sourceDesc: title, creation day and producer as pdfinfo reads them; base name" \
		python3 - "$KP_T/out" "$KP_T/titled/info" <<'EOF'
import sys, xml.etree.ElementTree as ET
T = '{http://www.tei-c.org/ns/1.0}'
bibl = ET.parse(sys.argv[1]).getroot().find('.//%ssourceDesc/%sbibl' % (T, T))
info = dict(l.split(':', 1) for l in open(sys.argv[2], encoding='utf-8') if ':' in l)
info = {k: v.strip() for k, v in info.items()}
got = (bibl.findtext(T + 'title'), bibl.find(T + 'date[@type="created"]').get('when'),
       bibl.findtext(T + 'note[@type="producer"]'), bibl.findtext(T + 'idno[@type="file"]'))
want = (info['Title'], info['CreationDate'][:10], info['Producer'], 'kostec-2023-06-23.pdf')
assert got == want, '%r, want %r' % (got, want)
EOF
	check "no path of this machine" sh -c '! grep -q "$1" "$2"' sh "$KP_T" "$KP_T/out"

	desc "issue-export --csv --source-pdf"
	expect_exit 2 "$KP_BUILD/issue-export" --csv --source-pdf samples/kostec-2023-06-23.pdf "$g.xml"
	expect_stdout_empty
fi
test_done
