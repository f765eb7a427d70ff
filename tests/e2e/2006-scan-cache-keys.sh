#!/bin/sh
# The rescan cache is complete and never stale (issue 21): more than one
# batch of rows with matches spread over the batch boundaries is stored
# whole and a rescan reads nothing; a store error during a scan is an
# error of the scan; and every input of a verdict is part of the key, so
# that a rescan equals --no-cache after a hard link, a renamed folder
# (path externals), a changed included rule file and another libyara.
. "$TOP/tests/e2e/lib.sh"

pairs() {	# "rule path" of the matches in $T/out, sorted
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match": print(o["rule"], o["path"])' "$T/out" | sort
}
summary() {	# FIELD: from the summary line of $T/out
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "summary": print(o[sys.argv[2]])' "$T/out" "$1"
}
rows() { sqlite3 "$VIGIE_DB" "SELECT count(*) FROM scan_cache"; }
S="scan files --json --no-iocs"

# ---- More than a batch: 600 matching files walked first (more than a
# batch of findings), then 2,404 of which every 7th matches.
mkdir -p big rules
$PY - <<'PYEOF'
import os
for i in range(600):
    open("big/p%04d.txt" % i, "w").write("x EVILMARK %d\n" % i)
for i in range(2404):
    open("big/q%04d.txt" % i, "w").write(
        ("EVILMARK %d\n" if i % 7 == 0 else "clean %d\n") % i)
PYEOF
cat > rules/m.yar <<'EOF'
rule evilmark { strings: $m = "EVILMARK" condition: $m }
EOF
run "$VIGIE" $S --rules rules/m.yar big
exit_is "first scan of 3,004 files finds matches" 1
lacks "no store error on stderr" "$T/err" "transaction"
is "first scan: 944 matches" "$(summary matches)" 944
is "the cache holds a row per file" "$(rows)" 3004
pairs > first.txt
run "$VIGIE" $S --rules rules/m.yar big
is "rescan: nothing scanned" "$(summary scanned)" 0
is "rescan: every file from the cache" "$(summary cached)" 3004
pairs > second.txt
run "$VIGIE" $S --no-cache --rules rules/m.yar big
pairs > full.txt
ok "rescan equals --no-cache" cmp -s second.txt full.txt
ok "and the first scan" cmp -s first.txt full.txt
is "findings of the first scan all recorded" "$(sqlite3 "$VIGIE_DB" \
    "SELECT count(*) FROM finding WHERE run_id = (SELECT min(id) FROM run)")" 944

# ---- A store error during the scan is an error of the scan.
VIGIE_DB=$T/broken.db "$VIGIE" $S --rules rules/m.yar big/p0000.txt \
    > /dev/null 2>&1
sqlite3 "$T/broken.db" "CREATE TRIGGER no_rows BEFORE INSERT ON scan_cache
    BEGIN SELECT RAISE(ABORT, 'the disk says no'); END;"
VIGIE_DB=$T/broken.db run "$VIGIE" $S --no-cache --rules rules/m.yar big
exit_is "store error during the scan: exit 2" 2
contains "the store error is said" "$T/err" "the disk says no"
is "the run is recorded as an error" "$(sqlite3 "$T/broken.db" \
    "SELECT status FROM run ORDER BY id DESC LIMIT 1")" error

# ---- Hard links: the same inode under two names, a rule on filename.
mkdir t
echo "HLMARK" > t/a.txt
ln t/a.txt t/b.txt
cat > rules/h.yar <<'EOF'
rule hl { strings: $m = "HLMARK" condition: $m and filename == "a.txt" }
EOF
run "$VIGIE" $S --rules rules/h.yar t
pairs > h1.txt
is "hard link: the first scan matches a.txt only" "$(cat h1.txt)" "hl t/a.txt"
run "$VIGIE" $S --rules rules/h.yar t
pairs > h2.txt
ok "hard link: rescan equals --no-cache" cmp -s h1.txt h2.txt

# ---- A renamed folder changes filepath but no ctime of the file.
mkdir -p u/Temp
echo "TMPMARK" > u/Temp/a.txt
cat > rules/p.yar <<'EOF'
rule in_temp { strings: $m = "TMPMARK" condition: $m and filepath contains "Temp" }
EOF
run "$VIGIE" $S --rules rules/p.yar u
pairs > r1.txt
is "folder rename: the first scan matches" "$(cat r1.txt)" "in_temp u/Temp/a.txt"
mv u/Temp u/Documents
run "$VIGIE" $S --rules rules/p.yar u
pairs > r2.txt
run "$VIGIE" $S --no-cache --rules rules/p.yar u
pairs > r2full.txt
ok "folder renamed: rescan equals --no-cache" cmp -s r2.txt r2full.txt
is "folder renamed: no match any more" "$(cat r2.txt)" ""
mv u/Documents u/Temp
run "$VIGIE" $S --rules rules/p.yar u
pairs > r3.txt
ok "folder renamed back: rescan equals --no-cache" cmp -s r3.txt r1.txt

# ---- A changed included rule file invalidates the cache.
mkdir inc
cat > inc/main.yar <<'EOF'
include "part.inc"
rule main_rule { strings: $m = "NEVERTHERE" condition: $m }
EOF
echo 'rule part_rule { strings: $a = "INCA" condition: $a }' > inc/part.inc
mkdir v
echo "INCA INCB" > v/x.txt
run "$VIGIE" $S --rules inc v
pairs > i1.txt
is "include: the included rule matches" "$(cat i1.txt)" "part_rule v/x.txt"
echo 'rule part_rule { strings: $a = "INCZ" condition: $a }' > inc/part.inc
run "$VIGIE" $S --rules inc v
pairs > i2.txt
run "$VIGIE" $S --no-cache --rules inc v
pairs > i2full.txt
ok "included file changed: rescan equals --no-cache" cmp -s i2.txt i2full.txt
is "included file changed: no match any more" "$(cat i2.txt)" ""

# ---- Another libyara: the rows a vigie linked with libyara 0.0.1 wrote
# (it said x.txt was clean) are not reused.
echo 'rule part_rule { strings: $a = "INCB" condition: $a }' > inc/part.inc
run "$VIGIE" $S --rules inc v
run "$VIGIE" $S --rules inc v
is "libyara: rescan from the cache" "$(summary cached)" 1
ver=$(summary libyara)
ok "libyara: the summary names libyara's version" test -n "$ver"
sqlite3 "$VIGIE_DB" "UPDATE scan_ruleset SET digest = 'other-' || digest,
    mode = replace(mode, '$ver', '0.0.1'), units = replace(units, '$ver', '0.0.1');
    UPDATE scan_cache SET matches = NULL;"
run "$VIGIE" $S --rules inc v
pairs > y1.txt
run "$VIGIE" $S --no-cache --rules inc v
pairs > y1full.txt
ok "another libyara: rescan equals --no-cache" cmp -s y1.txt y1full.txt
is "another libyara: the match is back" "$(cat y1.txt)" "part_rule v/x.txt"
done_testing
