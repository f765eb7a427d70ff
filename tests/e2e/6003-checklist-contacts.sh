# 6003 — contacts in the checklist: the commune's own numbers from its
# profile; national services by their public address; a missing local
# contact shows "to be filled in" with the key to set, never a guess.
. "$TOP/tests/e2e/lib.sh"
export VIGIE_NOW=2026-11-25T09:00:00Z
# The text output is wrapped at 78 columns: compare it as one line.
flat() { tr '\n' ' ' < "$T/out" | tr -s ' ' > "$T/flat"; }

"$VIGIE" profile set name "Trifouilly-les-Oies" > /dev/null
"$VIGIE" profile set police.name "Brigade de Trifouilly" > /dev/null
"$VIGIE" profile set police.phone "02 99 00 00 17" > /dev/null
"$VIGIE" profile set it_provider.name "Infogérance Martin" > /dev/null
"$VIGIE" profile set it_provider.email "astreinte@martin.example" > /dev/null
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10"

run "$VIGIE" respond checklist
exit_is "checklist runs" 1
flat
contains "the commune is named" "$T/flat" "Incident 1, Trifouilly-les-Oies"
contains "the local police from the profile" "$T/flat" \
    "Gendarmerie or police station (Brigade de Trifouilly) — phone: 02 99 00 00 17"
contains "the IT provider's e-mail, phone still missing" "$T/flat" \
    "IT provider (Infogérance Martin) — phone: to be filled in (vigie profile set it_provider.phone) — e-mail: astreinte@martin.example"
contains "the mayor's phone is missing, with the key" "$T/flat" \
    "Mayor — phone: to be filled in (vigie profile set mayor.phone)"
contains "17Cyber by its public address" "$T/flat" "https://17cyber.gouv.fr"
contains "the CNIL's online service" "$T/flat" \
    "https://notifications.cnil.fr/notifications/index"
contains "the list of regional CSIRTs while the region's is missing" \
    "$T/flat" "https://www.cert.ssi.gouv.fr/csirt/csirt-regionaux/"
contains "the regional CSIRT's phone is to be filled in" "$T/flat" \
    "vigie profile set csirt.phone"

run "$VIGIE" respond checklist --json
is "JSON says where each value comes from" \
    "$($PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
s=[s for s in d["steps"] if s["id"]=="complaint"][0]
c=s["contacts"]
print(c[0]["phone"]["source"], c[0]["phone"]["value"], c[1]["id"], c[1]["web"]["source"])' "$T/out")" \
    "profile 02 99 00 00 17 17cyber default"
is "a missing phone is null with its key" \
    "$($PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
s=[s for s in d["steps"] if s["id"]=="alert"][0]
print(s["contacts"][0]["phone"])' "$T/out")" \
    "{'value': None, 'source': 'missing', 'key': 'mayor.phone'}"

# No insurer in the profile: the insurer step is "if it applies"; once
# the profile names one, it applies, with the contract's deadline.
run "$VIGIE" respond checklist
flat
contains "insurer step conditional without an insurer" "$T/flat" \
    "[IF IT APPLIES] Report the loss to the insurer"
contains "its timing says the contract decides" "$T/flat" \
    "the policy sets the deadline"
"$VIGIE" profile set insurer.name "SMACL" > /dev/null
"$VIGIE" profile set insurer.deadline_hours 120 > /dev/null
run "$VIGIE" respond checklist
flat
contains "with an insurer, the step applies" "$T/flat" \
    "[TO DO] Report the loss to the insurer"
contains "before the contract's deadline" "$T/flat" \
    "before Mon 2026-11-30 08:10"
contains "the policy number is asked for" "$T/flat" \
    "Policy number: to be filled in"

run "$VIGIE" --lang fr respond checklist
flat
contains "French placeholder" "$T/flat" "tél. : à renseigner (vigie profile set mayor.phone)"
done_testing
