# 0007 — several vigie processes creating and writing one new store at
# the same moment: each migration runs once, every write lands.
. "$TOP/tests/e2e/lib.sh"

db=$T/new.db
i=1
while [ $i -le 8 ]; do
	"$VIGIE" --db "$db" --commune "C$i" profile set insee "3500$i" \
	    > "$T/out.$i" 2> "$T/err.$i" &
	i=$((i + 1))
done
wait
cat "$T"/err.* > "$T/errs"
is "no process failed (migrations ran once)" "$(wc -c < "$T/errs" | tr -d ' ')" 0
diag "$(head -5 "$T/errs")"
run "$VIGIE" --db "$db" report --overview --format json -o -
is "every write landed" "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["communes"]))' "$T/out")" 8
done_testing
