# 5009 — a capture stopped from outside leaves nothing running. kill -9
# on the vigie parent while a step runs: the step's child dies with it
# (PR_SET_PDEATHSIG) and the folder stops growing; verify says the
# capture was never sealed, not that it changed. A parent that stops
# answering (SIGSTOP) does not keep its step alive past the step's time
# limit: the child holds the limit itself. SIGTERM kills the step's
# whole process group.
. "$TOP/tests/e2e/lib.sh"

# start_capture DIR ARGS...: capture in the background, $cpid its pid,
# $child the step's child once DIR/06-files exists
start_capture() {
	d=$1; shift
	"$VIGIE" respond capture --out "$d" --allow-same-disk test \
	    --steps files "$@" > "$T/cap.out" 2> "$T/cap.err" &
	cpid=$!
	i=0
	while [ ! -d "$d/06-files" ] && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	child=$(cat /proc/$cpid/task/$cpid/children 2> /dev/null | tr -d ' ')
}
# gone PID: 0 once PID has ended (absent or a zombie), within 5 s
gone() {
	i=0
	while [ $i -lt 50 ]; do
		st=$(sed 's/^.*) \(.\).*/\1/' /proc/$1/stat 2> /dev/null)
		[ -z "$st" ] || [ "$st" = Z ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# The child is stopped first: it cannot die of SIGPIPE by writing to its
# dead parent, only of being tied to it.
start_capture "$T/cap" --recent-days 100000
ok "the files step has a child" test -n "$child"
kill -STOP $child
kill -9 $cpid
wait $cpid 2> /dev/null
ok "kill -9 on the parent: the step's child ends too" gone "$child"
kill -CONT $child 2> /dev/null
s1=$(du -sb "$T/cap" | cut -f1); sleep 2; s2=$(du -sb "$T/cap" | cut -f1)
is "the folder no longer grows" "$s2" "$s1"
run "$VIGIE" respond verify "$T/cap"
exit_is "verify: not intact" 1
contains "never sealed, capture interrupted" "$T/out" \
    "never sealed (capture interrupted)"
lacks "not called changed since the seal" "$T/out" "CHANGED since"
run "$VIGIE" respond verify --json "$T/cap"
is "--json: sealed false" "$(json_get "$T/out" sealed)" False

# The parent frozen: the child stops at its own time limit.
start_capture "$T/cap2" --recent-days 100000 --time-limit 2
ok "second capture: the step has a child" test -n "$child"
kill -STOP $cpid
# The child is held too until its limit has passed, so that a small
# disk (a fresh root) cannot let it finish first; its alarm is then due.
kill -STOP $child
sleep 3
kill -CONT $child
ok "a frozen parent: the child ends at the step's time limit" gone "$child"
kill -CONT $cpid
wait $cpid
is "the step is recorded as stopped" \
    "$(json_get "$T/cap2/manifest.json" steps.5.status)" timeout

# SIGTERM: the parent kills the step's group on its way out.
start_capture "$T/cap3" --recent-days 100000
kill -STOP $child
kill -TERM $cpid
wait $cpid 2> /dev/null
ok "SIGTERM: the step's child ends too" gone "$child"
kill -9 $child 2> /dev/null
done_testing
