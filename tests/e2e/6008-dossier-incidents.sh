# 6008 — the incident part of the commune dossier (vigie report
# --dossier): whether the sheet of first actions was written, and each
# incident with its timeline.
. "$TOP/tests/e2e/lib.sh"
export VIGIE_NOW=2026-11-25T09:00:00Z

"$VIGIE" profile set name "Trifouilly" > /dev/null
run "$VIGIE" report --dossier -o "$T/d1.md"
exit_is "dossier without any incident" 0
contains "says the sheet was never written" "$T/d1.md" \
    "The sheet of first actions has never been written"
contains "and no incident" "$T/d1.md" "No incident recorded."

"$VIGIE" respond sheet -q -o "$T/sheet.html"
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10" --ransomware \
    --what "rançon sur le poste de l'accueil"
"$VIGIE" respond incident done -q isolate --at 08:20
"$VIGIE" respond incident log -q "appel au CSIRT régional"
"$VIGIE" respond incident close -q --note "tout est rétabli"
run "$VIGIE" report --dossier -o "$T/d2.md"
exit_is "dossier with an incident" 0
contains "the sheet was written" "$T/d2.md" "The sheet of first actions was last written on"
contains "the incident and its T0" "$T/d2.md" "Incident 1 — discovered Wed 2026-11-25 08:10"
contains "closed" "$T/d2.md" "**Closed:** Wed 2026-11-25 10:00"
contains "what is known" "$T/d2.md" "**Ransom demanded:** yes"
contains "the timeline, a done step" "$T/d2.md" \
    "| Wed 2026-11-25 08:20 | Done: Disconnect the affected computer"
contains "the timeline, a note" "$T/d2.md" "| Wed 2026-11-25 10:00 | Note — appel au CSIRT régional |"
run "$VIGIE" --lang fr report --dossier -o "$T/d3.md"
contains "in French" "$T/d3.md" "Incident 1 — découvert mer. 25/11/2026 08:10"
done_testing
