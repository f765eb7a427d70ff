#!/usr/bin/python3
"""tests/servers/mkkey4.py — make a Thunderbird/NSS key4.db for the tests.

    mkkey4.py PATH PASSWORD [pbes2|3des]

Writes table metaData with the row "password": a global salt (item1) and
"password-check" encrypted the way current NSS does (PBES2: PBKDF2-HMAC-
SHA256 over SHA-1(global salt || password), AES-256-CBC, 14-byte IV), or
with an old-style triple-DES algorithm identifier that vigie must report
as unreadable. An empty PASSWORD means no primary password. AES comes
from the openssl command (Python's standard library has none).
"""
import hashlib
import os
import sqlite3
import subprocess
import sys


def der(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + body


def seq(*parts):
    return der(0x30, b"".join(parts))


def octets(b):
    return der(0x04, b)


def integer(v):
    b = v.to_bytes((v.bit_length() + 8) // 8, "big")
    return der(0x02, b)


def oid(dotted):
    nums = [int(x) for x in dotted.split(".")]
    body = bytes([40 * nums[0] + nums[1]])
    for n in nums[2:]:
        chunk = [n & 0x7F]
        n >>= 7
        while n:
            chunk.append(0x80 | (n & 0x7F))
            n >>= 7
        body += bytes(reversed(chunk))
    return der(0x06, body)


def main():
    path, password = sys.argv[1], sys.argv[2].encode()
    kind = sys.argv[3] if len(sys.argv) > 3 else "pbes2"
    gsalt = os.urandom(20)
    salt = os.urandom(32)
    iv14 = os.urandom(14)
    iters = 1000
    pw = hashlib.sha1(gsalt + password).digest()
    key = hashlib.pbkdf2_hmac("sha256", pw, salt, iters, 32)
    iv = b"\x04\x0e" + iv14
    ct = subprocess.run(
        ["openssl", "enc", "-aes-256-cbc", "-K", key.hex(), "-iv", iv.hex()],
        input=b"password-check", capture_output=True, check=True).stdout
    if kind == "pbes2":
        alg = seq(
            oid("1.2.840.113549.1.5.13"),
            seq(seq(oid("1.2.840.113549.1.5.12"),
                    seq(octets(salt), integer(iters), integer(32),
                        seq(oid("1.2.840.113549.2.9")))),
                seq(oid("2.16.840.1.101.3.4.1.42"), octets(iv14))))
    else:
        alg = seq(oid("1.2.840.113549.1.12.5.1.3"),
                  seq(octets(salt), integer(1)))
    item2 = seq(alg, octets(ct))
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metaData (id PRIMARY KEY UNIQUE ON CONFLICT "
               "REPLACE, item1, item2)")
    db.execute("INSERT INTO metaData VALUES ('password', ?, ?)",
               (gsalt, item2))
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
