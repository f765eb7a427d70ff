#!/bin/sh
# scan files with the shipped rules and IOC lists: every harmless
# positive of the generated corpus hits exactly the rules it was made
# for; ordinary documents (odt, docx, pdf, images, source code) stay quiet.
. "$TOP/tests/e2e/lib.sh"
GEN="$PY $TOP/tests/data/scan/gen-corpus.py"

$GEN positives pos
$GEN ordinary ord

run "$VIGIE" scan files --json pos
exit_is "matches give exit status 1" 1
$PY - "$T/out" pos/expected.tsv > got.txt <<'PYEOF'
import json, sys
got = set()
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["type"] == "match":
        got.add((o["path"][len("pos/"):], o["rule"]))
exp = set(tuple(l.rstrip("\n").split("\t")) for l in open(sys.argv[2]))
for p in sorted(exp - got):
    print("missing %s %s" % p)
for p in sorted(got - exp):
    print("extra %s %s" % p)
PYEOF
is "each positive hits exactly its rules" "$(cat got.txt)" ""
n=$(cut -f2 pos/expected.tsv | grep -c '^VG_')
ok "every shipped rule has a positive" test "$n" -ge 20
for r in $(grep -ho '^rule [A-Za-z0-9_]*' "$TOP"/rules/yara/*.yar | cut -d' ' -f2)
do
	grep -q "	$r\$" pos/expected.tsv || echo "$r" >> untested.txt
done
is "no shipped rule without a test file" "$(cat untested.txt 2>/dev/null)" ""

# Each match object carries the fields the report needs.
$PY - "$T/out" > fields.txt <<'PYEOF'
import json, sys
need = ["path", "rule", "namespace", "tags", "meta", "severity",
        "sha256", "size", "mtime", "description"]
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["type"] == "match":
        miss = [k for k in need if k not in o]
        if miss or o["sha256"] is None or len(o["sha256"]) != 64:
            print(o["path"], miss)
    elif o["type"] == "summary":
        print("summary", o["files"], o["matches"])
PYEOF
is "match objects are complete, summary last" "$(cat fields.txt)" \
    "summary 25 25"

# Every rule carries its meta in both languages.
$PY - "$TOP"/rules/yara/*.yar > meta.txt <<'PYEOF'
import re, sys
for f in sys.argv[1:]:
    for m in re.finditer(r"\nrule (\w+)(.*?)\n\}", open(f).read(), re.S):
        body = m.group(2)
        for k in ("description", "description_fr", "severity",
                  "reference", "date"):
            if not re.search(r"\n\s*%s\s*=" % k, body):
                print(m.group(1), "lacks", k)
PYEOF
is "rules have description (fr, en), severity, reference, date" \
    "$(cat meta.txt)" ""

run "$VIGIE" scan files ord
exit_is "ordinary documents: exit status 0" 0
contains "ordinary documents: nothing found" "$T/out" \
    "Nothing suspicious was found."
n=$(find ord -type f | wc -l)
ok "ordinary corpus has documents, images and code ($n files)" \
    test "$n" -ge 12

run "$VIGIE" --lang fr scan files pos/partage/note-fr.txt
exit_is "French: exit 1" 1
contains "French description" "$T/out" "Note de rançon en français"
contains "French summary" "$T/out" "Que faire"
done_testing
