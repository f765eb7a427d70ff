# 0004 — a database from an older schema version is migrated forward,
# keeping its data; one from a newer vigie is refused clearly.
. "$TOP/tests/e2e/lib.sh"

# tests/data/store/v1.sql: the schema as version 1 shipped, with data.
db=$T/old.db
$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
    "$db" "$TOP/tests/data/store/v1.sql"
chmod 600 "$db"
run "$VIGIE" --db "$db" profile show --json
exit_is "vigie opens a version-1 database" 0
contains "its data is kept" "$T/out" '"name": "Commune-Ancienne"'
contains "its contacts are kept" "$T/out" '"mayor.phone": "02 99 00 00 00"'
version=$($PY -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$db")
latest=$("$VIGIE" --version | sed -n 's/.*store schema \([0-9]*\).*/\1/p')
is "it is migrated to the latest version" "$version" "$latest"
run "$VIGIE" --db "$db" profile set population 850
exit_is "and written to" 0

# A database from the future.
$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 999"); c.commit()' "$db"
run "$VIGIE" --db "$db" profile show
exit_is "a database from a newer vigie is refused" 2
contains "with the reason" "$T/err" "newer vigie"
# A file that is not a database.
echo "not a database" > "$T/junk.db"
run "$VIGIE" --db "$T/junk.db" profile show
exit_is "a file that is not a database is refused" 2
contains "naming the file" "$T/err" "junk.db"
done_testing
