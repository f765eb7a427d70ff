# 0003 — a writer killed with SIGKILL mid-way loses nothing it committed,
# and the database opens cleanly afterwards.
. "$TOP/tests/e2e/lib.sh"

db=$T/crash.db
"$BUILD/tests/tool-store-writer" "$db" > "$T/writer.out" 2>&1 &
pid=$!
# Let it commit some transactions (each one fsynced: slow on a busy
# disk, so wait up to a minute), then kill it without warning.
i=0
while n=$(grep -c committed "$T/writer.out" 2>/dev/null); [ "${n:-0}" -lt 50 ] && [ $i -lt 1200 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -KILL $pid
wait $pid 2>/dev/null
last=$(grep committed "$T/writer.out" | tail -1 | cut -d' ' -f2)
ok "the writer committed transactions before it was killed" [ "${last:-0}" -ge 50 ]

# Every transaction it reported as committed is there, whole.
$PY - "$db" "$last" > "$T/check" 2>&1 <<'PY'
import sqlite3, sys
db, last = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
print("integrity", c.execute("PRAGMA integrity_check").fetchone()[0])
refs = {}
for (ref,) in c.execute("SELECT ref FROM finding WHERE source='test'"):
    refs[ref] = refs.get(ref, 0) + 1
missing = [i for i in range(1, last + 1) if refs.get("row-%d" % i) != 2]
half = [r for r, n in refs.items() if n != 2]
print("missing", len(missing), "half", len(half))
PY
contains "the database passes PRAGMA integrity_check" "$T/check" "integrity ok"
contains "every committed transaction is there, none half-written" "$T/check" "missing 0 half 0"

# vigie itself opens it and works on it.
run "$VIGIE" --db "$db" profile set name "Après le crash"
exit_is "vigie opens the database after the crash" 0
run "$VIGIE" --db "$db" profile show --json
contains "and reads back what it wrote" "$T/out" "Après le crash"
done_testing
