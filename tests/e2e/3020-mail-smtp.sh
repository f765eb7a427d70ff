#!/bin/sh
# scan mail against the loopback lab: STARTTLS, TLS version and
# certificate on each MX (SMTP servers on 127.0.0.2-8), MTA-STS policies
# over HTTPS (127.0.0.10-11) and TLS-RPT.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"
st() { is "$1 $2${4:+ ($4)} is $3" "$($J "$T/out" "$1" "$2" ${4:+"$4"})" "$3"; }

run "$VIGIE" scan mail $LAB_ARGS --timeout 4 --json --jobs 6 \
    good.vg.test plain.vg.test wrongcert.vg.test old.vg.test soon.vg.test \
    self.vg.test testing.vg.test nomatch.vg.test redirect.vg.test \
    syntax.vg.test badname.vg.test stsbadrec.vg.test
exit_is "failures give exit 1" 1

for h in mx1.vg.test mx2.vg.test; do
	st good.vg.test mail.starttls.offered pass $h
	st good.vg.test mail.tls.version pass $h
	st good.vg.test mail.tls.cert pass $h
	st good.vg.test mail.dane.tlsa info $h
done
contains "TLS 1.3 negotiated with the good MX" "$T/out" "TLSv1.3 negotiated; TLS 1.0 and 1.1 refused."
st good.vg.test mail.mtasts.record pass
st good.vg.test mail.mtasts.policy pass
st good.vg.test mail.tlsrpt.present pass

st plain.vg.test mail.starttls.offered fail mx-plain.vg.test
st plain.vg.test mail.tls.version absent
st wrongcert.vg.test mail.starttls.offered pass mx-wrong.vg.test
st wrongcert.vg.test mail.tls.cert warn mx-wrong.vg.test
contains "the name mismatch is said" "$T/out" "not valid for mx-wrong.vg.test: the certificate is for another name"
st old.vg.test mail.tls.version fail mx-old.vg.test
st soon.vg.test mail.tls.cert warn mx-soon.vg.test
# The lab made it valid 5 days from then: 4 days and some hours are left,
# or exactly 5 when the clock has not moved a second since.
soon=$($J --detail "$T/out" soon.vg.test mail.tls.cert)
case $soon in
"The certificate expires in 4 days."|"The certificate expires in 5 days.")
	_ok "the expiry is counted" ;;
*)	_notok "the expiry is counted"; diag "got: $soon" ;;
esac
st self.vg.test mail.tls.cert warn mx-self.vg.test
contains "self-signed is said" "$T/out" "the certificate is self-signed"

st testing.vg.test mail.mtasts.policy warn
st nomatch.vg.test mail.mtasts.policy fail
contains "the uncovered MX is named" "$T/out" "MX not listed in the policy: mx1.vg.test"
st redirect.vg.test mail.mtasts.policy fail
contains "the redirect is refused" "$T/out" "RFC 8461 forbids following it"
st syntax.vg.test mail.mtasts.policy fail
st badname.vg.test mail.mtasts.policy fail
contains "the HTTPS name mismatch is said" "$T/out" "mta-sts.badname.vg.test"
st stsbadrec.vg.test mail.mtasts.record fail
st stsbadrec.vg.test mail.mtasts.policy absent
st stsbadrec.vg.test mail.tlsrpt.present fail
st plain.vg.test mail.mtasts.record warn
st plain.vg.test mail.tlsrpt.present warn

# Under MTA-STS enforce a certificate problem is a failure: the good
# domain's policy covers *.vg.test, and its CA is not trusted here.
run "$VIGIE" scan mail --resolver "$LAB_DNS" --smtp-port "$LAB_SMTP" \
    --https-port "$LAB_HTTPS" --trust-anchor "$LAB_TA" --json good.vg.test
st good.vg.test mail.mtasts.policy fail
st good.vg.test mail.tls.cert warn mx1.vg.test

# The --address check: a consumer mailbox fails, the own domain passes.
run "$VIGIE" scan mail $LAB_ARGS --json --address mairie.exemple@orange.fr plain.vg.test
st plain.vg.test mail.provider.consumer fail mairie.exemple@orange.fr
run "$VIGIE" scan mail $LAB_ARGS --json --address mairie@good.vg.test good.vg.test
st good.vg.test mail.provider.consumer pass mairie@good.vg.test
exit_is "the good domain has no failure" 0

# Without --address, the profile's address is used, and its domain.
run "$VIGIE" profile set email secretariat@wanadoo.fr
run "$VIGIE" profile set domain good.vg.test
run "$VIGIE" scan mail $LAB_ARGS --json
is "the profile's domain is checked" "$($J --count "$T/out")" 1
st good.vg.test mail.provider.consumer fail secretariat@wanadoo.fr

# libcurl is loaded only when scan mail runs; where it cannot be, the
# policy is reported as not checked, never as passed.
mkdir -p "$T/nolib"
: > "$T/nolib/libcurl.so.4"
run env LD_LIBRARY_PATH="$T/nolib" "$VIGIE" scan mail $LAB_ARGS --json good.vg.test
st good.vg.test mail.mtasts.record pass
st good.vg.test mail.mtasts.policy info
contains "the reason names libcurl" "$T/out" "libcurl"
run ldd "$VIGIE"
lacks "vigie is not linked with libcurl (loaded on demand)" "$T/out" "libcurl"

done_testing
