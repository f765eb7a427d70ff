# 4001 — scan config on Linux trees: every Linux check passes on a tree
# with good settings and fails on one with bad settings (the list of
# checks comes from --list, so a new check without fixtures fails here),
# then the running system, and the findings in the store.
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"

$PY "$FX" linux good good && $PY "$FX" linux bad bad ||
    { echo "not ok 1 - fixtures"; exit 1; }

"$VIGIE" scan config --list --json > list.json
ids=$($PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["platform"] == "linux": print(o["id"])' list.json)
ok "the Linux checks are listed" test -n "$ids"

# status FILE ID: the status of check ID in JSON Lines FILE
status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }

run "$VIGIE" scan config --root good --json
exit_is "good tree: exit 0 (no failure)" 0
cp "$T/out" good.json
run "$VIGIE" scan config --root bad --json
exit_is "bad tree: exit 1 (failures)" 1
cp "$T/out" bad.json

for id in $ids; do
	if [ "$id" = LIN-PERM-04 ] && [ "$(id -u)" != 0 ]; then
		skip "$id passes on the good tree" "needs root to chown etc/shadow"
	else
		is "$id passes on the good tree" "$(status good.json "$id")" pass
	fi
	is "$id fails on the bad tree" "$(status bad.json "$id")" fail
done

# What the details say, for a few checks.
contains "first sshd value wins (drop-in read first)" bad.json \
    'PermitRootLogin = yes (/etc/ssh/sshd_config.d/50-old.conf:1)'
contains "Match blocks are left out" good.json \
    'PasswordAuthentication = no (/etc/ssh/sshd_config:3)'
contains "smb.conf keys without case nor spaces" bad.json \
    'Server Min  Protocol = NT1 (/etc/samba/smb.conf:3)'
contains "UID 0 account named" bad.json 'toor (/etc/passwd:4)'
contains "empty password named" bad.json 'alice (/etc/shadow:3)'
contains "unowned setuid file named" bad.json '/usr/local/bin/sauvegarde'
contains "cron job from /tmp" bad.json \
    '/etc/cron.d/sauvegarde:1: /tmp/sauvegarde.sh is in /tmp, which everyone can write'
contains "systemd unit from /var/tmp" bad.json '/etc/systemd/system/maj-auto.service:3'
contains "listening port named" bad.json 'tcp 0.0.0.0:3306'
contains "sysctl from sysctl.d" bad.json \
    'kernel.randomize_va_space = 0 (/etc/sysctl.d/10-perf.conf:1)'
contains "sysctl kernel default" bad.json \
    'net.ipv4.conf.all.accept_redirects = 1 (kernel default)'
contains "release read from base-files, judged on its dated table" bad.json \
    'Debian 11 bullseye (11.1+deb11u9, /var/lib/dpkg/status): support ended on 2026-08-31'
lacks "packages removed but configured are not installed" bad.json \
    'package unattended-upgrades 2.9.1+nmu3 is installed'
contains "world-writable file named" bad.json '/etc/motd.d/annonce'

# The summary line and the index.
is "good tree index" "$(tail -1 good.json | $PY -c 'import json,sys; print(json.load(sys.stdin)["summary"]["index"])')" 100
is "bad tree index" "$(tail -1 bad.json | $PY -c 'import json,sys; print(json.load(sys.stdin)["summary"]["index"])')" 0

# A tree without SSH, Samba or a desktop: those checks do not apply.
mkdir -p bare/etc bare/var/lib/dpkg
: > bare/var/lib/dpkg/status
run "$VIGIE" scan config --root bare --json
cp "$T/out" bare.json
is "no sshd_config: LIN-SSH-01 not applicable" "$(status bare.json LIN-SSH-01)" skip
is "no smb.conf: LIN-SMB-01 not applicable" "$(status bare.json LIN-SMB-01)" skip
is "no display manager: LIN-LCK-01 not applicable" "$(status bare.json LIN-LCK-01)" skip
is "no /proc/net: LIN-NET-01 not evaluated" "$(status bare.json LIN-NET-01)" skip

# The running system: it runs and reports every Linux check.
run "$VIGIE" scan config --json
ok "live scan ends with 0 or 1" test "$rc" -le 1
n=$(grep -c '"status"' "$T/out")
is "live scan reports every Linux check" "$n" "$(echo "$ids" | wc -l | tr -d ' ')"

# Findings are in the store, one run per scan.
$PY - "$VIGIE_DB" > store.txt <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
runs = db.execute("select id, subject, status, stats from run where kind = 'scan.config' order by id").fetchall()
print("runs", len(runs))
r = runs[1]
print("subject", r[1].rsplit("/", 1)[-1], r[2])
print("stats", r[3])
for row in db.execute("select status, count(*) from finding where run_id = ? group by status order by status", (r[0],)):
    print("finding", row[0], row[1])
row = db.execute("select ref, severity, detail, remediation, data from finding where run_id = ? and ref = 'LIN-ACC-02'", (r[0],)).fetchone()
print("acc02", row[0], row[1], "toor" in row[2], row[3] is not None, row[4])
PYEOF
contains "four runs stored" store.txt "runs 4"
contains "the bad tree run is done" store.txt "subject bad done"
contains "its index in the statistics" store.txt '"index":0'
contains "failed findings stored" store.txt "finding fail 26"
contains "finding with detail, remediation and mappings" store.txt \
    'acc02 LIN-ACC-02 critical True True {"platform":"linux","anssi":"5 29","cis":"5.4"}'
done_testing
