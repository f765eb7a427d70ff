#!/bin/sh
# scan mail against the loopback lab: MX, SPF, DMARC and DKIM cases, each
# served by nsd from tests/servers/lab.sh zones.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"

# st DOMAIN ID EXPECTED [SUBJECT]
st() { is "$1 $2${4:+ ($4)} is $3" "$($J "$T/out" "$1" "$2" ${4:+"$4"})" "$3"; }

run "$VIGIE" scan mail $LAB_ARGS --timeout 5 --json --jobs 4 \
    good.vg.test mail.ville-y.fr nomx.vg.test \
    nullmx.vg.test cname.vg.test ipmx.vg.test spf2.vg.test spfplus.vg.test \
    spfsoft.vg.test spfnoall.vg.test spfloop.vg.test spfmany.vg.test \
    spfvoid.vg.test spfsyntax.vg.test spfmacro.vg.test dmarcnone.vg.test \
    dmarc2.vg.test dmarcbad.vg.test dmarcext.vg.test dmarcauth.vg.test \
    dmarcpct.vg.test dkim1024.vg.test dkim512.vg.test dkimrevoked.vg.test \
    dkimhidden.vg.test nosuch.vg.test
exit_is "failures give exit 1" 1
is "one JSON document per domain" "$($J --count "$T/out")" 26

# The good domain passes everything but DNSSEC (unsigned zone).
for id in mail.mx.present mail.spf.present mail.spf.single \
    mail.spf.syntax mail.spf.lookups mail.spf.void mail.spf.all \
    mail.dmarc.present mail.dmarc.single mail.dmarc.syntax \
    mail.dmarc.policy mail.dmarc.rua; do
	st good.vg.test $id pass
done
st good.vg.test mail.dkim.selector pass default._domainkey.good.vg.test
st good.vg.test mail.dnssec warn good.vg.test
is "SPF counts mx and the include" \
    "$($J --detail "$T/out" good.vg.test mail.spf.lookups)" \
    "2 DNS lookups out of 10."
st mail.ville-y.fr mail.dmarc.present pass
contains "DMARC found at the organisational domain" "$T/out" "Inherited from ville-y.fr"

# MX
st nomx.vg.test mail.mx.present fail
st nullmx.vg.test mail.mx.present info
st nullmx.vg.test mail.dkim.selector absent
st cname.vg.test mail.mx.present warn
contains "the CNAME is named" "$T/out" "alias.vg.test is an alias (CNAME) of mx1.vg.test"
st ipmx.vg.test mail.mx.present fail
contains "the IP literal is named" "$T/out" "127.0.0.2 is an IP address"
st nosuch.vg.test mail.mx.present fail
contains "a missing domain is said so" "$T/out" "The domain nosuch.vg.test does not exist"

# SPF
st spf2.vg.test mail.spf.single fail
st spfplus.vg.test mail.spf.all fail
st spfsoft.vg.test mail.spf.all warn
st spfnoall.vg.test mail.spf.all warn
st spfloop.vg.test mail.spf.lookups fail
contains "the loop is shown" "$T/out" "loop-b.vg.test -> loop-a.vg.test"
st spfmany.vg.test mail.spf.lookups fail
contains "11 lookups counted" "$T/out" "11 DNS lookups; the limit is 10."
st spfvoid.vg.test mail.spf.void fail
st spfsyntax.vg.test mail.spf.syntax fail
contains "the unknown mechanism is named" "$T/out" "'foo:bar': unknown mechanism"
st spfmacro.vg.test mail.spf.syntax pass
# Macros are expanded for the domain before counting: %{d2}.vg.test is
# vg.test.vg.test, which has no SPF record (permerror at receivers).
st spfmacro.vg.test mail.spf.lookups fail
contains "the expanded include is named" "$T/out" "include:vg.test.vg.test has no SPF record"


# DMARC
st dmarcnone.vg.test mail.dmarc.policy warn
st dmarcnone.vg.test mail.dmarc.rua warn
st dmarc2.vg.test mail.dmarc.single fail
st dmarcbad.vg.test mail.dmarc.syntax fail
st dmarcext.vg.test mail.dmarc.rua warn
contains "the missing authorisation is named" "$T/out" "dmarcext.vg.test._report._dmarc.reports.other.test"
st dmarcauth.vg.test mail.dmarc.rua pass
st dmarcpct.vg.test mail.dmarc.policy warn

# DKIM
st dkim1024.vg.test mail.dkim.selector warn default._domainkey.dkim1024.vg.test
st dkim512.vg.test mail.dkim.selector fail default._domainkey.dkim512.vg.test
st dkimrevoked.vg.test mail.dkim.selector info mail._domainkey.dkimrevoked.vg.test
st dkimhidden.vg.test mail.dkim.selector info dkimhidden.vg.test
st spf2.vg.test mail.dkim.selector warn spf2.vg.test

# Selectors asked for: found (ed25519) or missing (a failure).
run "$VIGIE" scan mail $LAB_ARGS --json --dkim-selector ed \
    --dkim-selector nokey good.vg.test
st good.vg.test mail.dkim.selector pass ed._domainkey.good.vg.test
st good.vg.test mail.dkim.selector fail nokey._domainkey.good.vg.test
st good.vg.test mail.dkim.selector pass default._domainkey.good.vg.test

# Results are in the store, one run per domain, in French with --lang fr.
run "$VIGIE" --lang fr scan mail $LAB_ARGS spfplus.vg.test
exit_is "text output, failure exit" 1
contains "French title" "$T/out" "SPF se termine"
contains "French status" "$T/out" "[non conforme]"
runs=$($PY -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print(c.execute("select count(*) from run where kind=\"scan.mail\"").fetchone()[0])
print(c.execute("select status||\" \"||lang from finding where ref=\"mail.spf.all\" and subject=\"spfplus.vg.test\" order by id desc limit 1").fetchone()[0])' "$VIGIE_DB")
is "every domain recorded as a run" "$(echo "$runs" | head -1)" 28
is "the finding is stored with its status and language" \
    "$(echo "$runs" | tail -1)" "fail fr"

done_testing
