# 2010 — compiled YARA rules are code libyara does not check: a yarac
# file given with --rules is refused unless --compiled-rules says so (as
# yara -C), and a file of vigie's own compiled cache is loaded only when
# its SHA-256 is the one the store recorded when vigie wrote it, so a
# damaged or replaced cache file never reaches libyara (issue 20, point 3).
. "$TOP/tests/e2e/lib.sh"
if ! command -v yarac > /dev/null; then
	skip "compiled rules" "yarac is not installed"; done_testing; exit 0
fi
mkdir files
printf 'xx EVIL xx\n' > files/bad
printf 'fine\n' > files/good
cat > r.yar <<'YAR'
rule Evil { strings: $a = "EVIL" condition: $a }
rule Long { strings: $a = "abcdefghijklmnop" $b = /q[0-9]{2,8}z/ condition: any of them }
YAR
yarac r.yar r.yarc
S="scan files --json --no-iocs --no-cache"

run "$VIGIE" $S --rules r.yarc files
exit_is "a yarac file without --compiled-rules: exit 2" 2
contains "the refusal names the option" "$T/err" "--compiled-rules"
contains "and says it is trusted code" "$T/err" "trusted code"
run "$VIGIE" $S --compiled-rules --rules r.yarc files
exit_is "with --compiled-rules: loaded, a match (exit 1)" 1
contains "the match is found" "$T/out" '"Evil"'

# vigie's own cache: written on the first run, its digest in the store.
run "$VIGIE" $S --rules r.yar files
exit_is "sources: a match" 1
cache="$HOME/.local/share/vigie/cache/rules"
f=$(ls "$cache"/*.yarc | head -1)
ok "the compiled set is cached" test -f "$f"
name=$(basename "$f" .yarc)
rec=$($PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("SELECT value FROM meta WHERE key = ?", ("yarc:" + sys.argv[2],)).fetchone()
print(r[0] if r else "")' "$VIGIE_DB" "$name")
is "the store records the cache file's SHA-256" "$rec" \
    "$(sha256sum "$f" | cut -d' ' -f1)"
run "$VIGIE" $S --rules r.yar files
exit_is "from the cache: the same match" 1
lacks "a good cache file is loaded without a word" "$T/err" "did not write"

# Damaged cache files: 1 to 8 bytes changed, 40 times. Never a crash,
# never given to libyara, always the right match (compiled again).
cp "$f" pristine
crashes=0 wrong=0 said=0 i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	$PY - pristine "$f" $i <<'PY'
import random, sys
data = bytearray(open(sys.argv[1], "rb").read())
r = random.Random(int(sys.argv[3]))
for _ in range(r.randint(1, 8)):
    data[r.randrange(len(data))] = r.randrange(256)
open(sys.argv[2], "wb").write(data)
PY
	chmod 600 "$f"
	"$VIGIE" $S --rules r.yar files > o.json 2> e.txt
	c=$?
	[ $c -ge 128 ] && crashes=$((crashes + 1))
	grep -q '"Evil"' o.json || wrong=$((wrong + 1))
	grep -q "did not write" e.txt && said=$((said + 1))
	cp pristine "$f"
	# Put the record back as it was (the damaged file was replaced).
	"$VIGIE" $S --rules r.yar files > /dev/null 2>&1
	cp pristine "$f"
done
is "damaged cache files: no crash" "$crashes" 0
is "damaged cache files: the match still found" "$wrong" 0
ok "damaged cache files: said (at least 30 of 40)" test "$said" -ge 30

# A valid compiled file that vigie did not write, in the cache: refused.
printf 'rule Other { condition: true }\n' > o.yar
yarac o.yar "$f"
chmod 600 "$f"
run "$VIGIE" $S --rules r.yar files
exit_is "a foreign file in the cache: the rules are compiled again" 1
contains "said so" "$T/err" "did not write"
lacks "its rule never runs" "$T/out" '"Other"'
done_testing
