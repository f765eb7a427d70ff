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

yarac -d filename=fixed rnd/all.yar all.yarc
yara -r -N -p 2 -C all.yarc rnd/files | sort > y.txt
"$VIGIE" scan files --json --no-iocs --no-cache -j 1 -d filename=fixed \
    --rules all.yarc rnd/files | pairs > v.txt
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
