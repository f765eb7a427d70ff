# 4006 — dated verdicts and the checks issue 16 corrected: the lifecycle
# tables of WIN-OS-01 and LIN-OS-01 flip from pass to fail the day after
# the end of support (scan date: the manifest's collection date, or
# VIGIE_NOW for a Linux tree); Windows 10 in its paid-ESU window and a
# build the table does not know give "error", never a guess; antivirus
# from Security Center (Defender passive behind another product); Office
# macros blocked by default since Version 2203.
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"

status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }
# win NAME BUILD EDITION DATE: a good-en folder with those, scanned
win() {
	VG_FX_BUILD=$2 VG_FX_EDITION=$3 VG_FX_DATE=$4 $PY "$FX" windows \
	    "$1" good-en || { echo "not ok - fixture $1"; exit 1; }
	"$VIGIE" scan config --windows "$1" --json > "$1.json"
}

win w24-last 26100 Professional 2026-10-13T18:00:00Z
win w24-next 26100 Professional 2026-10-14T08:00:00Z
is "24H2 Pro: supported on its last day (2026-10-13)" \
    "$(status w24-last.json WIN-OS-01)" pass
is "24H2 Pro: out of support the day after" \
    "$(status w24-next.json WIN-OS-01)" fail
contains "end date and source named" w24-next.json \
    'support ended on 2026-10-13 (scan date 2026-10-14); source: https://learn.microsoft.com/windows/release-health/windows11-release-information'
win w24-ent 26100 Enterprise 2026-10-14T08:00:00Z
is "24H2 Enterprise: 36 months, still supported" \
    "$(status w24-ent.json WIN-OS-01)" pass
win w24-ltsc 26100 EnterpriseS 2028-01-10T08:00:00Z
is "Enterprise LTSC 2024 supported in 2028" \
    "$(status w24-ltsc.json WIN-OS-01)" pass
win w10-esu 19045 Professional 2026-11-20T10:00:00Z
is "Windows 10 22H2 in the ESU window: cannot tell (error)" \
    "$(status w10-esu.json WIN-OS-01)" error
contains "ESU named" w10-esu.json 'extended security updates (ESU, until 2028-10-10 at most)'
win w10-after 19045 Professional 2028-10-11T10:00:00Z
is "Windows 10 22H2 after the last ESU year: fail" \
    "$(status w10-after.json WIN-OS-01)" fail
win w-new 26300 Professional 2026-11-20T10:00:00Z
is "a build the table does not know: error, not pass" \
    "$(status w-new.json WIN-OS-01)" error
win w-old 10240 Professional 2026-11-20T10:00:00Z
is "older than the table: fail" "$(status w-old.json WIN-OS-01)" fail

# Debian: bullseye LTS ends 2026-08-31.
$PY "$FX" linux deb11 bad || { echo "not ok - fixture deb11"; exit 1; }
VIGIE_NOW=2026-08-31T20:00:00Z "$VIGIE" scan config --root deb11 --json > d-last.json
VIGIE_NOW=2026-09-01T08:00:00Z "$VIGIE" scan config --root deb11 --json > d-next.json
is "Debian 11: supported on 2026-08-31" "$(status d-last.json LIN-OS-01)" pass
is "Debian 11: out of support on 2026-09-01" "$(status d-next.json LIN-OS-01)" fail
contains "Debian source named" d-next.json 'source: https://wiki.debian.org/LTS'

# Antivirus: Security Center products.
av() {
	VG_FX_AV=$2 $PY "$FX" windows "$1" "$3" || exit 1
	"$VIGIE" scan config --windows "$1" --json > "$1.json"
}
av av-other "Windows Defender=393472,ESET Endpoint Security=266240" bad-en
is "Defender passive, another antivirus on: pass (even with Defender off)" \
    "$(status av-other.json WIN-DEF-01)" pass
av av-stale "ESET Endpoint Security=266256" good-en
is "the only product is out of date: fail" \
    "$(status av-stale.json WIN-DEF-01)" fail
contains "product state in words" av-stale.json 'ESET Endpoint Security (on, out of date)'
av av-none none bad-en
is "no Security Center list: Defender's state decides" \
    "$(status av-none.json WIN-DEF-01)" fail
contains "Defender read instead" av-none.json 'RealTimeProtectionEnabled = False'

# Office: no policy, Microsoft 365 Apps 16.0.17928 (after 2203): blocked
# by default.
VG_FX_OFFICE=default $PY "$FX" windows off-default good-en || exit 1
"$VIGIE" scan config --windows off-default --json > off-default.json
is "Office 2203+ without policy: pass (default block)" \
    "$(status off-default.json WIN-OFF-01)" pass
contains "version read" off-default.json 'VersionToReport = 16.0.17928.20156'
is "the session user is named in the manifest" "$($PY -c 'import sys
print([l for l in open(sys.argv[1], encoding="utf-16").read().split("\n")
       if l.startswith("hkcu_user=")][0].strip())' off-default/manifest.txt)" \
    'hkcu_user=MAIRIE-ACCUEIL\agent'

# Point 12: checks that agree with their title and their reference.
lin() { env "$@" $PY "$FX" linux "$L" good || exit 1
	"$VIGIE" scan config --root "$L" --json > "$L.json"; }
L=root-key; lin VG_FX_ROOTLOGIN=prohibit-password
is "SSH 'root login refused': a key login as root fails" \
    "$(status root-key.json LIN-SSH-01)" fail
L=nft-fwd; lin VG_FX_NFT=forward
is "nftables: policy drop on the forward chain only: fail" \
    "$(status nft-fwd.json LIN-FW-01)" fail
L=nft-in; lin VG_FX_NFT=input
is "nftables: policy drop on the input hook: pass" \
    "$(status nft-in.json LIN-FW-01)" pass
L=kde; lin VG_FX_DESKTOP=kde
is "screen lock on a KDE desktop: not evaluated (not passed untested)" \
    "$(status kde.json LIN-LCK-01)" skip
contains "logs: 13 weekly rotations (91 days) pass" "$(echo nft-in.json)" \
    '"id":"LIN-LOG-01","status":"pass"'
VG_FX_GUEST=unset VG_FX_EDITION=Professional VG_FX_BUILD=26100 \
    $PY "$FX" windows guest-pro24 good-en || exit 1
"$VIGIE" scan config --windows guest-pro24 --json > guest-pro24.json
is "SMB guest: unset on 24H2 Pro is off by default: pass" \
    "$(status guest-pro24.json WIN-SMB-03)" pass
VG_FX_GUEST=unset VG_FX_EDITION=Core VG_FX_BUILD=26100 \
    $PY "$FX" windows guest-home good-en || exit 1
"$VIGIE" scan config --windows guest-home --json > guest-home.json
is "SMB guest: unset on Home stays allowed: fail" \
    "$(status guest-home.json WIN-SMB-03)" fail
"$VIGIE" scan config --list --json > list.json
contains "dormant accounts: 45 days (CIS 5.3)" list.json 'unused for 45 days'
done_testing
