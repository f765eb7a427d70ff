# 0012 — size and kind limits (issue 20, point 8): check and checklist
# XML files over 16 MB, a YARA include of something other than a regular
# file, are refused at once, with little memory.
. "$TOP/tests/e2e/lib.sh"
peak() { sed -n 's/^MAXRSS=//p' "$1"; }
$PY -c 'import sys
sys.stdout.write("<checks>" + "<x/>" * (17 << 18) + "</checks>\n")' > big.xml
mkdir checks
cp big.xml checks/big.xml
run /usr/bin/time -f MAXRSS=%M -o c.time "$VIGIE" scan config --checks checks
exit_is "check XML over 16 MB: refused" 2
contains "the cap is said" "$T/err" "larger than 16 MB"
ok "little memory used" test "$(peak c.time)" -lt 60000

mkdir -p data/checklist
cp "$TOP/rules/checklist/"*.rng data/checklist/ 2>/dev/null
cp big.xml data/checklist/checklist.xml
"$VIGIE" profile set name "Saint-Gros" > /dev/null
VIGIE_DATA=$T/data run /usr/bin/time -f MAXRSS=%M -o l.time \
    "$VIGIE" respond checklist
exit_is "checklist XML over 16 MB: refused" 2
contains "its cap is said" "$T/err" "larger than 16 MB"
ok "little memory used" test "$(peak l.time)" -lt 60000

printf 'include "/dev/zero"\nrule A { condition: true }\n' > zero.yar
mkdir files; printf 'x\n' > files/f
run /usr/bin/time -f MAXRSS=%M -o y.time "$VIGIE" scan files --no-iocs \
    --rules zero.yar files
exit_is "include \"/dev/zero\": refused" 2
contains "why it is refused" "$T/err" "/dev/zero: not a regular file: include refused"
ok "little memory used" test "$(peak y.time)" -lt 60000
done_testing
