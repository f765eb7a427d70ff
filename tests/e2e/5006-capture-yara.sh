# 5006 — the optional YARA step (--yara, last): the shipped rules find a
# test file in /tmp and a marker in a process's memory, the matches are a
# sealed artifact, and the scan module leaves nothing in the user's data
# folder (its compiled-rules cache would be on the examined disk).
. "$TOP/tests/e2e/lib.sh"

# The EICAR test string, in /tmp (listed by the files step, so scanned).
eicar=$(mktemp /tmp/vigie-5006.XXXXXX)
trap 'rm -f "$eicar"' EXIT
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$eicar"
# Two Mimikatz commands in a process's memory, built at run time so that
# they are not in its command line.
$PY -c 'import time, sys
s = ["sekurlsa::" + "logonpasswords", "lsadump::" + "sam"]
sys.stdout.write("ready\n"); sys.stdout.flush()
time.sleep(120)' > ready.txt &
pid=$!
i=0
while ! grep -q ready ready.txt 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done

run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk test \
    --steps files,yara --recent-days 1 --json
kill "$pid" 2>/dev/null
exit_is "capture with the YARA step" 0
is "the YARA step ran last" "$(json_get "$T/out" steps.8.name)" yara
is "and succeeded" "$(json_get "$T/out" steps.8.status)" ok
$PY - "$T/cap/09-yara/matches.jsonl" "$eicar" "$pid" > "$T/got" <<'PYEOF'
import json, sys
path, pid = sys.argv[2], int(sys.argv[3])
m = [json.loads(l) for l in open(sys.argv[1])]
print("file", any(x.get("path") == path and x["rule"] == "VG_EICAR_Test_File" for x in m))
print("process", any(x.get("pid") == pid and x["rule"] == "VG_Credential_Mimikatz" for x in m))
PYEOF
contains "the test file in /tmp is found" "$T/got" "file True"
contains "the marker in process memory is found" "$T/got" "process True"
contains "the manifest lists the matches" "$T/cap/manifest.json" '"09-yara/matches.jsonl"'
run "$VIGIE" respond verify "$T/cap"
exit_is "the capture verifies" 0
ok "nothing written in the user's data folder" test ! -e "$HOME/.local/share/vigie"

done_testing
