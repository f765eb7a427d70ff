#!/bin/sh
# bench/mail.sh — how fast `vigie scan mail` checks many communes: 200
# domains, then 800 (a département), against the loopback lab of
# tests/servers/lab.sh (nsd, SMTP with STARTTLS, HTTPS for MTA-STS).
#
# No peer tool that does these checks is packaged in Debian (checkdmarc
# is only on PyPI, internet.nl is a web service), so vigie is compared
# with what a contractor would script by hand: a sequential loop of dig
# (MX, SPF, DMARC, one DKIM selector, MTA-STS, TLS-RPT) and one
# `openssl s_client -starttls smtp` per domain. That baseline does less
# than vigie (no recursive SPF count, no 14 DKIM selectors, no TLS 1.0
# probe, no DNSSEC, no policy fetch), so the ratio flatters it.
#
# Each domain d0001... has its own records; its MX is one of 20 names
# shared by all domains, as communes share a few providers. A second set
# e0001... has one MX host per domain, answering after 50 ms like a
# server far away: there the bounded concurrency (--jobs) shows. Prints
# the times and the ratios. Needs nsd, ldnsutils, dig (bind9-dnsutils),
# python3, bc.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
VIGIE=${VIGIE:-$TOP/vigie}
for t in nsd ldns-signzone dig openssl bc /usr/bin/python3; do
	if ! command -v "$t" > /dev/null 2>&1; then
		echo "bench/mail: skipped, $t is not installed (make deps)"
		exit 0
	fi
done
[ -x "$VIGIE" ] || { echo "bench/mail: build vigie first"; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-mail.XXXXXX")
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$W/lab"; rm -rf "$W"' EXIT
export VIGIE_DB="$W/vigie.db" HOME="$W"

# The bench zone: N domains d0001.bench.test..., written before the lab
# starts so nsd serves it.
mkdir -p "$W/lab"
{
	printf '$ORIGIN bench.test.\n$TTL 3600\n'
	printf '@ SOA ns.bench.test. h.bench.test. 1 3600 600 86400 300\n'
	printf '@ NS ns\nns A 127.0.0.1\n'
	i=1
	while [ $i -le 20 ]; do
		printf 'mx%02d A 127.0.0.%d\n' $i $((2 + i % 2))
		i=$((i + 1))
	done
	i=1
	while [ $i -le 800 ]; do
		d=$(printf 'd%04d' $i)
		printf '%s MX 10 mx%02d\n' $d $((1 + i % 20))
		printf '%s TXT "v=spf1 mx ip4:192.0.2.%d -all"\n' $d $((i % 250))
		printf '_dmarc.%s TXT "v=DMARC1; p=quarantine; rua=mailto:d@%s.bench.test"\n' $d $d
		printf 'mail._domainkey.%s TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="\n' $d
		printf '_smtp._tls.%s TXT "v=TLSRPTv1; rua=mailto:t@%s.bench.test"\n' $d $d
		i=$((i + 1))
	done
	i=1
	while [ $i -le 200 ]; do
		d=$(printf 'e%04d' $i)
		printf '%s MX 10 mx-%s\nmx-%s A 127.0.0.20\n' $d $d $d
		printf '%s TXT "v=spf1 mx -all"\n' $d
		i=$((i + 1))
	done
} > "$W/lab/bench.test.zone"
lab_start "$W/lab" > "$W/lab-start.log" 2>&1 || {
	cat "$W/lab-start.log"; echo "bench/mail: the lab did not start"; exit 1; }
# The far-away SMTP server, on the lab's SMTP port at 127.0.0.20.
$LAB_PY "$TOP/tests/servers/smtpd.py" "$W/lab/certs" "$W/far.pid" \
    127.0.0.20:$LAB_SMTP:starttls:mx:50 > "$W/far.log" 2>&1 &
lab_wait "$W/far.pid" || { cat "$W/far.log"; exit 1; }
trap 'kill "$(cat "$W/far.pid")"; lab_stop "$W/lab"; rm -rf "$W"' EXIT

seq_domains() {
	i=1
	while [ $i -le "$1" ]; do printf 'd%04d.bench.test\n' $i; i=$((i + 1)); done
}
seq_domains 200 > "$W/d200"
seq_domains 800 > "$W/d800"
seq_domains 200 | tr d e > "$W/e200"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

# vigie FILE JOBS: seconds for one run (output checked for errors)
run_vigie() {
	t0=$(now)
	"$VIGIE" scan mail $LAB_ARGS --timeout 5 --jobs "$2" --json \
	    --domains-file "$1" > "$W/out.json" 2> "$W/err"
	rc=$?
	t1=$(now)
	n=$(wc -l < "$W/out.json" | tr -d ' ')
	errs=$(grep -o '"status":"error"' "$W/out.json" | wc -l | tr -d ' ')
	if [ $rc -gt 1 ] || [ "$errs" != 0 ]; then
		echo "bench/mail: vigie exit $rc, $errs checks in error" >&2
		head -c 600 "$W/err" >&2
		exit 1
	fi
	echo "$(elapsed "$t0" "$t1") $n"
}

# The hand-made baseline: dig and openssl s_client, one domain after
# the other.
run_baseline() {
	dns=${LAB_DNS%:*} port=${LAB_DNS#*:}
	t0=$(now)
	while read -r d; do
		mx=$(dig +short +time=2 +tries=1 @"$dns" -p "$port" "$d" MX |
		    awk '{print $2}' | head -1)
		for q in "$d TXT" "_dmarc.$d TXT" "mail._domainkey.$d TXT" \
		    "_mta-sts.$d TXT" "_smtp._tls.$d TXT"; do
			# shellcheck disable=SC2086
			dig +short +time=2 +tries=1 @"$dns" -p "$port" $q \
			    > /dev/null
		done
		addr=$(dig +short +time=2 +tries=1 @"$dns" -p "$port" \
		    "$mx" A | head -1)
		timeout 5 openssl s_client -starttls smtp -brief \
		    -connect "$addr:$LAB_SMTP" -servername "${mx%.}" \
		    < /dev/null > /dev/null 2>&1
	done < "$1"
	t1=$(now)
	elapsed "$t0" "$t1"
}

echo "bench/mail: $(nproc) cores; lab on 127.0.0.0/8 (nsd, python SMTP/HTTPS)"
set -- $(run_vigie "$W/d200" 16); v200=$1; n200=$2
echo "vigie scan mail, 200 domains, 16 jobs:   ${v200} s  ($n200 documents)"
set -- $(run_vigie "$W/d800" 16); v800=$1; n800=$2
echo "vigie scan mail, 800 domains, 16 jobs:   ${v800} s  ($n800 documents)"
set -- $(run_vigie "$W/d200" 1); v1=$1
echo "vigie scan mail, 200 domains, 1 job:     ${v1} s"
set -- $(run_vigie "$W/e200" 16); f16=$1
echo "vigie, 200 domains, 200 MX 50 ms away, 16 jobs: ${f16} s"
set -- $(run_vigie "$W/e200" 1); f1=$1
echo "vigie, 200 domains, 200 MX 50 ms away, 1 job:   ${f1} s"
b200=$(run_baseline "$W/d200")
echo "baseline dig + openssl loop, 200 domains: ${b200} s"
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.1f'; }
echo "ratios: 800 vs 200 domains: $(ratio "$v800" "$v200")x the time;" \
    "far MX, 1 job vs 16: $(ratio "$f1" "$f16")x;" \
    "baseline vs vigie (200 domains): $(ratio "$b200" "$v200")x"
target=$(echo "$v200 < 5" | bc -l)
[ "$target" = 1 ] && echo "target met: 200 domains under 5 s" ||
    echo "target missed: 200 domains took ${v200} s (goal: under 5 s)"
