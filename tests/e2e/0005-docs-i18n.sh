# 0005 — the man page is in step with the command table and --help, and
# every UI string of the sources has a French translation.
. "$TOP/tests/e2e/lib.sh"

version=$("$VIGIE" --version | sed -n 's/^vigie \([^ ]*\).*/\1/p')
date=$(sed -n 's/^MAN_DATE = //p' "$TOP/Makefile")
sh "$TOP/tools/genman.sh" "$VIGIE" "$version" "$date" "$T/vigie.1"
if cmp -s "$T/vigie.1" "$TOP/docs/vigie.1"; then
	_ok "docs/vigie.1 is up to date with the command table"
else
	_notok "docs/vigie.1 is up to date with the command table (run 'make man')"
	diag "$(diff "$TOP/docs/vigie.1" "$T/vigie.1" | head -20)"
fi
"$VIGIE" --help | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)  .*/\1/p' | sed 's/ *$//' |
while read -r c; do
	grep -qF "vigie $(echo "$c" | sed 's/-/\\-/g')" "$TOP/docs/vigie.1" ||
	    echo "$c" >> "$T/missing"
done
ok "every command of --help is in the man page" test ! -s "$T/missing"

# Translations: every _() / N_() msgid has a French msgstr.
cd "$TOP"
find vigie.c cmd.c options.c modules.c lib assess scan respond report -name '*.c' 2>/dev/null | sort > "$T/srcs"
xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1c,2 -kvg_ngettext:1,2 \
    -f "$T/srcs" -o "$T/vigie.pot" 2> "$T/xgettext.err"
ok "xgettext reads every source" test -s "$T/vigie.pot"
msgcat --use-first -o "$T/fr.po" po/*.fr.po
if msgcmp "$T/fr.po" "$T/vigie.pot" > "$T/msgcmp" 2>&1; then
	_ok "every UI string has a French translation"
else
	_notok "every UI string has a French translation"
	diag "$(grep -A2 'this message' "$T/msgcmp" | head -30)"
fi
fuzzy=$(msgattrib --only-fuzzy "$T/fr.po" | grep -c '^msgid' || true)
is "no fuzzy translation" "$fuzzy" 0
done_testing
