# 7001 — vigie export / import: a bundle carries a commune's data to
# another store, importing twice changes nothing, a tampered or malformed
# bundle is refused whole; ECS JSON Lines for SIEMs.
. "$TOP/tests/e2e/lib.sh"

rec=$BUILD/tests/tool-run-recorder
"$VIGIE" profile set name "Saint-Bundle" > /dev/null
"$VIGIE" profile set insee 35998 > /dev/null
"$VIGIE" profile set mayor.phone "02 99 00 11 22" > /dev/null
"$rec" "$VIGIE_DB" scan.mail saint-bundle.fr fail:high:mail.dmarc.policy pass:info:mail.spf.present
"$rec" "$VIGIE_DB" scan.files /home match:critical:VIGIE_Ransom_Note
"$VIGIE" respond incident open --t0 "2026-11-20 08:10" --personal-data yes \
    --what "rançongiciel sur le serveur" --people 1200 > /dev/null
"$VIGIE" respond incident log --by Marie "serveur débranché" > /dev/null

run "$VIGIE" export -o "$T/b.json"
exit_is "export writes a bundle" 0
is "the bundle is created 0600" "$(stat -c %a "$T/b.json")" 600
is "it holds both runs" "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["parts"]["runs"]))' "$T/b.json")" 2
is "and the incident with its timeline" "$($PY -c 'import json,sys; i = json.load(open(sys.argv[1]))["parts"]["incidents"]; print(len(i), len(i[0]["events"]), i[0]["t0"], i[0]["people"])' "$T/b.json")" "1 2 2026-11-20T07:10:00Z 1200"

# The hash can be checked without vigie: SHA-256 of the compact, sorted
# JSON without the "sha256" member (docs/formats/bundle.md).
cat > "$T/rehash.py" <<'PY'
import hashlib, json, sys
b = json.load(open(sys.argv[1]))
claimed = b.pop("sha256", None)
text = json.dumps(b, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
h = hashlib.sha256(text.encode()).hexdigest()
if len(sys.argv) > 2:             # rewrite the file with a fresh hash
    b["sha256"] = h
    json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
print("match" if h == claimed else "differ")
PY
is "the SHA-256 can be recomputed by a third party" "$($PY "$T/rehash.py" "$T/b.json")" match

# Into a fresh store, twice.
export VIGIE_DB=$T/other.db
run "$VIGIE" import "$T/b.json"
exit_is "import into a fresh store" 0
contains "says what it added" "$T/out" "Saint-Bundle"
run "$VIGIE" export -o "$T/b2.json"
$PY - "$T/b.json" "$T/b2.json" > "$T/same" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print("same" if a["parts"] == b["parts"] and a["commune"] == b["commune"] else "differ")
PY
contains "the imported data exports the same" "$T/same" same
run "$VIGIE" --json import "$T/b.json"
exit_is "importing again succeeds" 0
is "and adds nothing" "$(json_get "$T/out" added)" 0
run "$VIGIE" export -o "$T/b3.json"
$PY - "$T/b2.json" "$T/b3.json" > "$T/same" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print("same" if a["parts"] == b["parts"] else "differ")
PY
contains "the store is unchanged by the second import" "$T/same" same

# The incident goes on at the town hall: a later bundle adds only what
# is new (one timeline entry, the incident closed).
VIGIE_DB=$T/vigie.db "$VIGIE" respond incident log "sauvegardes vérifiées" \
    > /dev/null
VIGIE_DB=$T/vigie.db "$VIGIE" respond incident close > /dev/null
VIGIE_DB=$T/vigie.db "$VIGIE" export -o "$T/b4.json" > /dev/null 2>&1
run "$VIGIE" --json import "$T/b4.json"
is "a later bundle adds the new timeline entries only" \
    "$(json_get "$T/out" added)" 2
run "$VIGIE" respond incident list --json
contains "and the incident is closed here too" "$T/out" '"open": false'

# Tampered: one character changed.
sed 's/02 99 00 11 22/02 99 00 11 23/' "$T/b.json" > "$T/tampered.json"
export VIGIE_DB=$T/third.db
run "$VIGIE" import "$T/tampered.json"
exit_is "a tampered bundle is refused" 2
contains "because of its hash" "$T/err" "SHA-256"
run "$VIGIE" profile show --json
contains "and nothing of it was recorded" "$T/out" '"id": null'

# Malformed but re-hashed: refused with the path of the problem, whole.
$PY - "$T/b.json" "$T/bad.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["parts"]["runs"][1]["findings"][0]["status"] = "exploded"
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
PY
$PY "$T/rehash.py" "$T/bad.json" "$T/bad2.json" > /dev/null
run "$VIGIE" import "$T/bad2.json"
exit_is "a bundle with a bad field is refused" 2
contains "naming the field" "$T/err" "runs[1].findings[0].status"
run "$VIGIE" --commune Saint-Bundle profile show
exit_is "nothing of it was recorded (not even the commune)" 2

# The same with an incident event of an unknown kind.
$PY - "$T/b.json" "$T/bad.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["parts"]["incidents"][0]["events"][1]["kind"] = "erase"
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
PY
$PY "$T/rehash.py" "$T/bad.json" "$T/bad2.json" > /dev/null
run "$VIGIE" import "$T/bad2.json"
exit_is "a bundle with a bad incident event is refused" 2
contains "naming it" "$T/err" "incidents[0].events[1].kind"

# Not JSON, wrong format, newer version.
echo '{"format": "vigie-bundle", "version": 1, oops' > "$T/broken.json"
run "$VIGIE" import "$T/broken.json"
exit_is "broken JSON is refused" 2
contains "with the line" "$T/err" "broken.json:1:"
echo '{"format": "something-else"}' > "$T/other.json"
run "$VIGIE" import "$T/other.json"
contains "another format is refused" "$T/err" "not a vigie bundle"
$PY -c 'import json,sys; b=json.load(open(sys.argv[1])); b["version"]=2; json.dump(b, open(sys.argv[2],"w"))' "$T/b.json" "$T/v2.json"
run "$VIGIE" import "$T/v2.json"
contains "a newer version is refused" "$T/err" "version 2"
run "$VIGIE" import "$T/b.json" "$T/broken.json"
exit_is "one bad file among good ones: exit 2" 2
contains "the good one is still imported" "$T/out" "Saint-Bundle"

# ECS JSON Lines.
export VIGIE_DB=$T/vigie.db
run "$VIGIE" export --format ecs-jsonl -o "$T/events.jsonl"
exit_is "ECS export" 0
is "one line per finding" "$(wc -l < "$T/events.jsonl" | tr -d ' ')" 3
$PY - "$T/events.jsonl" > "$T/ecs" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    print(e["@timestamp"][:2], e["event"]["kind"], e["event"]["dataset"],
          e["rule"]["id"], e["organization"]["name"], e["organization"]["id"],
          e["event"]["severity"], e["ecs"]["version"][:1])
PY
contains "ECS fields: alert for a failed check" "$T/ecs" "20 alert scan.mail mail.dmarc.policy Saint-Bundle 35998 73 8"
contains "ECS fields: state for a passed check" "$T/ecs" "state scan.mail mail.spf.present"
contains "ECS fields: a YARA match" "$T/ecs" "alert scan.files VIGIE_Ransom_Note Saint-Bundle 35998 99"
run "$VIGIE" export --all -o "$T/x.json"
exit_is "--all with a bundle is a usage error" 2
done_testing
