#!/bin/sh
# The texts of scan mail are data (rules/mail/checks.xml, checks.rng):
# each language shows the file's own text for it, an edited file is used
# without recompiling, and a broken file stops the scan with a clear
# error (exit 2, the file named, nothing printed on stdout).
. "$TOP/tests/e2e/lib.sh"
P=$T/profile
mkdir -p "$P"
cat > "$P/prefs.js" <<'PREFS'
user_pref("mail.server.server1.hostname", "imap.mairie.test");
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.port", 143);
user_pref("mail.server.server1.socketType", 0);
PREFS

# texts LANG: "id<TAB>title<TAB>remediation" of every check of the file,
# whitespace squeezed, read with Python's own XML parser.
texts() {
	$PY - "$1" "${2:-$TOP/rules/mail/checks.xml}" <<'PYEOF'
import sys, re, xml.etree.ElementTree as ET
L = '{http://www.w3.org/XML/1998/namespace}lang'
sq = lambda s: re.sub(r'[ \t\r\n]+', ' ', s).strip()
for c in ET.parse(sys.argv[2]).getroot():
    t = [sq(e.text) for e in c if e.tag == 'title' and e.get(L) == sys.argv[1]]
    r = [sq(e.text) for e in c if e.tag == 'remediation' and e.get(L) == sys.argv[1]]
    print(c.get('id') + '\t' + t[0] + '\t' + r[0])
PYEOF
}

for lang in fr en; do
	run "$VIGIE" --lang $lang --json scan mail --client-profile "$P"
	exit_is "$lang: the profile with a clear password fails" 1
	$PY -c 'import json,sys
for c in json.load(sys.stdin)["checks"]:
    if c["status"] in ("fail", "warn"):
        print(c["id"] + "\t" + c["title"] + "\t" + c["remediation"])' \
	    < "$T/out" > "$T/got.$lang"
	texts $lang > "$T/want.$lang"
	is "$lang: some checks failed" "$(test -s "$T/got.$lang" && echo yes)" yes
	bad=$(while IFS= read -r line; do
		grep -qxF -- "$line" "$T/want.$lang" || echo "$line"
	done < "$T/got.$lang")
	is "$lang: titles and remediations are the file's, in $lang" "$bad" ""
done
contains "the French text is French" "$T/got.fr" "Activez SSL/TLS"
contains "the English text is English" "$T/got.en" "Turn on SSL/TLS"

# An edited file is used as it is.
mkdir -p "$T/data/mail"
cp "$TOP/rules/mail/checks.rng" "$T/data/mail/"
sed 's|Turn on SSL/TLS for this server now|Switch SSL/TLS on at once|' \
    "$TOP/rules/mail/checks.xml" > "$T/data/mail/checks.xml"
run env VIGIE_DATA="$T/data" "$VIGIE" --lang en scan mail \
    --client-profile "$P"
exit_is "an edited file: the scan runs" 1
contains "its text is shown" "$T/out" "Switch SSL/TLS on at once"

# broken NAME SED-SCRIPT EXPECTED-IN-STDERR
broken() {
	sed "$2" "$TOP/rules/mail/checks.xml" > "$T/data/mail/checks.xml"
	for lang in fr en; do
		run env VIGIE_DATA="$T/data" "$VIGIE" --lang $lang scan mail \
		    --client-profile "$P"
		exit_is "$1 ($lang): exit 2" 2
		contains "$1 ($lang): the file is named" "$T/err" \
		    "mail/checks.xml"
		contains "$1 ($lang): the cause is given" "$T/err" "$3"
		is "$1 ($lang): nothing on stdout" "$(wc -c < "$T/out" |
		    tr -d ' ')" 0
	done
}
broken "an English title missing" \
    '/<title xml:lang="en">There is exactly one SPF record<\/title>/d' ":"
broken "an unknown severity" 's/severity="high"/severity="urgent"/' ":"
broken "not well-formed" 's|</mail-checks>||' ":"
broken "a check listed twice" \
    's/id="mail.spf.single"/id="mail.spf.present"/' \
    "check mail.spf.present is listed twice"
broken "a language swapped" \
    '0,/<remediation xml:lang="fr">/s//<remediation xml:lang="de">/' ":"
done_testing
