# 2011 — when scan processes cannot read a process's memory, it says what
# really failed: "must run as root" only when it does not run as root; as
# root, the kernel's refusal with the file and the reason (issue 19,
# point 9: it used to blame root while running as root).
. "$TOP/tests/e2e/lib.sh"

if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	# Unprivileged: root's own process (this shell's parent chain is
	# root's) cannot be read, and the reason is the missing root.
	cp "$VIGIE" "$T/vigie-copy"
	chmod 755 "$T" "$T/vigie-copy"
	sleep 60 &
	victim=$!
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env HOME="$T/nobody" VIGIE_DB="$T/nobody.db" "$T/vigie-copy" \
	    scan processes --pid $victim
	kill $victim 2>/dev/null
	contains "unprivileged: says root is needed" "$T/err" "must run as root"
	is "unprivileged: counted as not readable" \
	    "$(grep -c 'process memory not readable' "$T/out")" 1
else
	skip "unprivileged reading" "needs root and setpriv to drop to uid 65534"
fi

# As root, a process the kernel still refuses (here, when /proc/1/maps
# cannot be opened even by root, as in a container or sandbox).
if [ "$(id -u)" = 0 ] && ! cat /proc/1/maps > /dev/null 2>&1; then
	run "$VIGIE" scan processes --pid 1
	lacks "as root: never 'must run as root'" "$T/err" "must run as root"
	contains "as root: says the kernel refused, and what" "$T/err" \
	    "although vigie runs as root: the kernel refused /proc/1/maps"
	run "$VIGIE" --lang fr scan processes --pid 1
	contains "the same in French" "$T/err" "bien que vigie tourne en root"
else
	skip "root refused by the kernel" "pid 1 is readable here"
fi
done_testing
