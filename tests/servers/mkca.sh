#!/bin/sh
# tests/servers/mkca.sh DIR — a throw-away certificate authority and the
# server certificates the mail tests need, made with the openssl CLI.
#
#   DIR/ca.pem            the test CA (what --ca-file points at)
#   DIR/NAME.pem/.key     a certificate for NAME signed by the CA:
#     mx          mx1.vg.test, mx2.vg.test, mx.sec.test, mx.bench.test
#     sts         mta-sts.<each test domain>
#     wrong       wrong.example (served where an MX name is expected)
#     soon        mx-soon.vg.test, valid only 5 more days
#     selfsigned  mx-self.vg.test, not signed by the CA
#
# Keys are EC P-256: fast to make, so a test run costs little CPU.
set -eu
d=$1
mkdir -p "$d"
cd "$d"

newkey() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }

newkey ca.key
openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=vigie test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem 2>/dev/null

# sign NAME DAYS SAN...
sign() {
	name=$1 days=$2; shift 2
	san=""
	for h in "$@"; do san="${san:+$san,}DNS:$h"; done
	newkey "$name.key"
	openssl req -new -key "$name.key" -subj "/CN=$1" -out "$name.csr" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san" > "$name.ext"
	openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key \
	    -CAcreateserial -days "$days" -sha256 -extfile "$name.ext" \
	    -out "$name.pem" 2>/dev/null
	rm -f "$name.csr" "$name.ext"
}

sign mx 60 mx1.vg.test mx2.vg.test mx-old.vg.test mx.sec.test \
    mx.bogus.test mx.bench.test
sts=""
for dom in good.vg.test testing.vg.test nomatch.vg.test redirect.vg.test \
    big.vg.test badname.vg.test slow.vg.test syntax.vg.test; do
	sts="$sts mta-sts.$dom"
done
# shellcheck disable=SC2086
sign sts 60 $sts
sign wrong 60 wrong.example
sign soon 5 mx-soon.vg.test

newkey selfsigned.key
openssl req -x509 -new -key selfsigned.key -sha256 -days 30 \
    -subj "/CN=mx-self.vg.test" -addext "subjectAltName=DNS:mx-self.vg.test" \
    -out selfsigned.pem 2>/dev/null
