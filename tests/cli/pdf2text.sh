#!/bin/sh
# pdf2text.sh - pdf2text on inputs it must refuse (samples/bad/, docs/pdf2text.1
# EXIT STATUS): the documented exit code, exactly one line on stderr naming
# the file, nothing on stdout.
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"
BAD=samples/bad

# refuse FILE CODE [ARGS...]
refuse() {
	file=$1 code=$2
	shift 2
	desc "pdf2text $* $file"
	expect_exit "$code" "$KP_BUILD/pdf2text" "$@" "$file"
	expect_stderr_one_line
	expect_stderr_match "^pdf2text: $file: "
	expect_stdout_empty
}

if have_prog pdf2text; then
	refuse "$KP_T/no-such-file.pdf" 3
	refuse tests/cli/data/garbage.txt 4
	refuse tests/cli/data 3
	expect_stderr_match "^pdf2text: tests/cli/data: is a directory\$"  # was poppler's mmap() message

	# an unknown OCR language is a bad command line, told before any work
	desc "pdf2text --lang xyz"
	expect_exit 2 "$KP_BUILD/pdf2text" --lang xyz tests/cli/data/garbage.txt
	expect_stderr_one_line
	expect_stderr_match "^pdf2text: --lang xyz: no Tesseract data for 'xyz' in "
	expect_stdout_empty
	if [ -d "$BAD" ]; then
		refuse "$BAD/empty.pdf" 4
		refuse "$BAD/not-a-pdf.pdf" 4
		refuse "$BAD/encrypted.pdf" 5
		refuse "$BAD/encrypted.pdf" 5 --password wrong

		desc "pdf2text --password secret $BAD/encrypted.pdf"
		expect_exit 0 "$KP_BUILD/pdf2text" --ocr=never --password secret "$BAD/encrypted.pdf"
		check "a complete stream" grep -q '^end	' "$KP_T/out"

		# docs/pdf2text.1: a truncated PDF is refused (4), or converted
		# when poppler recovers pages (0, or 1 when some pages failed).
		desc "pdf2text $BAD/truncated.pdf"
		run_prog "$KP_BUILD/pdf2text" --ocr=never "$BAD/truncated.pdf"
		case $rc in
		4) ok "refused (exit 4)"; expect_stderr_one_line; expect_stdout_empty ;;
		0 | 1) ok "recovered (exit $rc)"
		       check "a complete stream" grep -q '^end	' "$KP_T/out" ;;
		*) fail "exit $rc, want 4, 1 or 0"; show "$KP_T/err" stderr ;;
		esac

		desc "pdf2text $BAD/blank.pdf"
		expect_exit 0 "$KP_BUILD/pdf2text" "$BAD/blank.pdf"
		check "two pages, no text lines" sh -c \
			"grep -c '^page	' '$KP_T/out' | grep -qx 2 && ! grep -q '^line	' '$KP_T/out'"
	else
		skip "pdf2text: no $BAD/"
	fi
fi
test_done
