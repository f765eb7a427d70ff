#!/bin/sh
# scan mail --client-profile on a prefs.js of 400,000 settings: read in
# linear time (no timing asserted here: bench/ measures), at most 5000
# settings kept, and the cut said as an error naming the limit, since an
# account past it goes unseen. A later line still wins for a setting
# already kept.
. "$TOP/tests/e2e/lib.sh"
J="$PY $TOP/tests/servers/mailjson.py"
P=$T/profile
mkdir -p "$P"
$PY - "$P/prefs.js" <<'PY'
import sys
out = ['user_pref("mail.server.server1.hostname", "imap.mairie.test");',
       'user_pref("mail.server.server1.type", "imap");',
       'user_pref("mail.server.server1.socketType", 3);']
out += ['user_pref("x.filler%d", %d);' % (i, i) for i in range(400000)]
# Past the limit: a new account (not kept) and a change to server1 (kept).
out += ['user_pref("mail.server.server2.hostname", "pop.late.test");',
        'user_pref("mail.server.server2.type", "pop3");',
        'user_pref("mail.server.server1.socketType", 0);']
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
PY

run "$VIGIE" scan mail --client-profile "$P" --json
exit_is "findings give exit 1" 1
is "the later socketType of server1 wins" \
    "$($J "$T/out" "$P" mail.client.incoming.tls "imap imap.mairie.test (server1)")" fail
contains "the limit is said" "$T/out" "prefs.js holds more than 5000 settings"
contains "what was not read is counted" "$T/out" "395005 more were not read"
is "the cut is an error, not a pass" \
    "$($J "$T/out" "$P" mail.client.profile "$P/prefs.js")" error
lacks "the account past the limit is not judged" "$T/out" "pop.late.test"

run env LANGUAGE=fr LANG=fr_FR.UTF-8 "$VIGIE" scan mail --client-profile "$P"
contains "said in French" "$T/out" "prefs.js contient plus de 5000 réglages"
done_testing
