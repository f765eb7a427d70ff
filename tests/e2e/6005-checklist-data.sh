# 6005 — the checklist is data: a copy of rules/ with an extra step is
# used without recompiling; broken files are refused with the file, the
# line and the cause, by every command that reads them.
. "$TOP/tests/e2e/lib.sh"

mkdir -p "$T/data/checklist"
cp "$TOP/rules/checklist/checklist.rng" "$T/data/checklist/"
# An extra step before the closing one.
$PY - "$TOP/rules/checklist/checklist.xml" "$T/data/checklist/checklist.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
extra = '''<step id="archives" who="mayor" deadline="2880">
      <title xml:lang="fr">Prévenir les archives départementales</title>
      <title xml:lang="en">Tell the departmental archives</title>
      <why xml:lang="fr">Pertes d'archives publiques.</why>
      <why xml:lang="en">Public archives lost.</why>
    </step>
    <step id="close" '''
s = s.replace('<step id="close" ', extra, 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
export VIGIE_DATA=$T/data VIGIE_NOW=2026-11-25T09:00:00Z
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10"
run "$VIGIE" respond checklist
contains "a step added to the data appears" "$T/out" "Tell the departmental archives"
contains "with its deadline" "$T/out" "before Fri 2026-11-27 08:10"
run "$VIGIE" respond incident done archives
exit_is "and can be ticked" 0

line=$(grep -n 'step id="archives"' "$T/data/checklist/checklist.xml" | cut -d: -f1)

# A step naming an unknown role: valid for the schema, refused by the
# loader's own checks.
sed 's/who="mayor" deadline="2880"/who="janitor" deadline="2880"/' \
    "$T/data/checklist/checklist.xml" > "$T/x" && mv "$T/x" "$T/data/checklist/checklist.xml"
run "$VIGIE" respond checklist
exit_is "unknown role refused" 2
contains "names file, line and cause" "$T/err" \
    "checklist/checklist.xml:$line: step \"archives\": unknown role \"janitor\""
run "$VIGIE" respond incident done isolate
exit_is "done refuses to guess too" 2

# Not valid against the schema.
sed 's/who="janitor" deadline="2880"/who="mayor" deadline="soon"/' \
    "$T/data/checklist/checklist.xml" > "$T/x" && mv "$T/x" "$T/data/checklist/checklist.xml"
run "$VIGIE" respond checklist
exit_is "schema error refused" 2
contains "schema error located" "$T/err" "checklist.xml:$line: Invalid attribute deadline"

# Hostile: an entity bomb.
printf '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY a "aaaa">]>\n<checklist version="1">&a;</checklist>\n' \
    > "$T/data/checklist/checklist.xml"
run "$VIGIE" respond checklist
exit_is "a DTD is refused" 2
contains "and named" "$T/err" "checklist.xml"

# Missing file.
rm "$T/data/checklist/checklist.xml"
run "$VIGIE" respond sheet -o "$T/s.html"
exit_is "missing checklist: clear error" 2
contains "naming the path" "$T/err" "checklist/checklist.xml"
done_testing
