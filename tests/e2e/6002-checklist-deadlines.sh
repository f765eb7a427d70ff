# 6002 — `vigie respond checklist`: absolute Paris deadlines across both
# daylight-saving changes, time left, done and overdue steps, a T0 in the
# past, and the conditions (no personal data: no CNIL step).
. "$TOP/tests/e2e/lib.sh"

# Without an incident: relative deadlines, every step.
run "$VIGIE" respond checklist
exit_is "the checklist prints without an incident" 0
contains "deadlines count from discovery" "$T/out" "within 72 h of discovery"
contains "conditional steps are marked" "$T/out" "[IF IT APPLIES] Notify the CNIL"

# Spring: T0 on Saturday 28 March 2026, the night before clocks go
# forward. 72 hours later is Tuesday 11:00 (not 10:00).
export VIGIE_DB=$T/spring.db VIGIE_NOW=2026-03-29T12:00:00Z
"$VIGIE" respond incident open -q --t0 "2026-03-28 10:00" --personal-data yes
"$VIGIE" respond incident done -q isolate --at "2026-03-28 10:05"
run "$VIGIE" respond checklist
exit_is "overdue steps make exit status 1" 1
contains "complaint deadline crosses the spring change" "$T/out" \
    "before Tue 2026-03-31 11:00 (1 d 21 h left)"
contains "the 15-minute alert is overdue" "$T/out" \
    "OVERDUE by 1 d 2 h (deadline Sat 2026-03-28 10:15)"
contains "done steps show their time" "$T/out" "done Sat 2026-03-28 10:05"
contains "the CNIL step is there" "$T/out" "[TO DO] Notify the CNIL"
contains "the overdue count" "$T/out" "4 steps are OVERDUE."
run "$VIGIE" respond checklist --json
is "JSON deadline with the summer offset" \
    "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print([s["deadline"] for s in d["steps"] if s["id"]=="complaint"][0])' "$T/out")" \
    "2026-03-31T11:00:00+02:00"
is "JSON seconds left (72 h - 27 h)" \
    "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print([s["seconds_left"] for s in d["steps"] if s["id"]=="complaint"][0])' "$T/out")" \
    "162000"
is "JSON states" \
    "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(s["state"] for s in d["steps"][:3]))' "$T/out")" \
    "done open overdue"

# Autumn: T0 on Saturday 24 October, clocks go back on the 25th.
export VIGIE_DB=$T/autumn.db VIGIE_NOW=2026-10-26T08:00:00Z
"$VIGIE" respond incident open -q --t0 "2026-10-24 10:00" --personal-data no
run "$VIGIE" respond checklist
contains "complaint deadline crosses the autumn change" "$T/out" \
    "before Tue 2026-10-27 09:00 (1 d 0 h left)"
lacks "no personal data: no CNIL step" "$T/out" "Notify the CNIL"
lacks "nor the register" "$T/out" "Record the breach"
contains "says some steps were left out" "$T/out" "Some steps left out"
run "$VIGIE" respond incident set -q --personal-data yes
run "$VIGIE" respond checklist
contains "personal data known later: the CNIL step comes back" "$T/out" \
    "[TO DO] Notify the CNIL"

# A T0 far in the past: everything with a deadline is overdue.
export VIGIE_DB=$T/past.db
unset VIGIE_NOW
"$VIGIE" respond incident open -q --t0 "2024-06-03 09:00"
run "$VIGIE" respond checklist --json
exit_is "exit status 1" 1
is "every dated step overdue" \
    "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(all(s["state"]=="overdue" for s in d["steps"] if s["deadline"]))' "$T/out")" \
    "True"
is "and counted" "$(json_get "$T/out" overdue)" 6

# French.
export VIGIE_DB=$T/spring.db VIGIE_NOW=2026-03-29T12:00:00Z
run "$VIGIE" --lang fr respond checklist
contains "French dates and words" "$T/out" "avant mar. 31/03/2026 11:00 (reste 1 j 21 h)"
contains "French overdue" "$T/out" "[EN RETARD]"
done_testing
