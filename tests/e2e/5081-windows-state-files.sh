# 5081 — the security state files vigie-collect.exe writes (auditpol.txt,
# bitlocker.txt, firewall.txt, updates.txt, defender.txt, antivirus.txt,
# unavailable.txt), made here by the collector's own formatter
# (respond/windows/cfgfmt.c, through tests/tools/wincfg-write.c) from API
# values, then read by `vigie scan config --windows` with the real
# checks: each value gives the verdict the check's rule says, a file that
# could not be collected leaves its check "not evaluated" (skip) with the
# reason the collector recorded, never pass or fail. Wine stubs these
# APIs (5080); this is where their formats are checked on Linux.
. "$TOP/tests/e2e/lib.sh"

W=$BUILD/tests/tool-wincfg-write
# Status and detail of check ID in the JSON output of scan config.
verdict() {
	"$VIGIE" scan config --json --windows "$1" > "$T/j" 2> "$T/e"
	$PY - "$T/j" "$2" <<'PYEOF'
import json, sys
for l in open(sys.argv[1]):
    l = l.strip()
    if l.startswith("{"):
        o = json.loads(l)
        if o.get("id") == sys.argv[2]:
            print(o["status"], o.get("detail", ""))
PYEOF
}
fresh() { rm -rf "$T/c"; mkdir -p "$T/c/reg"; }

# OLE dates: the formatter against Python's datetime.
for d in 2 60 61 25569 36585 46000.75 2958465; do
	want=$($PY -c "import datetime, sys; print((datetime.datetime(1899, 12, 30) + datetime.timedelta(days=int(float(sys.argv[1])))).date())" $d)
	is "OLE date $d is $want (Python)" "$("$W" - oledate $d)" "$want"
done
is "OLE date before 1900: refused" "$("$W" - oledate 1)" refused
is "OLE date NaN: refused" "$("$W" - oledate nan)" refused

# Audit policy (AuditQuerySystemPolicy flags).
fresh; "$W" "$T/c" audit Logon 3
verdict "$T/c" WIN-AUD-01 > "$T/v"
contains "Logon success and failure: WIN-AUD-01 passes" "$T/v" "pass Logon = Success and Failure (auditpol.txt:4)"
fresh; "$W" "$T/c" audit Logon 1
verdict "$T/c" WIN-AUD-01 > "$T/v"
contains "Logon success only: WIN-AUD-01 fails" "$T/v" "fail Logon = Success"
fresh; "$W" "$T/c" audit "Ouverture de session" 3
verdict "$T/c" WIN-AUD-01 > "$T/v"
contains "French subcategory name (AuditLookupSubCategoryNameW): passes" "$T/v" "pass"
fresh; "$W" "$T/c" audit "Logon: Success and Failure" 0
verdict "$T/c" WIN-AUD-01 > "$T/v"
contains "a hostile name cannot pose as the Logon line" "$T/v" "skip"

# BitLocker (Win32_EncryptableVolume ConversionStatus, ProtectionStatus).
fresh; "$W" "$T/c" bitlocker C: 1 1
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "C: fully encrypted, protection on: WIN-BL-01 passes" "$T/v" "pass"
fresh; "$W" "$T/c" bitlocker C: 1 0
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "protection suspended: fails" "$T/v" "fail"
fresh; "$W" "$T/c" bitlocker C: 2 1
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "encryption in progress: fails" "$T/v" "fail Conversion Status = Encryption in Progress"
fresh; "$W" "$T/c" bitlocker D: 1 1
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "only D: encrypted: C: not judged (skip)" "$T/v" "skip"

# Firewall (INetFwPolicy2, three profiles).
fresh; "$W" "$T/c" firewall 1 1 0
verdict "$T/c" WIN-FW-01 > "$T/v"
contains "three profiles on: WIN-FW-01 passes from firewall.txt" "$T/v" "pass State = ON (firewall.txt"
verdict "$T/c" WIN-FW-02 > "$T/v"
contains "inbound blocked: WIN-FW-02 passes" "$T/v" "pass"
fresh; "$W" "$T/c" firewall 0 0 0
verdict "$T/c" WIN-FW-01 > "$T/v"
contains "firewall off: WIN-FW-01 fails" "$T/v" "fail State = OFF"
verdict "$T/c" WIN-FW-02 > "$T/v"
contains "inbound allowed: WIN-FW-02 fails" "$T/v" "fail"

# Windows Update history (IUpdateSearcher OLE dates, UTC).
today=$($PY -c "import datetime; print((datetime.datetime.utcnow() - datetime.datetime(1899, 12, 30)).days)")
fresh; "$W" "$T/c" updates $((today - 100)) 1 2 $((today - 10)) 1 2 $((today - 2)) 1 4
verdict "$T/c" WIN-UPD-02 > "$T/v"
contains "installed 10 days ago (a newer one failed): WIN-UPD-02 passes" "$T/v" "pass"
fresh; "$W" "$T/c" updates $((today - 100)) 1 2 $((today - 3)) 1 4 $((today - 1)) 2 2
verdict "$T/c" WIN-UPD-02 > "$T/v"
contains "last success 100 days ago, later ones failed or uninstalls: fails" "$T/v" "fail"

# Defender (MSFT_MpComputerStatus) and Security Center.
fresh; "$W" "$T/c" defender AMRunningMode Normal RealTimeProtectionEnabled True AntivirusSignatureAge 2
verdict "$T/c" WIN-DEF-01 > "$T/v"
contains "real-time protection on: WIN-DEF-01 passes" "$T/v" "pass RealTimeProtectionEnabled = True"
verdict "$T/c" WIN-DEF-02 > "$T/v"
contains "signatures 2 days old: WIN-DEF-02 passes" "$T/v" "pass"
fresh; "$W" "$T/c" defender AMRunningMode Normal RealTimeProtectionEnabled False AntivirusSignatureAge 30
verdict "$T/c" WIN-DEF-01 > "$T/v"
contains "real-time protection off: fails" "$T/v" "fail"
verdict "$T/c" WIN-DEF-02 > "$T/v"
contains "signatures 30 days old: fails" "$T/v" "fail"
fresh; "$W" "$T/c" antivirus "Windows Defender" 393472 "Autre AV" 266240
verdict "$T/c" WIN-DEF-01 > "$T/v"
contains "Security Center: one product on and up to date: passes" "$T/v" "pass 2 antivirus products registered"

# Not collected: not evaluated, with the collector's reason.
fresh; "$W" "$T/c" unavailable bitlocker.txt "not supported by this system: WMI ROOT\\CIMV2\\Security\\MicrosoftVolumeEncryption: HRESULT 0x8004100e"
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "BitLocker not collected: skip, with the reason" "$T/v" "skip bitlocker.txt was not collected: not supported by this system: WMI ROOT"
fresh
verdict "$T/c" WIN-BL-01 > "$T/v"
contains "no reason file: skip, said plainly" "$T/v" "skip bitlocker.txt was not collected"
fresh; "$W" "$T/c" unavailable bitlocker.txt "HRESULT 0x8004100e"
"$VIGIE" scan config --lang fr --windows "$T/c" > "$T/fr" 2>&1 || true
contains "in French" "$T/fr" "bitlocker.txt n'a pas été collecté : HRESULT 0x8004100e"
ok "with a no-break space before the colon" grep -q "collecté$(printf '\302\240'): HRESULT" "$T/fr"
done_testing
