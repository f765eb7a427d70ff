#!/bin/sh
# bench/respond.sh — how fast `vigie respond capture` is on this machine,
# against the peer tools in one run, printed as ratios:
#   1. the volatile part (clock, processes, network, sessions) against
#      the shell tools a responder would otherwise run (ps, ss, lsof,
#      who, last);
#   2. the whole quick profile against UAC's live_response (run when
#      UAC_DIR names a copy of UAC; else the 689 s of issue 19);
#   3. SHA-256 throughput on one 256 MiB file: `vigie respond verify`
#      (read + hash) and `--collect` (read + hash + copy) against
#      `openssl dgst -sha256` (the issue asks >= 0.9x).
# Runs as it is: no data from bench-data is needed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=${VIGIE_BIN:-$top/vigie}
case $vigie in /*) ;; *) vigie=$top/$vigie ;; esac
[ -x "$vigie" ] || { echo "bench/respond.sh: build vigie first (make)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
# secs CMD...: wall time of CMD in seconds (output discarded)
secs() {
	t0=$(now); "$@" > /dev/null 2> "$tmp/err"; rc=$?; t1=$(now)
	if [ $rc -gt 1 ]; then
		echo "bench/respond.sh: $* failed: $(head -c 300 "$tmp/err")" >&2
		echo 0; return
	fi
	echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}
# cpu CMD...: user + system CPU seconds of CMD (GNU time), else wall time
cpu() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S" -o "$tmp/time" "$@" > /dev/null 2>&1
		awk '{ printf "%.3f", $1 + $2 }' "$tmp/time"
	else
		secs "$@"
	fi
}
best() { printf '%s\n' "$@" | sort -n | head -1; }
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "n/a" }'; }
# cap NAME OPTION...: one capture into $tmp/NAME
cap() { d=$1; shift; "$vigie" respond capture --out "$tmp/$d" \
    --allow-same-disk bench --key "$tmp/key.pem" "$@"; }

echo "machine: $(nproc) cores, $(uname -r)"

# 1. Volatile part, best of 3.
v1=$(secs cap v1 --steps clock,processes,network,sessions)
v2=$(secs cap v2 --steps clock,processes,network,sessions)
v3=$(secs cap v3 --steps clock,processes,network,sessions)
vol=$(best "$v1" "$v2" "$v3")
peer() {
	ps auxwwf; ss -tunap; ss -xap
	command -v lsof > /dev/null && lsof -n -P
	who; last -F; lastb -F
}
p1=$(secs peer); p2=$(secs peer); p3=$(secs peer)
pt=$(best "$p1" "$p2" "$p3")
echo "volatile part: vigie ${vol} s (limit 5 s), ps+ss+lsof+who+last ${pt} s," \
    "ratio vigie/shell tools $(ratio "$vol" "$pt")"
echo "  (the shell tools only list; vigie also hashes every executable," \
    "copies the deleted ones and seals)"
[ -n "${UAC_DIR:-}" ] || echo "UAC: not packaged in Debian; set UAC_DIR" \
    "to a copy of it to compare the quick profile with it"

# 2. Quick profile, once, against UAC's live_response artifacts when a
# copy of UAC is on the machine (UAC_DIR: an unpacked release, run as
# `./uac -a 'live_response/*' DEST`); it is not packaged in Debian and
# nothing may be downloaded here, so otherwise the figure measured on
# the same planted machine in issue 19 (11 min 29 s) is the reference.
q=$(secs cap quick)
uac_ref=689
if [ -n "${UAC_DIR:-}" ] && [ -x "$UAC_DIR/uac" ]; then
	mkdir -p "$tmp/uac"
	u=$(cd "$UAC_DIR" && secs ./uac -a 'live_response/*' "$tmp/uac")
	echo "quick profile: vigie ${q} s, UAC live_response ${u} s (run" \
	    "here from $UAC_DIR), ratio vigie/UAC $(ratio "$q" "$u")"
else
	echo "quick profile: vigie ${q} s (limit 30 s); UAC live_response not" \
	    "on this machine (set UAC_DIR to run it): ${uac_ref} s measured" \
	    "on the same planted machine in issue 19, ratio vigie/UAC" \
	    "$(ratio "$q" "$uac_ref")"
fi

# 3. SHA-256 throughput, best of 3 (wall) and CPU time: the machine is
# shared, so wall times wander.
head -c 268435456 /dev/urandom > "$tmp/big.bin"
openssl dgst -sha256 "$tmp/big.bin" > /dev/null	# warm the page cache
c1=$(secs cap b1 --steps collect --collect "$tmp/big.bin")
rm -rf "$tmp/b1"
c2=$(secs cap b2 --steps collect --collect "$tmp/big.bin")
ct=$(best "$c1" "$c2")
ot=$(best "$(secs openssl dgst -sha256 "$tmp/big.bin")" \
    "$(secs openssl dgst -sha256 "$tmp/big.bin")" \
    "$(secs openssl dgst -sha256 "$tmp/big.bin")")
wt=$(best "$(secs "$vigie" respond verify "$tmp/b2")" \
    "$(secs "$vigie" respond verify "$tmp/b2")" \
    "$(secs "$vigie" respond verify "$tmp/b2")")
oc=$(best "$(cpu openssl dgst -sha256 "$tmp/big.bin")" \
    "$(cpu openssl dgst -sha256 "$tmp/big.bin")" \
    "$(cpu openssl dgst -sha256 "$tmp/big.bin")")
wc=$(best "$(cpu "$vigie" respond verify "$tmp/b2")" \
    "$(cpu "$vigie" respond verify "$tmp/b2")" \
    "$(cpu "$vigie" respond verify "$tmp/b2")")
mb() { echo "$1" | awk '{ if ($1 > 0) printf "%.0f", 256 / $1; else print "n/a" }'; }
echo "sha-256, 256 MiB: openssl dgst ${ot} s ($(mb "$ot") MiB/s)," \
    "vigie verify ${wt} s ($(mb "$wt") MiB/s), vigie --collect copy ${ct} s" \
    "($(mb "$ct") MiB/s)"
echo "  CPU time: openssl dgst ${oc} s, vigie verify ${wc} s"
echo "  throughput ratio vigie/openssl: verify $(ratio "$ot" "$wt") wall," \
    "$(ratio "$oc" "$wc") CPU; copy+hash $(ratio "$ot" "$ct") wall" \
    "(>= 0.9 asked for hashing)"
