# 6011 — the regional CSIRT from rules/contacts/contacts.xml, picked from
# the département of the commune's INSEE code: every département is in
# exactly one region, every entry names a source and a date, no phone
# number is shown where vigie does not know it (Hauts-de-France: the
# sources did not give it), and a known one fills the checklist.
. "$TOP/tests/e2e/lib.sh"
export VIGIE_NOW=2026-11-25T09:00:00Z
flat() { tr '\n' ' ' < "$T/out" | tr -s ' ' > "$T/flat"; }
C="$TOP/rules/contacts"

ok "contacts.xml follows contacts.rng" \
    xmllint --noout --relaxng "$C/contacts.rng" "$C/contacts.xml"
is "each of the 101 départements in exactly one region; sources and dates" \
    "$($PY - "$C/contacts.xml" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
deps = [d for g in r.iter("region") for d in g.get("departements").split()]
want = ["%02d" % i for i in range(1, 96) if i != 20] + ["2A", "2B",
        "971", "972", "973", "974", "976"]
bad = sorted(set(want) ^ set(deps)) + [d for d in set(deps) if deps.count(d) > 1]
for e in list(r.iter("csirt")) + list(r.iter("national")):
    if not e.get("source") or not e.get("date"):
        bad.append(e.get("name"))
    if e.get("status") == "unknown" and e.get("phone"):
        bad.append("phone with status unknown: " + e.get("name"))
hdf = [g for g in r.iter("region") if g.get("id") == "HDF"][0]
if sorted(hdf.get("departements").split()) != ["02", "59", "60", "62", "80"]:
    bad.append("HDF")
print(bad or "ok")
PYEOF
)" ok

"$VIGIE" profile set name "Lesquin" > /dev/null
"$VIGIE" profile set insee 59343 > /dev/null
run "$VIGIE" respond checklist
flat
contains "Nord: the Hauts-de-France CSIRT by name" "$T/flat" \
    "Regional CSIRT (CSIRT Hauts-de-France)"
contains "its number unknown: still to be filled in, not guessed" "$T/flat" \
    "vigie profile set csirt.phone"

"$VIGIE" profile set insee 31555 > /dev/null
run "$VIGIE" respond checklist
flat
contains "Haute-Garonne: Cyber'Occ and its number" "$T/flat" \
    "Regional CSIRT (Cyber'Occ) — phone: 0 800 71 13 13"

"$VIGIE" profile set csirt.phone "03 00 00 00 00" > /dev/null
run "$VIGIE" respond checklist
flat
contains "the profile's number wins over the data file" "$T/flat" \
    "phone: 03 00 00 00 00"
done_testing
