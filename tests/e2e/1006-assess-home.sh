# 1006 — the home screen in a real terminal (tmux, 80x24): a first quick
# assessment, the commune profile edited through vg_profile_set (a wrong
# phone number refused, a right one kept), the results and the plan,
# the report exported from the screen, and the quick assessment
# continued as a full one.
. "$TOP/tests/e2e/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	skip "the home screen in tmux" "tmux not installed"
	done_testing
	exit 0
fi
sock="vigie-1006-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
wait_for() {
	i=0
	while [ $i -lt 150 ]; do
		tm capture-pane -p -t t > "$T/screen"
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
shows() {
	if wait_for "$2"; then _ok "$1"; else
		_notok "$1"; diag "'$2' not on the screen:" "$(cat "$T/screen")"
	fi
}
keys() { for k in "$@"; do tm send-keys -t t "$k"; sleep 0.05; done; }

printf '"$VIGIE" "$@"; echo "vigie exit status $?"\n' > "$T/wrap"
tm new-session -d -s t -x 80 -y 24 "exec sh $T/wrap --lang fr"
tm set-option -t t remain-on-exit on >/dev/null
shows "vigie alone opens the home screen" "Que voulez-vous faire"
contains "no assessment yet" "$T/screen" "Pas encore d'évaluation"
contains "the first action starts one" "$T/screen" "Commencer l'évaluation"
contains "the incident mode is one key away (issue 7)" "$T/screen" "Incident en cours"

# The profile: the name, a wrong then a right phone number.
keys c
shows "c opens the profile" "Nom de la commune"
keys Enter
keys "Val-de-Sèvre" Enter
shows "the name is saved" "Val-de-Sèvre"
keys Down Down Down Down Down Down Enter	# mayor.phone
keys "pas un numéro" Enter
shows "a wrong phone number is refused, with the reason" "pas valable"
keys Enter C-u "05 49 00 00 00" Enter
shows "a right one is kept" "05 49 00 00 00"
keys Escape
shows "back home, with the commune's name" "Val-de-Sèvre"
contains "the contacts count" "$T/screen" "1/9"
run "$VIGIE" profile show --json
is "the profile has the name" "$(json_get "$T/out" profile.name)" "Val-de-Sèvre"
is "the profile has the phone" \
    "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"]["mayor.phone"])' "$T/out")" \
    "05 49 00 00 00"

# A quick assessment from the home screen.
keys r
shows "quick or full is asked" "Quel questionnaire"
keys 1
shows "the quick one starts with the context" "Combien d'habitants"
keys 1 1 1 1 1 1 1 1 1 1 1
shows "then its first question" "ne peuvent pas s'arrêter"
# 15 since issue 16: NET-1 (now NET-8) and DATA-1 joined so that every
# domain is in it, and NET-5 when it became a socle question (weight 3).
contains "15 questions in the quick mode" "$T/screen" "/15"
keys 1 2 3 1 1 1 1 1 1 1 1 1 1 1 1		# every quick question
shows "the last answer shows the results" "Résultats"
contains "the results have a bar chart" "$T/screen" "█"
contains "the level words are shown" "$T/screen" "À démarrer"
keys p
shows "p opens the action plan" "Commencez par ces mesures"
keys Escape Escape
shows "back home" "Que voulez-vous faire"
contains "the quick assessment is complete" "$T/screen" "terminée"

# Export the report from the screen.
keys e
shows "e opens the export" "Sous quelle forme"
keys 1
shows "the path is proposed" "Enregistrer sous"
keys C-u "$T/depuis-l-ecran.html" Enter
shows "the report is saved" "Le rapport est enregistré"
ok "the file is there" test -s "$T/depuis-l-ecran.html"
is "the file is private" "$(stat -c %a "$T/depuis-l-ecran.html")" 600
contains "the report names the commune" "$T/depuis-l-ecran.html" \
    "Val-de-Sèvre"
keys Escape

# Go on with the full questionnaire.
shows "the quick one can go on as a full one" "Poursuivre avec le questionnaire complet"
keys f
shows "the first question the quick mode did not ask" \
    "Une personne est-elle chargée"
keys q
shows "q quits" "pour y revenir"
shows "vigie exited with status 0 (no leak under sanitizers)" \
    "vigie exit status 0"
run "$VIGIE" report --format json
is "the same assessment, now full" "$(json_get "$T/out" assessment.mode)" full
is "not finished any more" "$(json_get "$T/out" assessment.finished)" None
done_testing
