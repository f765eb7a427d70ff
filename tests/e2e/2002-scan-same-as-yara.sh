#!/bin/sh
# vigie finds exactly what the yara CLI finds, file by file, with the
# same rules: a generated rule set (one file, a folder of files as
# namespaces, compiled with yarac) on a generated corpus, and the shipped
# rules on the harmless positives.
. "$TOP/tests/e2e/lib.sh"
GEN="$PY $TOP/tests/data/scan/gen-corpus.py"
if ! command -v yara >/dev/null || ! command -v yarac >/dev/null; then
	skip "compare with the yara CLI" "yara is not installed"
	done_testing
	exit 0
fi
$GEN random rnd 400 ${VIGIE_SEED:-4242}
$GEN positives pos

pairs() {	# JSON Lines of vigie -> "rule path" lines, sorted
	$PY -c 'import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if o["type"] == "match": print(o["rule"], o["path"])' | sort
}
same() {	# WHAT: compare y.txt and v.txt
	if cmp -s y.txt v.txt; then
		_ok "$1 ($(wc -l < y.txt) matches)"
	else
		_notok "$1"; diag "$(diff y.txt v.txt | head -20)"
	fi
}

yara -r -N -p 2 -d filename=fixed rnd/all.yar rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -j 2 -d filename=fixed \
    --rules rnd/all.yar rnd/files | pairs > v.txt
ok "the yara CLI found matches" test -s y.txt
same "one rule file: same matches as yara"

yara -r -N -p 2 -d filename=fixed a:rnd/rules/a.yar b:rnd/rules/b.yar \
    rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -j 3 -d filename=fixed \
    --rules rnd/rules rnd/files | pairs > v.txt
same "a folder of rule files: same matches as yara"

# Rules using the pe module, some split for routing (c.yar), one not
# (d.yar), on a corpus holding real PE files: the split changes nothing.
mkdir -p mix && cp rnd/rules/a.yar rnd/pe-rules/c.yar mix/
yara -r -N -p 2 -d filename=fixed a:mix/a.yar c:mix/c.yar rnd/files |
    sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -d filename=fixed \
    --rules mix rnd/files > v.json
pairs < v.json > v.txt
ok "the pe rules matched PE files" grep -q "^P0[146] " y.txt
ok "the pe rules matched through their strings" grep -q "^P0[235] " y.txt
ok "the 7 rules of c.yar using pe were moved to their own set" \
    $PY -c 'import json, sys
s = [json.loads(l) for l in open(sys.argv[1])][-1]
sys.exit(s["pe_routing"]["rules"] != 7 or s["pe_routing"]["files"] < 1)' \
    v.json
ok "the PE file over 1 MB was scanned with the unsplit rules" \
    $PY -c 'import json, sys
s = [json.loads(l) for l in open(sys.argv[1])][-1]
sys.exit(s["pe_routing"]["whole"] != 1)' v.json
same "pe rules split for routing: same matches as yara"
"$VIGIE" scan files --json --no-iocs --no-cache --no-routing \
    -d filename=fixed --rules mix rnd/files > v.json
pairs < v.json > v.txt
same "the same with --no-routing"
cp rnd/pe-rules/d.yar mix/
yara -r -N -p 2 -d filename=fixed a:mix/a.yar c:mix/c.yar d:mix/d.yar \
    rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -d filename=fixed \
    --rules mix rnd/files | pairs > v.txt
ok "a rule that cannot be routed matched" grep -q "^Q00 " y.txt
same "with a rule file that cannot be split: same matches as yara"

yarac -d filename=fixed rnd/all.yar all.yarc
yara -r -N -p 2 -C all.yarc rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -j 1 -d filename=fixed \
    --compiled-rules --rules all.yarc rnd/files | pairs > v.txt
same "compiled rules (yarac): same matches as yara -C"

yara -r -N -p 2 -f -d filename=fixed rnd/all.yar rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache --fast -d filename=fixed \
    --rules rnd/all.yar rnd/files | pairs > v.txt
same "fast mode: same matches as yara -f"

D="-d filename= -d filepath= -d extension= -d filetype= -d owner="
# shellcheck disable=SC2086
yara -r -N -p 2 $D "$TOP"/rules/yara/*.yar pos | sort > y.txt
# shellcheck disable=SC2086
"$VIGIE" scan files --json --no-iocs --no-cache $D pos | pairs > v.txt
same "shipped rules on the positives: same matches as yara"

# Second run from the compiled-rules cache: still the same.
# shellcheck disable=SC2086
"$VIGIE" scan files --json --no-iocs --no-cache $D pos | pairs > v.txt
same "shipped rules from the compiled cache: same matches"
done_testing
