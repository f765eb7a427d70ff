# 6004 — `vigie respond cnil-draft`: the answers of the CNIL's breach
# notification, pre-filled from the incident and the profile; unknowns
# marked "to be filled in"; warnings when no notification is due or the
# 72 hours have passed.
. "$TOP/tests/e2e/lib.sh"
export VIGIE_NOW=2026-11-25T13:00:00Z
flat() { tr '\n' ' ' < "$T/out" | tr -s ' ' > "$T/flat"; }

run "$VIGIE" respond cnil-draft
exit_is "no incident: nothing to draft" 2
contains "says so" "$T/err" "no incident is open"

"$VIGIE" profile set name "Trifouilly" > /dev/null
"$VIGIE" profile set insee 35999 > /dev/null
"$VIGIE" profile set mayor.name "Jeanne Martin" > /dev/null
"$VIGIE" profile set mayor.email "maire@trifouilly.example" > /dev/null
"$VIGIE" profile set dpo.name "DPO du centre de gestion" > /dev/null
"$VIGIE" profile set dpo.email "dpo@cdg.example" > /dev/null
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10" --ransomware \
    --personal-data yes --people 1200 --records 5400 \
    --data "état civil, listes électorales" --what "fichiers chiffrés"
"$VIGIE" respond incident done -q isolate --at "08:20"
"$VIGIE" respond incident done -q complaint --at "11:30"

run "$VIGIE" respond cnil-draft
exit_is "the draft prints" 0
flat
contains "organisation named" "$T/flat" "Name: Commune of Trifouilly"
contains "INSEE code from the profile" "$T/flat" "INSEE code: 35999"
contains "the mayor as legal representative" "$T/flat" \
    "Legal representative (the mayor): Jeanne Martin — to be filled in — maire@trifouilly.example"
contains "the DPO" "$T/flat" "DPO du centre de gestion — to be filled in — dpo@cdg.example"
contains "discovery time" "$T/flat" "Discovery (T0): Wed 2026-11-25 08:10, Paris time"
contains "start of the breach unknown" "$T/flat" "Start of the breach: to be filled in"
contains "ransomware: availability" "$T/flat" "yes (ransomware)"
contains "confidentiality to be checked" "$T/flat" "to be checked"
contains "people count" "$T/flat" "Approximate number of people: 1200"
contains "records count" "$T/flat" "Approximate number of records: 5400"
contains "data categories" "$T/flat" "état civil, listes électorales"
contains "measures taken from done steps" "$T/flat" \
    "Measures taken: Wed 2026-11-25 08:20 — Disconnect the affected computer"
contains "complaint filed" "$T/flat" "Complaint filed: yes, Wed 2026-11-25 11:30"
lacks "within 72 h: no delay warning" "$T/flat" "give the reasons"
# Planned measures (GDPR art. 33(3)(d)): what remedies the breach or
# mitigates its effects, not the notification or the paperwork.
$PY - "$T/out" > "$T/planned" <<'PY'
import sys
t = open(sys.argv[1]).read()
i = t.index("Measures planned:")
j = t.index("People informed:", i)
print(t[i:j])
PY
contains "planned: restore from backups" "$T/planned" "Restore from clean backups"
contains "planned: ask for help" "$T/planned" "Ask for help"
lacks "planned: not the CNIL notification itself" "$T/planned" "Notify the CNIL"
lacks "planned: not the prosecutor" "$T/planned" "public prosecutor"
lacks "planned: not the insurer" "$T/planned" "insurer"
lacks "planned: not closing the incident" "$T/planned" "Close the incident"
contains "the deadline in the words of art. 33" "$T/flat" \
    "without undue delay and at the latest 72 hours after becoming aware of the breach: before Sat 2026-11-28 08:10"
contains "nothing is sent" "$T/flat" "Nothing has been sent"

# Measures taken in the order they were done, not the checklist's.
"$VIGIE" respond incident done -q help --at "08:15"
run "$VIGIE" respond cnil-draft
flat
contains "measures taken in time order" "$T/flat" \
    "Measures taken: Wed 2026-11-25 08:15 — Ask for help: regional CSIRT or 17Cyber Wed 2026-11-25 08:20 — Disconnect"
run "$VIGIE" --lang fr respond cnil-draft
flat
contains "in French: dans les meilleurs délais et au plus tard 72 heures" \
    "$T/flat" "dans les meilleurs délais et au plus tard 72 heures"

run "$VIGIE" respond cnil-draft --json
is "JSON field" "$(json_get "$T/out" fields.people)" 1200
is "JSON unknown is null" "$(json_get "$T/out" fields.siren)" None

# Past 72 hours: the reasons for the delay are asked for.
VIGIE_NOW=2026-11-28T09:00:00Z run "$VIGIE" respond cnil-draft
flat
contains "late: warning" "$T/flat" "The 72-hour deadline passed on Sat 2026-11-28 08:10"
contains "late: reasons asked" "$T/flat" "Reasons for notifying after 72 hours: to be filled in"

"$VIGIE" respond incident set -q --personal-data no
run "$VIGIE" respond cnil-draft
flat
contains "no personal data: no notification due" "$T/flat" \
    "no notification to the CNIL is due"

run "$VIGIE" --lang fr respond cnil-draft
flat
contains "in French" "$T/flat" "Projet de notification à la CNIL"
contains "French placeholder" "$T/flat" "Numéro SIREN : à renseigner"
done_testing
