#!/bin/sh
# fuzz.sh SECONDS [TARGET...] - build the libFuzzer targets (every
# */fuzz_*.c) into build/fuzz/ with clang -fsanitize=fuzzer,address,undefined
# and run each for SECONDS (`make fuzz FUZZ_SECONDS=N`).  Targets:
#   stream     common/fuzz_stream.c     the layout-stream reader, its typed records, UTF-8/NFC
#   rules      structure/fuzz_rules.c   the rules table parser and matcher
#   structure  structure/fuzz_structure.c  stream -> issue XML
#   export     export/fuzz_export.c     issue XML -> TEI (must be well formed), CSV
#   pdf        extract/fuzz_pdf.c       an in-memory PDF -> stream, OCR off
#
# Seeds come from samples/ (PDFs; their streams from pdf2text --ocr=never;
# their XML from structure) and tests/bad/cases; the growing corpus is
# build/fuzz/corpus/TARGET (not committed), crashes go to
# build/fuzz/artifacts/TARGET/.  Each run appends one line to
# build/fuzz/results.tsv: target, seconds, execs, crashes (new artifacts).
# A crash input: reproduce with build/fuzz/TARGET FILE, then add it to
# tests/bad/cases/ with its .expect (docs/robustness.md).
# Environment: CLANG (default clang), FUZZ_JOBS unused (one at a time).
set -eu
export LC_ALL=C.UTF-8
if [ $# -lt 1 ]; then
	echo "usage: tests/fuzz.sh SECONDS [stream|rules|structure|export|pdf ...]" >&2
	exit 2
fi
SECS=$1
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
F=build/fuzz
CLANG=${CLANG:-clang}
PKG=${PKG:-pkg-config}
mkdir -p "$F"

CFLAGS="-std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
	-fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon
	-DKP_DATADIR=\"$ROOT\" -Wno-deprecated-declarations"
GLIB="$($PKG --cflags --libs glib-2.0)"
XML="$($PKG --cflags --libs libxml-2.0)"
EXTRACT="$($PKG --cflags --libs poppler-glib gio-2.0 cairo tesseract lept nettle)"
# extract/drawing.cc, Poppler's core C++ API: compiled on its own with
# clang++ and linked by the C driver, so without UBSan's vptr and function
# checks (whose runtime only the C++ driver links).
CXXFLAGS="-std=c++17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
	-fno-sanitize=vptr,function -fno-sanitize-recover=all -Icommon
	$($PKG --cflags poppler | sed 's/-I/-isystem /g')"
POPPLER="$($PKG --libs poppler) -lstdc++"

# Sources of a program without its main.c and fuzz targets (and without
# the loaders ocr_load.c and searchable_load.c: the fuzzers link the
# loaded files themselves).
lib_of() {
	for f in "$1"/*.c; do
		case ${f##*/} in main.c | fuzz_*.c | ocr_load.c | searchable_load.c) ;; *) echo "$f" ;; esac
	done
}

# build TARGET: compile build/fuzz/TARGET; false when its source is missing
# or does not compile (the message says why).
build() {
	case $1 in
	stream) src=common/fuzz_stream.c deps="$(lib_of common)" libs="$GLIB" ;;
	rules) src=structure/fuzz_rules.c deps="$(lib_of common) $(lib_of structure)" libs="$XML $GLIB" ;;
	structure) src=structure/fuzz_structure.c deps="$(lib_of common) $(lib_of structure)" libs="$XML $GLIB" ;;
	export) src=export/fuzz_export.c deps="$(lib_of common) $(lib_of export)"
	        libs="$XML $GLIB $($PKG --libs libqpdf)" ;; # searchable.c: qpdf
	pdf) src=extract/fuzz_pdf.c deps="$(lib_of common) $(lib_of extract) $F/drawing.o"
	     libs="$EXTRACT $POPPLER $GLIB"
	     # shellcheck disable=SC2086
	     ${CLANG}++ $CXXFLAGS -c -o "$F/drawing.o" extract/drawing.cc 2>"$F/$1.build.log" || {
		echo "fuzz.sh: $1 does not build:" >&2
		sed -n '1,20p' "$F/$1.build.log" >&2
		return 1
	     } ;;
	*) echo "fuzz.sh: unknown target $1" >&2; return 1 ;;
	esac
	[ -f "$src" ] || { echo "fuzz.sh: $src not written yet, $1 skipped" >&2; return 1; }
	# shellcheck disable=SC2086
	$CLANG $CFLAGS -o "$F/$1" $src $deps $libs -lm 2>"$F/$1.build.log" || {
		echo "fuzz.sh: $1 does not build:" >&2
		sed -n '1,20p' "$F/$1.build.log" >&2
		return 1
	}
}

# seeds TARGET: fill build/fuzz/seeds/TARGET once.
seeds() {
	s=$F/seeds/$1
	[ ! -d "$s" ] || return 0
	mkdir -p "$s"
	case $1 in
	pdf)
		cp samples/bad/blank.pdf tests/cli/data/hello.pdf "$s/" 2>/dev/null || true
		for f in tests/bad/cases/*.pdf; do
			[ -f "$f" ] && [ ! -L "$f" ] && cp "$f" "$s/"
		done
		# the samples are large: their first 2 pages keep runs fast
		if command -v qpdf >/dev/null; then
			for f in samples/*.pdf; do
				qpdf --empty --pages "$f" 1-2 -- "$s/${f##*/}" 2>/dev/null || true
			done
		fi ;;
	stream | structure)
		for f in samples/*.pdf; do
			[ -x bin/pdf2text ] || break
			bin/pdf2text -q --ocr=never "$f" >"$s/$(basename "$f" .pdf).kpl" 2>/dev/null || true
		done
		cp tests/cli/data/min.kpl tests/bad/*.kpl tests/bad/cases/*.kpl "$s/" 2>/dev/null || true ;;
	export)
		for f in "$F/seeds/structure"/*.kpl; do
			[ -x bin/structure ] && [ -f "$f" ] || break
			bin/structure "$f" >"$s/$(basename "$f" .kpl).xml" 2>/dev/null || true
		done
		cp tests/cli/data/min.xml tests/bad/*.xml tests/bad/cases/*.xml "$s/" 2>/dev/null || true ;;
	rules)
		cp structure/rules/*.rules tests/bad/cases/*.rules "$s/" 2>/dev/null || true ;;
	esac
	find "$s" -size 0 -delete
}

# Options for one target: pdf runs in fork mode and goes on after an
# out-of-memory input (saved as oom-*), since poppler-glib decodes a
# declared 30000x30000 image in full (docs/robustness.md).
opts_of() {
	case $1 in
	pdf) echo "-fork=1 -ignore_ooms=1 -ignore_timeouts=1" ;;
	rules) echo "-max_len=4096" ;;
	esac
}

dict_of() {
	case $1 in
	stream | structure) echo "-dict=tests/fuzz/stream.dict" ;;
	export) echo "-dict=tests/fuzz/xml.dict" ;;
	esac
}

[ $# -gt 0 ] || set -- stream rules structure export pdf
status=0
for t in "$@"; do
	build "$t" || { status=1; continue; }
	[ "$t" != export ] || seeds structure
	seeds "$t"
	mkdir -p "$F/corpus/$t" "$F/artifacts/$t"
	before=$(ls "$F/artifacts/$t" | wc -l)
	echo "fuzz.sh: $t for $SECS s" >&2
	r=0
	export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
	# -close_fd_mask=3: the programs' diagnostics would flood the log;
	# reproduce a crash without it to see the report.
	# shellcheck disable=SC2046
	"$F/$t" -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2560 -max_len=1048576 \
		-close_fd_mask=3 -print_final_stats=1 $(dict_of "$t") $(opts_of "$t") \
		-artifact_prefix="$F/artifacts/$t/" "$F/corpus/$t" "$F/seeds/$t" \
		>"$F/$t.log" 2>&1 || r=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$F/$t.log" | tail -n 1)
	[ -n "$execs" ] || # fork mode: the last "#N: cov: ..." line
		execs=$(sed -n 's/^#\([0-9][0-9]*\): cov:.*/\1/p' "$F/$t.log" | tail -n 1)
	new=$(($(ls "$F/artifacts/$t" | wc -l) - before))
	printf '%s\t%s\t%s\t%s\n' "$t" "$SECS" "${execs:-?}" "$new" >>"$F/results.tsv"
	echo "fuzz.sh: $t: ${execs:-?} executions, $new new crash input(s), exit $r" >&2
	if [ "$new" -gt 0 ] || [ "$r" -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|Test unit written' "$F/$t.log" | sed -n '1,10s/^/    /p' >&2
	fi
done
exit $status
