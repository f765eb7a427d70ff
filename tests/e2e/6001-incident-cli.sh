# 6001 — `vigie respond incident`: open, log, done, undo, set, close,
# show and list on a real store; usage errors exit 2 with a reason.
. "$TOP/tests/e2e/lib.sh"
export VIGIE_NOW=2026-11-25T09:00:00Z		# 10:00 in Paris

run "$VIGIE" respond incident show
exit_is "show before any incident is an error" 2
contains "and says there is none" "$T/err" "no incident recorded yet"

run "$VIGIE" respond incident open --t0 "2026-11-25 08:10" --ransomware \
    --personal-data unknown --what "rançon sur le poste de l'accueil" \
    --people 1200 --by "Mme Martin"
exit_is "open records the incident" 0
contains "open gives the T0 back in Paris time" "$T/out" \
    "Incident 1 opened. Attack discovered (T0): Wed 2026-11-25 08:10"
contains "and the first actions" "$T/out" "do NOT switch it off"

run "$VIGIE" respond incident open
exit_is "a second open incident is refused" 2
contains "with the way out" "$T/err" "incident 1 is still open"

run "$VIGIE" respond incident log "Appel au prestataire : il arrive à 11 h"
exit_is "log adds a timeline entry" 0
run "$VIGIE" respond incident log --at "09:30" --by "M. Durand" \
    "Câble réseau débranché"
exit_is "log --at dates an entry in the past" 0
run "$VIGIE" respond incident done isolate --at "2026-11-25 08:15"
exit_is "done ticks a step" 0
contains "done names the step" "$T/out" "Disconnect the affected computer"
run "$VIGIE" respond incident done alert
run "$VIGIE" respond incident undo alert --note "pas encore le maire"
exit_is "undo unticks it" 0
run "$VIGIE" respond incident set --personal-data yes --records 5000
exit_is "set changes what is known" 0

run "$VIGIE" respond incident show --json
exit_is "show --json" 0
is "t0 with its Paris offset" "$(json_get "$T/out" t0)" \
    "2026-11-25T08:10:00+01:00"
is "ransomware recorded" "$(json_get "$T/out" conditions.ransomware)" yes
is "personal data updated" "$(json_get "$T/out" conditions.personal-data)" yes
is "people kept" "$(json_get "$T/out" people)" 1200
is "records set" "$(json_get "$T/out" records)" 5000
is "timeline entries, in time order" \
    "$($PY -c 'import json,sys; print(" ".join(e["kind"] for e in json.load(open(sys.argv[1]))["timeline"]))' "$T/out")" \
    "open done log log done undo set"
is "the entry dated with --at keeps its author" \
    "$(json_get "$T/out" timeline.2.author)" "M. Durand"
is "log text kept as typed" "$(json_get "$T/out" timeline.3.text)" \
    "Appel au prestataire : il arrive à 11 h"

run "$VIGIE" respond incident show
contains "show lists the timeline in Paris time" "$T/out" \
    "Wed 2026-11-25 08:15  Done: Disconnect the affected computer"
contains "set changes read as words" "$T/out" \
    "Changed — Personal data affected: yes; Records concerned: 5000"
run "$VIGIE" --lang fr respond incident show
contains "and in French" "$T/out" "Données personnelles touchées : oui"

# Usage errors: one line on stderr, exit 2.
run "$VIGIE" respond incident done nosuchstep
exit_is "an unknown step is refused" 2
contains "listing the real ones" "$T/err" "complaint"
run "$VIGIE" respond incident log
exit_is "log without text" 2
run "$VIGIE" respond incident log a b
exit_is "log with an unquoted text" 2
contains "says to quote it" "$T/err" "quote the whole text"
run "$VIGIE" respond incident set
exit_is "set with nothing to set" 2
run "$VIGIE" respond incident set --personal-data maybe
exit_is "a bad yes/no/unknown" 2
run "$VIGIE" respond incident log --at "2026-11-25 12:00" "futur"
exit_is "a time in the future" 2
contains "is named" "$T/err" "in the future"
run "$VIGIE" respond incident set --t0 "2026-03-29 02:30"
exit_is "a Paris time that never existed" 2
contains "is explained" "$T/err" "does not exist in France"
run "$VIGIE" respond incident set --people many
exit_is "a count that is not a number" 2
run "$VIGIE" respond incident frobnicate
exit_is "an unknown subcommand" 2
run "$VIGIE" respond incident < /dev/null
exit_is "incident mode without a terminal" 2
contains "points to the subcommands" "$T/err" "need a terminal"
run "$VIGIE" respond incident show --incident 42
exit_is "an incident that does not exist" 2

run "$VIGIE" respond incident close --note "tout est rétabli"
exit_is "close" 0
run "$VIGIE" respond incident log "après coup"
exit_is "nothing is open any more" 2
run "$VIGIE" respond incident show --json
is "show still finds the closed one" "$(json_get "$T/out" closed)" \
    "2026-11-25T10:00:00+01:00"
run "$VIGIE" respond incident open --t0 "2026-11-25 09:55"
exit_is "a new incident can be opened" 0
run "$VIGIE" respond incident list --json
is "list has both" "$($PY -c 'import json,sys; print([(i["id"], i["open"]) for i in json.load(open(sys.argv[1]))])' "$T/out")" \
    "[(1, False), (2, True)]"
run "$VIGIE" respond incident log --incident 1 "note tardive sur le premier"
exit_is "--incident reaches a closed incident" 0
done_testing
