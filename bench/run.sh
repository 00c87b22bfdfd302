#!/bin/sh
# bench/run.sh BUILD_DIR - time kostec-pipe against the tools users would
# otherwise run, on the same machine in one run; print a table and write it
# to bench/results.md.  Not part of `make check`.
#
# Each figure is the median wall time of BENCH_RUNS runs (default 5) and the
# largest peak RSS seen (GNU time's %M: the biggest process of a pipeline).
# Ratios are what count: these machines are noisy.
set -eu
LC_ALL=C.UTF-8; export LC_ALL
B=${1:-build/rel}
RUNS=${BENCH_RUNS:-5}
OCR_RUNS=${BENCH_OCR_RUNS:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/bench/work
out=$top/bench/results.md
P2T=$top/$B/pdf2text STR=$top/$B/structure EXP=$top/$B/issue-export
PY=/usr/bin/python3   # Debian's, which has pdfminer and fitz
mkdir -p "$work"

# measure RUNS CMD -> prints "MEDIAN_SECONDS PEAK_KB"
measure() {
	runs=$1; shift
	: > "$work/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$work/t1" sh -c "$*" >/dev/null 2>&1 ||
			echo "bench: command failed: $*" >&2
		cat "$work/t1" >> "$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk '{t[NR]=$1; if ($2>m) m=$2}
		END {n=NR; med=(n%2)?t[(n+1)/2]:(t[n/2]+t[n/2+1])/2; printf "%.3f %d\n", med, m}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b>0) printf "%.2f", a/b; else print "-"}'; }

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# Inputs: the born-digital samples, and 10/60/300-page concatenations.
good=$(ls "$top"/samples/*.pdf)
qpdf --empty --pages $(seq 50 | while read -r _; do printf '%s ' $good; done) -- "$work/all.pdf"
qpdf --empty --pages "$work/all.pdf" 1-10 -- "$work/p10.pdf"
qpdf --empty --pages "$work/all.pdf" 1-60 -- "$work/p60.pdf"
qpdf --empty --pages "$work/all.pdf" 1-300 -- "$work/p300.pdf"

{
echo "# kostec-pipe benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')"
echo "- versions: $("$P2T" --version 2>&1 | head -1); poppler $(pkg-config --modversion poppler-glib); pdftotext $(pdftotext -v 2>&1 | head -1 | awk '{print $3}'); tesseract $(tesseract --version 2>&1 | head -1 | awk '{print $2}'); pdfminer $($PY -c 'import pdfminer; print(pdfminer.__version__)' 2>/dev/null || echo -); PyMuPDF $($PY -c 'import fitz; print(fitz.VersionBind)' 2>/dev/null || echo -); ocrmypdf $(ocrmypdf --version 2>/dev/null || echo -)"
echo "- runs: median of $RUNS (OCR: $OCR_RUNS); RSS = peak of the largest process, MiB"
echo
echo "## Text layer: whole pipeline (--ocr=never) vs peers"
echo
echo "| input | pages | ours s | ours MiB | pdftotext -bbox-layout s | pdfminer s | PyMuPDF dict s | ours/pdftotext | pdfminer/ours |"
echo "|---|---|---|---|---|---|---|---|---|"
} > "$out"

for f in $good "$work/p300.pdf"; do
	name=$(basename "$f" .pdf)
	set -- $(measure "$RUNS" "$P2T --ocr=never '$f' | $STR | $EXP --tei"); o_t=$1 o_m=$2
	set -- $(measure "$RUNS" "pdftotext -bbox-layout '$f' -"); p_t=$1
	if [ "$name" = p300 ]; then mruns=1; else mruns=$RUNS; fi
	set -- $(measure "$mruns" "pdf2txt '$f'"); m_t=$1
	set -- $(measure "$RUNS" "$PY -c \"import fitz,sys
d=fitz.open(sys.argv[1])
for p in d: p.get_text('dict')\" '$f'"); f_t=$1
	printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$name" "$(pages "$f")" \
		"$o_t" "$(echo "$o_m" | awk '{print $1/1024}')" "$p_t" "$m_t" "$f_t" \
		"$(ratio "$o_t" "$p_t")" "$(ratio "$m_t" "$o_t")" >> "$out"
done

{
echo
echo "## OCR: samples with scanned pages or image tables"
echo
echo "| input | pages | ours (auto OCR) s | tesseract 300 dpi every page s | ocrmypdf --force-ocr s | ours/ocrmypdf |"
echo "|---|---|---|---|---|---|"
} >> "$out"
for t in "$top"/samples/truth/*.json; do
	name=$(basename "$t" .json)
	f=$top/samples/$name.pdf
	# OCR inputs: a scanned page or an image table in the truth
	$PY -c "import json,sys; t=json.load(open(sys.argv[1])); sys.exit(0 if t.get('ocr_pages') or any(x.get('image') for x in t.get('tables',[])) else 1)" "$t" || continue
	set -- $(measure "$OCR_RUNS" "$P2T '$f' | $STR | $EXP --tei"); o_t=$1
	set -- $(measure "$OCR_RUNS" "rm -rf '$work/r'; mkdir '$work/r'; pdftoppm -r 300 -gray -png '$f' '$work/r/p' && for p in '$work'/r/p*.png; do tesseract \"\$p\" - -l kor+chi_sim+eng; done"); t_t=$1
	set -- $(measure 1 "ocrmypdf -q --force-ocr -l kor+chi_sim+eng '$f' '$work/ocrmypdf.pdf'"); m_t=$1
	printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(pages "$f")" "$o_t" "$t_t" "$m_t" "$(ratio "$o_t" "$m_t")" >> "$out"
done

{
echo
echo "## Scaling and memory"
echo
echo "| measure | value |"
echo "|---|---|"
} >> "$out"
set -- $(measure "$RUNS" "$P2T -j 1 '$work/p60.pdf'"); j1=$1
set -- $(measure "$RUNS" "$P2T -j 2 '$work/p60.pdf'"); j2=$1
set -- $(measure 1 "$P2T '$work/p10.pdf'"); m10=$2
set -- $(measure 1 "$P2T '$work/p300.pdf'"); m300=$2
{
echo "| pdf2text 60 pages -j 1 | ${j1} s |"
echo "| pdf2text 60 pages -j 2 | ${j2} s |"
echo "| speed-up -j 2 / -j 1 | $(ratio "$j1" "$j2")x |"
echo "| peak RSS 10 pages | $(echo "$m10" | awk '{printf "%.0f", $1/1024}') MiB |"
echo "| peak RSS 300 pages | $(echo "$m300" | awk '{printf "%.0f", $1/1024}') MiB |"
echo "| RSS ratio 300 / 10 pages | $(ratio "$m300" "$m10") |"
} >> "$out"
cat "$out"
