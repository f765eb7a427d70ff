# 0001 — the conventions every command follows: --help, --version, usage
# errors on one line with exit 2, French from the environment.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" --version
exit_is "--version exits 0" 0
contains "--version prints the version" "$T/out" "vigie 0."

run "$VIGIE" --help
exit_is "--help exits 0" 0
contains "--help lists the commands" "$T/out" "profile show"

run "$VIGIE"
exit_is "no command outside a terminal is a usage error" 2

run "$VIGIE" --no-such-option
exit_is "an unknown global option exits 2" 2
is "with one line on stderr" "$(wc -l < "$T/err" | tr -d ' ')" 1
contains "naming the option" "$T/err" "--no-such-option"

run "$VIGIE" frobnicate
exit_is "an unknown command exits 2" 2
contains "naming it" "$T/err" "frobnicate"

run "$VIGIE" profile
exit_is "a command group without subcommand exits 2" 2
contains "and lists the subcommands" "$T/err" "show"

# Every command: --help exits 0 and prints its usage line; an unknown
# option is one line on stderr and exit 2.
"$VIGIE" --help | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)  .*/\1/p' | sed 's/ *$//' > "$T/cmds"
ok "the command list is not empty" test -s "$T/cmds"
while read -r c; do
	run "$VIGIE" $c --help
	exit_is "vigie $c --help exits 0" 0
	contains "vigie $c --help shows its usage" "$T/out" "Usage: vigie $c"
	run "$VIGIE" $c --definitely-not-an-option
	exit_is "vigie $c with an unknown option exits 2" 2
	is "vigie $c: the usage error is one line" "$(wc -l < "$T/err" | tr -d ' ')" 1
done < "$T/cmds"

# French: chosen from the environment, with only C.UTF-8 installed.
run env LANG=fr_FR.UTF-8 "$VIGIE" --help
contains "LANG=fr_FR.UTF-8 gives French" "$T/out" "Commandes"
run env LANG=C.UTF-8 LANGUAGE=fr "$VIGIE" --help
contains "LANGUAGE=fr gives French" "$T/out" "Commandes"
run env LANG=fr_FR.UTF-8 LC_ALL=en_US.UTF-8 "$VIGIE" --help
contains "LC_ALL=en_US wins over LANG" "$T/out" "Commands"
run env LANG=fr_FR.UTF-8 "$VIGIE" --lang en --help
contains "--lang en forces English" "$T/out" "Commands"
run "$VIGIE" --lang fr profile show
contains "--lang fr forces French, accents intact (UTF-8)" "$T/out" "Pas encore de commune"
run "$VIGIE" --db "$T/x.db" --lang fr profile show
contains "--lang after another global option" "$T/out" "Pas encore de commune"
run "$VIGIE" profile show --lang fr
contains "--lang after the command" "$T/out" "Pas encore de commune"
run "$VIGIE" --lang de --help
exit_is "--lang with an unknown language exits 2" 2
run env LANG=fr_FR.UTF-8 "$VIGIE" profile set --bogus
contains "usage errors are French too" "$T/err" "option inconnue"
done_testing
