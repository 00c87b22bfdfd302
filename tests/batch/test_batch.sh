#!/bin/sh
# test_batch.sh - issue-batch(1) end to end on a small archive.
#
#   sh tests/batch/test_batch.sh BUILD_DIR
#
# SRC holds the two smallest samples in a subfolder plus samples/bad/*.pdf.
# Checks: the first run converts the good PDFs and records the bad ones
# (exit 1); a second run does no work; a touched PDF alone is redone; a
# run killed with SIGKILL leaves no partial output and a rerun completes
# the set; SIGINT exits 130 with nothing partial or temporary left behind;
# manifest.csv and the catalogues; the QA report in headless
# Chromium.  pdf2text runs with KP_PDF2TEXT_OPTS (default --ocr=never, to
# keep the test short).  Last line: "N passed, M failed, K skipped".
. "$(dirname "$0")/setup.sh"
if [ -z "$ready" ]; then
	test_done
	exit $?
fi

desc "issue-batch --help"
expect_exit 0 sh "$batch" --help
check "names every option of docs/issue-batch.1" sh -c '
	for o in $(sed -n "s/^\.It Fl \([^ ]*\).*/-\1/p" docs/issue-batch.1); do
		grep -q -e "$o" "$1" || { echo "--help lacks $o"; exit 1; }
	done' sh "$KP_T/out"
desc "issue-batch --bogus"
expect_exit 2 sh "$batch" --bogus
expect_stderr_match "^issue-batch: --bogus: unknown option\$"
expect_stdout_empty

# The archive: the two smallest good samples under 2023/, the bad ones on top.
SRC=$KP_T/src
mkdir -p "$SRC/2023"
good=$(ls -S samples/*.pdf | tail -n 2)
[ -n "$good" ] || { skip "no samples/*.pdf"; test_done; exit $?; }
cp $good "$SRC/2023/"
cp samples/bad/*.pdf "$SRC/"
npdf=$(find "$SRC" -name '*.pdf' | wc -l)

# base_of REL: the output base name in DST for SRC/REL.
outputs_complete() { # DST REL: the full set of a converted PDF
	b=$1/${2%.pdf}
	for ext in xml tei.xml tables.csv kpl log stamp; do
		[ -s "$b.$ext" ] || { echo "missing $b.$ext"; return 1; }
	done
	xmllint --noout "$b.xml" "$b.tei.xml" || return 1
	tail -n 1 "$b.kpl" | grep -q '^end' || { echo "$b.kpl: truncated"; return 1; }
}
only_log() { # DST REL: a failed PDF left its log and stamp, no outputs
	b=$1/${2%.pdf}
	[ -s "$b.log" ] && [ -s "$b.stamp" ] || { echo "no log or stamp for $2"; return 1; }
	for ext in xml tei.xml tables.csv kpl; do
		[ ! -e "$b.$ext" ] || { echo "$b.$ext left behind"; return 1; }
	done
}
no_temps() { # DST
	t=$(find "$1" -name '*.tmp*' -o -name '.issue-batch-tmp.*')
	[ -z "$t" ] || { echo "temp files left: $t"; return 1; }
}
# status DST REL: the status column of REL's manifest row.
status() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["path"] == sys.argv[2]:
        print(r["status"])' "$1/manifest.csv" "$2"
}
manifest_ok() { # DST: one row per PDF, right statuses, errors for failures
	python3 - "$1/manifest.csv" "$npdf" <<'EOF'
import csv, os, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
dst = os.path.dirname(sys.argv[1])
cols = "path,sha256,pages,issue_date,parts,articles,tables,ocr_pages,unplaced,warnings,status,error,seconds,outputs"
assert list(rows[0].keys()) == cols.split(","), list(rows[0].keys())
assert len(rows) == int(sys.argv[2]), "%d rows" % len(rows)
want = {"empty.pdf": {"failed"}, "not-a-pdf.pdf": {"failed"},
        "encrypted.pdf": {"failed"}, "truncated.pdf": {"failed", "partial"},
        "blank.pdf": {"ok", "partial", "failed"}}
for r in rows:
    ok = want.get(r["path"], {"ok", "partial"})
    assert r["status"] in ok, "%s: status %s" % (r["path"], r["status"])
    assert len(r["sha256"]) == 64, r["path"]
    if r["status"] == "failed":
        assert r["error"], "%s: failed without an error" % r["path"]
        assert r["outputs"] == "", r["path"]
    else:
        assert int(r["pages"]) > 0 and r["error"] == "", r["path"]
        # every output listed is there, ALTO always
        outs = r["outputs"].split()
        assert "alto.xml" in outs and "tei.xml" in outs, "%s: outputs %s" % (r["path"], outs)
        for o in outs:
            assert os.path.exists(os.path.join(dst, r["path"][:-4] + "." + o)), (r["path"], o)
    if r["path"].startswith("2023/"):
        assert int(r["articles"]) > 0, "%s: no articles" % r["path"]
EOF
}
catalogue_ok() { # FILE: one header line, at least one record
	[ -s "$1" ] || { echo "$1 empty"; return 1; }
	h=$(head -n 1 "$1")
	[ "$(grep -cxF "$h" "$1")" = 1 ] || { echo "$1: header repeated"; return 1; }
	[ "$(wc -l <"$1")" -gt 1 ] || { echo "$1: no records"; return 1; }
}
not_all_converted() { ! all_converted "$1"; }
all_converted() { # DST
	for f in "$SRC"/2023/*.pdf; do
		outputs_complete "$1" "2023/${f##*/}" || return 1
	done
	for f in empty not-a-pdf encrypted; do
		only_log "$1" "$f.pdf" || return 1
	done
}

DST=$KP_T/dst
desc "first run"
t0=$(date +%s)
expect_exit 1 sh "$batch" -j2 --report "$SRC" "$DST"
t1=$(date +%s)
check "good PDFs converted, bad ones only logged" all_converted "$DST"
check "no temp files" no_temps "$DST"
check "manifest.csv" manifest_ok "$DST"
check "articles.csv has one header" catalogue_ok "$DST/articles.csv"
check "tables.csv has one header" catalogue_ok "$DST/tables.csv"
check "index.html written" test -s "$DST/index.html"
check "failures named on stderr" grep -q 'failed not-a-pdf.pdf' "$KP_T/err"
echo "first run: $npdf PDFs in $((t1 - t0)) s"

desc "second run"
touch "$KP_T/marker"
sleep 1
expect_exit 1 sh "$batch" -j2 "$SRC" "$DST"
check "says all are up to date" grep -q "$npdf up to date, skipped" "$KP_T/err"
check "no output rewritten" test -z "$(find "$DST" -newer "$KP_T/marker" -type f \
	! -name manifest.csv ! -name articles.csv ! -name tables.csv ! -name .issue-batch.lock)"

desc "touched PDF"
good1=$(cd "$SRC" && ls 2023/*.pdf | head -n 1)
good2=$(cd "$SRC" && ls 2023/*.pdf | tail -n 1)
touch "$KP_T/marker"
sleep 1
touch "$SRC/$good1"
expect_exit 1 sh "$batch" -j2 "$SRC" "$DST"
check "its outputs are redone" test "$DST/${good1%.pdf}.xml" -nt "$KP_T/marker"
check "the others are not" test ! "$DST/${good2%.pdf}.xml" -nt "$KP_T/marker"

desc "SIGKILL midway"
K=$KP_T/killed
setsid sh "$batch" -j2 "$SRC" "$K" >/dev/null 2>&1 &
pg=$!
i=0
while [ $i -lt 100 ] && [ -z "$(find "$K" -name '.issue-batch-tmp.*' 2>/dev/null)" ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.2
kill -KILL "-$pg" 2>/dev/null
wait $pg 2>/dev/null
# midway: the set is not complete (temp files may or may not be left,
# depending on where each conversion was when the signal came)
check "killed before the set was complete" not_all_converted "$K"
check "no partial outputs" sh -c '
	for f in $(find "$1" -name "*.xml" -o -name "*.kpl"); do
		case $f in */.*) continue ;; esac
		case $f in *.kpl) tail -n 1 "$f" | grep -q "^end" || exit 1 ;;
		*) xmllint --noout "$f" || exit 1 ;; esac
	done' sh "$K"
expect_exit 1 sh "$batch" -j2 "$SRC" "$K"
check "the rerun completes the set" all_converted "$K"
check "and removes the temp files" no_temps "$K"
check "manifest.csv after the rerun" manifest_ok "$K"

desc "SIGINT midway"
I=$KP_T/interrupted
run_prog python3 -c '
import glob, os, signal, subprocess, sys, time
dst, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(cmd, start_new_session=True)
for _ in range(100):
    if glob.glob(dst + "/**/.issue-batch-tmp.*", recursive=True): break
    time.sleep(0.1)
time.sleep(0.3)
os.killpg(p.pid, signal.SIGINT)
sys.exit(p.wait())' "$I" sh "$batch" -j2 "$SRC" "$I"
# shellcheck disable=SC2154 # rc is set by run_prog (tests/lib.sh)
if [ "$rc" = 130 ]; then ok "exit 130"; else fail "exit $rc, want 130"; show "$KP_T/err" stderr; fi
sleep 1
check "no temp files" no_temps "$I"
check "no partial outputs" sh -c '
	for f in $(find "$1" -name "*.xml" -o -name "*.kpl"); do
		case $f in *.kpl) tail -n 1 "$f" | grep -q "^end" || exit 1 ;;
		*) xmllint --noout "$f" || exit 1 ;; esac
	done' sh "$I"
check "no manifest written" test ! -e "$I/manifest.csv"

desc "report in chromium"
if command -v chromium >/dev/null 2>&1; then
	prof=$(mktemp -d "$KP_T/chromium.XXXXXX")
	run_prog timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --dump-dom "file://$DST/index.html"
	cp "$KP_T/out" "$KP_T/dom.html"
	check "loads" grep -q '<table id="issues"' "$KP_T/dom.html"
	check "one row per issue, links resolve" python3 - "$KP_T/dom.html" "$DST" "$npdf" <<'EOF'
import html.parser, os, sys, urllib.parse
dom, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
class P(html.parser.HTMLParser):
    rows, refs, intbody = 0, [], False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tbody": self.intbody = True
        if tag == "tr" and self.intbody: self.rows += 1
        for k in ("href", "src"):
            if k in a: self.refs.append(a[k])
    def handle_endtag(self, tag):
        if tag == "tbody": self.intbody = False
p = P()
p.feed(open(dom, encoding="utf-8").read())
assert p.rows == n, "%d rows, want %d" % (p.rows, n)
assert any(r.endswith(".png") for r in p.refs), "no page pictures"
for r in p.refs:
    u = urllib.parse.urlsplit(r)
    assert u.scheme in ("", "file"), r
    path = urllib.parse.unquote(u.path)
    if u.scheme == "":
        path = os.path.join(dst, path)
    assert os.path.isfile(path), "%s does not resolve" % r
print(len(p.refs), "links resolve")
EOF
	rm -rf "$prof"
else
	skip "chromium not installed: report not loaded"
fi

test_done
