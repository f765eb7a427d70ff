# 0010 — --help of vigie and of every command, in English and French, and
# the man page rendered by man(1) at 80 columns, fit an 80-column
# terminal: no line wider than 80 columns (display width, not bytes).
. "$TOP/tests/e2e/lib.sh"

# widest FILE: prints the lines of FILE wider than 80 columns.
widest() {
	$PY - "$1" <<'PYEOF'
import sys, unicodedata
for i, l in enumerate(open(sys.argv[1], encoding="utf-8", errors="replace")):
    l = l.rstrip("\n")
    n = sum(0 if unicodedata.combining(c) else
            2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
    if n > 80:
        print("%d: %d columns: %s" % (i + 1, n, l))
PYEOF
}

"$VIGIE" --lang en --help > "$T/top.en"
# The command names: the "Commands:" list of the top-level help.
$PY - "$T/top.en" > "$T/cmds" <<'PYEOF'
import re, sys
on = False
for l in open(sys.argv[1]):
    if l.startswith("Commands:"):
        on = True
        continue
    if on and not l.strip():
        break
    m = re.match(r"^  (\S+(?: \S+)*?)  +\S", l)
    if on and m:
        print(m.group(1))
PYEOF
ok "the top-level help lists commands" test "$(wc -l < "$T/cmds")" -gt 20

for lang in en fr; do
	"$VIGIE" --lang $lang --help > "$T/h"
	widest "$T/h" > "$T/wide"
	ok "vigie --help ($lang) fits 80 columns" test ! -s "$T/wide"
	diag "$(cat "$T/wide")"
	bad=""
	while read -r c; do
		# shellcheck disable=SC2086
		"$VIGIE" --lang $lang $c --help > "$T/h" 2>&1
		widest "$T/h" | sed "s|^|$c: |" >> "$T/wide.$lang"
	done < "$T/cmds"
	ok "every command's --help ($lang) fits 80 columns" \
	    test ! -s "$T/wide.$lang"
	diag "$(head -20 "$T/wide.$lang")"
done

if command -v man > /dev/null 2>&1; then
	MANWIDTH=80 MAN_KEEP_FORMATTING= man -l "$TOP/docs/vigie.1" \
	    > "$T/man" 2> "$T/man.err"
	ok "man renders docs/vigie.1" test -s "$T/man"
	widest "$T/man" > "$T/wide"
	ok "the man page fits 80 columns" test ! -s "$T/wide"
	diag "$(head -20 "$T/wide")"
else
	_notok "man is installed (debian-packages.txt lists man-db)"
fi
done_testing
