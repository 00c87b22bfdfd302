# setup.sh - the start every issue-batch test shares (sourced, not run):
# BUILD_DIR from $1, tests/lib.sh, the programs on PATH, pdf2text with
# KP_PDF2TEXT_OPTS (default --ocr=never, to keep the tests short), and
# ready= when a program the batch needs is missing (skipped, not failed).
set -u
. "$(dirname "$0")/../lib.sh"
cd "$KP_ROOT" || exit 2

batch=$KP_ROOT/scripts/issue-batch
PATH=$KP_BUILD:$PATH
export PATH
export KP_PDF2TEXT_OPTS="${KP_PDF2TEXT_OPTS---ocr=never}"

ready=1
for p in pdf2text structure issue-export; do
	have_prog "$p" "issue-batch not tested" || ready=
done
for p in parallel xmllint; do
	command -v "$p" >/dev/null 2>&1 || { skip "$p not installed: issue-batch not tested"; ready=; }
done
