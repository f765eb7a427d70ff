# 6006 — incident mode on a terminal, driven in tmux at 80x24 like a
# frightened secretary would: the first actions, when it happened, two
# questions, the evidence reminder, a step ticked, a note added; then the
# process is killed with SIGKILL and nothing it showed as saved is lost.
. "$TOP/tests/e2e/lib.sh"
command -v tmux > /dev/null || { skip "incident screens" "tmux missing"; done_testing; exit 0; }

export VIGIE_NOW=2026-11-25T09:00:00Z		# 10:00 in Paris
sock=$T/tmux.sock
tm() { tmux -S "$sock" -f /dev/null "$@"; }
# One tmux server for the whole test, kept when it has no session: a
# server exits when its last session is killed, and a new-session sent
# while it is exiting fails ("server exited unexpectedly"), which left
# the next part of the test with no screen at all under load.
tm start-server \; set-option -g exit-empty off
trap 'tm kill-server 2>/dev/null' EXIT
screen() { tm capture-pane -p -t vt > "$T/screen"; }
# wait_for TEXT: poll the screen until TEXT shows (at most ~10 s).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
seen() {
	if wait_for "$2"; then _ok "$1"; else
		_notok "$1"; diag "'$2' not on the screen:" "$(cat "$T/screen")"; fi
}
cat > "$T/run.sh" <<SH
echo \$\$ > "$T/pid"
export VIGIE_DB="$VIGIE_DB" VIGIE_NOW="$VIGIE_NOW" HOME="$HOME" LANG=C.UTF-8 TERM=xterm-256color
exec "$VIGIE" respond incident "\$@"
SH
start() {
	rm -f "$T/pid"
	tm new-session -d -s vt -x 80 -y 24 "sh '$T/run.sh' $*; echo EXIT=\$?; sleep 30" ||
	    { _notok "tmux starts the terminal for: respond incident $*"; }
}

start
seen "the first actions come first" "Incident in progress — the first actions"
seen "in plain words" "Do not switch off: disconnect from the network."
is "the screen is 80x24" "$(tm display -p -t vt '#{window_width}x#{window_height}')" "80x24"
tm send-keys -t vt Enter
seen "then: when was it discovered" "When did you discover the problem?"
tm send-keys -t vt 2
seen "a time can be typed" "At what time did you discover it?"
tm send-keys -t vt "25:99" Enter
seen "a bad time is explained, not taken" "no such date or time"
tm send-keys -t vt BSpace BSpace BSpace BSpace BSpace "08:10" Enter
seen "then: personal data?" "Could information about people have been reached?"
seen "the incident is saved at once" "Incident recorded."
tm send-keys -t vt 1
seen "then: a ransom?" "Does a message ask for money (a ransom)?"
tm send-keys -t vt 1
seen "then: keep the evidence, with the exact command" "vigie respond capture"
tm send-keys -t vt 2
seen "then the first step, one per screen" "Step 1 of"
seen "with its deadline in words" "right away"
tm send-keys -t vt 1
seen "ticking it is saved and leads to the next" "Step 2 of"
seen "the ransom step applies" "Do not pay the ransom"
seen "with the time it was saved" "Saved at Wed 2026-11-25 10:00."
tm send-keys -t vt Right
seen "the alert step shows it is late" "OVERDUE by 1 h 35 min"
tm send-keys -t vt Escape
seen "Esc goes back to the whole list" "Incident 1 — what to do"
seen "done steps marked without colour" "[x] Disconnect the affected computer"
seen "late steps marked" "[!] Tell the mayor"
seen "countdowns on the list" "2 d 22 h left"
tm send-keys -t vt n
seen "a note can be added" "What did you do or see?"
tm send-keys -t vt "Called the IT provider, he comes at 11" Escape
seen "Esc in a note cancels it" "Incident 1 — what to do"
tm send-keys -t vt n
wait_for "What did you do or see?"
tm send-keys -t vt "Called the IT provider, he comes at 11" Enter
seen "the note is saved" "Saved at"
tm send-keys -t vt t
seen "the timeline shows it" "Called the IT provider, he comes at 11"
screen
lines=$(wc -l < "$T/screen")
ok "nothing drawn past 24 lines" [ "$lines" -le 24 ]

# Killed without warning: everything shown as saved is in the store.
kill -KILL "$(cat "$T/pid")"
seen "the process is gone" "EXIT="
tm kill-session -t vt 2>/dev/null
run "$VIGIE" respond incident show --json
exit_is "the store opens after SIGKILL" 0
is "T0 as typed, Paris time" "$(json_get "$T/out" t0)" "2026-11-25T08:10:00+01:00"
is "personal data answer kept" "$(json_get "$T/out" conditions.personal-data)" yes
is "ransom answer kept" "$(json_get "$T/out" conditions.ransomware)" yes
contains "the ticked step kept" "$T/out" '"step": "isolate"'
contains "the note kept" "$T/out" "Called the IT provider, he comes at 11"
is "the cancelled note was never saved" \
    "$(grep -c 'Called the IT provider' "$T/out")" 1

# Back in: first actions again, then straight to the first open step.
start
seen "reopening shows the first actions" "Incident in progress — the first actions"
tm send-keys -t vt Enter
seen "then the first step not done" "Step 2 of"
tm send-keys -t vt Escape
wait_for "what to do"
tm send-keys -t vt Escape
seen "Esc from the list quits cleanly" "EXIT=0"
tm kill-session -t vt 2>/dev/null

# From the home screen: "i" opens incident mode, Esc comes back.
cat > "$T/home.sh" <<SH
export VIGIE_DB="$VIGIE_DB" VIGIE_NOW="$VIGIE_NOW" HOME="$HOME" LANG=C.UTF-8 TERM=xterm-256color
exec "$VIGIE"
SH
tm new-session -d -s vt -x 80 -y 24 "sh '$T/home.sh'; echo EXIT=\$?; sleep 30" ||
    _notok "tmux starts the terminal for the home screen"
seen "the home screen offers incident mode" "Incident in progress: what to do now"
tm send-keys -t vt i
seen "one key opens it" "Incident in progress — the first actions"
tm send-keys -t vt Escape
seen "Esc goes back to the home screen" "What would you like to do?"
tm send-keys -t vt q
seen "and the home screen quits cleanly" "EXIT=0"
tm kill-session -t vt 2>/dev/null

# French, for the secretary.
start --lang fr
seen "in French" "Incident en cours — les premiers gestes"
seen "the keys in French" "Entrée continuer  Échap quitter"
tm kill-session -t vt 2>/dev/null
done_testing
