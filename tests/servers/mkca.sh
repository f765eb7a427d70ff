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
#     sha1        mx-sha1.vg.test, signed with SHA-1
#     expired     mx-expired.vg.test, expired an hour ago
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
# sha1: mx-sha1.vg.test, signed by the CA with SHA-1 (insufficient).
newkey sha1.key
openssl req -new -key sha1.key -subj "/CN=mx-sha1.vg.test" -out sha1.csr 2>/dev/null
printf 'subjectAltName=DNS:mx-sha1.vg.test\nextendedKeyUsage=serverAuth\n' > sha1.ext
openssl x509 -req -in sha1.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days 60 -sha1 -extfile sha1.ext -out sha1.pem 2>/dev/null
rm -f sha1.csr sha1.ext

newkey selfsigned.key
openssl req -x509 -new -key selfsigned.key -sha256 -days 30 \
    -subj "/CN=mx-self.vg.test" -addext "subjectAltName=DNS:mx-self.vg.test" \
    -out selfsigned.pem 2>/dev/null

# expired: mx-expired.vg.test, signed by the CA, expired an hour ago
# (the openssl CLI of Debian 12 cannot date a certificate in the past).
/usr/bin/python3 - <<'PYEOF'
import datetime
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
ca_key = serialization.load_pem_private_key(open("ca.key", "rb").read(), None)
ca = x509.load_pem_x509_certificate(open("ca.pem", "rb").read())
key = ec.generate_private_key(ec.SECP256R1())
now = datetime.datetime.utcnow()
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mx-expired.vg.test")])
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now - datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("mx-expired.vg.test")]), critical=False)
        .add_extension(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256()))
open("expired.pem", "wb").write(cert.public_bytes(serialization.Encoding.PEM))
open("expired.key", "wb").write(key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption()))
PYEOF
