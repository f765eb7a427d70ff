# 1005 — every assessment is kept: --compare shows the change per domain
# and the answers that improved or went down; a new assessment in the
# TUI shows last time's answer under each question.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" assess --compare
exit_is "no commune yet: exit 2" 2
contains "no commune yet: said" "$T/err" "vigie profile set name"

run "$VIGIE" assess --template
cp "$T/out" tpl.json
make_answers() {	# make_answers FILE LEVEL-OF-BAK-1 LEVEL-OF-PC-1
	$PY - "$@" <<'EOF'
import json, sys
out, bak, pc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = json.load(open("tpl.json"))
d["commune"] = "Bourg-Test"
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
for k in d["answers"]:
    d["answers"][k] = 2 if 2 in d["allowed"][k] else 1
d["answers"]["BAK-1"] = bak
d["answers"]["PC-1"] = pc
json.dump(d, open(out, "w"))
EOF
}
make_answers first.json 0 4
make_answers second.json 4 1
run "$VIGIE" assess --answers first.json
exit_is "first assessment" 0
run "$VIGIE" assess --compare
exit_is "one assessment: exit 0" 0
contains "one assessment: nothing to compare" "$T/out" "nothing to compare"
run "$VIGIE" assess --answers second.json
exit_is "second assessment" 0

run "$VIGIE" assess --compare
exit_is "compare: exit 0" 0
contains "compare: the two numbers" "$T/out" "Assessment no. 2 compared with no. 1"
contains "compare: backups went up" "$T/out" "Backups"
contains "compare: BAK-1 improved" "$T/out" "BAK-1"
sed -n '/improved/,/went down/p' "$T/out" > better.txt
sed -n '/went down/,$p' "$T/out" > worse.txt
contains "compare: BAK-1 is among the improved" better.txt "BAK-1"
contains "compare: PC-1 is among those that went down" worse.txt "PC-1"
lacks "compare: GOV-1 did not change" "$T/out" "GOV-1"

run "$VIGIE" assess --compare --json
exit_is "compare --json: exit 0" 0
is "compare --json: previous" "$(json_get "$T/out" previous.id)" 1
is "compare --json: improved" "$(json_get "$T/out" previous.improved.0.question)" BAK-1
is "compare --json: regressed" "$(json_get "$T/out" previous.regressed.0.question)" PC-1
is "compare --json: levels" \
    "$(json_get "$T/out" previous.regressed.0.before) -> $(json_get "$T/out" previous.regressed.0.after)" \
    "4 -> 1"
bak=$($PY -c 'import json,sys
d = json.load(open(sys.argv[1]))["previous"]["domains"]
b = [x for x in d if x["id"] == "BAK"][0]
print(b["after"] > b["before"])' "$T/out")
is "compare --json: the backups domain went up" "$bak" True

# A third assessment in the terminal shows last time's answers.
if command -v tmux >/dev/null 2>&1; then
	sock="vigie-1005-$$"
	tm() { tmux -L "$sock" -f /dev/null "$@"; }
	trap 'tm kill-server 2>/dev/null' EXIT
	tm new-session -d -s t -x 80 -y 24 "exec $VIGIE --lang fr assess"
	i=0
	until tm capture-pane -p -t t | grep -q "Combien d'habitants"; do
		i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1
	done
	for k in 1 1 1 1 1 1 1 1 1 1 1; do tm send-keys -t t $k; sleep 0.05; done
	i=0
	until tm capture-pane -p -t t | grep -q "Une personne est-elle"; do
		i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1
	done
	tm capture-pane -p -t t > screen
	contains "the new assessment shows last time's answer" screen \
	    "La dernière fois"
	tm send-keys -t t q
	sleep 0.5
	run "$VIGIE" report --format json
	is "the new assessment is number 3" \
	    "$(json_get "$T/out" assessment.id)" 3
else
	skip "last time's answer in the TUI" "tmux not installed"
fi
done_testing
