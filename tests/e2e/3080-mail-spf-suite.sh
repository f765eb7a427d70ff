#!/bin/sh
# scan mail --sender-ip: every case of the openspf RFC 7208 test suite
# (/work/shared/conformance/spf, copied in tests/data/spf/), each against
# a DNS server loaded from its scenario's zonedata
# (tests/servers/spfdns.py). Prints the agreement count.
. "$TOP/tests/e2e/lib.sh"
exec $PY "$TOP/tests/servers/spfsuite.py" "$VIGIE" \
    "$TOP/tests/data/spf/rfc7208-tests.yml" "$T"
