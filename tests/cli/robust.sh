#!/bin/sh
# robust.sh - limits and output integrity (issue #7, docs/robustness.md):
# --max-pages, the OCR time limit, the stream's line cap, and -o FILE
# when the program is interrupted.  What every program promises for -o on
# failure, /dev/full and a closed pipe is in options.sh; hostile inputs
# are the `bad` suite (tests/bad/).
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"
BLANK=samples/bad/blank.pdf   # 2 pages
SCAN=samples/kostec-2023-06-23.pdf

# no_leftovers DIR: one check that DIR holds nothing.
no_leftovers() {
	check "nothing left in the output directory" sh -c "[ -z \"\$(ls -A '$1')\" ]"
}

if have_prog pdf2text && [ -f "$BLANK" ]; then
	desc "pdf2text --max-pages 1 (2 pages)"
	expect_exit 6 "$KP_BUILD/pdf2text" --max-pages 1 "$BLANK"
	expect_stderr_one_line
	expect_stderr_match "^pdf2text: $BLANK: 2 pages to convert, more than --max-pages 1\$"
	expect_stdout_empty
	desc "pdf2text --max-pages 2 (2 pages)"
	expect_exit 0 "$KP_BUILD/pdf2text" --max-pages 2 "$BLANK"
	desc "pdf2text --max-pages 1 -l 1 (counts the pages converted)"
	expect_exit 0 "$KP_BUILD/pdf2text" --max-pages 1 -l 1 "$BLANK"
	desc "pdf2text --max-pages 0"
	expect_exit 2 "$KP_BUILD/pdf2text" --max-pages 0 "$BLANK"
	expect_stdout_empty

	dir=$KP_T/max && mkdir -p "$dir"
	desc "pdf2text --max-pages 1 -o FILE"
	expect_exit 6 "$KP_BUILD/pdf2text" --max-pages 1 -o "$dir/out.kpl" "$BLANK"
	no_leftovers "$dir"
fi

if have_prog pdf2text && [ -f "$SCAN" ]; then
	# page 9 is a scan: read at 600 dpi its OCR takes many seconds on any
	# machine, so a 1 s limit must stop it: exit 1 with one diagnostic,
	# the page written without the text it had no time to read, soon.
	desc "pdf2text --ocr-timeout 1 on a scanned page"
	t0=$(date +%s)
	expect_exit 1 "$KP_BUILD/pdf2text" -q --ocr=always --dpi 600 --ocr-timeout 1 -f 9 -l 9 "$SCAN"
	t=$(($(date +%s) - t0))
	if [ "$t" -le 30 ]; then ok "took $t s"; else fail "took $t s with a 1 s limit"; fi
	expect_stderr_one_line
	expect_stderr_match "^pdf2text: $SCAN:9: OCR stopped after 1 s \(--ocr-timeout\)$"
	check "a complete stream" grep -q '^end	1$' "$KP_T/out"

	# -o FILE while converting: SIGINT and SIGTERM leave no temporary file
	for sig in INT TERM; do
		dir=$KP_T/sig-$sig && mkdir -p "$dir"
		desc "pdf2text -o FILE killed by SIG$sig"
		r=0
		timeout -s "$sig" 2 "$KP_BUILD/pdf2text" -q "$SCAN" -o "$dir/out.kpl" \
			>/dev/null 2>"$KP_T/err" || r=$?
		if [ "$r" = 124 ]; then ok "interrupted"; else skip "finished before the signal (exit $r)"; fi
		no_leftovers "$dir"
	done

	# -j 2: the workers' page files and their directory go too
	big=$KP_T/big.pdf
	qpdf --empty --pages $(for i in 1 2 3 4 5 6 7 8 9 10; do
		printf '%s ' "$KP_ROOT"/samples/*.pdf; done) -- "$big"
	# and every signal that ends a program, not only SIGTERM (issue #16)
	for sig in TERM USR1 ALRM XCPU; do
		dir=$KP_T/sig-jobs-$sig && mkdir -p "$dir" "$KP_T/jobs-tmp-$sig"
		desc "pdf2text -j 4 -o FILE killed by SIG$sig"
		r=0
		TMPDIR=$KP_T/jobs-tmp-$sig timeout -s "$sig" 1 "$KP_BUILD/pdf2text" -q -j 4 \
			--ocr=never "$big" -o "$dir/out.kpl" >/dev/null 2>"$KP_T/err" || r=$?
		if [ "$r" = 124 ]; then ok "interrupted"; else skip "finished before the signal (exit $r)"; fi
		no_leftovers "$dir"
		check "no worker directory left" test -z "$(ls -A "$KP_T/jobs-tmp-$sig")"
	done
fi

if have_prog structure; then
	# a record longer than the stream's cap (KP_STREAM_MAX_LINE, 4 MiB)
	f=$KP_T/long.kpl
	{
		printf 'kplayout\t1\ndoc\tx.pdf\t1\t-\t-\t-\nline\t'
		head -c 5000000 /dev/zero | tr '\0' a
		printf '\nend\t0\n'
	} >"$f"
	desc "structure on a 5 MB record"
	expect_exit 6 "$KP_BUILD/structure" "$f"
	expect_stderr_one_line
	expect_stderr_match "^structure: $f:3: line longer than [0-9]+ bytes\$"
	expect_stdout_empty

	# killed while it reads (a FIFO that never ends): nothing written
	for prog in structure issue-export; do
		have_prog "$prog" || continue
		dir=$KP_T/fifo-$prog && mkdir -p "$dir"
		mkfifo "$KP_T/fifo-$prog.in"
		desc "$prog -o FILE killed by SIGTERM while reading"
		{ sleep 3; } >"$KP_T/fifo-$prog.in" &
		r=0
		timeout -s TERM 1 "$KP_BUILD/$prog" -o "$dir/out" "$KP_T/fifo-$prog.in" \
			>/dev/null 2>&1 || r=$?
		wait
		if [ "$r" = 124 ]; then ok "interrupted"; else fail "exit $r, want to be killed"; fi
		no_leftovers "$dir"
	done
fi
test_done
