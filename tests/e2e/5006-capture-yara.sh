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
# they are not in its command line. It lives long: the files scanned
# before it are whatever this machine holds in /tmp (killed at the end).
$PY -c 'import time, sys
s = ["sekurlsa::" + "logonpasswords", "lsadump::" + "sam"]
sys.stdout.write("ready\n"); sys.stdout.flush()
time.sleep(1800)' > ready.txt &
pid=$!
i=0
while ! grep -q ready ready.txt 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done

# vigie's own compiled-rules cache, as an earlier `scan files` leaves it
# in the user's data folder (here under /tmp, so listed by the files
# step): it holds every rule's strings and must not be reported.
echo harmless > "$T/harmless.txt"
run "$VIGIE" scan files --no-iocs "$T/harmless.txt"
ls "$HOME/.local/share/vigie/cache/rules" > "$T/cache-before"
ok "an earlier scan left compiled rules in the cache" \
    grep -q 'yarc$' "$T/cache-before"
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
ls "$HOME/.local/share/vigie/cache/rules" > "$T/cache-after"
is "nothing written in the user's data folder" \
    "$(cat "$T/cache-after")" "$(cat "$T/cache-before")"
$PY - "$T/cap/09-yara/matches.jsonl" "$HOME/.local/share/vigie" "$T/cap" \
    > "$T/own" <<'PYEOF'
import json, sys
for l in open(sys.argv[1]):
    p = json.loads(l).get("path") or ""
    if p.startswith(sys.argv[2]) or p.startswith(sys.argv[3]):
        print(p)
PYEOF
is "vigie's own cache and the capture folder are not reported" \
    "$(head -3 "$T/own")" ""
$PY - "$T/cap/manifest.json" > "$T/ns" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))
s = [x for x in m["steps"] if x["name"] == "yara"][0]["stats"]
print("\n".join(s.get("not_scanned", [])))
print("files", s.get("not_scanned_files"))
PYEOF
contains "the manifest says the user's data folder was not scanned" \
    "$T/ns" "$(realpath "$HOME/.local/share/vigie")/"
contains "nor the capture folder" "$T/ns" "$(realpath "$T/cap")/"
ok "and how many listed files were left out" grep -qE '^files [1-9]' "$T/ns"

done_testing
