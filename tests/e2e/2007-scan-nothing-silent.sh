#!/bin/sh
# Nothing skipped in silence, no output lost in silence, names that can
# be told apart, words that agree (issue 21): a file too deep is named
# and the scan is not "nothing suspicious"; a closed pipe or a full disk
# on stdout is an error said and a run recorded as interrupted; names
# that are not UTF-8 are escaped reversibly with their bytes in JSON;
# plurals, French system messages, the advice of the summary.
. "$TOP/tests/e2e/lib.sh"

last_run() { sqlite3 "$VIGIE_DB" "SELECT status FROM run ORDER BY id DESC LIMIT 1"; }
cat > m.yar <<'EOF'
rule mark { strings: $m = "VGMARK" condition: $m }
EOF
cat > sev.yar <<'EOF'
rule grave { meta: severity = "high" strings: $m = "VGMARK" condition: $m }
EOF

# ---- Too deep: named, exit 2, never "Nothing suspicious".
$PY - <<'PYEOF'
import os
p = "deep/" + "/".join(["d"] * 520)
os.makedirs(p)
open(p + "/x.txt", "w").write("VGMARK\n")
open("deep/top.txt", "w").write("clean\n")
PYEOF
run "$VIGIE" scan files --no-iocs --rules m.yar deep
exit_is "a folder too deep: exit 2 (not examined)" 2
contains "the folder not examined is named" "$T/err" \
    "deep/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d"
contains "and why" "$T/err" "not examined: more than 512 folders deep"
lacks "no 'Nothing suspicious' when something was not examined" "$T/out" \
    "Nothing suspicious was found."
contains "the summary says not everything was examined" "$T/out" \
    "not everything was examined"
contains "singular: 1 item skipped" "$T/out" "1 item skipped (too deep: 1)"
run "$VIGIE" scan files --json --no-iocs --rules m.yar deep
contains "JSON: a skip record with its reason" "$T/out" \
    '"type":"skip"'
contains "JSON: reason too_deep" "$T/out" '"reason":"too_deep"'

# --max-size: chosen by the user, named, exit 0, not "Nothing suspicious".
mkdir sz
head -c 5000 /dev/zero > sz/big.bin
echo clean > sz/small.txt
run "$VIGIE" scan files --no-iocs --max-size 1k --rules m.yar sz
exit_is "--max-size: exit 0 (the user chose it)" 0
contains "--max-size: the file is named" "$T/err" \
    "sz/big.bin: not examined: larger than --max-size"
lacks "--max-size: no 'Nothing suspicious'" "$T/out" \
    "Nothing suspicious was found."

# ---- Output that fails.
mkdir many
$PY -c '
for i in range(3000): open("many/f%04d.txt" % i, "w").write("VGMARK %d\n" % i)'
( "$VIGIE" scan files --json --no-iocs --rules m.yar many 2> pipe.err;
  echo $? > pipe.rc ) | head -1 > /dev/null
is "a closed pipe: exit 2, not killed by SIGPIPE" "$(cat pipe.rc)" 2
contains "a closed pipe: the error is said" pipe.err \
    "the results could not be written"
is "a closed pipe: the run is recorded as interrupted" "$(last_run)" \
    interrupted
run sh -c "\"$VIGIE\" scan files --no-iocs --rules m.yar sz > /dev/full"
exit_is "stdout on a full disk: exit 2" 2
contains "stdout on a full disk: the error is said" "$T/err" \
    "the results could not be written: no space left"
is "stdout on a full disk: the run is interrupted" "$(last_run)" interrupted

# ---- Names that are not UTF-8.
mkdir names
printf 'VGMARK\n' > "names/$(printf 'caf\351-\377\376.txt')"
printf 'VGMARK\n' > 'names/caf\xe9-\xff\xfe.txt'
run "$VIGIE" scan files --no-iocs --rules m.yar names
contains "text: invalid bytes as \\xNN" "$T/out" 'names/caf\xe9-\xff\xfe.txt'
contains "text: a real backslash doubled" "$T/out" \
    'names/caf\\xe9-\\xff\\xfe.txt'
run "$VIGIE" scan files --json --no-iocs --rules m.yar names
contains "JSON: the raw bytes in hex" "$T/out" \
    "\"path_bytes\":\"$(printf 'names/caf\351-\377\376.txt' | od -An -tx1 | tr -d ' \n')\""
is "JSON: the two names differ (path, path_bytes)" "$($PY -c 'import json, sys
print(len({(json.loads(l)["path"], json.loads(l).get("path_bytes"))
           for l in open(sys.argv[1]) if json.loads(l)["type"] == "match"}))' "$T/out")" 2

# ---- Words.
mkdir one
echo VGMARK > one/a.txt
run "$VIGIE" scan files --no-iocs --rules m.yar one
contains "singular: 1 item in 1 file" "$T/out" \
    "1 suspicious item found in 1 file (listed above)."
contains "the advice says no match is high or critical" "$T/out" \
    "No match is of high or critical severity"
run "$VIGIE" scan files --no-iocs --rules sev.yar one
contains "the advice counts the high or critical matches" "$T/out" \
    "1 match is of high or critical severity"
run "$VIGIE" --lang fr scan files --no-iocs --rules sev.yar one
contains "French: cached, singular" "$T/out" "Dont 1 inchangé depuis"
run "$VIGIE" scan files --no-iocs --rules m.yar never-was
exit_is "a path that never existed: exit 2" 2
contains "a path that never existed: said so" "$T/out" "not found: 1"
lacks "a path that never existed: not 'vanished'" "$T/out" "vanished"
run "$VIGIE" --lang fr scan files --no-iocs --rules m.yar one/a.txt/x
contains "French: the system's message in French" "$T/err" \
    "n'est pas un dossier"
lacks "French: no English system message" "$T/err" "Not a directory"
mkdir dl
ln -s nowhere dl/link
echo clean > dl/a.txt
run "$VIGIE" scan files --follow-symlinks --no-iocs --rules m.yar dl
exit_is "--follow-symlinks: a dangling link is no error" 0
contains "--follow-symlinks: it is counted as such" "$T/out" \
    "links to nothing: 1"
# --cpu-limit pauses the workers inside a scan (a signal): the results
# are the same (the share itself is measured by bench/scan.sh).
mkdir cpu
head -c 30000000 /dev/urandom > cpu/big.bin
echo VGMARK >> cpu/big.bin
cp cpu/big.bin cpu/big2.bin
run "$VIGIE" scan files --json --no-iocs --no-cache --cpu-limit 5 \
    --rules m.yar cpu
exit_is "--cpu-limit: the matches are found" 1
is "--cpu-limit: both big files matched" "$(grep -c '"type":"match"' "$T/out")" 2
lacks "--cpu-limit: no error" "$T/err" "vigie"
printf 'rule bad {\n condition: $nope\n}\n' > bad.yar
run "$VIGIE" scan files --no-iocs --rules bad.yar one
exit_is "bad rules: exit 2" 2
is "a compile error is printed once" "$(grep -c 'undefined string' "$T/err")" 1
done_testing
