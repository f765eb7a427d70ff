# 5012 — what UAC collects on Linux and vigie now does too, read
# directly (no program run), checked against the usual tools where they
# exist: the process tree, the hidden-PID check (no false alarm: threads
# are told apart), every sysctl (sysctl(8)), the kernel ring buffer
# (/dev/kmsg; dmesg -r), installed packages with their versions
# (dpkg-query), container state where Docker or Podman keep it.
. "$TOP/tests/e2e/lib.sh"

sleep 120 &
child=$!
# A process with threads (python's), for the hidden-PID check.
$PY -c 'import threading, time
for i in range(3): threading.Thread(target=time.sleep, args=(120,), daemon=True).start()
time.sleep(120)' &
threaded=$!
sleep 0.5
run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk test \
    --steps processes,system --json
kill $child $threaded 2>/dev/null
exit_is "processes and system steps" 0

tree="$T/cap/02-processes/process-tree.txt"
ok "process-tree.txt written" test -s "$tree"
$PY - "$tree" $$ $child > "$T/treecheck" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")[1:]
def find(pid):
    for i, l in enumerate(lines):
        w = l.split()
        if w and w[0] == pid:
            return i, len(l) - len(l.lstrip())
    return None, None
pi, pd = find(sys.argv[2])
ci, cd = find(sys.argv[3])
print("ok" if pi is not None and ci is not None and ci > pi and cd > pd
      else "bad %s %s %s %s" % (pi, pd, ci, cd))
PY
is "the test's sleep is indented under the test's shell" \
    "$(cat "$T/treecheck")" ok

h="$T/cap/02-processes/hidden-pids.json"
ok "hidden-pids.json written" test -s "$h"
is "no process hidden on this machine" "$(json_get "$h" hidden)" "[]"
ok "threads answer kill() too and are told apart" \
    test "$(json_get "$h" threads)" -ge 3
ok "every listed process answered" \
    test "$(json_get "$h" answered)" -ge "$(json_get "$h" listed)"

s="$T/cap/05-system/sysctl.txt"
ok "sysctl.txt written" test -s "$s"
is "kernel.pid_max as /proc/sys says" \
    "$(sed -n 's/^kernel\.pid_max = //p' "$s")" "$(cat /proc/sys/kernel/pid_max)"
if command -v sysctl > /dev/null; then
	is "kernel.ostype as sysctl(8) says" \
	    "$(sed -n 's/^kernel\.ostype = //p' "$s")" "$(sysctl -n kernel.ostype)"
	n1=$(sysctl -a 2>/dev/null | wc -l)
	n2=$(wc -l < "$s")
	ok "about as many keys as sysctl -a ($n2 against $n1)" \
	    test "$n2" -ge $((n1 * 9 / 10))
fi

k="$T/cap/05-system/kmsg.txt"
if [ -r /dev/kmsg ]; then
	ok "kmsg.txt written" test -s "$k"
	ok "records as /dev/kmsg gives them (prio,seq,usec,flags;text)" \
	    grep -qE '^[0-9]+,[0-9]+,[0-9]+,[^;]*;' "$k"
else
	skip "kmsg" "/dev/kmsg not readable here"
fi

p="$T/cap/05-system/packages/packages.jsonl"
if [ -f /var/lib/dpkg/status ] && command -v dpkg-query > /dev/null; then
	ok "packages.jsonl written" test -s "$p"
	$PY - "$p" > "$T/dpkg-version" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["package"] == "dpkg":
        print(r["version"])
PY
	is "dpkg's version as dpkg-query says" "$(cat "$T/dpkg-version")" \
	    "$(dpkg-query -W -f '${Version}' dpkg)"
	is "as many packages as dpkg-query lists" "$(wc -l < "$p")" \
	    "$(dpkg-query -W -f '${Package}\n' | wc -l)"
	ok "the status file itself is kept" \
	    test -s "$T/cap/05-system/packages/dpkg-status"
else
	skip "packages" "no dpkg here"
fi
if [ -d /var/lib/docker/containers ]; then
	ok "docker containers inventoried" test -d "$T/cap/05-system/containers/docker"
else
	skip "containers" "no Docker or Podman state on this machine"
fi
run "$VIGIE" respond verify "$T/cap"
exit_is "the capture verifies" 0
done_testing
