# 6051 — a number is never broken across lines (issue 17): phone
# numbers in `respond checklist` text (wrapped at 78 columns) whatever
# the length of the names before them; in the report, the population
# grouped with a no-break space (« 1 240 ») and the dates of running
# text in words (« 8 décembre 2026 », not 08/12/2026 or ISO).
. "$TOP/tests/e2e/lib.sh"

nb=$(printf '\302\240')
ph="02 33 44 55 66"
"$VIGIE" profile set name "Saint-Martin" > /dev/null
# Names of every length put the number at every place of the line.
i=0
for c in mayor secretary it_provider police insurer; do
	i=$((i + 7))
	"$VIGIE" profile set "$c.name" "$($PY -c "print('Nom' + 'x' * $i)")" \
	    > /dev/null
	"$VIGIE" profile set "$c.phone" "$ph" > /dev/null
done
export LANG=fr_FR.UTF-8
run "$VIGIE" respond checklist
ok "checklist printed" [ "$rc" = 0 ] || [ "$rc" = 1 ]
n=$(grep -c "02${nb}33${nb}44${nb}55${nb}66" "$T/out")
ok "phone numbers printed, with no-break spaces ($n)" [ "$n" -ge 5 ]
is "no line ends inside a number" \
    "$(grep -cE '(^|[^0-9])0[0-9]( [0-9]{2}){0,3}$' "$T/out")" 0
is "no line starts with the end of a number" \
    "$(grep -cE '^ *[0-9]{2}$' "$T/out")" 0

# The report: population and dates.
"$VIGIE" profile set population 1240 > /dev/null
run "$VIGIE" assess --template
cp "$T/out" tpl.json
$PY - <<'PYEOF'
import json
d = json.load(open("tpl.json"))
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
for k in d["answers"]:
    d["answers"][k] = [v for v in d["allowed"][k] if isinstance(v, int)][0]
json.dump(d, open("a.json", "w"))
PYEOF
run "$VIGIE" assess --answers a.json
exit_is "assessment recorded" 0
run "$VIGIE" report -o r.md
exit_is "report written" 0
contains "population grouped with a no-break space" r.md "1${nb}240"
lacks "no ungrouped population" r.md "1240"
today=$($PY -c '
import datetime
m = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
     "août", "septembre", "octobre", "novembre", "décembre"]
t = datetime.datetime.now(datetime.timezone.utc)
print("%d%s\u00a0%s\u00a0%d" % (t.day, "er" if t.day == 1 else "",
      m[t.month - 1], t.year))')
contains "the date in words, in French" r.md "$today"
lacks "no numeric date in running text" r.md \
    "$(date -u +%d/%m/%Y)"
done_testing
