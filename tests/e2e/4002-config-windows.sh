# 4002 — scan config on Windows artifacts as rules/collect/ writes them:
# English (collect.ps1: UTF-16 LE with BOM) and French (collect.bat:
# console code page CP850, a REGEDIT4 file, files without BOM, gpresult
# without secedit). Every Windows check passes on the good folders and
# fails on the bad ones, except those the artifacts cannot answer.
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"

for v in good-en bad-en good-fr bad-fr; do
	$PY "$FX" windows "$v" "$v" || { echo "not ok 1 - fixture $v"; exit 1; }
done

"$VIGIE" scan config --list --json > list.json
ids=$($PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["platform"] == "windows": print(o["id"])' list.json)
status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }
# Local accounts and their last logon are read from the SAM only.
only_offline="WIN-ACC-02"

for v in en fr; do
	run "$VIGIE" scan config --windows "good-$v" --json
	exit_is "good-$v: exit 0" 0
	cp "$T/out" "good-$v.json"
	run "$VIGIE" scan config --windows "bad-$v" --json
	exit_is "bad-$v: exit 1" 1
	cp "$T/out" "bad-$v.json"
	for id in $ids; do
		case " $only_offline " in
		*" $id "*)
			is "$id not evaluated from artifacts ($v)" \
			    "$(status "good-$v.json" "$id")" skip
			continue ;;
		esac
		is "$id passes on good-$v" "$(status "good-$v.json" "$id")" pass
		is "$id fails on bad-$v" "$(status "bad-$v.json" "$id")" fail
	done
done

# Where the values came from, in both languages.
contains "secedit value with its line" bad-en.json \
    'MinimumPasswordLength = 0 (secedit.inf:6)'
contains "gpresult value when there is no secedit" bad-fr.json \
    'MinimumPasswordLength = 6 (gpresult.xml)'
contains "gpresult boolean read as 0/1" bad-fr.json 'ClearTextPassword = 1 (gpresult.xml)'
contains "registry value with its .reg file" bad-en.json \
    'NoLMHash = 0 (reg/lsa.reg)'
contains "French netsh output (CP850)" bad-fr.json \
    'État = Inactif (firewall.txt:25)'
contains "French manage-bde output" bad-fr.json \
    'État de la conversion = Entièrement déchiffré (bitlocker.txt:11)'
contains "French auditpol output" bad-fr.json "Ouvrir la session = Pas d'audit"
contains "net localgroup members counted" bad-fr.json 'number of entries = 4 (admins.txt)'
contains "REGEDIT4 file read" good-fr.json 'ScreenSaveTimeOut = 600 (reg/desktop-user.reg)'
contains "absent key written by collect.bat" good-en.json \
    'key HKLM\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10 is absent'
contains "every NetBIOS interface checked" bad-en.json \
    'Tcpip_{8E0D6A55-3B21-4C7E-8F90-112233445566}\\NetbiosOptions = 0'
contains "update age from the collection date" bad-en.json \
    'InstalledOn = 2026-06-10 (updates.txt:2), expected at most 45 days old'
contains "computer name from the manifest" good-en.json '"subject":"MAIRIE-ACCUEIL"'

# Text output in French.
run "$VIGIE" --lang fr scan config --windows bad-fr
exit_is "French text output: exit 1" 1
cp "$T/out" fr.txt
contains "French title" fr.txt "Pare-feu Windows actif pour les trois profils"
run "$VIGIE" --lang fr scan config --windows bad-fr --json
contains "French remediation" "$T/out" \
    '"remediation":"En administrateur : netsh advfirewall set allprofiles state on"'
contains "French detail words" "$T/out" "attendu : l'une des valeurs ON/Actif/Activé"
contains "French index line" fr.txt "Indice de durcissement : 0/100"

# Only failures with --quiet.
run "$VIGIE" scan config --windows good-en --quiet
exit_is "quiet, nothing failed: exit 0" 0
lacks "quiet: no PASS line" "$T/out" "PASS "
contains "quiet: the index is still shown" "$T/out" "Hardening index: 100/100"
done_testing
