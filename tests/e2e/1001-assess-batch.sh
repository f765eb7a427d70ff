# 1001 — batch mode: the template, an answers file recorded as a whole,
# and broken answers files refused with the question ID and the problem,
# recording nothing.
. "$TOP/tests/e2e/lib.sh"

# count ROWS of TABLE in the test's store
count() { $PY -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM "+sys.argv[2]).fetchone()[0])' \
    "$VIGIE_DB" "$1"; }

run "$VIGIE" assess --template
exit_is "template: exit 0" 0
cp "$T/out" tpl.json
is "template: questionnaire id" "$(json_get tpl.json questionnaire)" communes
is "template: full mode" "$(json_get tpl.json mode)" full
n=$($PY -c 'import json; print(len(json.load(open("tpl.json"))["answers"]))')
is "template: 76 questions (issue 16)" "$n" 76
is "template: every answer starts null" \
    "$($PY -c 'import json; d=json.load(open("tpl.json")); print(set(d["answers"].values()))')" \
    "{None}"
is "template: allowed values of BAK-1" "$(json_get tpl.json allowed.BAK-1)" \
    '[0, 1, 2, 3, 4, "dk"]'

run "$VIGIE" assess --template --quick -o quick.json
exit_is "quick template to a file: exit 0" 0
q=$($PY -c 'import json; print(len(json.load(open("quick.json"))["answers"]))')
is "quick template: 15 questions (issue 16)" "$q" 15
is "quick template: mode" "$(json_get quick.json mode)" quick
is "quick template: file is private" "$(stat -c %a quick.json)" 600

# A full answers file: the context first, every question answered.
$PY - <<'EOF'
import json
d = json.load(open("tpl.json"))
d["commune"] = "Saint-Lô-les-Bains"
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
d["context"]["C-WIFI"] = "no"
for i, k in enumerate(sorted(d["answers"])):
    allowed = d["allowed"][k]
    d["answers"][k] = allowed[i % (len(allowed) - 1)]
d["answers"]["BAK-1"] = 0
d["answers"]["BAK-2"] = "dk"
d["answers"]["GOV-1"] = {"value": 3, "note": "Le 1er adjoint", "later": True}
d["answers"]["NET-3"] = "na"       # not concerned by the context anyway
json.dump(d, open("answers.json", "w"), ensure_ascii=False, indent=1)
EOF
run "$VIGIE" assess --answers answers.json
exit_is "answers: exit 0" 0
contains "answers: the assessment is reported" "$T/out" \
    "Assessment no. 1 recorded for Saint-Lô-les-Bains"
contains "answers: every question counted" "$T/out" "$n questions answered out of $n,"
contains "answers: backups at 0, held by the socle" "$T/out" "Backups"
is "answers: one assessment stored" "$(count assessment)" 1
is "answers: the commune got its name" \
    "$("$VIGIE" profile show --json | $PY -c 'import json,sys; print(json.load(sys.stdin)["profile"]["name"])' 2>/dev/null || echo missing)" \
    "Saint-Lô-les-Bains"

run "$VIGIE" report --format json
exit_is "report json: exit 0" 0
cp "$T/out" report.json
is "report: BAK-1 recorded as given" \
    "$($PY -c 'import json; a={x["id"]:x for x in json.load(open("report.json"))["answers"]}; print(a["BAK-1"]["value"], a["BAK-2"]["value"])')" \
    "0 dk"
is "report: note and flag kept" \
    "$($PY -c 'import json; a={x["id"]:x for x in json.load(open("report.json"))["answers"]}; print(a["GOV-1"]["note"], a["GOV-1"]["later"])')" \
    "Le 1er adjoint True"
is "report: NET-3 not concerned through the context" \
    "$($PY -c 'import json; a={x["id"]:x for x in json.load(open("report.json"))["answers"]}; print(a["NET-3"]["value"], a["NET-3"]["auto_not_concerned"])')" \
    "na True"
is "report: backups domain capped by a socle question" \
    "$($PY -c 'import json; d={x["id"]:x for x in json.load(open("report.json"))["score"]["domains"]}; print(d["BAK"]["level"] <= 1, d["BAK"]["capped"] or d["BAK"]["raw"] <= 1)')" \
    "True True"
is "report: the don't-know becomes a task" \
    "$($PY -c 'import json; print([t["question"] for t in json.load(open("report.json"))["plan"]["find_out"]].count("BAK-2"))')" \
    1

# --json prints the same report document
run "$VIGIE" assess --answers answers.json --json
exit_is "answers --json: exit 0" 0
is "answers --json: assessment 2" "$(json_get "$T/out" assessment.id)" 2

# ---- Broken files: the question, the problem, nothing recorded -------
before=$(count assess_answer)
broken() {	# broken NAME PYTHON-EDIT EXPECTED-TEXT
	$PY -c "import json
d = json.load(open('answers.json'))
$2
json.dump(d, open('$1.json', 'w'))"
	run "$VIGIE" assess --answers "$1.json"
	exit_is "$1: exit 2" 2
	contains "$1: names the problem" "$T/err" "$3"
	is "$1: nothing recorded" "$(count assessment) $(count assess_answer)" \
	    "2 $before"
}
broken unknown-question 'd["answers"]["BAK-99"] = 2' \
    'unknown-question.json: question BAK-99: no such question'
broken level-out 'd["answers"]["PC-1"] = 7' \
    'question PC-1: level 7 is not one of its answers (0, 1, 2, 3, 4)'
broken level-missing 'd["answers"]["GOV-3"] = 2' \
    'question GOV-3: level 2 is not one of its answers (0, 1, 3, 4)'
broken na-refused 'd["answers"]["BAK-1"] = "na"' \
    'question BAK-1: "na" (not concerned) is not offered'
broken word 'd["answers"]["ACC-2"] = "yes"' \
    'question ACC-2: expected a level (0, 1, 3, 4), "dk", "na" or null'
broken context 'd["context"]["C-WIFI"] = "maybe"' \
    'context question C-WIFI: the value must be one of its options'
broken note 'd["answers"]["GOV-1"] = {"value": 1, "note": 5}' \
    'question GOV-1: "note" must be text'
broken old-note 'd["answers"]["GOV-2"] = {"value": 1, "note": 5}' \
    'question GOV-2: "note" must be text'
broken old-level 'd["answers"]["NET-4"] = 7' \
    'question NET-4: expected a level 0 to 4, "dk", "na" or null'
broken other-questionnaire 'd["questionnaire"] = "cities"' \
    '"questionnaire" must be "communes"'
broken quick-mode 'd["mode"] = "quick"' \
    'is not part of the quick mode'
printf '{"questionnaire": "communes",\n "answers": {"GOV-1": 2,,}}\n' \
    > syntax.json
run "$VIGIE" assess --answers syntax.json
exit_is "syntax error: exit 2" 2
contains "syntax error: file, line and column" "$T/err" "syntax.json:2:"
printf '{"questionnaire": "communes", "answers": {"GOV-1": "\377"}}' \
    > utf8.json
run "$VIGIE" assess --answers utf8.json
exit_is "invalid UTF-8: exit 2" 2
contains "invalid UTF-8: named" "$T/err" "utf8.json"
is "broken files: still nothing recorded" \
    "$(count assessment) $(count assess_answer)" "2 $before"

# Unanswered questions stay unanswered.
$PY -c 'import json
d = json.load(open("tpl.json")); d["answers"]["GOV-1"] = 4
json.dump(d, open("one.json", "w"))'
run "$VIGIE" assess --answers one.json --json
exit_is "a single answer: exit 0" 0
is "a single answer: one answered" "$(json_get "$T/out" score.answered)" 1
is "a single answer: not finished" "$(json_get "$T/out" assessment.finished)" \
    None

# An answers file of the previous version (2025.1), with questions since
# split (docs/scoring.md): read, but the old answers score nothing; each
# new question left unanswered keeps the old answer as a note, marked to
# check later, and the user is told.
cat > old.json <<'EOF'
{"questionnaire": "communes", "version": "2025.1", "commune": "Ancienne",
 "mode": "full", "context": {"C-PROVIDER": "private", "C-REMOTE": "yes"},
 "answers": {"GOV-1": 3, "GOV-2": 2, "ACC-3": {"value": "dk", "note": "voir"},
  "NET-1": 4, "NET-8": 3, "NET-4": 1, "SUP-3": 3, "GOV-6": null}}
EOF
run "$VIGIE" assess --answers old.json --json
exit_is "old answers file: exit 0" 0
is "old answers file: only the two current questions are scored" \
    "$(json_get "$T/out" score.answered)" 2
contains "old answers file: the user is told (GOV-2)" "$T/err" \
    "question GOV-2 of an earlier version is now split: its answer (level 2) is not scored"
contains "old answers file: on which questions" "$T/err" "on GOV-8, GOV-9: answer again"
contains "old answers file: NET-1 only where NET-8 is unanswered" "$T/err" "on NET-9: answer"
is "old answers file: notes and check-later flags, nothing scored" "$($PY -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
a = c.execute("SELECT max(id) FROM assessment").fetchone()[0]
rows = {q: (v, n, l) for q, v, n, l in c.execute("SELECT question, value, note, "
    "later FROM assess_answer WHERE assessment_id = ?", (a,))}
bad = []
for q, old in (("GOV-8", "GOV-2"), ("GOV-9", "GOV-2"), ("ACC-9", "ACC-3"),
        ("ACC-10", "ACC-3"), ("ACC-11", "ACC-3"), ("NET-9", "NET-1"),
        ("NET-10", "NET-4"), ("NET-11", "NET-4"), ("SUP-7", "SUP-3"),
        ("SUP-8", "SUP-3")):
    v, n, l = rows.get(q, (None, None, 0))
    if v is not None or l != 1 or old not in (n or ""):
        bad.append((q, v, n, l))
if "voir" not in rows["ACC-9"][1]:
    bad.append("ACC-3 note lost")
if rows["NET-8"] != ("3", None, 0):
    bad.append(("NET-8", rows["NET-8"]))
for gone in ("GOV-2", "ACC-3", "NET-1", "NET-4", "SUP-3"):
    if gone in rows:
        bad.append(gone)
print(bad or "ok")' "$VIGIE_DB")" ok
is "old answers file: the network domain is NET-8 alone, not NET-1's 4" \
    "$($PY -c 'import json, sys
d = [x for x in json.load(open(sys.argv[1]))["score"]["domains"] if x["id"] == "NET"][0]
print(d["level"])' "$T/out")" 3

# Usage errors
run "$VIGIE" assess --template --answers one.json
exit_is "two modes at once: usage error" 2
run "$VIGIE" assess -o x.html
exit_is "-o alone: usage error" 2
run "$VIGIE" assess
exit_is "no terminal: exit 2" 2
contains "no terminal: says what to do" "$T/err" "--answers"
done_testing
