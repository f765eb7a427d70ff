# 5010 — the evidence says nothing false. A process is recorded
# "vanished" only when it is gone: in the full profile (which reads
# environ, which kernel threads answer with ESRCH) every record marked
# vanished must have no /proc/PID left with the same start time, and the
# kernel threads must be there, not vanished.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk test \
    --profile full --steps processes --json
exit_is "full-profile processes step" 0
$PY - "$T/cap/02-processes/processes.jsonl" > "$T/checks" <<'PY'
import json, os, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
def start(pid):
    try:
        s = open("/proc/%d/stat" % pid).read()
    except OSError:
        return None
    return int(s[s.rindex(")") + 2:].split()[19])
def kthread(pid):
    try:
        s = open("/proc/%d/stat" % pid).read()
    except OSError:
        return False
    return int(s[s.rindex(")") + 2:].split()[6]) & 0x00200000 != 0
false = [r["pid"] for r in recs if r.get("vanished")
         and start(r["pid"]) == r.get("start_ticks")]
print(("ok - " if not false else "not ok - ") +
      "no live process is called vanished (%d of %d records: %s)" %
      (len(false), len(recs), false[:10]))
k = [r for r in recs if kthread(r["pid"])]
if k:
    print(("ok - " if not any(r.get("vanished") for r in k) else "not ok - ") +
          "%d kernel threads listed, none vanished" % len(k))
    print(("ok - " if all(r.get("name") for r in k) else "not ok - ") +
          "kernel threads have their names")
else:
    print("skip - no kernel thread visible in this PID namespace")
PY
while read -r line; do
	case $line in
	"ok - "*) _ok "${line#ok - }" ;;
	"not ok - "*) _notok "${line#not ok - }" ;;
	"skip - "*) skip "kernel threads" "${line#skip - }" ;;
	*) diag "$line" ;;
	esac
done < "$T/checks"
done_testing
