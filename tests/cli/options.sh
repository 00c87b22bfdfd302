#!/bin/sh
# options.sh - what every program promises on its command line (HACKING.md):
# --help and --version, misuse, stdin, -o FILE written atomically, a full
# disk and a closed pipe.  Run by tests/run.sh (cli suite).
set -eu
. "${KP_ROOT:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$KP_ROOT"
D=tests/cli/data

# Options in the SYNOPSIS of man page $1.  Every word after an Fl macro up
# to the next macro is a flag ("Fl h | -help" is -h and --help); a word of
# several letters without a dash is several short flags ("Fl qT").
man_options() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$1" | awk '{
		fl = 0
		for (i = 1; i <= NF; i++) {
			if ($i == "Fl" || $i == ".Fl") { fl = 1; continue }
			if ($i ~ /^\.?[A-Z][a-z][a-z]?$/) { fl = 0; continue }
			if (!fl || $i == "|") continue
			w = $i; sub(/[^A-Za-z0-9-].*/, "", w)
			if (w ~ /^-/) print "-" w
			else for (j = 1; j <= length(w); j++) print "-" substr(w, j, 1)
		}
	}' | sort -u
}

# Normalise what legitimately differs between file and stdin input: the
# layout stream's doc record names the file (`-` for stdin).
same_but_name() {
	sed 's/^doc	[^	]*/doc	FILE/' "$1"
}

# generic PROG GOOD_INPUT [ARGS...]: the shared command-line contract.
generic() {
	prog=$1 input=$2
	shift 2
	exe=$KP_BUILD/$prog

	desc "$prog --help"
	expect_exit 0 "$exe" --help
	expect_stdout_nonempty
	expect_stderr_empty
	cp "$KP_T/out" "$KP_T/help"
	if [ -f "docs/$prog.1" ]; then
		for opt in $(man_options "docs/$prog.1"); do
			if grep -Eq -- "(^|[^A-Za-z0-9-])$opt([^A-Za-z0-9-]|\$)" "$KP_T/help"; then
				ok "mentions $opt"
			else
				fail "does not mention $opt from the SYNOPSIS of docs/$prog.1"
			fi
		done
	else
		fail "no man page docs/$prog.1"
	fi

	desc "$prog --version"
	expect_exit 0 "$exe" --version
	check "prints '$prog kostec-pipe VERSION'" grep -Eq "^$prog kostec-pipe [0-9]+\.[0-9]+" "$KP_T/out"

	desc "$prog --no-such-option"
	expect_exit 2 "$exe" --no-such-option
	expect_stderr_match '[Uu]sage'
	expect_stdout_empty
	# one wording in every program (and issue-batch, tests/batch)
	expect_stderr_match "^$prog: --no-such-option: unknown option\$"
	desc "$prog -Z"
	expect_exit 2 "$exe" -Z
	expect_stderr_match "^$prog: -Z: unknown option\$"
	desc "$prog -o"
	expect_exit 2 "$exe" -o
	expect_stderr_match "^$prog: -o: needs an argument\$"
	desc "$prog --help=x"
	expect_exit 2 "$exe" --help=x
	expect_stderr_match "^$prog: --help=x: takes no argument\$"

	desc "$prog on a terminal, no file"
	run_prog python3 -c '
import pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run(sys.argv[1:], stdin=s, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                   timeout=20)
sys.stdout.buffer.write(p.stdout)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)' "$exe" "$@"
	if [ "$rc" = 2 ]; then ok "exit 2 at once"; else fail "exit $rc, want 2"; fi
	expect_stderr_match "^$prog: no input file, and standard input is a terminal\$"

	desc "$prog DIRECTORY"
	expect_exit 3 "$exe" "$@" "$D"
	expect_stderr_match "^$prog: $D: "
	expect_stderr_one_line

	desc "$prog $* $input"
	expect_exit 0 "$exe" "$@" "$input"
	expect_stdout_nonempty
	same_but_name "$KP_T/out" >"$KP_T/by-file"

	desc "$prog $* - < $input"
	run_prog "$exe" "$@" - <"$input"
	same_but_name "$KP_T/out" >"$KP_T/by-stdin"
	check "same output as from the file" cmp "$KP_T/by-file" "$KP_T/by-stdin"
	desc "$prog $* < $input"
	run_prog "$exe" "$@" <"$input"
	same_but_name "$KP_T/out" >"$KP_T/by-stdin"
	check "no operand reads stdin" cmp "$KP_T/by-file" "$KP_T/by-stdin"

	dir=$KP_T/o-$prog
	mkdir -p "$dir"
	desc "$prog $* -o FILE $input"
	expect_exit 0 "$exe" "$@" -o "$dir/good" "$input"
	expect_stdout_empty
	same_but_name "$dir/good" >"$KP_T/by-o" 2>/dev/null || true
	check "FILE holds the output" cmp "$KP_T/by-file" "$KP_T/by-o"
	: >"$dir/shell"
	m1=$(stat -c %a "$dir/good" 2>/dev/null || echo none) m2=$(stat -c %a "$dir/shell")
	if [ "$m1" = "$m2" ]; then
		ok "FILE has mode $m2 like a shell redirection"
	else
		fail "FILE has mode $m1, a shell redirection gives $m2 (umask)"
	fi
	desc "$prog $* -o FILE garbage"
	run_prog "$exe" "$@" -o "$dir/bad" "$D/garbage.txt"
	if [ "$rc" -ne 0 ]; then ok "fails"; else fail "exit 0 on garbage"; fi
	check "leaves no FILE" test ! -e "$dir/bad"
	check "leaves no temporary file" sh -c "! ls '$dir' | grep -q '^bad'"
	desc "$prog $* -o /nonexistent/FILE"
	expect_exit 7 "$exe" "$@" -o /nonexistent/dir/out "$input"
	expect_stderr_match "^$prog: "

	desc "$prog $* $input > /dev/full"
	if [ -w /dev/full ]; then
		rc=0
		"$exe" "$@" "$input" >/dev/full 2>"$KP_T/err" || rc=$?
		if [ "$rc" = 7 ]; then ok "exit 7"; else fail "exit $rc, want 7"; show "$KP_T/err" stderr; fi
		expect_stderr_match "^$prog: .*(No space left on device|stdout)"
		expect_stderr_one_line
	else
		skip "$prog: /dev/full is not writable here"
	fi
}

# closed_pipe PROG INPUT [ARGS...]: reading only one byte of the output
# must not crash the program (exit 0, 7 or death by SIGPIPE).
closed_pipe() {
	prog=$1 input=$2
	shift 2
	desc "$prog $* $input | head -c1"
	{ r=0; "$KP_BUILD/$prog" "$@" "$input" 2>"$KP_T/err" || r=$?; echo "$r" >"$KP_T/pipe.rc"; } |
		head -c1 >/dev/null
	r=$(cat "$KP_T/pipe.rc")
	case $r in
	0 | 7 | 141) ok "exit $r" ;;
	*) fail "exit $r"; show "$KP_T/err" stderr ;;
	esac
	if crashed "$r"; then fail "crashed"; show "$KP_T/err" stderr; else ok "no crash"; fi
}

if have_prog pdf2text; then
	generic pdf2text "$D/hello.pdf"
	big=samples/kostec-2023-04-21.pdf
	[ -f "$big" ] || big=$D/hello.pdf
	closed_pipe pdf2text "$big" --ocr=never
fi
if have_prog structure; then
	generic structure "$D/min.kpl"
	closed_pipe structure "$D/min.kpl"
fi
if have_prog issue-export; then
	generic issue-export "$D/min.xml" --tei
	closed_pipe issue-export "$D/min.xml" --tei
fi
test_done
