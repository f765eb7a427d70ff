# 1007 — the scoring cases of docs/scoring.md as batch answers files
# (tests/data/scoring/*.json: the answers, and what the report must say):
# a domain is held at most one level above its weakest basic measure,
# and a "je ne sais pas" on a basic measure says "to check".
. "$TOP/tests/e2e/lib.sh"
D="$TOP/tests/data/scoring"

n=0
for f in "$D"/*.json; do
	c=$(basename "$f" .json)
	n=$((n + 1))
	$PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
del d["case"], d["expect"]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)' "$f" "$c.in.json"
	VIGIE_DB="$T/$c.db" "$VIGIE" assess --answers "$c.in.json" > "$c.out" 2>&1 ||
	    { echo "not ok - $c: assess failed"; cat "$c.out"; continue; }
	VIGIE_DB="$T/$c.db" "$VIGIE" report --format json > "$c.report.json"
	r=$($PY -c 'import json, sys
e = json.load(open(sys.argv[1]))["expect"]
d = {x["id"]: x for x in json.load(open(sys.argv[2]))["score"]["domains"]}[e["domain"]]
bad = [k for k in e if k != "domain" and
       (abs(d[k] - e[k]) > 1e-6 if k == "raw" else d[k] != e[k])]
print(" ".join("%s=%r (expected %r)" % (k, d[k], e[k]) for k in bad) or "ok")' "$f" "$c.report.json")
	is "$c: $(json_get "$f" case)" "$r" ok
done
ok "five cases or more ($n)" test "$n" -ge 5

# The words: "to check" for a don't-know, "missing" for a level 0.
VIGIE_DB="$T/pc2-dont-know.db" "$VIGIE" --lang fr report --format md > dk.txt
contains "don't know on a basic measure: à vérifier" dk.txt "à vérifier"
lacks "not reported as missing" dk.txt "une mesure de base manque (PC-2)"
VIGIE_DB="$T/net11-remote-no-mfa.db" "$VIGIE" --lang fr report --format md > net.txt
contains "level 0 on a basic measure: missing" net.txt "une mesure de base manque (NET-11)"
done_testing
