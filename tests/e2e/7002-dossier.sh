# 7002 — vigie report --dossier from a store filled by the real commands:
# a batch assessment, a configuration scan of a test tree, a file scan
# with a ransom note, a mail scan against the loopback lab. Page one puts
# the ransom note first; a second dossier says what changed; HTML
# rendered by Chromium, ODT read back by odt2txt; overview of the pooled
# communes (export, import).
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT

"$VIGIE" profile set name "Saint-Dossier-sur-Mer" > /dev/null
"$VIGIE" profile set insee 35997 > /dev/null
"$VIGIE" profile set mayor.phone "02 99 00 00 01" > /dev/null

# A whole assessment from an answers file: every answer at the lowest
# level its question offers, so the plan has its socle measures.
"$VIGIE" assess --template > "$T/template.json"
$PY - "$T/template.json" "$T/answers.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
for k in t["context"]:
    t["context"][k] = t["allowed"][k][0]
for k in t["answers"]:
    t["answers"][k] = min(v for v in t["allowed"][k] if isinstance(v, int))
json.dump(t, open(sys.argv[2], "w"))
PY
run "$VIGIE" assess --answers "$T/answers.json"
exit_is "a batch assessment is recorded" 0

# A configuration scan of a Linux tree with bad settings.
$PY "$TOP/tests/e2e/4000-config-fixtures.py" linux "$T/root" bad
run "$VIGIE" scan config --root "$T/root" -q
exit_is "the configuration scan finds failures" 1

# A file scan: a French ransom note.
mkdir -p "$T/share"
printf 'Tous vos fichiers ont été chiffrés.\nPour obtenir la clé de déchiffrement, payez la rançon en bitcoin.\n' > "$T/share/LISEZ-MOI.txt"
# (in French, as the contractor would: findings keep their language)
run "$VIGIE" --lang fr scan files -q "$T/share"
exit_is "the file scan finds the ransom note" 1

# The mail domain, against the loopback lab.
lab_start "$T/lab" || { echo "not ok - the lab did not start"; exit 1; }
run "$VIGIE" scan mail $LAB_ARGS --timeout 4 -q plain.vg.test
ok "the mail scan ran" [ "$rc" -le 1 ]

# An evidence capture, verified on this machine: recorded for the dossier.
run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk "test" \
    --steps clock,processes --case "PV-2026-042" -q
ok "a capture is made" [ "$rc" -le 1 ]
run "$VIGIE" respond verify "$T/cap"
exit_is "and verified intact" 0
mkdir -p "$T/police"
run env -u VIGIE_DB HOME="$T/police" "$VIGIE" respond verify "$T/cap"
exit_is "verify on a machine without a store" 0
ok "creates no store there" test ! -e "$T/police/.local/share/vigie"

run "$VIGIE" report --dossier --format json -o "$T/d1.json"
exit_is "the dossier is written (JSON)" 0
is "the dossier file is 0600" "$(stat -c %a "$T/d1.json")" 600
$PY - "$T/d1.json" > "$T/d1.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("top0", d["top"][0]["title"])
print("ntop", len(d["top"]))
print("kinds", ",".join(sorted({r["kind"] for r in d["runs"]})))
print("levels", len(d["levels"]))
print("changes", d["changes"])
print("assessment", "assessment" in d)
PY
contains "a ransom note outranks everything on page one" "$T/d1.txt" "top0 Note de rançon"
contains "five things to do first" "$T/d1.txt" "ntop 5"
contains "every kind of scan is in it" "$T/d1.txt" "kinds respond.capture,scan.config,scan.files,scan.mail"
contains "ten domain levels" "$T/d1.txt" "levels 10"
contains "the first dossier has nothing to compare with" "$T/d1.txt" "changes None"

# HTML in French, rendered by Chromium; ODT read back.
run "$VIGIE" --lang fr report --dossier -o "$T/dossier.html"
exit_is "the HTML dossier is written" 0
contains "page one in French: the five things" "$T/dossier.html" "Les cinq choses à faire d'abord"
contains "the machines section" "$T/dossier.html" "Les postes et serveurs analysés"
contains "the mail section names the domain" "$T/dossier.html" "plain.vg.test"
contains "incident readiness shows missing contacts" "$T/dossier.html" "(à renseigner)"
contains "the annex maps findings to CIS" "$T/dossier.html" "Annexe : tous les constats"
contains "the verified capture is listed with its case" "$T/dossier.html" "PV-2026-042"
lacks "no untranslated placeholder is left" "$T/dossier.html" "{provider}"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/chrome" --screenshot="$T/dossier.png" \
    --window-size=1240,1754 "file://$T/dossier.html" > "$T/chrome.log" 2>&1
ok "Chromium renders the dossier to PNG" test -s "$T/dossier.png"
is "the PNG is an image of the page" "$(head -c 8 "$T/dossier.png" | od -An -c | tr -d ' ')" '211PNG\r\n032\n'
[ -n "${VIGIE_KEEP_PNG:-}" ] && cp "$T/dossier.png" "$VIGIE_KEEP_PNG"

run "$VIGIE" --lang fr report --dossier -o "$T/dossier.odt"
exit_is "the ODT dossier is written" 0
odt2txt "$T/dossier.odt" > "$T/odt.txt" 2>&1
contains "odt2txt reads the five things" "$T/odt.txt" "Les cinq choses à faire d'abord"
contains "odt2txt reads the ransom note" "$T/odt.txt" "Note de rançon"

# Something changes: the tree is fixed; the next dossier says so.
$PY "$TOP/tests/e2e/4000-config-fixtures.py" linux "$T/root2" good
rm -rf "$T/root" && mv "$T/root2" "$T/root"
"$VIGIE" scan config --root "$T/root" -q > /dev/null
rm "$T/share/LISEZ-MOI.txt"
"$VIGIE" scan files -q "$T/share" > /dev/null
run "$VIGIE" report --dossier --format json -o "$T/d2.json"
$PY - "$T/d2.json" > "$T/d2.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["changes"]
print("resolved", len(c["resolved"]), "new", len(c["new"]))
print("refs", " ".join(sorted(p["ref"] for p in c["resolved"])))
print("top0", d["top"][0]["title"])
PY
contains "the second dossier lists what was solved" "$T/d2.txt" "VG_Ransom_Note_FR"
lacks "and the ransom note is no longer first" "$T/d2.txt" "top0 Note de rançon"
run "$VIGIE" report --dossier --format json -o "$T/d3.json"
$PY -c 'import json,sys; c=json.load(open(sys.argv[1]))["changes"]; print(len(c["resolved"]))' "$T/d3.json" > "$T/d3.txt"
is "writing it again compares with the same earlier state" "$(cat "$T/d3.txt")" "$(sed -n 's/^resolved \([0-9]*\).*/\1/p' "$T/d2.txt")"

# Pooling: a second commune's bundle imported; the overview shows both.
run "$VIGIE" export -o "$T/a.bundle"
export VIGIE_DB=$T/pool.db
"$VIGIE" profile set name "Autre-Commune" > /dev/null
run "$VIGIE" import "$T/a.bundle"
exit_is "the bundle is imported into the pool" 0
run "$VIGIE" --commune "Saint-Dossier-sur-Mer" report --dossier --format json -o "$T/d4.json"
exit_is "the imported commune's dossier can be written" 0
run "$VIGIE" report --overview --format json -o "$T/ov.json"
exit_is "the overview is written" 0
$PY - "$T/ov.json" > "$T/ov.txt" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1]))["communes"]:
    print(c["commune"], c["insee"], c["overall"] is not None, c["critical"])
PY
contains "the overview lists the pooled commune with its levels" "$T/ov.txt" "Saint-Dossier-sur-Mer 35997 True"
contains "and the commune without assessment" "$T/ov.txt" "Autre-Commune None False 0"
run "$VIGIE" --lang fr report --overview -o "$T/ov.html"
contains "the overview in HTML" "$T/ov.html" "Vue d'ensemble des communes"
run "$VIGIE" report --overview --assessment 3 -o "$T/x.html"
exit_is "--assessment with --overview is a usage error" 2
done_testing
