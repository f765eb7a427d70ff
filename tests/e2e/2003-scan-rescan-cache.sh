#!/bin/sh
# Rescans: an unchanged tree is answered from the cache in the store and
# reports the same matches; a changed file is read again; after a rule
# file is added only the new rules run on unchanged files, and the result
# equals a full scan; --no-cache reads everything; findings and the run's
# statistics are in the store.
. "$TOP/tests/e2e/lib.sh"
GEN="$PY $TOP/tests/data/scan/gen-corpus.py"
$GEN random rnd 300 77
mkdir rules
cp rnd/rules/a.yar rules/

pairs() {
	$PY -c 'import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if o["type"] == "match": print(o["rule"], o["path"])' "$@" | sort
}
summary() {	# FIELD: from the summary line of $T/out
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "summary": print(o[sys.argv[2]])' "$T/out" "$1"
}
S="scan files --json --no-iocs -d filename=fixed --rules rules"

run "$VIGIE" $S rnd/files
exit_is "first scan finds matches" 1
pairs < "$T/out" > first.txt
is "first scan reads every file" "$(summary scanned)" 300

run "$VIGIE" $S rnd/files
pairs < "$T/out" > second.txt
is "rescan: every file from the cache" "$(summary cached)" 300
is "rescan: nothing read" "$(summary scanned)" 0
ok "rescan reports the same matches" cmp -s first.txt second.txt
contains "cached matches say so" "$T/out" '"cached":true'

# A changed file is read again.
printf 'changed' >> rnd/files/d1/f0001.bin
run "$VIGIE" $S rnd/files
is "one changed file is read again" "$(summary scanned)" 1

# A new rule file: unchanged files are scanned with it only, and the
# result equals a full scan with both files.
cp rnd/rules/b.yar rules/
run "$VIGIE" $S rnd/files
pairs < "$T/out" > delta.txt
is "after a new rule file: unchanged files get the new rules only" \
    "$(summary new_rules_only)" 300
run "$VIGIE" $S --no-cache rnd/files
pairs < "$T/out" > full.txt
is "--no-cache reads every file" "$(summary scanned)" 300
ok "rescan after a new rule file equals a full scan" cmp -s delta.txt full.txt
ok "the new rules matched something" test "$(wc -l < full.txt)" -gt \
    "$(wc -l < first.txt)"

# A changed rule file: matches of its old version are dropped.
sed 's/condition:/condition:\n\t\tfilesize == 1234567 and/' rnd/rules/b.yar \
    > rules/b.yar
run "$VIGIE" $S rnd/files
pairs < "$T/out" > changed.txt
run "$VIGIE" $S --no-cache rnd/files
pairs < "$T/out" > full2.txt
ok "rescan after a changed rule file equals a full scan" \
    cmp -s changed.txt full2.txt

# The store: runs with statistics, findings for every match.
$PY - "$VIGIE_DB" > store.txt <<'PYEOF'
import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
runs = db.execute("SELECT id, status, stats FROM run WHERE kind = "
                  "'scan.files' ORDER BY id").fetchall()
last = runs[-1]
n = db.execute("SELECT count(*) FROM finding WHERE run_id = ? AND "
               "status = 'match' AND source = 'scan.files'",
               (last[0],)).fetchone()[0]
print(len(runs), last[1], json.loads(last[2])["files"], n)
print(db.execute("SELECT count(*) FROM scan_cache").fetchone()[0])
PYEOF
is "runs and findings recorded" "$(head -1 store.txt)" \
    "7 done 300 $(wc -l < full2.txt)"
is "one cache row per file" "$(sed -n 2p store.txt)" 300

# Compiled rules (yarac, with namespaces of their own): the rescan
# reports the cached matches too.
yarac -d filename=fixed a:rnd/rules/a.yar b:rnd/rules/b.yar ab.yarc
C="scan files --json --no-iocs -d filename=fixed --compiled-rules --rules ab.yarc"
run "$VIGIE" $C rnd/files
pairs < "$T/out" > c1.txt
ok "compiled rules find matches" test -s c1.txt
run "$VIGIE" $C rnd/files
pairs < "$T/out" > c2.txt
is "compiled rules, rescan: every file from the cache" \
    "$(summary cached)" 300
ok "compiled rules, rescan: the same matches" cmp -s c1.txt c2.txt

# Rows not written for 90 days (a deleted file's, say) are dropped when
# a scan starts, with the rule sets no row uses any more.
$PY - "$VIGIE_DB" "$(hostname)" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO scan_ruleset (digest, mode, units) VALUES "
           "('old', 'fast=0', '[]')")
rs = db.execute("SELECT id FROM scan_ruleset WHERE digest = 'old'").fetchone()[0]
db.execute("INSERT INTO scan_cache (host, dev, ino, size, mtime_ns, ctime_ns, "
           "ruleset, scanned) VALUES (?, 1, 424242, 1, 1, 1, ?, "
           "'2020-01-01T00:00:00Z')", (sys.argv[2], rs))
db.commit()
PYEOF
run "$VIGIE" $C rnd/files
is "rescan still from the cache" "$(summary cached)" 300
$PY - "$VIGIE_DB" > old.txt <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM scan_cache WHERE ino = 424242").fetchone()[0],
      db.execute("SELECT count(*) FROM scan_ruleset WHERE digest = 'old'").fetchone()[0])
PYEOF
is "the old row and its rule set are gone" "$(cat old.txt)" "0 0"
done_testing
