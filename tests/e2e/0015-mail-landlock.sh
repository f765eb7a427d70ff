# 0015 — `scan mail` parses answers from the network (DNS, SMTP, HTTPS)
# and a client profile's files; started as root it restricts itself with
# Landlock once its store is open (lib/sandbox.c, issue 20 point 10): it
# may write beneath the store's folder and the temporary folders, nowhere
# else. Seen from inside the real process: a library preloaded into vigie
# tries, as vigie exits, to create a file beneath the store's folder and
# one in another folder. A command that is not restricted (--version) is
# the control: there both writes succeed.
. "$TOP/tests/e2e/lib.sh"
# The folders it may not write to must lie outside /tmp, /var/tmp and
# $TMPDIR (allowed for SQLite): they are made in the build folder.
W=$(mktemp -d "$BUILD/landlock-test.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir "$W/store" "$W/outside" profile
cat > probe.c <<'C'
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *
try(const char *dir)
{
	char p[4096];
	int fd;

	snprintf(p, sizeof p, "%s/probe-%d", dir, (int)getpid());
	if ((fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		return errno == EACCES ? "denied" : strerror(errno);
	close(fd);
	return "written";
}

__attribute__((destructor)) static void
probe(void)
{
	const char *in = getenv("PROBE_INSIDE"), *out = getenv("PROBE_OUTSIDE");

	if (in == NULL || out == NULL)
		return;
	fprintf(stderr, "probe inside %s\n", try(in));
	fprintf(stderr, "probe outside %s\n", try(out));
}
C
${CC:-cc} -shared -fPIC -o probe.so probe.c
ok "the probe library builds" test -s probe.so
# An ASan build wants its runtime first; the probe is not instrumented.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
export PROBE_INSIDE=$W/store PROBE_OUTSIDE=$W/outside
export VIGIE_DB=$W/store/v.db
# Root is what this is about; elsewhere VIGIE_SANDBOX=1 does the same.
[ "$(id -u)" = 0 ] || export VIGIE_SANDBOX=1

LD_PRELOAD=$T/probe.so run "$VIGIE" --version
contains "control: unrestricted, the probe writes outside" "$T/err" \
    "probe outside written"

printf 'user_pref("mail.server.server1.hostname", "imap.mairie.test");\nuser_pref("mail.server.server1.type", "imap");\nuser_pref("mail.server.server1.socketType", 3);\n' \
    > profile/prefs.js
LD_PRELOAD=$T/probe.so run "$VIGIE" scan mail --client-profile "$T/profile"
if grep -q 'Landlock is not available' "$T/err"; then
	skip "Landlock restriction of scan mail" "the kernel has no Landlock"
	done_testing; exit 0
fi
exit_is "scan mail, restricted, checks the profile" 0
contains "the check ran" "$T/out" "imap.mairie.test"
lacks "no warning" "$T/err" "not restricted"
contains "it may write beneath its store's folder" "$T/err" \
    "probe inside written"
contains "and nowhere else" "$T/err" "probe outside denied"
is "nothing was created outside (the control's file only)" \
    "$(ls "$W/outside" | wc -l | tr -d ' ')" 1
ok "its results are in the store" test -s "$W/store/v.db"
done_testing
