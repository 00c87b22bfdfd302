#!/bin/sh
# test_batch_safety.sh - issue-batch(1) never loses a file (issue #16).
#
#   sh tests/batch/test_batch_safety.sh BUILD_DIR
#
# Checks: only issue-batch's own temp files are removed; DST_DIR equal to
# SRC_DIR, or one inside the other, is refused when an output would
# replace a file issue-batch did not write and works when none would; a
# PDF named -x.pdf; symbolic links to PDFs; formula-like names in the
# manifest; a full file system (a small tmpfs, when this user can mount
# one) keeps the earlier outputs and catalogues and exits 7; a read-only
# DST_DIR gets one clear line.  Last line: "N passed, M failed, K skipped".
. "$(dirname "$0")/setup.sh"
small=$(ls -S samples/*.pdf 2>/dev/null | tail -n 1)
[ -n "$small" ] || { skip "no samples/*.pdf"; ready=; }
if [ -z "$ready" ]; then
	test_done
	exit $?
fi

# Mount points of this test, unmounted however it ends.
mounts=
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$KP_T"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

# field DST REL COLUMN: REL's COLUMN in DST/manifest.csv ("-" when no row).
field() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["path"] == sys.argv[2]:
        print(r[sys.argv[3]]); break
else:
    print("-")' "$1/manifest.csv" "$2" "$3"
}
no_temps() { # DIR
	t=$(find "$1" -name '*.tmp*' -o -name '.issue-batch-tmp.*')
	[ -z "$t" ] || { echo "temp files left: $t"; return 1; }
}

desc "DST_DIR equal to SRC_DIR"
S=$KP_T/same
mkdir -p "$S/a"
cp "$small" "$S/a/issue.pdf"
echo notes >"$S/.notes.tmp.txt"
echo mine >"$S/a/.draft.tmp.1.kpl"
echo mine >"$S/a/.issue-batch-tmp.x.kpl"
expect_exit 0 sh "$batch" -q "$S" "$S"
check "the user's .tmp files are kept" test -s "$S/.notes.tmp.txt" -a -s "$S/a/.draft.tmp.1.kpl" \
	-a -s "$S/a/.issue-batch-tmp.x.kpl"
check "the outputs are beside the PDF" test -s "$S/a/issue.xml" -a -s "$S/manifest.csv"
expect_exit 0 sh "$batch" -q -f "$S" "$S"
check "a second run may rewrite what the first wrote" test -s "$S/a/issue.tei.xml"

desc "DST_DIR equal to SRC_DIR, an output in the way"
C=$KP_T/clash
mkdir -p "$C"
cp "$small" "$C/report.pdf"
echo "my own notes" >"$C/report.log"
expect_exit 2 sh "$batch" -q "$C" "$C"
expect_stderr_match "^issue-batch: $C/report.log: already there and not written by issue-batch"
check "the user's file is intact" test "$(cat "$C/report.log")" = "my own notes"
check "nothing written" test ! -e "$C/report.stamp" -a ! -e "$C/manifest.csv"

desc "SRC_DIR inside DST_DIR, an output in the way"
D=$KP_T/outer
mkdir -p "$D/s/s"
cp "$small" "$D/s/s/x.pdf"
echo "keep me" >"$D/s/x.xml"
expect_exit 2 sh "$batch" -q "$D/s" "$D"
check "the user's file is intact" test "$(cat "$D/s/x.xml")" = "keep me"

desc "DST_DIR inside SRC_DIR, nothing in the way"
I=$KP_T/inner
mkdir -p "$I"
cp "$small" "$I/x.pdf"
expect_exit 0 sh "$batch" -q "$I" "$I/out"
check "converted" test -s "$I/out/x.xml"
expect_exit 0 sh "$batch" -q "$I" "$I/out"
check "a rerun lists one PDF" test "$(wc -l <"$I/out/manifest.csv")" -eq 2

desc "names that look like options or formulas, links"
N=$KP_T/names
mkdir -p "$N/sub"
cp "$small" "$N/-x.pdf"
cp "$small" "$N/=cmd|calc.pdf"
cp "$small" "$N/sub/real.pdf"
ln -s sub/real.pdf "$N/link.pdf"
ln -s nowhere.pdf "$N/dangling.pdf"
expect_exit 1 sh "$batch" -q "$N" "$KP_T/names.out"
M=$KP_T/names.out
# the manifest writes it '-x.pdf, as a spreadsheet would take -x for a formula
check "-x.pdf converted" test "$(field "$M" "'-x.pdf" status)" = ok -a -s "$M/-x.xml"
check "its error is not the usage" test -z "$(field "$M" "'-x.pdf" error)"
check "a link to a PDF is converted" test "$(field "$M" link.pdf status)" = ok -a -s "$M/link.xml"
check "a dangling link is listed as failed" test "$(field "$M" dangling.pdf status)" = failed
check "a formula-like name is quoted for spreadsheets" grep -q "^'=cmd|calc.pdf," "$M/manifest.csv"
check "and reads back with its leading '" test "$(field "$M" "'=cmd|calc.pdf" status)" = ok
KP_CSV_RAW=1 run_prog sh "$batch" -q -f "$N" "$KP_T/names.raw"
check "KP_CSV_RAW=1 keeps it as it is" grep -q '^=cmd|calc.pdf,' "$KP_T/names.raw/manifest.csv"

# A small tmpfs: a full disk and a read-only folder.
F=$KP_T/fs
mkdir -p "$F"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64k tmpfs "$F" 2>/dev/null; then
	skip "cannot mount a tmpfs (not root, or no privilege): full disk not tested"
	test_done
	exit $?
fi
mounts=$F
umount "$F"

desc "read-only DST_DIR"
mount -t tmpfs -o size=64k,ro tmpfs "$F"
expect_exit 7 sh "$batch" -q "$N" "$F"
expect_stderr_one_line
expect_stderr_match "^issue-batch: $F: cannot write: Read-only file system\$"
umount "$F"

desc "rerun into a full file system"
G=$KP_T/good
mkdir -p "$G/2023"
cp $(ls -S samples/*.pdf | tail -n 2) "$G/2023/"
expect_exit 0 sh "$batch" -q "$G" "$KP_T/first"
size=$(du -sk "$KP_T/first" | cut -f1)
mount -t tmpfs -o size=$((size + 256))k tmpfs "$F"
cp -a "$KP_T/first/." "$F/"
cp -a "$F" "$KP_T/before"
head -c 100000000 /dev/zero >"$F/filler" 2>/dev/null
expect_exit 7 sh "$batch" -q -f "$G" "$F"
expect_stderr_match 'No space left on device'
check "no printf or shell noise" sh -c '! grep -Eq "I/O error|: [0-9]+: " "$1"' sh "$KP_T/err"
rm -f "$F/filler"
check "every earlier output and catalogue is intact" \
	diff -r -x filler -x .issue-batch.lock "$KP_T/before" "$F"
check "no temp files" no_temps "$F"
umount "$F"

desc "fresh batch into a small file system"
mount -t tmpfs -o size=$((size / 3))k tmpfs "$F"
expect_exit 7 sh "$batch" -q "$G" "$F"
check "at most a line per PDF and catalogue" test "$(wc -l <"$KP_T/err")" -le 5
check "no empty stamp" test -z "$(find "$F" -name '*.stamp' -empty)"
check "no empty manifest" test ! -e "$F/manifest.csv" -o -s "$F/manifest.csv"
check "no temp files" no_temps "$F"
umount "$F"
mounts=

test_done
