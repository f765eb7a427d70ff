# 0011 — runs left 'running' by a killed vigie are marked 'interrupted'
# by the next vigie that opens the store, while a run still going is left
# alone (issue 20, point 9); a write through a link is refused with what
# and why, not "Too many levels of symbolic links".
. "$TOP/tests/e2e/lib.sh"
hold=$BUILD/tests/tool-run-holder
"$VIGIE" profile set name "Saint-Kill" > /dev/null
status() { $PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(" ".join(r[0] for r in c.execute("SELECT status FROM run WHERE subject = ? ORDER BY id", (sys.argv[2],))))' "$VIGIE_DB" "$1"; }

"$hold" "$VIGIE_DB" scan.files alive > alive.out &
apid=$!
"$hold" "$VIGIE_DB" scan.files killed > killed.out &
kpid=$!
n=0; while [ $n -lt 200 ] && ! { grep -q ready alive.out && grep -q ready killed.out; }; do
	sleep 0.05; n=$((n + 1)); done
kill -9 $kpid; wait $kpid 2> /dev/null
is "before the next start: still 'running'" "$(status killed)" running
"$VIGIE" profile show > /dev/null
is "a killed run: interrupted at the next start" "$(status killed)" interrupted
is "a run still going: left running" "$(status alive)" running
kill $apid; wait $apid 2> /dev/null
"$VIGIE" profile show > /dev/null
is "once its process is gone: interrupted too" "$(status alive)" interrupted

# A real scan killed in the middle.
mkdir many
i=0; while [ $i -lt 3000 ]; do printf 'x%d\n' $i > many/f$i; i=$((i + 1)); done
printf 'rule R { strings: $a = "zz" condition: $a }\n' > r.yar
"$VIGIE" scan files --no-iocs --rules r.yar --cpu-limit 5 -j 1 --no-cache many > /dev/null 2>&1 &
spid=$!
n=0; while [ $n -lt 400 ] && [ "$(status "$(hostname)")" != running ]; do
	sleep 0.05; n=$((n + 1)); done
kill -9 $spid; wait $spid 2> /dev/null
"$VIGIE" profile show > /dev/null
case "$(status "$(hostname)")" in
*running*) _n=$((_n + 1)); echo "not ok $_n - a killed scan is marked interrupted"; diag "$(status "$(hostname)")" ;;
*interrupted*) _n=$((_n + 1)); echo "ok $_n - a killed scan is marked interrupted" ;;
*) skip "a killed scan is marked interrupted" "the scan ended before it was killed" ;;
esac

# Writing through a link: what was refused and why.
printf 'mine\n' > mine.txt
ln -s mine.txt report.md
run "$VIGIE" report --dossier --format json -o report.md
exit_is "a report onto a symbolic link: refused" 2
lacks "not the bare system message" "$T/err" "Too many levels of symbolic links"
contains "what was refused and why" "$T/err" "a symbolic link: refused"
is "the link's target untouched" "$(cat mine.txt)" mine
done_testing
