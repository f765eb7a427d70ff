# 2009 — IOC .names lists are outside input: an expression built to take
# all the memory (nested or huge repetitions, deep nesting, the file
# fuzz-ioc found) is refused at once with its file and line, and one that
# backtracks without end on a path gives up within its match limit
# (issue 20, point 2). Memory is capped so the old behaviour (glibc's
# regcomp growing to gigabytes) cannot take the machine down.
. "$TOP/tests/e2e/lib.sh"
mkdir tree
printf 'rule Never { condition: false }\n' > never.yar
printf 'x\n' > tree/f
# peak FILE: the maximum resident size /usr/bin/time recorded, in kB
peak() { sed -n 's/^MAXRSS=//p' "$1"; }
# ASan reserves terabytes of address space: no ulimit -v, a larger bound.
if [ -n "${VIGIE_SANITIZE:-}" ]; then vlimit=unlimited max=400000
else vlimit=2000000 max=100000; fi
bomb() {	# bomb NAME WHAT LINE-TEXT: refused, file:line named, small
	printf '# a comment\n%s;high;bombe;bomb\n' "$3" > "$1"
	( ulimit -v $vlimit; exec /usr/bin/time -f 'MAXRSS=%M' -o "$1.time" \
	    "$VIGIE" scan files --rules never.yar --iocs "$1" tree ) \
	    > "$T/out" 2> "$T/err"
	rc=$?
	exit_is "$2: refused (exit 2)" 2
	contains "$2: file and line named" "$T/err" "$1:2: "
	lacks "$2: not a memory failure" "$T/err" "emory exhausted"
	ok "$2: little memory used" test "$(peak "$1.time")" -lt $max
}
bomb rep.names "a{1,9999}{9}" 'a{1,9999}{9}'
bomb plus.names "x and 22 +" "x$(printf '+%.0s' $(seq 1 22))"
bomb nest.names "(a{1,9999}){1,9999}" '(a{1,9999}){1,9999}'
bomb deep.names "40 nested groups" \
    "$(printf '(%.0s' $(seq 1 40))a$(printf ')%.0s' $(seq 1 40))"
# The list fuzz-ioc found (kept as a seed of its corpus).
oom=$(ls "$TOP"/tests/fuzz/corpus/fuzz-ioc/regex-bomb-22-chained-plus.names)
tr -d '\r' < "$oom" > found.names
( ulimit -v $vlimit; exec /usr/bin/time -f 'MAXRSS=%M' -o found.time \
    "$VIGIE" scan files --rules never.yar --iocs found.names tree ) \
    > "$T/out" 2> "$T/err"
rc=$?
exit_is "the list fuzz-ioc found: refused (exit 2)" 2
contains "its error names the file" "$T/err" "found.names:"
ok "its compilation stays small" test "$(peak found.time)" -lt $max

# Backtracking without end on a path: the match gives up, said once.
mkdir slow
touch "slow/X$(printf 'a%.0s' $(seq 1 40))" "slow/Y$(printf 'a%.0s' $(seq 1 40))"
printf '(.*a){15}X;high;lent;slow\n' > slow.names
run "$VIGIE" scan files --rules never.yar --iocs slow.names slow
contains "the limit is said" "$T/err" "slow.names:1: the expression gave up"
is "said once for the expression" \
    "$(grep -c 'slow.names:1: the expression gave up' "$T/err")" 1

# What was valid stays valid: the shipped lists and a plain expression.
printf '/facture[^/]*\\.pdf\\.lockbit$;high;test\n' > good.names
touch tree/facture.pdf.lockbit
run "$VIGIE" scan files --rules never.yar --iocs good.names tree
exit_is "a plain expression matches: exit 1" 1
contains "its match is reported" "$T/out" "good.names:1"
done_testing
