# 0006 — make install PREFIX=...: binary, data, man page and catalog land
# where they should, and the installed binary uses them (also after the
# whole tree is moved: paths are relative to the binary).
. "$TOP/tests/e2e/lib.sh"

prefix=$T/prefix
run make -s -C "$TOP" install PREFIX="$prefix" BUILD="$BUILD" BIN="$VIGIE"
exit_is "make install PREFIX=... succeeds" 0
ok "the binary is installed" test -x "$prefix/bin/vigie"
ok "the man page is installed" test -f "$prefix/share/man/man1/vigie.1"
ok "the data folder is installed" test -d "$prefix/share/vigie"
ok "the French catalog is installed" test -f "$prefix/share/locale/fr/LC_MESSAGES/vigie.mo"

run "$prefix/bin/vigie" --lang fr --help
contains "the installed binary speaks French" "$T/out" "Commandes"

# The installed catalog is the one used: change one translation in it.
msgunfmt "$prefix/share/locale/fr/LC_MESSAGES/vigie.mo" |
    sed 's/^msgstr "(à renseigner)"/msgstr "(A-RENSEIGNER-INSTALLE)"/' > "$T/changed.po"
contains "(the test changed a translation)" "$T/changed.po" "A-RENSEIGNER-INSTALLE"
msgfmt -o "$prefix/share/locale/fr/LC_MESSAGES/vigie.mo" "$T/changed.po"
run "$prefix/bin/vigie" --lang fr profile show
contains "the installed binary reads the installed catalog" "$T/out" "A-RENSEIGNER-INSTALLE"

# Moved elsewhere, it still finds its catalog.
mv "$prefix" "$T/moved"
run "$T/moved/bin/vigie" --lang fr profile show
contains "a moved installation still finds its catalog" "$T/out" "A-RENSEIGNER-INSTALLE"
# A damaged catalog falls back to the built-in one, with a warning.
echo garbage > "$T/moved/share/locale/fr/LC_MESSAGES/vigie.mo"
run "$T/moved/bin/vigie" --lang fr --help
contains "a damaged catalog falls back to the built-in one" "$T/out" "Commandes :"
contains "and says so" "$T/err" "not a valid message catalog"
done_testing
