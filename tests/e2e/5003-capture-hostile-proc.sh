# 5003 — a capture goes on when /proc misbehaves: an unreadable entry, a
# process that ends between two reads, an entry that blocks forever (the
# step's time limit stops it and the capture is still sealed), and real
# processes starting and ending during the capture. The fake /proc is
# given with VIGIE_CAPTURE_PROC (testing only; see docs).
. "$TOP/tests/e2e/lib.sh"

# stat line: pid (comm) state ppid ... starttime (field 22) ...
statline() {
	printf '%s (%s) S 1 %s %s 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 5000 1000000 100 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n' "$1" "$2" "$1" "$1"
}
mkproc() {
	fp=$1
	mkdir -p "$fp/net" "$fp/sys/kernel/random"
	printf 'cpu  1 2 3 4\nbtime 1700000000\n' > "$fp/stat"
	echo "123.45 67.89" > "$fp/uptime"
	echo "Linux version fake" > "$fp/version"
	# 100: cmdline unreadable (a folder where a file should be)
	mkdir -p "$fp/100/cmdline"
	statline 100 "evil) x (y" > "$fp/100/stat"
	printf 'Name:\tevil\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n' > "$fp/100/status"
	# 101: gone after its stat was read
	mkdir -p "$fp/101"
	statline 101 gone > "$fp/101/stat"
	# 102: complete
	mkdir -p "$fp/102/fd"
	statline 102 good > "$fp/102/stat"
	printf 'Name:\tgood\nUid:\t0\t0\t0\t0\n' > "$fp/102/status"
	printf 'good\0--flag\0' > "$fp/102/cmdline"
	printf '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n' > "$fp/net/tcp"
}

mkproc "$T/fp"
VIGIE_CAPTURE_PROC="$T/fp" run "$VIGIE" respond capture --out "$T/cap" \
    --allow-same-disk test --steps clock,processes,network
exit_is "capture over a hostile /proc completes" 0
$PY - "$T/cap" > "$T/checks" <<'PYEOF'
import json, sys
cap = sys.argv[1]
def say(ok, what): print(("ok - " if ok else "not ok - ") + what)
p = {x["pid"]: x for x in map(json.loads, open(cap + "/02-processes/processes.jsonl"))}
say(sorted(p) == [100, 101, 102], "the three processes are listed: %s" % sorted(p))
say(p.get(100, {}).get("name") == "evil) x (y", "a name with parentheses is read whole")
say("cmdline" not in p.get(100, {}), "the unreadable command line is left out")
say(p.get(101, {}).get("vanished") is True, "the process that ended is marked vanished")
say(p.get(102, {}).get("cmdline") == ["good", "--flag"], "the complete one is read")
# btime 1700000000 + 5000 ticks at 100 per second (USER_HZ)
say(p.get(102, {}).get("start_utc") == "2023-11-14T22:14:10Z",
    "start time from btime + starttime: %s" % p.get(102, {}).get("start_utc"))
m = json.load(open(cap + "/manifest.json"))
st = {s["name"]: s for s in m["steps"]}
w = st["processes"]["warnings"]
say(any("100/cmdline" in x and "directory" in x for x in w),
    "the unreadable entry is logged with its reason: %s" % w)
say(st["processes"]["status"] == "ok", "the step still succeeds")
say(m["options"]["proc_root"] == cap.rsplit("/", 1)[0] + "/fp", "the proc root is recorded")
s = [json.loads(l) for l in open(cap + "/03-network/sockets.jsonl")]
t = [x for x in s if x["proto"] == "tcp"]
say(len(t) == 1 and t[0]["local"] == "127.0.0.1" and t[0]["local_port"] == 8080
    and t[0]["state"] == "LISTEN" and t[0]["inode"] == 4242, "the fake socket is parsed")
PYEOF
while read -r line; do
	case $line in
	"ok - "*) _ok "${line#ok - }" ;;
	"not ok - "*) _notok "${line#not ok - }" ;;
	*) diag "$line" ;;
	esac
done < "$T/checks"
run "$VIGIE" respond verify "$T/cap"
exit_is "and it verifies" 0

# An entry that blocks: a FIFO nobody writes to, like a hung mount.
mkproc "$T/fp2"
mkdir -p "$T/fp2/103"
statline 103 stuck > "$T/fp2/103/stat"
mkfifo "$T/fp2/103/cmdline"
VIGIE_CAPTURE_PROC="$T/fp2" run "$VIGIE" respond capture --out "$T/cap2" \
    --allow-same-disk test --steps clock,processes,network --time-limit 2 \
    --json
exit_is "a step that times out: capture sealed, exit 1" 1
is "--json summary: incomplete" "$(json_get "$T/out" complete)" False
is "the processes step timed out" "$(json_get "$T/out" steps.1.status)" timeout
is "the next step still ran" "$(json_get "$T/out" steps.2.status)" ok
$PY - "$T/cap2/manifest.json" > "$T/m2" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))
print([f["name"] + ":" + f["status"] for f in m["failed_steps"]])
print([a["path"] for a in m["artifacts"] if a["partial"]])
PYEOF
contains "the manifest lists the failed step" "$T/m2" "processes:timeout"
contains "the file cut short is listed as partial" "$T/m2" "02-processes/processes.jsonl"
run "$VIGIE" respond verify "$T/cap2"
exit_is "the incomplete capture is sealed and verifies" 0

# The real /proc with processes starting and ending all the time.
( while :; do /bin/true; done ) &
churn=$!
run "$VIGIE" respond capture --out "$T/cap3" --allow-same-disk test \
    --steps processes,network
kill "$churn"
exit_is "capture while processes come and go" 0
run "$VIGIE" respond verify "$T/cap3"
exit_is "verifies" 0
done_testing
