# 5001 — capture this machine with a marker process started here: a
# known command line, a listening TCP socket, an open file and a deleted
# executable must all appear in the capture with the right details.
. "$TOP/tests/e2e/lib.sh"

# The marker: a copy of python3 (deleted once started) that listens on
# 127.0.0.1, keeps a file open and sleeps.
py=$(readlink -f /usr/bin/python3)
cp "$py" "$T/marker-exe"
want_sha=$(sha256sum "$py" | cut -d' ' -f1)
echo "evidence" > "$T/marker-open.txt"
"$T/marker-exe" -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
f = open(sys.argv[2])
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(120)' "$T/port" "$T/marker-open.txt" vigie-marker-5001 &
marker=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$T/port" ] && break; sleep 0.2
done
port=$(cat "$T/port")
rm "$T/marker-exe"

# A second marker runs from a memfd (no file at all): sleep's bytes.
sleep_bin=$(readlink -f /bin/sleep)
sleep_sha=$(sha256sum "$sleep_bin" | cut -d' ' -f1)
$PY -c '
import os, sys
fd = os.memfd_create("vigie-memfd-marker", 0)
os.write(fd, open(sys.argv[1], "rb").read())
os.execv("/proc/self/fd/%d" % fd, ["vigie-memfd-marker", "120"])' \
    "$sleep_bin" &
memfd=$!
sleep 0.5

run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk "test" \
    --steps clock,processes,network,sessions --case T-5001 --examiner test
exit_is "capture completes" 0
kill "$marker" "$memfd" 2>/dev/null

# Every check below reads the capture's JSON with Debian's python3.
check() {
	$PY - "$T/cap" "$marker" "$port" "$want_sha" "$T" "$memfd" "$sleep_sha" <<'PYEOF'
import json, sys, os, hashlib
cap, pid, port, sha, tmp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
mpid, msha = int(sys.argv[6]), sys.argv[7]
procs = [json.loads(l) for l in open(cap + "/02-processes/processes.jsonl")]
p = [x for x in procs if x["pid"] == pid]
def say(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
say(len(p) == 1, "the marker process is listed")
p = p[0] if p else {}
say("vigie-marker-5001" in p.get("cmdline", []), "its command line")
say(p.get("exe", "").startswith(tmp + "/marker-exe") and p.get("exe_deleted") is True,
    "its executable is marked deleted: %s" % p.get("exe"))
say(p.get("exe_sha256") == sha, "the deleted executable is hashed through /proc/PID/exe")
copy = p.get("exe_copy", "")
ok = bool(copy) and hashlib.sha256(open(cap + "/" + copy, "rb").read()).hexdigest() == sha
say(ok, "the deleted executable is copied into the capture")
fds = [f.get("target", "") for f in p.get("fds", [])]
say(tmp + "/marker-open.txt" in fds, "its open file")
sock = [f for f in fds if f.startswith("socket:[")]
say(len(sock) >= 1, "its socket")
say(p.get("user") == "root" or p.get("uid", [None])[0] == os.getuid(), "its user")
say(p.get("start_utc", "").endswith("Z"), "its start time in UTC")
q = ([x for x in procs if x["pid"] == mpid] or [{}])[0]
say(q.get("exe", "").startswith("/memfd:vigie-memfd-marker") and q.get("exe_memfd") is True,
    "a memfd executable is recognised: %s" % q.get("exe"))
say(q.get("exe_sha256") == msha, "and hashed through /proc/PID/exe")
say(bool(q.get("exe_copy")) and hashlib.sha256(open(cap + "/" + q["exe_copy"], "rb").read()).hexdigest() == msha,
    "and copied")
socks = [json.loads(l) for l in open(cap + "/03-network/sockets.jsonl")]
l = [s for s in socks if s["proto"] == "tcp" and s["local_port"] == port
     and s["local"] == "127.0.0.1" and s["state"] == "LISTEN"]
say(len(l) == 1, "the listening socket on 127.0.0.1:%d" % port)
say(l and any(x["pid"] == pid for x in l[0]["processes"]),
    "the socket's owner is the marker")
say(l and l[0]["listening"] is True, "marked listening")
m = json.load(open(cap + "/manifest.json"))
own = [x for x in procs if x.get("collector")]
say(any(x["pid"] == m["tool"]["pid"] for x in own),
    "vigie's own pid is in the manifest and marked in the process list")
say(m["case"] == "T-5001" and m["examiner"] == "test", "case and examiner")
say(m["tool"]["static_build"] in (True, False), "static build recorded")
arts = {a["path"]: a for a in m["artifacts"]}
say("02-processes/processes.jsonl" in arts and
    arts["02-processes/processes.jsonl"]["source"].startswith("/proc/PID"),
    "artifacts name their source")
say(all(a["time_utc"].endswith("Z") for a in m["artifacts"]), "artifacts stamped in UTC")
c = json.load(open(cap + "/01-clock/clock.json"))
say("ntp" in c and "boottime_ns" in c and "timezone" in c, "clock: boot time, time zone, NTP state")
PYEOF
}
check > "$T/checks" 2>&1
while read -r line; do
	case $line in
	"ok - "*) _ok "${line#ok - }" ;;
	"not ok - "*) _notok "${line#not ok - }" ;;
	*) diag "$line" ;;
	esac
done < "$T/checks"
contains "the process table shows the deleted executable" \
    "$T/cap/02-processes/processes.txt" "vigie-marker-5001"
grep "vigie-marker-5001" "$T/cap/02-processes/processes.txt" > "$T/line"
contains "flagged in the text table" "$T/line" "[exe deleted]"
contains "the socket table names the process" "$T/cap/03-network/sockets.txt" \
    "127.0.0.1:$port"
(cd "$T/cap" && sha256sum -c --quiet SHA256SUMS) > "$T/sumout" 2>&1
is "sha256sum -c SHA256SUMS works without vigie" "$?" 0
run "$VIGIE" respond verify "$T/cap"
exit_is "verify: intact" 0
done_testing
