# 0013 — run as root, the commands that read outside data restrict what
# they may write (Landlock, lib/sandbox.c; issue 20, point 10): the probe
# may write beneath its folder only, still reads everywhere; import and
# reports work restricted (this test suite runs as root on the build
# machine; VIGIE_SANDBOX=1 restricts a non-root run the same way).
. "$TOP/tests/e2e/lib.sh"
probe=$BUILD/tests/tool-sandbox-probe
export VIGIE_SANDBOX=1
mkdir inside outside
echo hi > outside/readme
run "$probe" "$T/inside" "$T/outside"
if grep -q '^sandbox Landlock is not available' "$T/out"; then
	skip "Landlock restriction" "the kernel has no Landlock"
	done_testing; exit 0
fi
contains "restricted" "$T/out" "sandbox on"
contains "it writes beneath its folder" "$T/out" "inside written"
contains "and nowhere else" "$T/out" "outside denied"
contains "reading is left alone" "$T/out" "read allowed"
ok "nothing was created outside" test ! -e outside/probe

"$VIGIE" profile set name "Saint-Root" > /dev/null
run "$VIGIE" export -o b.json
exit_is "export" 0
mkdir other
VIGIE_DB=$T/other/v.db run "$VIGIE" import b.json
exit_is "import, restricted, writes its store" 0
lacks "no warning" "$T/err" "not restricted"
mkdir reports
VIGIE_DB=$T/other/v.db run "$VIGIE" report --dossier --format md -o reports/d.md
exit_is "a report, restricted, writes its file" 0
ok "the report is there" test -s reports/d.md
grep -q '| `import`' "$TOP/docs/privileges.md"
ok "docs/privileges.md says what each command can touch" test $? = 0
done_testing
