# 0002 — vigie profile: set, show, --json, validation, where the store
# lives (--db, VIGIE_DB, XDG_DATA_HOME) and its mode.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" profile show
exit_is "show on an empty store exits 0" 0
contains "and says how to start" "$T/out" "vigie profile set name"

run "$VIGIE" profile set name "Saint-Vigie-sur-Mer"
exit_is "set name creates the commune" 0
run "$VIGIE" profile set insee 35999
exit_is "set insee" 0
run "$VIGIE" profile set mayor.phone "02 99 12 34 56"
exit_is "set a contact" 0
run "$VIGIE" profile set mayor.phone "appelez-moi"
exit_is "a bad phone number is refused" 2
contains "with what is expected" "$T/err" "phone number"
run "$VIGIE" profile set nosuch.key x
exit_is "an unknown key is a usage error" 2
run "$VIGIE" profile set insee
exit_is "a missing value is a usage error" 2

run "$VIGIE" profile show --json
exit_is "show --json exits 0" 0
is "JSON: name" "$(json_get "$T/out" profile.name)" "Saint-Vigie-sur-Mer"
is "JSON: the contact" "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"]["mayor.phone"])' "$T/out")" "02 99 12 34 56"
is "JSON: unset values are null" "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"]["dpo.email"])' "$T/out")" "None"

run "$VIGIE" profile show
contains "text: labels in plain words" "$T/out" "Mayor — phone"
contains "text: missing values marked" "$T/out" "(to fill in)"
run "$VIGIE" --lang fr profile show
contains "text in French" "$T/out" "Maire — téléphone"

# Removing a value.
run "$VIGIE" profile set mayor.phone ""
exit_is "an empty value removes it" 0
run "$VIGIE" profile show --json
is "it is gone" "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"]["mayor.phone"])' "$T/out")" "None"

# Mode 0600.
is "the store is created 0600" "$(stat -c %a "$VIGIE_DB")" 600

# Where it lives.
unset VIGIE_DB
export XDG_DATA_HOME="$T/xdg"
run "$VIGIE" profile set name X
is "default: XDG_DATA_HOME/vigie/vigie.db" "$(stat -c %a "$T/xdg/vigie/vigie.db" 2>&1)" 600
unset XDG_DATA_HOME
run "$VIGIE" profile set name Y
ok "without XDG_DATA_HOME: ~/.local/share/vigie/vigie.db" test -f "$HOME/.local/share/vigie/vigie.db"
run "$VIGIE" --db "$T/other.db" profile set name Z
ok "--db PATH" test -f "$T/other.db"

# Several communes.
export VIGIE_DB="$T/multi.db"
"$VIGIE" profile set name Alpha > /dev/null
"$VIGIE" --commune Beta profile set name Beta > /dev/null
run "$VIGIE" --commune Alpha profile show --json
is "--commune chooses" "$(json_get "$T/out" profile.name)" "Alpha"
run "$VIGIE" --commune Gamma profile show
exit_is "an unknown --commune is an error" 2
contains "naming it" "$T/err" "Gamma"
done_testing
