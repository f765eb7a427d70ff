# 7003 — hostile bundles (issue 20): nothing of a bundle reaches the
# terminal raw (points 4), every value is checked by the validator the
# command line uses (point 7), the seal recipe of docs/formats/bundle.md
# works on text with control characters (point 9).
. "$TOP/tests/e2e/lib.sh"

"$VIGIE" profile set name "Saint-Hostile" > /dev/null
"$VIGIE" respond incident open --t0 "2026-11-20 08:10" --what "test" > /dev/null
"$VIGIE" assess --template -o tpl.json > /dev/null
$PY - <<'PY'
import json
d = json.load(open("tpl.json"))
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
for k in d["answers"]:
    d["answers"][k] = "dk"
json.dump(d, open("answers.json", "w"), ensure_ascii=False)
PY
"$VIGIE" assess --answers answers.json > /dev/null 2>&1
# Control characters in a profile value reach the bundle as \u001B.
"$VIGIE" profile set mayor.name "Marie" > /dev/null
run "$VIGIE" export -o good.json
exit_is "export" 0

# The recipe of docs/formats/bundle.md, word for word.
sed -n '/^```python$/,/^```$/p' "$TOP/docs/formats/bundle.md" | sed '1d;$d' \
    > recipe.py
ok "the recipe is in the docs" grep -q hashlib recipe.py
# seal.py IN OUT: OUT is IN sealed again with the recipe's canonical form.
cat > seal.py <<'PY'
import hashlib, json, re, sys
b = json.load(open(sys.argv[1])); b.pop("sha256", None)
text = json.dumps(b, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
text = re.sub(r'\\(u[0-9a-f]{4}|.)', lambda m: '\\u' + m.group(1)[1:].upper()
              if len(m.group(1)) == 5 else m.group(0), text)
b["sha256"] = hashlib.sha256(text.encode()).hexdigest()
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
PY
# edit.py IN OUT CODE: run CODE on the bundle b, seal it into OUT.
edit() { $PY -c 'import json, sys
b = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)' "$1" tmp.json "$3" &&
    $PY seal.py tmp.json "$2"; }

# An export whose text holds control characters: the recipe agrees.
edit good.json ctl.json 'b["parts"]["runs"] = [{"kind": "scan.files", "subject": "h\u001b[2J\u0007\u007f\\u001b", "started": "2026-11-20T07:10:00Z", "ended": None, "status": "done", "stats": None, "findings": []}]'
VIGIE_DB=$T/ctl.db run "$VIGIE" import ctl.json
exit_is "a bundle with control characters, sealed by the recipe: imported" 0
VIGIE_DB=$T/ctl.db run "$VIGIE" export -o ctl-back.json
cp ctl-back.json for-recipe.json
sed 's/bundle.json/for-recipe.json/' recipe.py > r2.py
run $PY r2.py
exit_is "the recipe checks vigie's own export with control characters" 0
ok "and that export does hold \\u001B" grep -q 'u001B' ctl-back.json

# Point 4: nothing raw on the terminal.
esc=$(printf '\033')
bel=$(printf '\007')
edit good.json key.json 'b["parts"]["\u001b]0;pwned\u0007\u001b[2J"] = {}'
run "$VIGIE" import key.json
exit_is "an unknown part named with escapes: refused" 2
lacks "its name is not echoed raw (ESC)" "$T/err" "$esc"
lacks "nor BEL" "$T/err" "$bel"
contains "it is shown escaped" "$T/err" '\x1b]0;pwned\x07'
cp key.json "k$esc[2J.json"
run "$VIGIE" import "k$esc[2J.json"
lacks "a file name with escapes is not echoed raw" "$T/err" "$esc"
run "$VIGIE" scan files --threads "$esc]0;x$bel"
exit_is "a bad option value: usage error" 2
lacks "the bad value is not echoed raw" "$T/err" "$esc"
printf 'x;high\033[2J;d\n' > sev.names
run "$VIGIE" scan files --iocs sev.names sev.names
lacks "the IOC severity error is not raw" "$T/err" "$esc"
contains "the severity is shown escaped" "$T/err" 'high\x1b[2J'

# Point 7: what the command line refuses, a bundle cannot bring in.
refused() {	# refused WHAT CODE: the edited bundle is refused, not stored
	edit good.json bad.json "$2"
	rm -f "$T/b7.db"
	VIGIE_DB=$T/b7.db run "$VIGIE" import bad.json
	exit_is "$1: refused" 2
}
refused "an empty commune name" 'b["commune"]["name"] = ""'
refused "a commune name of spaces" 'b["commune"]["name"] = "   "'
refused "a commune name with ESC" 'b["commune"]["name"] = "X\u001b[2J"'
refused "a T0 in 2999" 'b["parts"]["incidents"][0]["t0"] = "2999-01-01T00:00:00Z"'
refused "a T0 before 2000" 'b["parts"]["incidents"][0]["t0"] = "1999-12-31T18:45:30Z"'
refused "answer value 99" 'b["parts"]["assessments"]["assessments"][0]["answers"][0]["value"] = "99"'
refused "a level the question does not offer" 'b["parts"]["assessments"]["assessments"][0]["answers"][0]["value"] = "4" if True else 0; [a.update(value="4") for a in b["parts"]["assessments"]["assessments"][0]["answers"]]'
refused "question id ../../x" 'b["parts"]["assessments"]["assessments"][0]["answers"][0]["question"] = "../../x"'
contains "the reason names the question" "$T/err" '../../x'
rm -f "$T/b7.db"
VIGIE_DB=$T/b7.db run "$VIGIE" import good.json
exit_is "the untouched bundle is imported" 0

# The command line refuses the same T0 (the validator is shared).
export VIGIE_DB=$T/t0.db
"$VIGIE" profile set name "Saint-T0" > /dev/null
run "$VIGIE" respond incident open --t0 "2000-01-01 01:00:30+0615" --what x
exit_is "a T0 that is a moment of 1999: refused on the command line" 2
contains "as no such date" "$T/err" "no such date"
run "$VIGIE" respond incident open --t0 "2000-01-01 07:00:30+0615" --what x
exit_is "the same offset on a moment of 2000: accepted" 0
done_testing
