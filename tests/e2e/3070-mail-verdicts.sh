#!/bin/sh
# scan mail: no false verdicts (issue 15). DNSSEC states through an
# authoritative-only resolver, no validation state shared between
# domains, records taken from validated answers, the public suffix list
# for DMARC, a wildcard TXT under DKIM, SPF counting, and the smaller
# cases: DMARC case, TLS-RPT nrua=, DKIM h=sha1.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"
st() { is "$1 $2${4:+ ($4)} is $3" "$($J "$T/out" "$1" "$2" ${4:+"$4"})" "$3"; }
# The lab without its trust anchors: the root key, through nsd (which
# serves no root zone, so no chain of trust can be built).
NOTA="--resolver $LAB_DNS --smtp-port $LAB_SMTP --https-port $LAB_HTTPS --ca-file $LAB_CA"

# 1. Root key through an authoritative-only server: error, not fail.
if [ -r /usr/share/dns/root.key ]; then
	run "$VIGIE" scan mail $NOTA --timeout 5 --json good.vg.test sec.test
	st good.vg.test mail.dnssec error good.vg.test
	st good.vg.test mail.dnssec error mx1.vg.test
	st sec.test mail.dnssec error sec.test
	contains "the advice is given" "$T/out" "Run without --resolver"
	lacks "no state leaks from one domain to the next" "$T/out" \
	    "previous validation failure"
	st good.vg.test mail.dane.tlsa info mx1.vg.test
	st sec.test mail.dane.tlsa error mx.sec.test
else
	skip "root key" "dns-root-data is not installed"
fi

# With the lab's anchors: a bogus zone first, then a good one in the
# same run and thread: the good one is unaffected.
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --jobs 1 --json bogus.test \
    sec.test good.vg.test
st bogus.test mail.dnssec fail bogus.test
st sec.test mail.dnssec pass sec.test
st sec.test mail.dane.tlsa pass mx.sec.test
st good.vg.test mail.dnssec warn good.vg.test
st good.vg.test mail.dane.tlsa info mx1.vg.test

# 2. A TXT changed after signing is not used.
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json forged.test
st forged.test mail.spf.present fail
contains "the forged record is named" "$T/out" "forged.test TXT fails DNSSEC validation"
lacks "the forged SPF is not evaluated" "$T/out" "+all"
st forged.test mail.dnssec fail forged.test
st forged.test mail.dmarc.present pass

# 3. The public suffix list: asso.fr is a suffix, ville-y.fr is not.
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json mairie-x.asso.fr \
    mail.ville-y.fr
st mairie-x.asso.fr mail.dmarc.present fail
lacks "nothing inherited from a public suffix" "$T/out" "Inherited from asso.fr"
st mail.ville-y.fr mail.dmarc.present pass
contains "the organisational domain is said" "$T/out" "Inherited from ville-y.fr"

# 4-6. Wildcard, SPF counting, smaller cases.
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json wild.vg.test \
    spfexists.vg.test spfmacinc.vg.test spfaempty.vg.test \
    dmarccase.vg.test nrua.vg.test dkimsha1.vg.test
st wild.vg.test mail.dkim.selector warn
contains "the wildcard is reported" "$T/out" "wildcard"
lacks "no key judged from the wildcard" "$T/out" "v= must come first"
st spfexists.vg.test mail.spf.void fail
st spfmacinc.vg.test mail.spf.lookups fail
st spfaempty.vg.test mail.spf.syntax fail
st dmarccase.vg.test mail.dmarc.syntax pass
st dmarccase.vg.test mail.dmarc.policy pass
st nrua.vg.test mail.tlsrpt.present fail
st dkimsha1.vg.test mail.dkim.selector fail default._domainkey.dkimsha1.vg.test

# --sender-ip: check_host() for a sending server, with the whole scan.
f() { $PY -c 'import json,sys
for l in open(sys.argv[1]):
    for c in json.loads(l)["checks"]:
        if c["id"] == "mail.spf.sender":
            print(c["status"], c["result"], c["ip"], c["mechanism"])' "$1"; }
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json --sender-ip 192.0.2.7 \
    good.vg.test
is "a listed server passes, through the include" "$(f "$T/out")" \
    "pass pass 192.0.2.7 include:_spf.good.vg.test"
contains "the path is shown" "$T/out" "good.vg.test > _spf.good.vg.test"
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json --sender-ip 198.51.100.1 \
    --helo out.example.net --sender bulletin@good.vg.test good.vg.test
is "another server fails on -all" "$(f "$T/out")" "fail fail 198.51.100.1 -all"
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json --sender-ip 2001:db8::1 \
    spfsoft.vg.test
is "softfail is a failure" "$(f "$T/out")" "fail softfail 2001:db8::1 ~all"
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json --sender-ip 192.0.2.7 \
    --sender x@spfnoall.vg.test
is "sender only: neutral is a warning" "$(f "$T/out")" "warn neutral 192.0.2.7 None"
is "sender only: one check" "$($J "$T/out" spfnoall.vg.test mail.mx.present)" absent
run "$VIGIE" scan mail $LAB_ARGS --helo x.example.net good.vg.test
exit_is "--helo without --sender-ip is a usage error" 2
run "$VIGIE" scan mail $LAB_ARGS --sender-ip 300.1.1.1 good.vg.test
exit_is "a bad IP is a usage error" 2

# 6. TLS: DANE-EE pins a self-signed certificate; expired an hour ago;
# STARTTLS accepted then silence; a TLS 1.0-only server.
run "$VIGIE" scan mail $LAB_ARGS --timeout 3 --json danese.sec.test \
    expired.vg.test hangtls.vg.test tls10.vg.test
st danese.sec.test mail.dane.tlsa pass mx-self.sec.test
st danese.sec.test mail.tls.cert pass mx-self.sec.test
st expired.vg.test mail.tls.cert fail mx-expired.vg.test
st hangtls.vg.test mail.starttls.offered error mx-hang.vg.test
st tls10.vg.test mail.tls.version fail mx-tls10.vg.test
contains "the version offered is named" "$T/out" "only speaks TLSv1"
lacks "no OpenSSL words" "$T/out" "unexpected eof"

# TLS parameters of each MX (as internet.nl, NCSC-NL/ANSSI).
run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json good.vg.test sha1.vg.test
st good.vg.test mail.tls.params pass,pass
contains "the parameters are named" "$T/out" "key exchange x25519 (253 bits)"
st sha1.vg.test mail.tls.params fail mx-sha1.vg.test
contains "SHA-1 is named" "$T/out" "SHA-1 and MD5 are insufficient"

# https_proxy is not used for the MTA-STS policy.
https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
    run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json good.vg.test
st good.vg.test mail.mtasts.policy pass

# 7. Words: the domain in the advice, plurals, French for library words.
run "$VIGIE" --lang fr scan mail $LAB_ARGS --timeout 5 sec.test bogus.test
contains "the domain replaces the placeholder" "$T/out" "_mta-sts.sec.test"
lacks "no DOMAINE placeholder" "$T/out" "DOMAINE"
contains "singular: 1 requête" "$T/out" "1 requête DNS sur 10"
lacks "no '1 requêtes'" "$T/out" "1 requêtes"
contains "the validator's reason in French" "$T/out" "les signatures ont expiré"

done_testing
