# 6010 — the smaller promises of issue 19 point 9: `vigie respond --help`
# helps; verify counts its problems in good English and French (no "1
# problems", no "-1 sealed", no-break space before the colon);
# `incident show` says the commune is insured when the checklist treats
# it so; in the repeated autumn hour a time says whether it is summer or
# winter time; -o FILE works for text and JSON as --help says.
. "$TOP/tests/e2e/lib.sh"
nb=$(printf '\302\240')

run "$VIGIE" respond --help
exit_is "vigie respond --help: exit 0" 0
contains "lists the respond commands" "$T/out" "respond capture"
contains "with their summaries" "$T/out" "check that a capture is as it was sealed"
run "$VIGIE" --lang fr respond --help
contains "in French too" "$T/out" "Commandes${nb}:"

# verify: one problem, and a file listed only in SHA256SUMS.
run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk test \
    --steps clock -q
echo tampered >> "$T/cap/01-clock/clock.json"
run "$VIGIE" respond verify "$T/cap"
contains "one problem, singular" "$T/out" "CHANGED since it was sealed, 1 problem:"
run "$VIGIE" --lang fr respond verify "$T/cap"
contains "French: singular, no-break space before the colon" "$T/out" \
    "MODIFIÉE depuis son scellement, 1 problème${nb}:"
cp -a "$T/cap" "$T/cap2"
echo "extra bytes" > "$T/cap2/added.txt"
echo "0000000000000000000000000000000000000000000000000000000000000000  added.txt" >> "$T/cap2/SHA256SUMS"
run "$VIGIE" respond verify "$T/cap2"
contains "a file listed only in SHA256SUMS: its size" "$T/out" "(12 bytes)"
lacks "and no sealed size of -1" "$T/out" "-1 sealed"

# Insurance: the profile names an insurer, the incident says nothing.
export VIGIE_NOW=2026-11-25T09:00:00Z
"$VIGIE" profile set insurer.name "Assurances Mutuelles" > /dev/null
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10"
run "$VIGIE" respond checklist
contains "the checklist treats the commune as insured" "$T/out" \
    "Report the loss to the insurer"
run "$VIGIE" respond incident show
contains "incident show agrees" "$T/out" \
    "Cyber insurance: yes (the profile names an insurer)"
"$VIGIE" respond incident close -q

# The repeated hour: 2026-10-25, 02:30 happens at 00:30Z and at 01:30Z.
export VIGIE_NOW=2026-10-25T01:00:00Z
"$VIGIE" respond incident open -q --t0 "2026-10-25T00:30:00Z"
run "$VIGIE" respond checklist
contains "T0 in summer time" "$T/out" "02:30 (summer time, UTC+2)"
contains "a deadline one hour later in winter time" "$T/out" \
    "02:30 (winter time, UTC+1)"
run "$VIGIE" --lang fr respond checklist
contains "in French: heure d'été" "$T/out" "02:30 (heure d'été, UTC+2)"
contains "in French: heure d'hiver" "$T/out" "02:30 (heure d'hiver, UTC+1)"
run "$VIGIE" respond incident show
contains "incident show too" "$T/out" "(summer time, UTC+2)"

# -o FILE for text and JSON.
run "$VIGIE" respond checklist
cp "$T/out" "$T/cl.stdout"
run "$VIGIE" respond checklist -o "$T/cl.txt"
ok "checklist -o FILE (text) accepted" test "$rc" -le 1
is "the file holds what stdout shows" "$(cat "$T/cl.txt")" "$(cat "$T/cl.stdout")"
is "created 0600" "$(stat -c %a "$T/cl.txt")" 600
run "$VIGIE" respond checklist --format json -o "$T/cl.json"
ok "checklist -o FILE (json) accepted" test "$rc" -le 1
ok "valid JSON" $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/cl.json"
run "$VIGIE" respond cnil-draft -o "$T/cnil.txt"
exit_is "cnil-draft -o FILE (text)" 0
contains "written" "$T/cnil.txt" "Draft CNIL notification"
run "$VIGIE" respond cnil-draft --json -o "$T/cnil.json"
exit_is "cnil-draft --json -o FILE" 0
ok "valid JSON" $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/cnil.json"
ok "no temporary file left" test -z "$(ls "$T" | grep '\.tmp$')"
done_testing
