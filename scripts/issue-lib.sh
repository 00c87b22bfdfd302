# issue-lib.sh - what issue-batch and its helpers share; sourced, never run.
#
#   kp_tmp_prefix   the first part of every temp file name they make:
#                   .issue-batch-tmp.PID. (issue-batch removes only those)
#   put FILE        standard input into FILE, every write checked
#   csvq TEXT       TEXT as one CSV field, safe for spreadsheets

kp_tmp_prefix=.issue-batch-tmp

# put FILE: copy standard input into FILE.  True when every write and the
# close succeeded; else false, with the system's reason ("No space left on
# device") in put_reason.  cat reports a failed write or close; the shell
# reports a file it cannot create.  Run it in the current shell (input from
# a file or a here-document), or put_reason is lost with the subshell.
put() {
	put_reason=$(cat 2>&1 >"$1") && return 0
	put_reason=${put_reason##*: }
	[ -n "$put_reason" ] || put_reason="cannot write"
	return 1
}

# csvq TEXT: TEXT as one CSV field (RFC 4180): quoted when it holds a
# comma, a double quote, CR or LF.  Unless KP_CSV_RAW is set, a field that
# a spreadsheet would take for a formula (it starts with =, +, -, @, TAB or
# CR, and is not a plain number such as -1,200.5) gets a leading ', the
# policy of issue-export(1).
csvq() {
	csvq_s=$1
	if [ -z "${KP_CSV_RAW-}" ]; then
		case $csvq_s in
		[-+]*[!0-9.,%\ ]* | [=@\	]* | "$(printf '\r')"*) csvq_s="'$csvq_s" ;;
		esac
	fi
	case $csvq_s in
	*[,\"]* | *"$(printf '\r')"* | *'
'*) printf '"%s"' "$(printf '%s' "$csvq_s" | sed 's/"/""/g')" ;;
	*) printf '%s' "$csvq_s" ;;
	esac
}
