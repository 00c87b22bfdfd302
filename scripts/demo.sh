#!/bin/sh
# demo.sh BUILD_DIR - `make demo`: convert every samples/NAME.pdf into out/
# with issue-batch, the command archivists use (docs/issue-batch.1):
#   NAME.kpl (pdf2text), NAME.xml (structure), NAME.tei.xml and
#   NAME.tables.csv (issue-export), NAME.log, and over all issues
#   manifest.csv, articles.csv, tables.csv and the QA report index.html.
# The broken inputs of samples/bad/ are left out: the demo shows the good
# path (the tests cover the bad one).  Exit status: issue-batch's.
set -eu
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
	echo "usage: scripts/demo.sh BUILD_DIR" >&2
	exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) B=$1 ;; *) B=$(pwd)/$1 ;; esac

# issue-batch converts a whole tree; give it the top-level samples only.
# Hard links (copies across file systems) keep the PDFs' times, so a
# second `make demo` finds everything up to date.
src=$B/demo-samples
rm -rf "$src"
mkdir -p "$src"
for pdf in "$ROOT"/samples/*.pdf; do
	ln "$pdf" "$src/" 2>/dev/null || cp -p "$pdf" "$src/"
done

PATH=$B:$ROOT/scripts:$PATH
export PATH
exec issue-batch --report "$src" "$ROOT/out"
