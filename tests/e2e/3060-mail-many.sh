#!/bin/sh
# scan mail --domains-file: many domains at once with a few workers,
# results in the order given, one JSON document each, every one stored.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/servers/lab.sh"
trap 'lab_stop "$T/lab"' EXIT
lab_start "$T/lab" || { echo "not ok 1 - the lab did not start"; exit 1; }
J="$PY $TOP/tests/servers/mailjson.py"

{
	echo "# communes of the test département"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		echo "good.vg.test"
		echo "  spfplus.vg.test   # trailing comment"
		echo
		echo "nullmx.vg.test."
	done
} > "$T/list"
run "$VIGIE" scan mail $LAB_ARGS --jobs 3 --json --domains-file "$T/list"
exit_is "a failing domain gives exit 1" 1
is "30 documents" "$($J --count "$T/out")" 30
order=$($PY -c 'import json,sys
print(" ".join([json.loads(l)["domain"].split(".")[0] for l in open(sys.argv[1])][:10]))' "$T/out")
is "results in the order of the file" "$order" "good spfplus nullmx good spfplus nullmx good spfplus nullmx good"
keys=$($PY -c 'import json,sys
d=json.loads(open(sys.argv[1]).readline())
print(sorted(d), sorted(d["checks"][0]))' "$T/out")
is "each document has the documented fields" "$keys" \
    "['checks', 'domain'] ['detail', 'id', 'remediation', 'severity', 'status', 'subject', 'title']"
n=$($PY -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print(c.execute("select count(*) from run where kind=\"scan.mail\" and status=\"done\"").fetchone()[0])' "$VIGIE_DB")
is "30 runs stored" "$n" 30
stats=$($PY -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print(c.execute("select stats from run where subject=\"nullmx.vg.test\" limit 1").fetchone()[0])' "$VIGIE_DB")
is "each run keeps its counts per status" "$stats" '{"info":1,"pass":10,"warn":4}'

run "$VIGIE" scan mail $LAB_ARGS --jobs 3 --domains-file "$T/list"
exit_is "text output too" 1
is "every domain has its heading" "$(grep -c '^Mail checks for ' "$T/out")" 30

done_testing
