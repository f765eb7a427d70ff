# 5080 — vigie-collect.exe, the Windows collector (respond/windows/):
# `make windows` cross-builds one static exe; under Wine, with a marker
# process of our own holding a listening socket and an open file, one
# collection run; its capture is checked with outside tools (sha256sum -c,
# openssl for the Ed25519 signature, Python for the custody chain) and
# with `vigie respond verify`, which must also catch the tamper cases of
# 5002 on it; `vigie scan config --windows` evaluates the Windows checks
# from the registry exports it wrote. Wine runs are slow: one prefix, one
# collection.
. "$TOP/tests/e2e/lib.sh"

CC=x86_64-w64-mingw32-gcc
WINE=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; })
WSERVER=$(command -v wineserver || { [ -x /usr/lib/wine/wineserver ] && echo /usr/lib/wine/wineserver; })
if ! command -v $CC > /dev/null || [ -z "$WINE" ] ||
    [ ! -f /usr/x86_64-w64-mingw32/lib/libgcrypt.a ]; then
	skip "Windows collector under Wine" \
	    "gcc-mingw-w64-x86-64, libgcrypt-mingw-w64-dev or wine64 absent (debian-packages-check.txt)"
	done_testing
	exit 0
fi

# --- the build ------------------------------------------------------------
run make -C "$TOP" --no-print-directory WIN_BUILD="$T/bw" windows
exit_is "make windows" 0
EXE=$T/bw/vigie-collect.exe
MARKER=$T/bw/marker.exe
ok "one exe built" test -s "$EXE"
file "$EXE" > "$T/file"
contains "a PE32+ x86-64 console program" "$T/file" "PE32+ executable (console) x86-64"
x86_64-w64-mingw32-objdump -p "$EXE" | sed -n 's/^	DLL Name: //p' |
    tr 'A-Z' 'a-z' | sort > "$T/dlls"
# Only DLLs that come with every Windows: nothing to put beside the exe.
$PY -c 'import sys
system = {"advapi32.dll", "iphlpapi.dll", "kernel32.dll", "msvcrt.dll",
  "netapi32.dll", "shell32.dll", "user32.dll", "wevtapi.dll", "ws2_32.dll",
  "wtsapi32.dll", "ntdll.dll", "bcrypt.dll", "wintrust.dll", "crypt32.dll",
  "ole32.dll", "oleaut32.dll"}
extra = [l.strip() for l in open(sys.argv[1]) if l.strip() not in system]
print(" ".join(extra))' "$T/dlls" > "$T/extra"
is "statically linked: no DLL but Windows' own" "$(cat "$T/extra")" ""
diag "size: $(du -k "$EXE" | cut -f1) KiB"

# --- Wine ------------------------------------------------------------------
export WINEPREFIX="$T/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
winpath() { printf 'Z:%s' "$1" | tr / '\\'; }
cleanup() { [ -n "$WSERVER" ] && WINEPREFIX="$T/wine" "$WSERVER" -k 2> /dev/null; }
trap cleanup EXIT
timeout 300 "$WINE" wineboot -i > /dev/null 2>&1

# Registry values the configuration checks will read back.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest]\r\n"UseLogonCredential"=dword:00000001\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters]\r\n"RequireSecuritySignature"=dword:00000001\r\n"vigie-test \\"quoted\\" \\\\ value"="C:\\\\Temp\\\\\\"x\\" caf\303\251"\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile]\r\n"EnableFirewall"=dword:00000001\r\n"DefaultInboundAction"=dword:00000001\r\n"DefaultOutboundAction"=dword:00000000\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\StandardProfile]\r\n"EnableFirewall"=dword:00000001\r\n"DefaultInboundAction"=dword:00000001\r\n"DefaultOutboundAction"=dword:00000000\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\PublicProfile]\r\n"EnableFirewall"=dword:00000001\r\n"DefaultInboundAction"=dword:00000000\r\n"DefaultOutboundAction"=dword:00000000\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\PublicProfile]\r\n"EnableFirewall"=dword:00000000\r\n"DefaultInboundAction"=dword:00000001\r\n' > "$T/set8.reg"
# UTF-16 LE with a BOM, as regedit writes it (reg import reads UTF-8 as ANSI).
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/set8.reg"; } > "$T/set.reg"
timeout 120 "$WINE" reg import "$(winpath "$T/set.reg")" > /dev/null 2>&1

# A file "downloaded" in the Wine user's profile, for the recent files.
for u in "$T/wine/drive_c/users"/*/; do
	case $u in */Public/) continue;; esac
	mkdir -p "$u/Downloads" && printf 'MZ planted %s\n' $$ > "$u/Downloads/planted-5080.exe"
	planted_sha=$(sha256sum "$u/Downloads/planted-5080.exe" | cut -c1-64)
	# The marker runs from Downloads, a folder users write to: its
	# loaded modules are listed.
	cp "$MARKER" "$u/Downloads/marker.exe" && MARKER="$u/Downloads/marker.exe"
done

# The marker: a real second process listening on a port, a file open.
port=$((40000 + $$ % 20000))
timeout 600 "$WINE" "$MARKER" $port "$(winpath "$T/marker-open.txt")" \
    "$(winpath "$T/ready")" > /dev/null 2>&1 &
i=0
while [ ! -s "$T/ready" ] && [ $i -lt 120 ]; do sleep 0.5; i=$((i + 1)); done
ok "the marker process started under Wine" test -s "$T/ready"
mpid=$(tr -d '\r\n' < "$T/ready")

# Usage errors and the system disk: exit 2, nothing written.
run timeout 120 "$WINE" "$EXE" --case X
exit_is "no --out: exit 2" 2
contains "French by default" "$T/out" "--out DOSSIER est obligatoire"
run timeout 120 "$WINE" "$EXE" --help --lang en
exit_is "--help: exit 0" 0
contains "--help in English with --lang en" "$T/out" "--out DIR"
run timeout 120 "$WINE" "$EXE" --profile slow --out x
exit_is "a bad --profile: exit 2" 2
run timeout 120 "$WINE" "$EXE" --lang en --out 'C:\users\vigie-cap'
exit_is "the system disk is refused: exit 2" 2
contains "says why" "$T/out" "is on the system disk"
ok "nothing written there" test ! -e "$T/wine/drive_c/users/vigie-cap"

# --- one collection ---------------------------------------------------------
start=$(date +%s.%N)
run timeout 600 "$WINE" "$EXE" --out "$(winpath "$T/cap")" --case T-5080 \
    --examiner "A. Martin" --note "test 5080" --key "$(winpath "$T/key.pem")"
end=$(date +%s.%N)
exit_is "collection: exit 0" 0
cp "$T/out" "$T/collect.out"
diag "collection under Wine: $(echo "$end - $start" | bc) s"
for s in 1/11 2/11 3/11 4/11 5/11 6/11 7/11 8/11 9/11 10/11 11/11; do
	contains "progress line [$s]" "$T/collect.out" "[$s]"
done
contains "final screen in French" "$T/collect.out" "Collecte terminée en"
msha=$(sha256sum "$T/cap/manifest.json" | cut -c1-64)
g=$(echo "$msha" | cut -c1-4) g2=$(echo "$msha" | cut -c5-8)
contains "the manifest's SHA-256 in groups" "$T/collect.out" "$g $g2"

# The marker, its socket and its open file.
M=$T/cap/02-processes/processes.jsonl
$PY - "$M" "$mpid" "$(sha256sum "$MARKER" | cut -c1-64)" > "$T/marker" <<'EOF'
import json, sys
for l in open(sys.argv[1]):
    p = json.loads(l)
    if p["pid"] == int(sys.argv[2]):
        print("name", p["name"])
        print("sha", p.get("exe_sha256") == sys.argv[3])
        print("cmdline", "marker-open.txt" in (p.get("cmdline") or ""))
        print("file", any(f.endswith("marker-open.txt") for f in p["files"]))
        print("signature", p["authenticode"]["status"])
        print("modules", any(m.lower().endswith("kernel32.dll") for m in p.get("modules", [])))
EOF
contains "the marker process is in the capture" "$T/marker" "name marker.exe"
contains "with the SHA-256 of its exe (sha256sum)" "$T/marker" "sha True"
contains "with its command line" "$T/marker" "cmdline True"
contains "with its open file" "$T/marker" "file True"
contains "our unsigned marker: no embedded signature" "$T/marker" "signature no_embedded_signature"
contains "run from Downloads: its loaded modules are listed" "$T/marker" "modules True"
$PY - "$T/cap/03-network/sockets.jsonl" $port > "$T/sock" <<'EOF'
import json, sys
for l in open(sys.argv[1]):
    s = json.loads(l)
    if s["local_port"] == int(sys.argv[2]) and s["proto"] == "tcp":
        print(s["local"], s["state"])
EOF
contains "its listening socket is in the capture" "$T/sock" "127.0.0.1 LISTEN"

# The recent file, hashed (sha256sum).
grep 'planted-5080.exe' "$T/cap/08-files/recent.jsonl" > "$T/recent"
contains "a recent download is listed with its SHA-256" "$T/recent" "${planted_sha:-none}"

# Service binaries: the ImagePath resolved and hashed (sha256sum).
svchost=$(sha256sum "$T/wine/drive_c/windows/system32/svchost.exe" | cut -c1-64)
grep -i '"binary_file": "C:\\\\windows\\\\system32\\\\svchost.exe"' \
    "$T/cap/05-services/services.jsonl" | head -1 > "$T/svc"
contains "a service's binary (svchost.exe) with its SHA-256" "$T/svc" "$svchost"

# Outside oracles: coreutils, OpenSSL, the custody formula of the docs.
(cd "$T/cap" && sha256sum -c --quiet SHA256SUMS) > "$T/sc" 2>&1
is "sha256sum -c accepts SHA256SUMS" "$?" 0
openssl pkeyutl -verify -pubin -inkey "$T/cap/signing-key.pub" -rawin \
    -in "$T/cap/manifest.json" -sigfile "$T/cap/manifest.json.sig" > "$T/ov" 2>&1
contains "openssl verifies the Ed25519 signature" "$T/ov" "Signature Verified Successfully"
$PY - "$T/cap/custody.jsonl" "$T/cap/manifest.json" > "$T/chain" <<'EOF'
import hashlib, json, sys
def entry_hash(e):
    out = b"vigie-custody-1\n"
    for f in ("seq", "time", "mono_ns", "actor", "action", "object",
              "object_sha256", "detail", "prev"):
        v = str(e[f]).encode()
        out += str(len(v)).encode() + b":" + v + b"\n"
    return hashlib.sha256(out).hexdigest()
prev, n = "0" * 64, 0
for l in open(sys.argv[1]):
    e = json.loads(l)
    n += 1
    assert e["seq"] == n and e["prev"] == prev and entry_hash(e) == e["hash"], n
    prev = e["hash"]
m = json.load(open(sys.argv[2]))
c = m["custody"]
print("chain", n, c["file"], c["entries"] == n - 1, e["action"],
      e["object_sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest())
EOF
contains "the custody chain recomputes (Python, docs formula)" "$T/chain" "custody.jsonl True seal True"

run "$VIGIE" respond verify "$T/cap"
exit_is "vigie respond verify: intact" 0
contains "says intact" "$T/out" "intact"
fpr=$(json_get "$T/cap/manifest.json" signature.key_fingerprint_sha256)
run "$VIGIE" respond verify --fingerprint "$fpr" "$T/cap"
exit_is "intact with the key fingerprint" 0
run "$VIGIE" respond custody "$T/cap"
exit_is "vigie respond custody lists the log" 0
contains "chain intact" "$T/out" "Chain intact"
contains "with the seal entry" "$T/out" "seal"

# --- tampering (as 5002) -----------------------------------------------------
case_dir() { rm -rf "$T/$1"; cp -a "$T/cap" "$T/$1"; echo "$T/$1"; }
d=$(case_dir byte)
printf 'X' | dd of="$d/01-clock/clock.json" bs=1 seek=5 conv=notrunc 2>/dev/null
run "$VIGIE" respond verify "$d"
exit_is "artifact: one byte changed: exit 1" 1
contains "names the altered artifact" "$T/out" "01-clock/clock.json was altered"

d=$(case_dir removed-line)
rm "$d/02-processes/processes.jsonl"
grep -v 'processes.jsonl' "$d/SHA256SUMS" > "$T/s" && cat "$T/s" > "$d/SHA256SUMS"
run "$VIGIE" respond verify "$d"
exit_is "SHA256SUMS: artifact and its line removed: exit 1" 1
contains "the signed manifest still names it" "$T/out" "no line in SHA256SUMS"

d=$(case_dir manifest)
sed 's/"profile": "quick"/"profile": "full"/' "$d/manifest.json" > "$T/m"
cat "$T/m" > "$d/manifest.json"
run "$VIGIE" respond verify "$d"
exit_is "manifest edited: exit 1" 1
contains "the signature no longer matches" "$T/out" "manifest.json.sig does not match manifest.json"

d=$(case_dir signature)
head -c 64 /dev/urandom > "$d/manifest.json.sig"
run "$VIGIE" respond verify "$d"
exit_is "signature replaced: exit 1" 1
contains "names the signature" "$T/out" "signature:"

jl() { $PY -c 'import json, sys
p, op = sys.argv[1], sys.argv[2]
L = [json.loads(l) for l in open(p)]
if op == "edit": L[1]["actor"] = "someone else"
if op == "delete": del L[1]
if op == "insert":
    x = dict(L[1]); x["actor"] = "intruder"; x["detail"] = "inserted"
    L.insert(1, x)
    for i, e in enumerate(L): e["seq"] = i + 1
open(p, "w").write("".join(json.dumps(e) + "\n" for e in L))' "$@"; }
d=$(case_dir custody-edit)
jl "$d/custody.jsonl" edit
run "$VIGIE" respond verify "$d"
exit_is "custody entry edited: exit 1" 1
contains "names the edited entry" "$T/out" "custody entry 2 was changed"
d=$(case_dir custody-delete)
jl "$d/custody.jsonl" delete
run "$VIGIE" respond verify "$d"
exit_is "custody entry deleted: exit 1" 1
contains "names the deleted entry" "$T/out" "custody entry 2 is missing (deleted)"
d=$(case_dir custody-insert)
jl "$d/custody.jsonl" insert
run "$VIGIE" respond verify "$d"
exit_is "custody entry inserted: exit 1" 1
contains "the chain breaks after the insertion" "$T/out" "custody entry 3"
d=$(case_dir custody-garbage)
echo '{"seq": "x"}' >> "$d/custody.jsonl"
run "$VIGIE" respond verify "$d"
exit_is "custody.jsonl: a line that is no entry: exit 1" 1
contains "names the line" "$T/out" "custody.jsonl:"

d=$(case_dir extra)
echo planted > "$d/01-clock/planted.txt"
run "$VIGIE" respond verify "$d"
exit_is "a file added: exit 1" 1
contains "names the extra file" "$T/out" "01-clock/planted.txt is not part of the sealed capture"

d=$(case_dir head)
run "$VIGIE" respond custody "$d" --add "remis à la gendarmerie" --actor "A. Martin"
exit_is "custody --add appends to custody.jsonl" 0
code=$(sed -n 's/.*custody form: //p' "$T/out")
run "$VIGIE" respond verify --head "$code" "$d"
exit_is "verify --head with the code on paper: intact" 0
sed '$d' "$d/custody.jsonl" > "$T/c" && cat "$T/c" > "$d/custody.jsonl"
run "$VIGIE" respond verify --head "$code" "$d"
exit_is "last entry removed: --head catches it" 1

iconv -f UTF-16 -t UTF-8 "$T/cap/07-config/reg/lanmanserver.reg" > "$T/lms.txt"
contains "the hostile value is in the export, escaped" "$T/lms.txt" '"vigie-test \"quoted\" \\ value"="C:\\Temp\\\"x\" café"'
# The registry exports against Wine's own `reg export` of the same keys
# (one with the hostile value name and data set above): byte for byte.
for k in 'lanmanserver HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters' \
    'lsa HKLM\SYSTEM\CurrentControlSet\Control\Lsa'; do
	f=${k%% *} key=${k#* }
	timeout 120 "$WINE" reg export "$key" "$(winpath "$T/wine-$f.reg")" /y > /dev/null 2>&1
	ok "reg/$f.reg is what reg export writes, byte for byte" \
	    cmp -s "$T/wine-$f.reg" "$T/cap/07-config/reg/$f.reg"
done

# --- the security state: what Wine supports, what it stubs -----------------------
# Wine 8 has no INetFwPolicy2 (E_NOTIMPL): firewall.txt comes from the
# registry values set above with Wine's own reg, the policy key winning.
iconv -f UTF-16 -t UTF-8 "$T/cap/07-config/firewall.txt" | tr -d '\r' > "$T/fw.txt"
$PY - "$T/fw.txt" > "$T/fw" <<'PYEOF'
import re, sys
prof = None
for l in open(sys.argv[1]):
    m = re.match(r"^(Domain|Private|Public) Profile Settings:", l)
    if m: prof = m.group(1)
    m = re.match(r"^(State|Firewall Policy)\s{2,}(\S+)$", l.rstrip())
    if m and prof: print(prof, m.group(1).replace(" ", "_"), m.group(2))
PYEOF
contains "firewall.txt: domain on (FirewallPolicy\\DomainProfile)" "$T/fw" "Domain State ON"
contains "firewall.txt: domain blocks inbound" "$T/fw" "Domain Firewall_Policy BlockInbound,AllowOutbound"
contains "firewall.txt: private (StandardProfile) on" "$T/fw" "Private State ON"
contains "firewall.txt: public off: the policy key wins over the local value" "$T/fw" "Public State OFF"
contains "firewall.txt: public inbound blocked by the policy key" "$T/fw" "Public Firewall_Policy BlockInbound,AllowOutbound"
contains "firewall.txt says where it was read" "$T/fw.txt" "INetFwPolicy2 unavailable"
# The Wine stubs: recorded "not supported", the collection went on.
$PY - "$T/cap/manifest.json" > "$T/unsup" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))
for s in m["steps"]:
    for w in s["warnings"]:
        if "not supported" in w["cause"] or "non pris en charge" in w["cause"]:
            print(s["name"], w["item"])
PYEOF
for i in "state 07-config/auditpol.txt" "state 07-config/bitlocker.txt" \
    "state 07-config/defender.txt" "state 07-config/antivirus.txt" \
    "state 07-config/updates.txt" "network 03-network/dns-cache.jsonl" \
    "autoruns 06-autoruns/wmi-subscriptions.jsonl"; do
	contains "under Wine: ${i#* } not supported, recorded" "$T/unsup" "$i"
done
for f in auditpol.txt bitlocker.txt defender.txt antivirus.txt updates.txt; do
	ok "not written when not supported: $f" test ! -e "$T/cap/07-config/$f"
done
iconv -f UTF-16 -t UTF-8 "$T/cap/07-config/unavailable.txt" > "$T/unav"
contains "unavailable.txt: the audit API is a stub" "$T/unav" "auditpol.txt: not supported by this system: ADVAPI32.dll.AuditEnumerateCategories"
contains "unavailable.txt: no BitLocker WMI namespace" "$T/unav" "bitlocker.txt: not supported by this system: WMI ROOT\CIMV2\Security\MicrosoftVolumeEncryption"

# --- the configuration, read by scan config --windows ---------------------------
run "$VIGIE" scan config --json --windows "$T/cap/07-config"
$PY - "$T/out" > "$T/checks" <<'EOF'
import json, sys
st, det = {}, {}
for l in open(sys.argv[1]):
    l = l.strip()
    if l.startswith("{"):
        o = json.loads(l)
        if "id" in o:
            st[o["id"]] = o["status"]
            det[o["id"]] = o.get("detail", "")
print("evaluated", sum(1 for s in st.values() if s in ("pass", "fail")))
for k in ("WIN-LSA-01", "WIN-SMB-02", "WIN-SMB-01", "WIN-ADM-01",
          "WIN-FW-01", "WIN-FW-02", "WIN-BL-01", "WIN-AUD-01",
          "WIN-UPD-02"):
    print(k, st.get(k), det.get(k, ""))
EOF
diag "$(cat "$T/checks")"
contains "WDigest set to 1 in the registry: WIN-LSA-01 fails" "$T/checks" "WIN-LSA-01 fail"
contains "SMB signing required: WIN-SMB-02 passes" "$T/checks" "WIN-SMB-02 pass"
contains "SMBv1 key absent: WIN-SMB-01 passes" "$T/checks" "WIN-SMB-01 pass"
contains "admins.txt from the account API: WIN-ADM-01 evaluated" "$T/checks" "WIN-ADM-01 pass"
contains "public firewall off (policy key): WIN-FW-01 fails from firewall.txt" "$T/checks" "WIN-FW-01 fail State = OFF (firewall.txt"
contains "inbound blocked on the three profiles: WIN-FW-02 passes" "$T/checks" "WIN-FW-02 pass"
contains "BitLocker stubbed: WIN-BL-01 not evaluated, with the reason" "$T/checks" "WIN-BL-01 skip bitlocker.txt was not collected: not supported by this system: WMI"
contains "audit API stubbed: WIN-AUD-01 not evaluated, with the reason" "$T/checks" "WIN-AUD-01 skip auditpol.txt was not collected: not supported by this system: ADVAPI32.dll.AuditEnumerateCategories"
contains "update history stubbed: WIN-UPD-02 not evaluated" "$T/checks" "WIN-UPD-02 skip updates.txt was not collected: not supported by this system: IUpdateSearcher"
n=$(sed -n 's/^evaluated //p' "$T/checks")
ok "at least 12 Windows checks evaluated from the exports ($n)" test "${n:-0}" -ge 12
# The hostile value name and data were written so that the .reg reader
# reads them back (scan config would stop at a broken line).
lacks "no .reg file broken" "$T/err" "lanmanserver.reg:"
done_testing
