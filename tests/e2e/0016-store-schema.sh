# 0016 — the modules' schema steps, applied in the store's order, give
# the schema as it shipped (tests/data/store/schema-v6.txt: a new store
# made by vigie before the steps moved beside their modules): the same
# tables, indexes and SQL text, in the same order. A version-1 store is
# migrated to the same tables.
. "$TOP/tests/e2e/lib.sh"
dump() { $PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("user_version", c.execute("PRAGMA user_version").fetchone()[0])
for r in c.execute("SELECT type, name, tbl_name, coalesce(sql, \"\") FROM sqlite_master ORDER BY rowid"):
    print("\t".join(x.replace("\n", " ") for x in r))' "$1"; }
golden=$TOP/tests/data/store/schema-v6.txt
latest=$("$VIGIE" --version | sed -n 's/.*store schema \([0-9]*\).*/\1/p')

run "$VIGIE" --db "$T/new.db" profile show
exit_is "a new store is made" 0
dump "$T/new.db" > new.txt
if [ "$latest" = 6 ]; then
	if cmp -s new.txt "$golden"; then _ok "a new store: the schema as shipped"
	else _notok "a new store: the schema as shipped"; diag "$(diff new.txt "$golden")"; fi
else
	# A later version adds steps: the shipped objects still come first.
	head -n 1 new.txt > head.txt
	is "a new store: at the latest version" "$(cat head.txt)" "user_version $latest"
	n=$(wc -l < "$golden")
	sed 1d "$golden" > g.txt
	sed -n "2,${n}p" new.txt > s.txt
	ok "a new store: the shipped objects first, unchanged" cmp -s s.txt g.txt
fi

# A version-1 store: the objects of version 1 keep their text; those the
# migrations add are the same as in a new store, in the same order.
$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
    "$T/old.db" "$TOP/tests/data/store/v1.sql"
chmod 600 "$T/old.db"
run "$VIGIE" --db "$T/old.db" profile show
exit_is "a version-1 store opens" 0
dump "$T/old.db" > old.txt
cut -f 1-3 old.txt > old-names.txt
cut -f 1-3 new.txt > new-names.txt
ok "migrated: the same tables and indexes, in the same order" \
    cmp -s old-names.txt new-names.txt
grep -v -E '^(table|index)	[^	]*	(meta|commune|profile|run|finding)	' \
    old.txt > old-added.txt
grep -v -E '^(table|index)	[^	]*	(meta|commune|profile|run|finding)	' \
    new.txt > new-added.txt
ok "migrated: what versions 2 and later add is the same SQL" \
    cmp -s old-added.txt new-added.txt
is "migrated: some objects were added" \
    "$(grep -c -E '^(table|index)' old-added.txt)" 18
done_testing
