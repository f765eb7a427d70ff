#!/bin/sh
# bench/config.sh — `vigie scan config` against Lynis (Debian's lynis
# package) on the running system: wall-clock time of each, their ratio,
# how many checks each ran and the hardening index each gives. Lynis is
# the peer named in issue 8; both read the same machine in one run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=${VIGIE_BIN:-$top/vigie}
case $vigie in /*) ;; *) vigie=$top/$vigie ;; esac

if ! command -v lynis > /dev/null 2>&1; then
	echo "config: lynis is not installed (apt-get install lynis): skipped"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-config.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }

t0=$(now)
VIGIE_DB=$tmp/vigie.db "$vigie" scan config --json > "$tmp/vigie.json" 2> "$tmp/vigie.err"
rc=$?
t1=$(now)
# 1: checks failed; 2 with output: some could not be completed.
if [ "$rc" -gt 2 ] || [ ! -s "$tmp/vigie.json" ]; then
	echo "config: vigie failed (exit $rc):"; cat "$tmp/vigie.err"; exit 1
fi
t2=$(now)
lynis audit system --cronjob --logfile "$tmp/lynis.log" \
    --report-file "$tmp/lynis-report.dat" > "$tmp/lynis.out" 2>&1
t3=$(now)

/usr/bin/python3 - "$t0" "$t1" "$t2" "$t3" "$tmp" <<'PYEOF'
import json, sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
tmp = sys.argv[5]
summary = [json.loads(l) for l in open(tmp + "/vigie.json")][-1]["summary"]
rep = {}
try:
    for line in open(tmp + "/lynis-report.dat", errors="replace"):
        if "=" in line and not line.startswith("#"):
            k, v = line.rstrip("\n").split("=", 1)
            rep.setdefault(k, v)
except OSError:
    pass
tests = rep.get("tests_executed", "")
ntests = len([t for t in tests.split("|") if t]) if tests else "?"
vt, lt = t1 - t0, t3 - t2
print("config: this machine, running system")
print("  vigie scan config: %6.2f s  %d checks (%d evaluated), index %s"
      % (vt, summary["checks"], summary["pass"] + summary["fail"],
         summary["index"]))
print("  lynis audit system: %6.2f s  %s tests, index %s"
      % (lt, ntests, rep.get("hardening_index", "?")))
print("  ratio lynis/vigie (time): %.1f" % (lt / vt if vt > 0 else 0))
if isinstance(ntests, int) and ntests and summary["checks"]:
    print("  per check: vigie %.3f s, lynis %.3f s (ratio %.1f)"
          % (vt / summary["checks"], lt / ntests,
             (lt / ntests) / (vt / summary["checks"])))
print("  (the indexes use different checks and weights: compare each with"
      " itself over time, not with each other)")
PYEOF
