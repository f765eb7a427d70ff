# 1004 — the questionnaire in a real terminal (tmux, 80x24): answer with
# number keys and arrows, open the help, write a note and a "check
# later" flag, then kill vigie with SIGKILL: every answer given is in
# the store, and vigie reopens at the first unanswered question. Also:
# resizing, NO_COLOR, and q to quit.
. "$TOP/tests/e2e/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	skip "the TUI in tmux" "tmux not installed"
	done_testing
	exit 0
fi
sock="vigie-1004-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
screen() { tm capture-pane -p -t t > "$T/screen"; }
# wait_for TEXT: until the screen shows TEXT (at most 15 s)
wait_for() {
	i=0
	while [ $i -lt 150 ]; do
		screen
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# start COMMAND...: run it in the 80x24 terminal (respawned, so that the
# tmux server never stops between two runs)
start() {
	if tm has-session -t t 2>/dev/null; then
		tm respawn-pane -k -t t "exec $*"
	else
		tm new-session -d -s t -x 80 -y 24 "exec $*"
		tm set-option -t t remain-on-exit on >/dev/null
	fi
}
# shows WHAT TEXT: a test that the screen comes to show TEXT
shows() {
	if wait_for "$2"; then _ok "$1"; else
		_notok "$1"; diag "'$2' not on the screen:" "$(cat "$T/screen")"
	fi
}
report() { "$VIGIE" report --format json > "$T/report.json"; }
answer() { $PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
a = {x["id"]: x for x in d["answers"]}[sys.argv[2]]
print(a[sys.argv[3]])' "$T/report.json" "$1" "$2"; }

start "$VIGIE" --lang fr assess
shows "the first question shows" "Combien d'habitants compte la commune"
contains "the key bar says how to get help" "$T/screen" "? aide"
is "the screen is 24 lines" "$(wc -l < "$T/screen")" 24
# The context: 11 questions answered with number keys.
for k in 2 2 2 1 2 1 1 2 2 1 2; do tm send-keys -t t "$k"; sleep 0.05; done
shows "after the context, the first domain" \
    "Une personne est-elle chargée de la sécurité"
contains "the wording follows the context (a private provider)" \
    "$T/screen" "Organisation"
tm send-keys -t t 4				# GOV-1: level 3
shows "GOV-8 shows" "le maire ou le conseil municipal ont-ils"
tm send-keys -t t Down Down Enter		# GOV-8: level 3 with arrows
shows "GOV-9 shows" "Un budget, même petit"
tm send-keys -t t 2				# GOV-9: level 1
shows "GOV-3 shows" "ne peuvent pas s'arrêter"
tm send-keys -t t '?'
shows "the help opens" "Pourquoi on vous demande ça"
contains "the help has an example" "$T/screen" "Un exemple dans une mairie"
tm send-keys -t t Escape
shows "back to the question" "ne peuvent pas s'arrêter"
tm send-keys -t t 5				# GOV-3: "Je ne sais pas"
shows "GOV-4 shows" "charte informatique"
tm send-keys -t t n
shows "the note field opens" "une note vide l'efface"
tm send-keys -t t "Voir le modèle du CDG, œuvre" Enter
tm send-keys -t t v
shows "the note and the flag show" "[à vérifier plus tard]"
contains "the note text" "$T/screen" "Voir le modèle du CDG, œuvre"

# SIGKILL: nothing may be lost.
pid=$(tm display-message -p -t t '#{pane_pid}')
ok "vigie is running ($pid)" kill -0 "$pid"
kill -KILL "$pid"
dead() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$(tm display-message -p -t t '#{pane_dead}')" = 1 ] &&
		    return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
ok "vigie is gone" dead
report
is "GOV-1 kept" "$(answer GOV-1 value)" 3
is "GOV-8 kept" "$(answer GOV-8 value)" 3
is "GOV-9 kept" "$(answer GOV-9 value)" 1
is "GOV-3 kept as don't know" "$(answer GOV-3 value)" dk
is "GOV-4 unanswered" "$(answer GOV-4 value)" None
is "GOV-4 note kept" "$(answer GOV-4 note)" "Voir le modèle du CDG, œuvre"
is "GOV-4 flag kept" "$(answer GOV-4 later)" True
is "the context kept" "$(json_get "$T/report.json" context.C-PROVIDER)" \
    private
is "one assessment" "$(json_get "$T/report.json" assessment.id)" 1

# Reopen: the first unanswered question, with its note. (Through a
# wrapper that prints vigie's exit status when it ends.)
printf '"$VIGIE" "$@"; echo "vigie exit status $?"\n' > "$T/wrap"
start sh "$T/wrap" --lang fr assess
shows "vigie resumes at GOV-4" "charte informatique"
contains "with its note" "$T/screen" "Voir le modèle du CDG, œuvre"
# 4 answers, and NET-3, NET-10 and NET-11 "not concerned" through the
# context
contains "progress counts the answers" "$T/screen" "7/76"
tm send-keys -t t Left
shows "Left goes back to GOV-3" "ne peuvent pas s'arrêter"
contains "GOV-3 shows its recorded answer" "$T/screen" "Je ne sais pas  ← votre réponse"
tm send-keys -t t Right

# Resize: larger, then back to 80x24.
tm resize-window -t t -x 100 -y 30
sleep 0.3
shows "redrawn at 100x30" "charte informatique"
is "30 lines" "$(wc -l < "$T/screen")" 30
ok "the key bar on the last line" sh -c "tail -1 '$T/screen' | grep -q 'q quitter'"
tm resize-window -t t -x 80 -y 24
sleep 0.3
wait_for "charte informatique"
ok "the key bar back on line 24" sh -c "sed -n 24p '$T/screen' | grep -q 'q quitter'"

# Escape: the home screen; q quits with a reassuring line.
tm send-keys -t t Escape
shows "Escape opens the home screen" "Que voulez-vous faire"
contains "the home screen shows the progress" "$T/screen" \
    "Continuer l'évaluation (7 réponses sur 76)"
tm send-keys -t t q
shows "q quits and says the answers are saved" \
    "pour y revenir."
shows "vigie exited with status 0 (no leak under sanitizers)" \
    "vigie exit status 0"
report
is "still one assessment after reopening" \
    "$(json_get "$T/report.json" assessment.id)" 1

# NO_COLOR: no colour codes, the meaning still readable.
start env NO_COLOR=1 "$VIGIE" --lang fr home
shows "the home screen under NO_COLOR" "Que voulez-vous faire"
tm capture-pane -e -p -t t > "$T/escapes"
colours=$(grep -o "$(printf '\033')\[[0-9;]*m" "$T/escapes" |
    grep -cE '\[(3[0-7]|4[0-7]|9[0-7])(;|m)|;(3[0-7]|4[0-7])(;|m)' || true)
is "no colour escape under NO_COLOR" "$colours" 0
contains "the selection is still marked (reverse video)" "$T/escapes" \
    "$(printf '\033')[1;7m"
start "$VIGIE" --lang fr home
wait_for "Que voulez-vous faire"
tm capture-pane -e -p -t t > "$T/escapes"
colours=$(grep -o "$(printf '\033')\[[0-9;]*m" "$T/escapes" |
    grep -cE '\[(3[0-7]|4[0-7])(;|m)|;(3[0-7]|4[0-7])(;|m)' || true)
ok "colours without NO_COLOR ($colours codes)" test "$colours" -gt 0
tm send-keys -t t q
done_testing
