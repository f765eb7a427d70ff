# 5002 — golden cases that must fail: verify passes on an intact capture
# and fails, naming the cause, when an artifact, SHA256SUMS, the manifest,
# the signature or the custody log was changed.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk "test" \
    --steps clock,sessions --key "$T/key.pem"
exit_is "capture" 0
fpr=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["signature"]["key_fingerprint_sha256"])' "$T/cap/manifest.json")

run "$VIGIE" respond verify "$T/cap"
exit_is "intact capture: exit 0" 0
contains "says intact" "$T/out" "intact"
run "$VIGIE" respond verify --fingerprint "$fpr" "$T/cap"
exit_is "intact with the expected key fingerprint" 0

# case NAME: a fresh copy of the capture in $T/NAME
case_dir() { rm -rf "$T/$1"; cp -a "$T/cap" "$T/$1"; echo "$T/$1"; }
sqlite() { $PY -c 'import sqlite3,sys
db=sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()' "$@"; }

d=$(case_dir byte)
printf 'X' | dd of="$d/01-clock/clock.json" bs=1 seek=5 conv=notrunc 2>/dev/null
run "$VIGIE" respond verify "$d"
exit_is "one byte changed: exit 1" 1
contains "names the altered artifact" "$T/out" "01-clock/clock.json was altered"

d=$(case_dir removed)
rm "$d/01-clock/clock.json"
run "$VIGIE" respond verify "$d"
exit_is "artifact removed: exit 1" 1
contains "names the missing artifact" "$T/out" "01-clock/clock.json is missing"

d=$(case_dir removed-line)
rm "$d/01-clock/clock.json"
grep -v '01-clock/clock.json' "$d/SHA256SUMS" > "$T/s" && cat "$T/s" > "$d/SHA256SUMS"
(cd "$d" && sha256sum -c --quiet SHA256SUMS) > /dev/null 2>&1
is "sha256sum alone is fooled by removing the line too" "$?" 0
run "$VIGIE" respond verify "$d"
exit_is "artifact and its SHA256SUMS line removed: exit 1" 1
contains "the signed manifest still names it" "$T/out" "01-clock/clock.json is missing"
contains "and the missing line" "$T/out" "no line in SHA256SUMS"

d=$(case_dir dup-line)
grep '01-clock/clock.json' "$d/SHA256SUMS" | sed 's/^./0/' >> "$d/SHA256SUMS"
run "$VIGIE" respond verify "$d"
exit_is "a second, different line for an artifact: exit 1" 1
contains "names the duplicate" "$T/out" "SHA256SUMS lists 01-clock/clock.json twice"

d=$(case_dir manifest)
sed 's/"profile": "quick"/"profile": "full"/' "$d/manifest.json" > "$T/m"
cat "$T/m" > "$d/manifest.json"
run "$VIGIE" respond verify "$d"
exit_is "manifest edited: exit 1" 1
contains "the signature no longer matches" "$T/out" "manifest.json.sig does not match manifest.json"
contains "and manifest.json differs from SHA256SUMS" "$T/out" "manifest.json was altered"

d=$(case_dir signature)
head -c 64 /dev/urandom > "$d/manifest.json.sig"
run "$VIGIE" respond verify "$d"
exit_is "signature replaced: exit 1" 1
contains "names the signature" "$T/out" "signature:"

# A forger re-signs an edited manifest with a key of his own and fixes
# SHA256SUMS: only the fingerprint written on paper catches it.
d=$(case_dir forged)
openssl genpkey -algorithm ed25519 -out "$T/forger.pem" 2>/dev/null
openssl pkey -in "$T/forger.pem" -pubout -out "$d/signing-key.pub"
sed 's/"profile": "quick"/"profile": "full"/' "$d/manifest.json" > "$T/m"
cat "$T/m" > "$d/manifest.json"
openssl pkeyutl -sign -inkey "$T/forger.pem" -rawin -in "$d/manifest.json" \
    -out "$d/manifest.json.sig"
(cd "$d" && grep -v -e ' manifest.json' -e signing-key.pub SHA256SUMS > "$T/s" &&
    sha256sum manifest.json manifest.json.sig signing-key.pub >> "$T/s" &&
    cat "$T/s" > SHA256SUMS)
run "$VIGIE" respond verify --fingerprint "$fpr" "$d"
exit_is "re-signed with another key: exit 1 with --fingerprint" 1
contains "names the wrong key" "$T/out" "not with the expected key"
# Without --fingerprint: the manifest still carries the legitimate
# fingerprint in its field, which readers compare with the paper form.
is "the forged manifest kept the legitimate fingerprint field" \
    "$(json_get "$d/manifest.json" signature.key_fingerprint_sha256)" "$fpr"
run "$VIGIE" respond verify "$d"
exit_is "re-signed, fingerprint field left alone: exit 1" 1
contains "a signature problem, named as such" "$T/out" \
    "signed again with another key"
# The docs' one-liner (docs/formats/capture.md) computes the fingerprint
# from signing-key.pub without vigie: it matches on the intact capture,
# and tells the forged key apart.
oneliner() { openssl pkey -pubin -in "$1" -outform DER | tail -c 32 |
    sha256sum | cut -d' ' -f1; }
is "openssl one-liner: the intact capture's key" \
    "$(oneliner "$T/cap/signing-key.pub")" "$fpr"
ok "openssl one-liner: the forged key differs" \
    test "$(oneliner "$d/signing-key.pub")" != "$fpr"

# A manifest whose step totals disagree with its artifact list, signed
# again with the capture's own key (someone holding the key): verify
# names the false claim.
d=$(case_dir claims)
$PY - "$d/manifest.json" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read()
i = t.index('"name": "sessions"')
j = t.index('"artifacts":', i)
k = t.index(',', j)
open(p, "w").write(t[:j] + '"artifacts": 99' + t[k:])
PY
openssl pkeyutl -sign -inkey "$T/key.pem" -rawin -in "$d/manifest.json" \
    -out "$d/manifest.json.sig"
(cd "$d" && grep -v -e ' manifest.json' SHA256SUMS > "$T/s" &&
    sha256sum manifest.json manifest.json.sig >> "$T/s" &&
    cat "$T/s" > SHA256SUMS)
run "$VIGIE" respond verify "$d"
exit_is "a false step total: exit 1" 1
contains "names the step and the counts" "$T/out" \
    "says step sessions wrote 99 files"

d=$(case_dir custody-edit)
sqlite "$d/custody.db" "UPDATE custody SET actor='someone else' WHERE seq=2"
run "$VIGIE" respond verify "$d"
exit_is "custody entry edited: exit 1" 1
contains "names the edited entry" "$T/out" "custody entry 2 was changed"

d=$(case_dir custody-delete)
sqlite "$d/custody.db" "DELETE FROM custody WHERE seq=2"
run "$VIGIE" respond verify "$d"
exit_is "custody entry deleted: exit 1" 1
contains "names the deleted entry" "$T/out" "custody entry 2 is missing (deleted)"

d=$(case_dir custody-insert)
sqlite "$d/custody.db" "UPDATE custody SET seq=seq+100 WHERE seq>=2;
UPDATE custody SET seq=seq-99 WHERE seq>=102;
INSERT INTO custody SELECT 2, time, mono_ns, 'intruder', 'note', '', '', 'inserted', prev, hash FROM custody WHERE seq=3;"
run "$VIGIE" respond verify "$d"
exit_is "custody entry inserted: exit 1" 1
contains "the chain breaks after the insertion" "$T/out" "custody entry 3"

d=$(case_dir extra)
echo planted > "$d/01-clock/planted.txt"
run "$VIGIE" respond verify "$d"
exit_is "a file added: exit 1" 1
contains "names the extra file" "$T/out" "01-clock/planted.txt is not part of the sealed capture"

# Entries added after the seal: the code on paper catches a truncation.
d=$(case_dir head)
run "$VIGIE" respond custody "$d" --add "remis à la gendarmerie de Test, agent X" --actor "A. Martin"
exit_is "custody --add" 0
code=$(sed -n 's/.*custody form: //p' "$T/out")
is "custody --add prints a 16-character code" "${#code}" 16
run "$VIGIE" respond verify --head "$code" "$d"
exit_is "verify --head with the code on paper: intact" 0
run "$VIGIE" respond custody "$d"
exit_is "custody list: chain intact" 0
contains "lists the hand-over" "$T/out" "remis à la gendarmerie de Test"
sqlite "$d/custody.db" "DELETE FROM custody WHERE seq=(SELECT max(seq) FROM custody)"
run "$VIGIE" respond verify "$d"
exit_is "last entry deleted: the chain alone cannot see it" 0
run "$VIGIE" respond verify --head "$code" "$d"
exit_is "but --head with the paper code does" 1
contains "names the code" "$T/out" "$code"

d=$(case_dir json)
rm "$d/01-clock/clock.json"
run "$VIGIE" respond verify --json "$d"
exit_is "--json: exit 1" 1
is "--json lists the problem" "$(json_get "$T/out" problems.0.kind)" missing
is "--json intact false" "$(json_get "$T/out" intact)" False
done_testing
