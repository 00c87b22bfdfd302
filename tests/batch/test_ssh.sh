#!/bin/sh
# test_ssh.sh - issue-batch --sshloginfile through an ssh server on loopback.
#
#   sh tests/batch/test_ssh.sh BUILD_DIR
#
# Starts sshd on 127.0.0.1 only, on a port free at run time (KP_SSH_PORT
# to choose one; several test runs share a machine), with a throw-away
# host key and authorized key, runs issue-batch with an sshloginfile
# naming only that host, checks that the jobs went through sshd and the
# outputs are complete, and stops sshd.  The host shares this filesystem,
# which is what issue-batch assumes of every host.  scripts/install-deps.sh
# installs openssh-server, so CI runs it; skipped when sshd, ssh,
# ssh-keygen or the programs are missing, or when not root (sshd must log
# in as the same user).  Last line: "N passed, M failed, K skipped".
. "$(dirname "$0")/setup.sh"
sshd=$(command -v sshd || echo /usr/sbin/sshd)

for p in ssh ssh-keygen; do
	command -v "$p" >/dev/null 2>&1 || { skip "$p not installed: ssh not tested"; ready=; }
done
[ -x "$sshd" ] || { skip "sshd not installed (Debian openssh-server): ssh not tested"; ready=; }
[ "$(id -u)" = 0 ] || { skip "not root: ssh not tested"; ready=; }
if [ -z "$ready" ]; then
	test_done
	exit $?
fi

S=$KP_T/ssh
mkdir -p "$S" /run/sshd 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$S/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$S/userkey"
cp "$S/userkey.pub" "$S/authorized_keys"
# free_port: a TCP port of 127.0.0.1 that nothing listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# start_sshd PORT: sshd with the throw-away keys on 127.0.0.1:PORT.
start_sshd() {
	cat >"$S/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $S/hostkey
AuthorizedKeysFile $S/authorized_keys
PidFile $S/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel VERBOSE
EOF
	"$sshd" -f "$S/sshd_config" -E "$S/sshd.log"
}
stop_sshd() {
	[ -s "$S/sshd.pid" ] && kill "$(cat "$S/sshd.pid")" 2>/dev/null
	rm -f "$S/sshd.pid"
}
trap 'stop_sshd; rm -rf "$KP_T"' EXIT
trap 'stop_sshd; rm -rf "$KP_T"; exit 130' INT TERM HUP

# A port free when chosen may be taken before sshd binds it: try three.
tries=0
until port=${KP_SSH_PORT:-$(free_port)} && start_sshd "$port"; do
	tries=$((tries + 1))
	if [ $tries -ge 3 ]; then
		desc "sshd on 127.0.0.1"
		fail "sshd does not start"
		sed -n '1,5s/^/    /p' "$S/sshd.log"
		test_done
		exit $?
	fi
done
desc "sshd on 127.0.0.1:$port"
sshcmd="ssh -i $S/userkey -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR -p $port"
i=0
until $sshcmd root@127.0.0.1 true 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 50 ]; then
		fail "cannot log in to sshd on port $port"
		sed -n '1,5s/^/    /p' "$S/sshd.log"
		test_done
		exit $?
	fi
	sleep 0.2
done

SRC=$KP_T/src DST=$KP_T/dst
mkdir -p "$SRC/2023"
good=$(ls -S samples/*.pdf | tail -n 1)
cp "$good" "$SRC/2023/"
cp samples/bad/not-a-pdf.pdf "$SRC/"
echo "2/$sshcmd root@127.0.0.1" >"$S/hosts"
before=$(grep -c 'Accepted publickey' "$S/sshd.log")

desc "issue-batch --sshloginfile"
expect_exit 1 sh "$batch" --sshloginfile "$S/hosts" "$SRC" "$DST"
n=${good##*/}
b=$DST/2023/${n%.pdf}
check "the jobs logged in through sshd" \
	test "$(grep -c 'Accepted publickey' "$S/sshd.log")" -gt "$before"
check "outputs complete" xmllint --noout "$b.xml" "$b.tei.xml"
check "tables.csv and kpl" test -s "$b.tables.csv" -a -s "$b.kpl"
check "the bad PDF logged" test -s "$DST/not-a-pdf.log" -a ! -e "$DST/not-a-pdf.xml"
check "manifest rows" test "$(wc -l <"$DST/manifest.csv")" -eq 3
check "no temp files" test -z "$(find "$DST" -name '.issue-batch-tmp.*')"

stop_sshd
test_done
