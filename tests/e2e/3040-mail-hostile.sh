#!/bin/sh
# scan mail against hostile servers: a DNS responder that truncates,
# loops, sends 64 KB TXT, wrong types, broken data or nothing; SMTP
# servers that never answer, drip a byte a second, send a 1 MB banner
# or refuse; MTA-STS policies of 10 MB or served a byte a second. Each
# case must end in status "error" with its reason, within the timeout.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"
st() { is "$1 $2${4:+ ($4)} is $3" "$($J "$T/out" "$1" "$2" ${4:+"$4"})" "$3"; }
reason() { contains "$1: $2" "$T/out" "$2"; }

# The hostile DNS responder, one domain per behaviour. The trust anchor
# covers another zone, so these names are simply unsigned.
for b in trunc loop big wrongtype badrdata silent; do
	run timeout 60 "$VIGIE" scan mail --resolver "$LAB_HOSTILE" \
	    --trust-anchor "$LAB_TA" --timeout 2 --json $b.hostile.test
	exit_is "$b: ends with exit 2 (errors only)" 2
	st $b.hostile.test mail.mx.present error
done
run "$VIGIE" scan mail --resolver "$LAB_HOSTILE" --trust-anchor "$LAB_TA" \
    --timeout 2 --json big.hostile.test
st big.hostile.test mail.spf.present error
reason big "the answer is 64248 bytes, more than the 16384 vigie reads"
run "$VIGIE" scan mail --resolver "$LAB_HOSTILE" --trust-anchor "$LAB_TA" \
    --timeout 2 --json wrongtype.hostile.test
st wrongtype.hostile.test mail.spf.present error
reason wrongtype "records of the wrong type or a broken server"
run "$VIGIE" scan mail --resolver "$LAB_HOSTILE" --trust-anchor "$LAB_TA" \
    --timeout 2 --json badrdata.hostile.test
st badrdata.hostile.test mail.spf.present error
reason badrdata "TXT: a malformed record"
run "$VIGIE" scan mail --resolver "$LAB_HOSTILE" --trust-anchor "$LAB_TA" \
    --timeout 2 --json loop.hostile.test trunc.hostile.test
st loop.hostile.test mail.spf.present error
st trunc.hostile.test mail.spf.present error
reason "loop and trunc" "the server answered SERVFAIL"
run "$VIGIE" scan mail --resolver "$LAB_HOSTILE" --trust-anchor "$LAB_TA" \
    --timeout 2 --json silent.hostile.test
reason silent "no answer within 2000 ms"

# A server that answers MX and drops every other question: the domain's
# time budget (three timeouts) ends it.
run timeout 60 "$VIGIE" scan mail --resolver "$LAB_HOSTILE" \
    --trust-anchor "$LAB_TA" --timeout 1 --json txtsilent.hostile.test
exit_is "txtsilent: ends with exit 2" 2
st txtsilent.hostile.test mail.mx.present error
st txtsilent.hostile.test mail.spf.present error
reason txtsilent "the time allowed for this domain"

# Hostile SMTP servers and policies, all at once with a 3 s timeout.
run timeout 60 "$VIGIE" scan mail $LAB_ARGS --timeout 3 --json \
    silent.vg.test drip.vg.test bigbanner.vg.test closed.vg.test \
    big.vg.test slow.vg.test
st silent.vg.test mail.starttls.offered error mx-silent.vg.test
reason silent "banner: no complete reply within the time allowed (0 bytes received)"
st drip.vg.test mail.starttls.offered error mx-drip.vg.test
reason drip "banner: no complete reply within the time allowed"
st bigbanner.vg.test mail.starttls.offered error mx-big.vg.test
reason bigbanner "banner: a reply line longer than 1000 bytes"
st closed.vg.test mail.starttls.offered error mx-closed.vg.test
reason closed "Connection refused"
st big.vg.test mail.mtasts.policy error
reason "10 MB policy" "the policy is larger than 65536 bytes"
st slow.vg.test mail.mtasts.policy error
reason "slow policy" "timed out"

done_testing
