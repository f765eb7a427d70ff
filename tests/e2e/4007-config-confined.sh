# 4007 — scan config on an offline root never reads outside it: absolute
# symbolic links on the examined disk are resolved inside the disk (as
# its own system would), ".." stops at its top, a loop is an error, and
# links on a Windows volume are refused (issue 20, point 1).
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"

$PY "$FX" linux good good || { echo "not ok 1 - fixtures"; exit 1; }
status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }

# The analyst's own files, outside the examined disk.
mkdir host
printf 'PermitRootLogin yes\nPasswordAuthentication yes\n' > host/sshd_config
printf 'analysteperso::19000:0:99999:7:::\n' > host/shadow
printf 'hostcron\n* * * * * root /tmp/x.sh\n' > host/crontab

run "$VIGIE" scan config --root good --json
cp "$T/out" good.json
cp -a good linked
# Absolute links: the disk's own /etc/ssh/real.conf, not the host's.
mv linked/etc/ssh/sshd_config linked/etc/ssh/real.conf
ln -s /etc/ssh/real.conf linked/etc/ssh/sshd_config
# An absolute link to the analyst's file: inside the root it is absent.
rm -f linked/etc/shadow
ln -s "$T/host/shadow" linked/etc/shadow
# ".." far above the top stays at the top.
ups=$(printf '../%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
rm -f linked/etc/crontab
ln -s "$ups$T/host/crontab" linked/etc/crontab

run "$VIGIE" scan config --root linked --json
cp "$T/out" linked.json
lacks "the host's sshd_config is not read" linked.json 'PermitRootLogin = yes'
is "sshd read through the disk's own absolute link" \
    "$(status linked.json LIN-SSH-01)" "$(status good.json LIN-SSH-01)"
contains "the disk's file is named" linked.json '/etc/ssh/sshd_config'
lacks "no host account in the report" linked.json analysteperso
lacks "no host cron line in the report" linked.json '/tmp/x.sh'
lacks "the host folder never shows" linked.json "$T/host"

# An absolute link straight to the analyst's sshd_config.
cp -a good tohost
rm -f tohost/etc/ssh/sshd_config
ln -s "$T/host/sshd_config" tohost/etc/ssh/sshd_config
run "$VIGIE" scan config --root tohost --json
lacks "a link to the host's sshd_config is not followed" "$T/out" \
    'PermitRootLogin = yes'
lacks "the host's file is never named" "$T/out" 'sshd_config:1)'

# A loop of links is an error, named, not a verdict.
cp -a good loop
rm -f loop/etc/ssh/sshd_config
ln -s /etc/ssh/b loop/etc/ssh/a
ln -s /etc/ssh/a loop/etc/ssh/b
ln -s /etc/ssh/a loop/etc/ssh/sshd_config
run "$VIGIE" scan config --root loop --json
is "a loop of links: LIN-SSH-01 is an error" \
    "$(status "$T/out" LIN-SSH-01)" error
contains "the loop is said" "$T/out" 'symbolic links in a row'
# Checks in error: the index says over how many it is, and how sure.
for f in etc/ssh/sshd_config etc/login.defs etc/sysctl.conf; do
	rm -f "loop/$f"; ln -s /etc/ssh/a "loop/$f"
done
run "$VIGIE" scan config --root loop
contains "the index says over how many checks" "$T/out" 'checks only:'
contains "and that errors lower its certainty" "$T/out" 'in error could not be judged (certainty'
run "$VIGIE" scan config --root loop --json
$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if "summary" in o:
        s = o["summary"]
        assert s["over"] == s["pass"] + s["fail"], s
        assert s["error"] > 0 and 0 < s["certainty"] < 100, s
        print("ok")' "$T/out" > sum.txt 2>&1
is "JSON: over and certainty" "$(cat sum.txt)" ok

# A Windows volume whose hive folder is a link out of it: refused.
if command -v hivexsh > /dev/null && $PY "$FX" hives good wgood; then
	mkdir -p wlinked/Windows/System32 outside
	cp -a wgood/Windows/System32/config outside/config
	ln -s "$T/outside/config" wlinked/Windows/System32/config
	run "$VIGIE" scan config --windows-root wlinked --json
	exit_is "Windows volume with a linked hive folder: refused" 2
	contains "the refusal says why" "$T/err" 'symbolic link'
else
	skip "Windows volume with a linked hive folder" "hivexsh missing"
fi
done_testing
