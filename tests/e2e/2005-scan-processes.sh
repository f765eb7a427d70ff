#!/bin/sh
# scan processes: a harmless process holding a marker in its memory is
# found, with its pid, program and command line; a process that does not
# exist is an error, not a crash.
. "$TOP/tests/e2e/lib.sh"
cat > proc.yar <<'YAR'
rule VG_Test_Marker
{
	meta:
		description = "test marker in memory"
		severity = "low"
	strings:
		$m = "VIGIE_PROC_MARKER_4242424242"
	condition:
		$m
}
YAR
# The marker is built at run time, so it is in the process's memory but
# not in its command line.
$PY -c 'import time, sys
s = "VIGIE_PROC_" + "MARKER_" + "42" * 5
sys.stdout.write("ready\n"); sys.stdout.flush()
time.sleep(120)' > ready.txt &
pid=$!
i=0
while ! grep -q ready ready.txt 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done

if [ "$(id -u)" != 0 ] && [ "$(cat /proc/sys/kernel/yama/ptrace_scope \
    2>/dev/null || echo 0)" != 0 ]; then
	skip "scan a process" "ptrace is restricted for non-root users here"
else
	run "$VIGIE" scan processes --json --rules proc.yar --pid "$pid"
	exit_is "marker found: exit 1" 1
	$PY - "$T/out" "$pid" > got.txt <<'PYEOF'
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match":
        print(o["rule"], o["pid"] == int(sys.argv[2]),
              "python" in o["exe"], "time.sleep" in o["cmdline"])
    else:
        print("processes", o["processes"])
PYEOF
	is "match has pid, program and command line" "$(cat got.txt)" \
	    "VG_Test_Marker True True True
processes 1"
	run "$VIGIE" scan processes --rules proc.yar --pid "$pid"
	contains "text output names the pid" "$T/out" "[pid $pid]"
	# Issue 21: the advice speaks of processes, in the singular.
	contains "summary: 1 item in 1 process" "$T/out" \
	    "1 suspicious item found in 1 process (listed above)."
	lacks "summary: no advice about files for processes" "$T/out" \
	    "Do not open or delete these files"
	contains "summary: advice about processes" "$T/out" \
	    "Do not stop these processes"

	# Rules using pe, split for files (docs/scan-routing.md): a
	# process is scanned with them all the same.
	mkdir pe-rules
	cat > pe-rules/pe.yar <<'YAR'
import "pe"
rule VG_Test_Marker_PE
{
	strings:
		$m = "VIGIE_PROC_MARKER_4242424242"
	condition:
		$m or pe.is_dll()
}
rule VG_Test_Plain
{
	strings:
		$m = "VIGIE_PROC_MARKER_4242424242"
	condition:
		$m
}
YAR
	run "$VIGIE" scan processes --json --rules pe-rules --pid "$pid"
	exit_is "pe rules on a process: exit 1" 1
	$PY - "$T/out" > got.txt <<'PYEOF'
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match":
        print(o["rule"])
    else:
        print(o["pe_routing"]["rules"])
PYEOF
	is "both rules found, one of them moved" "$(sort got.txt)" \
	    "1
VG_Test_Marker_PE
VG_Test_Plain"
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

run "$VIGIE" scan processes --json --rules proc.yar --pid 999999999
exit_is "process that does not exist: exit 2" 2
run "$VIGIE" scan processes --pid abc
exit_is "bad --pid: exit 2" 2
run "$VIGIE" scan processes somefile
exit_is "paths are refused: exit 2" 2
done_testing
