#!/bin/sh
# Verdicts shared between the commune's machines (issue 21, opt-in
# --shared-verdicts): the first PC records a verdict per content, rule
# set and externals' values; its bundle carries them; the second PC,
# with the same files at other inodes, hashes them and scans none, and
# reports exactly what yara reports; a changed content, other rules or
# other values of the externals the rules read are scanned; a hostile
# bundle part is refused whole.
. "$TOP/tests/e2e/lib.sh"
GEN="$PY $TOP/tests/data/scan/gen-corpus.py"

summary() {	# FIELD: from the summary line of $T/out
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "summary": print(o[sys.argv[2]])' "$T/out" "$1"
}
pairs() {
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match": print(o["rule"], o["path"])' "$T/out" | sort
}
$GEN random pc1 400 21 > /dev/null
mkdir rules
cp pc1/rules/a.yar pc1/rules/b.yar rules/
D="-d filename=x -d filepath=x -d extension=x -d filetype=x -d owner=x"
S="scan files --json --no-iocs --shared-verdicts $D --rules rules"

export VIGIE_DB=$T/pc1.db
"$VIGIE" profile set name "Saint-Partage" > /dev/null
run "$VIGIE" $S pc1/files
is "first PC: every file scanned" "$(summary scanned)" 400
is "first PC: nothing known yet" "$(summary shared)" 0
ndistinct=$(find pc1/files -type f -exec sha256sum {} + | cut -c1-64 | sort -u | wc -l)
is "first PC: a verdict per distinct content" "$(sqlite3 "$VIGIE_DB" \
    "SELECT count(*) FROM scan_verdict")" "$ndistinct"
run "$VIGIE" export -o "$T/b.json"
exit_is "the bundle is exported" 0
is "the bundle carries the verdicts" "$($PY -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["parts"]["scan_verdicts"]))' "$T/b.json")" "$ndistinct"

# The second PC: the same files, copied (other inodes, other times).
export VIGIE_DB=$T/pc2.db
mkdir pc2
cp -r pc1/files pc2/files
run "$VIGIE" import "$T/b.json"
exit_is "the second PC imports the bundle" 0
run "$VIGIE" $S pc2/files
exit_is "second PC: matches found" 1
is "second PC: no file scanned" "$(summary scanned)" 0
is "second PC: every file known" "$(summary shared)" 400
contains "second PC: matches say where they come from" "$T/out" \
    '"shared_verdict":true'
pairs > shared.txt
# The oracle: the yara CLI on the second PC's files.
yara -r -N $D a.yar:rules/a.yar b.yar:rules/b.yar pc2/files 2>/dev/null |
    sort > yara.txt
ok "second PC: the same matches as yara" cmp -s shared.txt yara.txt
run "$VIGIE" $S pc2/files
is "second PC, rescan: from the local cache" "$(summary cached)" 400

# A changed content is scanned.
printf 'changed' >> pc2/files/d1/f0001.bin
run "$VIGIE" $S --no-cache pc2/files
is "a changed content is scanned" "$(summary scanned)" 1

# Other rules: nothing known.
echo 'rule other { strings: $a = "zz-never" condition: $a }' > rules/c.yar
run "$VIGIE" $S --no-cache pc2/files
is "other rules: nothing known" "$(summary shared)" 0
rm rules/c.yar

# Rules that read filename: the value is part of the key.
export VIGIE_DB=$T/pc3.db
mkdir f3
echo "FNMARK" > f3/a.txt
echo "FNMARK" > f3/b.txt
echo 'rule fn { strings: $m = "FNMARK" condition: $m and filename == "a.txt" }' > fn.yar
run "$VIGIE" scan files --json --no-iocs --shared-verdicts --rules fn.yar f3
pairs > fn.txt
is "filename read by the rules: one verdict per value" "$(pairs)" "fn f3/a.txt"
is "same content, two names: two verdicts" "$(sqlite3 "$VIGIE_DB" \
    "SELECT count(*) FROM scan_verdict")" 2
mkdir f4
cp f3/b.txt f4/a.txt
cp f3/a.txt f4/b.txt
run "$VIGIE" scan files --json --no-iocs --shared-verdicts --rules fn.yar f4
is "another folder: known by content and filename" "$(summary shared)" 2
is "and the verdicts follow the names" "$(pairs)" "fn f4/a.txt"

# Hostile parts are refused whole.
$PY - "$T/b.json" "$T/bad.json" <<'PY'
import hashlib, json, sys
v = json.load(open(sys.argv[1]))["parts"]["scan_verdicts"][:3]
v[0]["sha256"] = "../../etc/passwd"
b = {"format": "vigie-bundle", "version": 1, "commune": {"name": "X"},
     "parts": {"scan_verdicts": v}}
text = json.dumps(b, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
b["sha256"] = hashlib.sha256(text.encode()).hexdigest()
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
PY
export VIGIE_DB=$T/pc5.db
run "$VIGIE" import "$T/bad.json"
exit_is "a bad verdict: the bundle is refused" 2
contains "the message names the field" "$T/err" \
    "parts.scan_verdicts[0].sha256"
is "nothing was imported" "$(sqlite3 "$VIGIE_DB" \
    "SELECT count(*) FROM scan_verdict" 2>/dev/null || echo 0)" 0
done_testing
