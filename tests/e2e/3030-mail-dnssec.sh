#!/bin/sh
# scan mail: DNSSEC and DANE against zones signed by the test (ldns):
# sec.test signed and valid with a matching TLSA, danebad.sec.test with a
# TLSA that matches nothing, bogus.test with expired signatures.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"
st() { is "$1 $2${4:+ ($4)} is $3" "$($J "$T/out" "$1" "$2" ${4:+"$4"})" "$3"; }

run "$VIGIE" scan mail $LAB_ARGS --json sec.test danebad.sec.test \
    bogus.test good.vg.test
exit_is "failures give exit 1" 1
st sec.test mail.dnssec pass sec.test
st sec.test mail.dnssec pass mx.sec.test
st sec.test mail.dane.tlsa pass mx.sec.test
st sec.test mail.starttls.offered pass mx.sec.test
st danebad.sec.test mail.dane.tlsa fail mx-bad.sec.test
contains "the mismatch is said" "$T/out" "The 1 TLSA record at _25._tcp.mx-bad.sec.test does not match"
st bogus.test mail.dnssec fail bogus.test
contains "the validator's reason is given" "$T/out" "signature expired"
st bogus.test mail.dnssec fail mx.bogus.test
# Validation failing does not stop the other checks.
st bogus.test mail.spf.present pass
st good.vg.test mail.dnssec warn good.vg.test

done_testing
