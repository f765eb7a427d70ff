# 4003 — scan config on a Windows volume seen from Linux: registry hives
# built by the test (an empty hive filled with hivexsh), the current
# control set, HKCU of every profile, local accounts, Administrators and
# the password policy from the SAM.
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"

if ! command -v hivexsh > /dev/null; then
	skip "hive tests" "hivexsh (libhivex-bin) is not installed"
	done_testing
	exit 0
fi
$PY "$FX" hives good good && $PY "$FX" hives bad bad ||
    { echo "not ok 1 - hive fixtures"; exit 1; }

"$VIGIE" scan config --list --json > list.json
ids=$($PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["platform"] == "windows": print(o["id"])' list.json)
status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }
# Checks that need a command output collected on the running PC.
only_artifacts="WIN-BL-01 WIN-DEF-02 WIN-UPD-02 WIN-AUD-01"

run "$VIGIE" scan config --windows-root good --json
exit_is "good volume: exit 0" 0
cp "$T/out" good.json
run "$VIGIE" scan config --windows-root bad --json
exit_is "bad volume: exit 1" 1
cp "$T/out" bad.json
for id in $ids; do
	case " $only_artifacts " in
	*" $id "*)
		is "$id not evaluated offline" "$(status good.json "$id")" skip
		continue ;;
	esac
	is "$id passes on the good volume" "$(status good.json "$id")" pass
	is "$id fails on the bad volume" "$(status bad.json "$id")" fail
done

contains "computer name from the SYSTEM hive" good.json '"subject":"MAIRIE-ACCUEIL"'
contains "current control set followed" bad.json \
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\NoLMHash = 0 (SYSTEM hive)'
contains "each profile's NTUSER.DAT" bad.json \
    'secretaire: HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Word\\Security\\vbawarnings is not set'
contains "unused accounts with their last logon" bad.json \
    'ancien-secretaire (last logon: '
contains "never used enabled account" bad.json 'Invité (last logon: never)'
contains "Administrators members from the SAM" bad.json \
    'members of Administrators = 4 (Administrateur; agent; admin-prestataire; ancien-secretaire)'
contains "password policy from the SAM" bad.json 'MinimumPasswordLength = 0 (SAM)'
contains "guest account from the SAM" bad.json 'EnableGuestAccount = 1 (SAM)'
contains "local accounts in the summary" bad.json \
    '{"name":"ancien-secretaire","rid":1003,"enabled":true,"admin":true,"last_logon":"'
contains "disabled built-in administrator" bad.json \
    '{"name":"Administrateur","rid":500,"enabled":false,"admin":true,"last_logon":null,"logons":3}'
run "$VIGIE" scan config --windows-root bad
contains "local accounts listed in the text report" "$T/out" \
    "local account Invité: enabled, last logon: never"

# Without a SAM, its checks are not evaluated; a broken SYSTEM stops.
mkdir -p nosam && cp -r good/. nosam/ && rm nosam/Windows/System32/config/SAM
run "$VIGIE" scan config --windows-root nosam --json
exit_is "volume without SAM: runs" 0
cp "$T/out" nosam.json
is "no SAM: WIN-PWD-01 not evaluated" "$(status nosam.json WIN-PWD-01)" skip
is "no SAM: WIN-ADM-01 not evaluated" "$(status nosam.json WIN-ADM-01)" skip
contains "no SAM: said so" nosam.json 'the SAM hive is not available'
is "no SAM: registry checks still pass" "$(status nosam.json WIN-LSA-02)" pass

mkdir -p damprof && cp -r good/. damprof/ && mkdir -p damprof/Users/bob
printf 'regf, but cut' > damprof/Users/bob/ntuser.dat
run "$VIGIE" scan config --windows-root damprof
exit_is "damaged profile hive: the scan runs" 0
contains "damaged profile hive: said in the report" "$T/out" \
    "Users/bob/ntuser.dat: not a readable registry hive"
contains "damaged profile hive: the two others are checked" "$T/out" \
    "user profiles: 2"

mkdir -p broken/Windows/System32/config
head -c 9000 good/Windows/System32/config/SYSTEM > broken/Windows/System32/config/SYSTEM
printf 'regf but not a hive' > broken/Windows/System32/config/SOFTWARE
run "$VIGIE" scan config --windows-root broken
exit_is "damaged hive: exit 2" 2
contains "damaged hive: named" "$T/err" "SYSTEM: not a readable registry hive"

run "$VIGIE" scan config --windows-root "$T/nothing-here"
exit_is "not a Windows volume: exit 2" 2
contains "not a Windows volume: said so" "$T/err" "is this the Windows volume"
done_testing
