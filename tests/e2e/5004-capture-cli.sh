# 5004 — the capture command as a user meets it: required options and
# usage errors, the refusal to write on the examined disk, --collect,
# --archive with its hash in the custody log, the French summary, the
# key created 0600 once and reused.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" respond capture
exit_is "no --out: usage error" 2
contains "says what is missing" "$T/err" "--out DIR is required"
run "$VIGIE" respond capture --out "$T/x" --profile fast
exit_is "bad --profile: usage error" 2
run "$VIGIE" respond capture --out "$T/x" --steps clock,nope
exit_is "unknown step: usage error" 2
contains "names it" "$T/err" '"nope"'

# $T is on this machine's disks: refused, with the reason why.
run "$VIGIE" respond capture --out "$T/same"
exit_is "DIR on the examined disk: refused" 2
contains "explains why" "$T/err" "could overwrite deleted files"
ok "nothing was written" test ! -e "$T/same"

mkdir "$T/full"; echo x > "$T/full/old"
run "$VIGIE" respond capture --out "$T/full" --allow-same-disk test
exit_is "DIR not empty: refused" 2

echo "collected evidence" > "$T/note.txt"
mkdir -p "$T/tree/sub"; echo a > "$T/tree/sub/a"; ln -s /etc/passwd "$T/tree/link"
run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk "no USB key on the test machine" \
    --steps clock,collect --collect "$T/note.txt" --collect "$T/tree" \
    --archive --json --clock-ref "$(date -u '+%Y-%m-%d %H:%M:%S')"
exit_is "capture with --collect and --archive" 0
is "--json: complete" "$(json_get "$T/out" complete)" True
key=$(json_get "$T/out" key)
is "the key is created beside DIR" "$key" "$T/vigie-signing.key"
is "key created 0600" "$(stat -c %a "$key")" 600
is "json says so" "$(json_get "$T/out" key_created)" True
is "the collected file is copied as is" \
    "$(sha256sum < "$T/cap/08-collect/collected$T/note.txt" | cut -d' ' -f1)" \
    "$(sha256sum < "$T/note.txt" | cut -d' ' -f1)"
ok "folders are copied" test -f "$T/cap/08-collect/collected$T/tree/sub/a"
ok "links are not followed" test ! -e "$T/cap/08-collect/collected$T/tree/link"
contains "links are listed" "$T/cap/08-collect/collected$T/tree/symlinks.jsonl" '"target":"/etc/passwd"'
contains "the same-disk reason is recorded" "$T/cap/manifest.json" "no USB key on the test machine"
contains "the clock offset against the reference is recorded" "$T/cap/manifest.json" '"offset_s"'
asha=$(json_get "$T/out" archive.sha256)
is "the archive's hash" "$asha" "$(sha256sum < "$T/cap.tar.gz" | cut -d' ' -f1)"
is "archive 0600" "$(stat -c %a "$T/cap.tar.gz")" 600
tar -tzf "$T/cap.tar.gz" > "$T/list"
contains "the archive holds the manifest" "$T/list" "cap/manifest.json"
contains "and the custody log" "$T/list" "cap/custody.db"
run "$VIGIE" respond custody --json "$T/cap"
exit_is "custody log intact" 0
$PY -c 'import json,sys
e=json.load(open(sys.argv[1]))["entries"]
print(" ".join(x["action"] for x in e)); print(e[-1]["object_sha256"])' "$T/out" > "$T/actions"
contains "every action is logged" "$T/actions" "capture.start capture.step capture.step seal archive"
contains "the archive's hash is in the custody log" "$T/actions" "$asha"
mkdir "$T/unpack" && tar -xzf "$T/cap.tar.gz" -C "$T/unpack"
run "$VIGIE" respond verify "$T/unpack/cap"
exit_is "the unpacked archive verifies" 0

# Second capture: the same key is reused, never rewritten.
before=$(sha256sum < "$key")
LANGUAGE=fr run "$VIGIE" respond capture --out "$T/cap2" --allow-same-disk test \
    --steps clock
exit_is "second capture" 0
is "the key is reused" "$(sha256sum < "$key")" "$before"
contains "French summary" "$T/out" "Capture terminée"
contains "says what to do next" "$T/out" "vigie respond checklist"
contains "French progress" "$T/err" "Horloge"
lacks "no new key this time" "$T/out" "nouvelle clé"

run "$VIGIE" respond custody "$T/cap2" --add ""
exit_is "custody --add without text: usage error" 2
run "$VIGIE" respond verify "$T/nowhere"
exit_is "verify of a missing folder: error" 2
done_testing
