#!/bin/sh
# tests/servers/lab.sh — the mail lab on loopback for `vigie scan mail`
# tests: an authoritative DNS server (nsd) with one zone per group of
# cases (two of them DNSSEC-signed with ldns), SMTP servers that behave
# well or badly on 127.0.0.2-15, an HTTPS server for MTA-STS policies,
# and a hostile DNS responder. Nothing leaves 127.0.0.0/8.
#
#   . tests/servers/lab.sh; lab_start DIR    start everything, set:
#       LAB_DNS (127.0.0.1:PORT), LAB_SMTP, LAB_HTTPS (ports),
#       LAB_HOSTILE (127.0.0.1:PORT), LAB_CA (CA file), LAB_TA (trust
#       anchors), LAB_ARGS (the vigie options that point at all this)
#   lab_stop DIR                              stop what lab_start started
#
# Each server also stops by itself after 10 minutes.
set -u
LAB_PY=/usr/bin/python3
LAB_HERE=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/servers

# A free TCP+UDP port on 127.0.0.1.
lab_port() {
	$LAB_PY - <<'EOF'
import socket
for _ in range(50):
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        u.close(); t.close()
EOF
}

# Wait until FILE exists (a server wrote its pid), at most 10 s.
lab_wait() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ]
}

# The base64 SubjectPublicKeyInfo of a key, as DKIM publishes it,
# split in 200-byte strings for the zone file.
lab_dkim() {
	openssl pkey -in "$1" -pubout -outform DER 2>/dev/null | base64 -w0 |
	    fold -w 200 | sed 's/.*/"&"/' | tr '\n' ' '
}

lab_zones() {
	d=$1
	c=$d/certs
	k2048=$(lab_dkim "$d/dkim2048.key")
	k1024=$(lab_dkim "$d/dkim1024.key")
	k512=$(lab_dkim "$d/dkim512.key")
	ked=$(openssl pkey -in "$d/dkimed.key" -pubout -outform DER |
	    tail -c 32 | base64 -w0)
	spki=$(openssl x509 -in "$c/mx.pem" -pubkey -noout |
	    openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)
	spkiself=$(openssl x509 -in "$c/selfsigned.pem" -pubkey -noout |
	    openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)

	cat > "$d/vg.test.zone" <<EOF
\$ORIGIN vg.test.
\$TTL 300
@	SOA ns.vg.test. hostmaster.vg.test. 1 3600 600 86400 300
@	NS ns
ns	A 127.0.0.1
mx1	A 127.0.0.2
mx2	A 127.0.0.3
mx-plain	A 127.0.0.4
mx-wrong	A 127.0.0.5
mx-old	A 127.0.0.6
mx-soon	A 127.0.0.7
mx-self	A 127.0.0.8
mx-silent	A 127.0.0.12
mx-drip	A 127.0.0.13
mx-big	A 127.0.0.14
mx-closed	A 127.0.0.15
mx-hang	A 127.0.0.16
mx-tls10	A 127.0.0.17
mx-expired	A 127.0.0.18
mx-sha1	A 127.0.0.19
alias	CNAME mx1

; good: everything right (but not signed)
good	MX 10 mx1
good	MX 20 mx2
good	TXT "v=spf1 mx include:_spf.good.vg.test -all"
_spf.good	TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all"
_dmarc.good	TXT "v=DMARC1; p=reject; rua=mailto:dmarc@good.vg.test"
default._domainkey.good	TXT "v=DKIM1; k=rsa; p=" $k2048
ed._domainkey.good	TXT "v=DKIM1; k=ed25519; p=$ked"
_mta-sts.good	TXT "v=STSv1; id=20261125"
mta-sts.good	A 127.0.0.10
_smtp._tls.good	TXT "v=TLSRPTv1; rua=mailto:tls@good.vg.test"
; a subdomain without DMARC inherits its parent's
child.good	MX 10 mx1
child.good	TXT "v=spf1 -all"

; MX cases
nomx	A 127.0.0.2
nomx	TXT "v=spf1 -all"
nullmx	MX 0 .
nullmx	TXT "v=spf1 -all"
_dmarc.nullmx	TXT "v=DMARC1; p=reject"
cname	MX 10 alias
ipmx	MX 10 127.0.0.2.

; SPF cases
spf2	MX 10 mx1
spf2	TXT "v=spf1 -all"
spf2	TXT "v=spf1 mx -all"
spfplus	MX 10 mx1
spfplus	TXT "v=spf1 +all"
spfsoft	MX 10 mx1
spfsoft	TXT "v=spf1 mx ~all"
spfnoall	MX 10 mx1
spfnoall	TXT "v=spf1 mx"
spfloop	MX 10 mx1
spfloop	TXT "v=spf1 include:loop-a.vg.test -all"
loop-a	TXT "v=spf1 include:loop-b.vg.test -all"
loop-b	TXT "v=spf1 include:loop-a.vg.test -all"
spfmany	MX 10 mx1
spfmany	TXT "v=spf1 include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test -all"
inc	TXT "v=spf1 ip4:192.0.2.1 -all"
spfvoid	MX 10 mx1
spfvoid	TXT "v=spf1 a:nx1.vg.test a:nx2.vg.test a:nx3.vg.test -all"
spfsyntax	MX 10 mx1
spfsyntax	TXT "v=spf1 foo:bar -all"
spfmacro	MX 10 mx1
spfmacro	TXT "v=spf1 exists:%{i}.%{h}._spf.vg.test include:%{d2}.vg.test -all"

; DMARC cases
dmarcnone	MX 10 mx1
_dmarc.dmarcnone	TXT "v=DMARC1; p=none"
dmarc2	MX 10 mx1
_dmarc.dmarc2	TXT "v=DMARC1; p=reject"
_dmarc.dmarc2	TXT "v=DMARC1; p=none"
dmarcbad	MX 10 mx1
_dmarc.dmarcbad	TXT "v=DMARC1; p=maybe"
dmarcext	MX 10 mx1
_dmarc.dmarcext	TXT "v=DMARC1; p=quarantine; rua=mailto:agg@reports.other.test"
dmarcauth	MX 10 mx1
_dmarc.dmarcauth	TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.other.test"
dmarcpct	MX 10 mx1
_dmarc.dmarcpct	TXT "v=DMARC1; p=reject; pct=20; rua=mailto:d@dmarcpct.vg.test"

; DKIM cases
dkim1024	MX 10 mx1
default._domainkey.dkim1024	TXT "v=DKIM1; k=rsa; p=" $k1024
dkim512	MX 10 mx1
default._domainkey.dkim512	TXT "v=DKIM1; k=rsa; p=" $k512
dkimrevoked	MX 10 mx1
mail._domainkey.dkimrevoked	TXT "v=DKIM1; k=rsa; p="
dkimhidden	MX 10 mx1
_domainkey.dkimhidden	TXT "keys live elsewhere"

; MTA-STS cases (policies in policies/)
testing	MX 10 mx1
_mta-sts.testing	TXT "v=STSv1; id=1"
mta-sts.testing	A 127.0.0.10
nomatch	MX 10 mx1
_mta-sts.nomatch	TXT "v=STSv1; id=1"
mta-sts.nomatch	A 127.0.0.10
redirect	MX 10 mx1
_mta-sts.redirect	TXT "v=STSv1; id=1"
mta-sts.redirect	A 127.0.0.10
big	MX 10 mx1
_mta-sts.big	TXT "v=STSv1; id=1"
mta-sts.big	A 127.0.0.10
slow	MX 10 mx1
_mta-sts.slow	TXT "v=STSv1; id=1"
mta-sts.slow	A 127.0.0.10
syntax	MX 10 mx1
_mta-sts.syntax	TXT "v=STSv1; id=1"
mta-sts.syntax	A 127.0.0.10
badname	MX 10 mx1
_mta-sts.badname	TXT "v=STSv1; id=1"
mta-sts.badname	A 127.0.0.11
stsbadrec	MX 10 mx1
_mta-sts.stsbadrec	TXT "v=STSv1; id=not-alnum!"
_smtp._tls.stsbadrec	TXT "v=TLSRPTv1"

; issue 15: counting and wildcards
spfexists	MX 10 mx1
spfexists	TXT "v=spf1 exists:nx1.vg.test exists:nx2.vg.test exists:nx3.vg.test -all"
spfmacinc	MX 10 mx1
spfmacinc	TXT "v=spf1 include:_s.%{d} -all"
_s.spfmacinc	TXT "v=spf1 include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test include:inc.vg.test -all"
spfaempty	MX 10 mx1
spfaempty	TXT "v=spf1 a: -all"
wild	MX 10 mx1
wild	TXT "v=spf1 mx -all"
*.wild	TXT "v=spf1 -all"
dmarccase	MX 10 mx1
_dmarc.dmarccase	TXT "v=DMARC1; p=Reject; rua=mailto:d@dmarccase.vg.test"
nrua	MX 10 mx1
_smtp._tls.nrua	TXT "v=TLSRPTv1; nrua=mailto:tls@nrua.vg.test"
dkimsha1	MX 10 mx1
default._domainkey.dkimsha1	TXT "v=DKIM1; h=sha1; k=rsa; p=" $k2048

; SMTP cases
plain	MX 10 mx-plain
wrongcert	MX 10 mx-wrong
old	MX 10 mx-old
soon	MX 10 mx-soon
self	MX 10 mx-self
silent	MX 10 mx-silent
drip	MX 10 mx-drip
bigbanner	MX 10 mx-big
closed	MX 10 mx-closed
hangtls	MX 10 mx-hang
tls10	MX 10 mx-tls10
expired	MX 10 mx-expired
sha1	MX 10 mx-sha1
EOF

	cat > "$d/other.test.zone" <<EOF
\$ORIGIN other.test.
\$TTL 300
@	SOA ns.other.test. hostmaster.other.test. 1 3600 600 86400 300
@	NS ns.vg.test.
dmarcauth.vg.test._report._dmarc.reports	TXT "v=DMARC1"
EOF

	cat > "$d/sec.test.zone" <<EOF
\$ORIGIN sec.test.
\$TTL 300
@	SOA ns.sec.test. hostmaster.sec.test. 1 3600 600 86400 300
@	NS ns
ns	A 127.0.0.1
@	MX 10 mx
@	TXT "v=spf1 mx -all"
_dmarc	TXT "v=DMARC1; p=reject; rua=mailto:d@sec.test"
mx	A 127.0.0.9
_25._tcp.mx	TLSA 3 1 1 $spki
; DANE-EE (usage 3) pinning a self-signed certificate
danese	MX 10 mx-self
mx-self	A 127.0.0.8
_25._tcp.mx-self	TLSA 3 1 1 $spkiself
danebad	MX 10 mx-bad
mx-bad	A 127.0.0.9
_25._tcp.mx-bad	TLSA 3 1 1 0000000000000000000000000000000000000000000000000000000000000000
EOF

	cat > "$d/bogus.test.zone" <<EOF
\$ORIGIN bogus.test.
\$TTL 300
@	SOA ns.bogus.test. hostmaster.bogus.test. 1 3600 600 86400 300
@	NS ns
ns	A 127.0.0.1
@	MX 10 mx
@	TXT "v=spf1 -all"
mx	A 127.0.0.9
EOF

	# A public suffix (asso.fr) and a commune's own domain (ville-y.fr).
	cat > "$d/asso.fr.zone" <<EOF
\$ORIGIN asso.fr.
\$TTL 300
@	SOA ns.vg.test. hostmaster.vg.test. 1 3600 600 86400 300
@	NS ns.vg.test.
_dmarc	TXT "v=DMARC1; p=reject"
mairie-x	MX 10 mx1.vg.test.
mairie-x	TXT "v=spf1 -all"
EOF
	cat > "$d/ville-y.fr.zone" <<EOF
\$ORIGIN ville-y.fr.
\$TTL 300
@	SOA ns.vg.test. hostmaster.vg.test. 1 3600 600 86400 300
@	NS ns.vg.test.
@	MX 10 mx1.vg.test.
_dmarc	TXT "v=DMARC1; p=reject"
mail	MX 10 mx1.vg.test.
mail	TXT "v=spf1 -all"
EOF
	# forged.test: signed, then its SPF changed (the signature no
	# longer matches).
	cat > "$d/forged.test.zone" <<EOF
\$ORIGIN forged.test.
\$TTL 300
@	SOA ns.forged.test. hostmaster.forged.test. 1 3600 600 86400 300
@	NS ns
ns	A 127.0.0.1
@	MX 10 mx
@	TXT "v=spf1 -all"
_dmarc	TXT "v=DMARC1; p=reject"
mx	A 127.0.0.9
EOF

	# Sign sec.test properly and bogus.test with signatures long
	# expired; their keys are the trust anchors.
	(cd "$d" &&
	for z in sec.test bogus.test forged.test; do
		ksk=$(ldns-keygen -a ECDSAP256SHA256 -k $z)
		zsk=$(ldns-keygen -a ECDSAP256SHA256 $z)
		if [ $z = bogus.test ]; then
			ldns-signzone -i 20200101000000 -e 20200201000000 \
			    -f $z.zone.signed $z.zone "$ksk" "$zsk"
		else
			ldns-signzone -f $z.zone.signed $z.zone "$ksk" "$zsk"
		fi
		cat "$ksk.key" >> trust-anchors
		rm -f "$ksk.private" "$zsk.private" "$ksk.ds" "$zsk.ds"
	done
	sed -i 's/"v=spf1 -all"/"v=spf1 +all"/' forged.test.zone.signed)
}

lab_policies() {
	p=$1/policies
	mkdir -p "$p"
	printf 'version: STSv1\r\nmode: enforce\r\nmx: mx1.vg.test\r\nmx: *.vg.test\r\nmax_age: 604800\r\n' \
	    > "$p/mta-sts.good.vg.test.txt"
	printf 'version: STSv1\nmode: testing\nmx: *.vg.test\nmax_age: 86400\n' \
	    > "$p/mta-sts.testing.vg.test.txt"
	printf 'version: STSv1\nmode: enforce\nmx: mail.example.org\nmax_age: 604800\n' \
	    > "$p/mta-sts.nomatch.vg.test.txt"
	printf 'version STSv1\nmode: sometimes\n' > "$p/mta-sts.syntax.vg.test.txt"
	echo "https://mta-sts.good.vg.test/.well-known/mta-sts.txt" \
	    > "$p/mta-sts.redirect.vg.test.redirect"
	: > "$p/mta-sts.big.vg.test.big"
	: > "$p/mta-sts.slow.vg.test.slow"
	printf 'version: STSv1\nmode: enforce\nmx: *.vg.test\nmax_age: 604800\n' \
	    > "$p/mta-sts.badname.vg.test.txt"
}

lab_start() {
	d=$1
	mkdir -p "$d"
	sh "$LAB_HERE/mkca.sh" "$d/certs" || return 1
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
	    -out "$d/dkim2048.key" 2>/dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 \
	    -out "$d/dkim1024.key" 2>/dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 \
	    -out "$d/dkim512.key" 2>/dev/null
	openssl genpkey -algorithm ED25519 -out "$d/dkimed.key" 2>/dev/null
	lab_zones "$d" > "$d/zones.log" 2>&1 || { cat "$d/zones.log"; return 1; }
	lab_policies "$d"

	dns=$(lab_port)
	cat > "$d/nsd.conf" <<EOF
server:
	ip-address: 127.0.0.1@$dns
	port: $dns
	username: ""
	chroot: ""
	zonesdir: "$d"
	database: ""
	pidfile: "$d/nsd.pid"
	xfrdfile: "$d/xfrd.state"
	zonelistfile: "$d/zone.list"
	logfile: "$d/nsd.log"
	server-count: 1
	tcp-count: 64
	verbosity: 1
	hide-version: yes
	hide-identity: yes
	# Response rate limiting would drop the lab's bursts of queries.
	rrl-ratelimit: 0
remote-control:
	control-enable: no
zone:
	name: vg.test
	zonefile: vg.test.zone
zone:
	name: other.test
	zonefile: other.test.zone
zone:
	name: sec.test
	zonefile: sec.test.zone.signed
zone:
	name: bogus.test
	zonefile: bogus.test.zone.signed
zone:
	name: forged.test
	zonefile: forged.test.zone.signed
zone:
	name: asso.fr
	zonefile: asso.fr.zone
zone:
	name: ville-y.fr
	zonefile: ville-y.fr.zone
EOF
	if [ -f "$d/bench.test.zone" ]; then
		printf 'zone:\n\tname: bench.test\n\tzonefile: bench.test.zone\n' \
		    >> "$d/nsd.conf"
	fi
	nsd -c "$d/nsd.conf" || { cat "$d/nsd.log"; return 1; }
	lab_wait "$d/nsd.pid" || return 1

	smtp=$(lab_port)
	$LAB_PY "$LAB_HERE/smtpd.py" "$d/certs" "$d/smtpd.pid" \
	    127.0.0.2:$smtp:starttls 127.0.0.3:$smtp:starttls \
	    127.0.0.4:$smtp:plain 127.0.0.5:$smtp:starttls:wrong \
	    127.0.0.6:$smtp:oldtls 127.0.0.7:$smtp:starttls:soon \
	    127.0.0.8:$smtp:starttls:selfsigned 127.0.0.9:$smtp:starttls \
	    127.0.0.12:$smtp:silent 127.0.0.13:$smtp:drip \
	    127.0.0.14:$smtp:bigbanner 127.0.0.16:$smtp:hangtls \
	    127.0.0.17:$smtp:tls10only 127.0.0.18:$smtp:starttls:expired 127.0.0.19:$smtp:starttls:sha1 \
	    > "$d/smtpd.log" 2>&1 &
	https=$(lab_port)
	$LAB_PY "$LAB_HERE/httpsd.py" "$d/certs" "$d/httpsd.pid" \
	    "$d/policies" 127.0.0.10:$https:sts 127.0.0.11:$https:wrong \
	    > "$d/httpsd.log" 2>&1 &
	hostile=$(lab_port)
	$LAB_PY "$LAB_HERE/hostile-dns.py" 127.0.0.1 $hostile \
	    "$d/hostile.pid" > "$d/hostile.log" 2>&1 &
	lab_wait "$d/smtpd.pid" && lab_wait "$d/httpsd.pid" &&
	    lab_wait "$d/hostile.pid" || { cat "$d"/*.log; return 1; }
	LAB_DNS=127.0.0.1:$dns
	LAB_SMTP=$smtp
	LAB_HTTPS=$https
	LAB_HOSTILE=127.0.0.1:$hostile
	LAB_CA=$d/certs/ca.pem
	LAB_TA=$d/trust-anchors
	LAB_ARGS="--resolver $LAB_DNS --smtp-port $LAB_SMTP --https-port $LAB_HTTPS --ca-file $LAB_CA --trust-anchor $LAB_TA"
	export LAB_DNS LAB_SMTP LAB_HTTPS LAB_HOSTILE LAB_CA LAB_TA LAB_ARGS
}

lab_stop() {
	for f in "$1"/nsd.pid "$1"/smtpd.pid "$1"/httpsd.pid "$1"/hostile.pid; do
		[ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	return 0
}
