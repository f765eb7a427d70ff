#!/bin/sh
# bench/report.sh — speed of the commune dossier and of the overview
# against the targets of issue 9: a dossier for one commune in under
# 300 ms, an overview of 800 communes in under 2 s.
#
# No peer tool builds such documents for a town (MonAideCyber stops at
# the questionnaire, internet.nl at the mail domain, Lynis at one host),
# so the ratios are against the targets. Each figure is the median of
# RUNS runs of the real binary, process start included.
#
#   RUNS=10 COMMUNES=800 sh bench/report.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=${VIGIE_BIN:-$top/vigie}
case $vigie in /*) ;; *) vigie=$top/$vigie ;; esac
runs=${RUNS:-10}
communes=${COMMUNES:-800}
py=/usr/bin/python3
[ -x "$vigie" ] || { echo "bench/report.sh: build vigie first"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" LANG=C.UTF-8
unset LANGUAGE LC_ALL LC_MESSAGES NO_COLOR VIGIE_DATA

# median_ms RUNS CMD...: the median wall time of CMD, in milliseconds.
median_ms() {
	n=$1; shift
	i=0
	: > "$tmp/times"
	while [ $i -lt "$n" ]; do
		a=$(date +%s%N)
		"$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
		b=$(date +%s%N)
		echo $(( (b - a) / 1000000 )) >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# One commune with everything: an assessment, a configuration scan of a
# test tree, a file scan.
export VIGIE_DB="$tmp/one.db"
"$vigie" profile set name "Bench-sur-Mer" > /dev/null
"$vigie" assess --template > "$tmp/tpl.json"
$py - "$tmp/tpl.json" "$tmp/answers.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
for i, k in enumerate(sorted(d["answers"])):
    d["answers"][k] = d["allowed"][k][i % len(d["allowed"][k])]
d["commune"] = None
json.dump(d, open(sys.argv[2], "w"))
PY
"$vigie" assess --answers "$tmp/answers.json" > /dev/null
$py "$top/tests/e2e/4000-config-fixtures.py" linux "$tmp/root" bad
"$vigie" scan config --root "$tmp/root" -q > /dev/null
"$vigie" scan files -q "$top/rules" > /dev/null

echo "dossier of one commune (target 300 ms), median of $runs runs:"
for f in html odt md json; do
	ms=$(median_ms "$runs" "$vigie" report --dossier --format $f \
	    -o "$tmp/dossier.$f") || exit 1
	echo "  $f: $ms ms (ratio to target $(ratio "$ms" 300))"
done

# COMMUNES communes, each with a profile and an assessment.
export VIGIE_DB="$tmp/many.db"
i=1
while [ $i -le "$communes" ]; do
	echo "$i"
	i=$((i + 1))
done | xargs -P 2 -I N sh -c '"$1" --commune "Commune-N" profile set \
    insee "$(printf "%05d" N)" > /dev/null && "$1" --commune "Commune-N" \
    assess --answers "$2" > /dev/null' sh "$vigie" "$tmp/answers.json"
n=$("$vigie" report --overview --format json -o - | $py -c \
    'import json,sys; print(len(json.load(sys.stdin)["communes"]))')
echo "overview of $n communes (target 2000 ms), median of $runs runs:"
for f in html json; do
	ms=$(median_ms "$runs" "$vigie" report --overview --format $f \
	    -o "$tmp/overview.$f") || exit 1
	echo "  $f: $ms ms (ratio to target $(ratio "$ms" 2000))"
done
