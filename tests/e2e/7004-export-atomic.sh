# 7004 — vigie export -o FILE is atomic and never writes through a link
# (issue 20, point 6), and bundles have a size cap, said, that import
# checks before reading anything (point 8).
. "$TOP/tests/e2e/lib.sh"

rec=$BUILD/tests/tool-run-recorder
"$VIGIE" profile set name "Saint-Atome" > /dev/null
long=$(head -c 1500 /dev/zero | tr '\0' r)
set --
i=0; while [ $i -lt 100 ]; do set -- "$@" "fail:high:$long$i"; i=$((i + 1)); done
i=0; while [ $i -lt 60 ]; do "$rec" "$VIGIE_DB" scan.files "host$i" "$@" || break
	i=$((i + 1)); done
run "$VIGIE" export -o good.json
exit_is "a first export" 0
cp good.json saved.json
ok "it is large enough to be caught while written" \
    test "$(stat -c %s good.json)" -gt 5000000

# Kill -9 an export over the good bundle as soon as it has its output
# open, several times: the good bundle is always intact.
intact=0 tries=0
while [ $tries -lt 5 ]; do
	tries=$((tries + 1))
	"$VIGIE" export -o good.json > /dev/null 2>&1 &
	pid=$!
	n=0
	while [ $n -lt 2000 ] && kill -0 $pid 2> /dev/null; do
		if ls -l /proc/$pid/fd 2> /dev/null | grep -q "$T/good.json"; then
			break
		fi
		n=$((n + 1))
	done
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	cmp -s good.json saved.json && intact=$((intact + 1))
	rm -f good.json.tmp.*
	cp saved.json good.json
done
is "killed exports: the previous bundle intact each time" "$intact" 5

# A complete export replaces it, 0600, no temporary file left.
run "$VIGIE" export -o good.json
exit_is "an export over it" 0
is "still 0600" "$(stat -c %a good.json)" 600
is "no temporary file left" "$(ls | grep -c 'good.json.tmp')" 0

# Never through a link.
ln good.json other-name.json
cp good.json before.json
run "$VIGIE" export -o good.json
exit_is "a target with another hard link: refused" 2
contains "the refusal says why" "$T/err" "hard links"
ok "the other name is untouched" cmp -s other-name.json before.json
rm other-name.json
printf 'mine\n' > mine.txt
ln -s mine.txt link.json
run "$VIGIE" export -o link.json
exit_is "a symbolic link as target: refused" 2
is "its target untouched" "$(cat mine.txt)" mine

# The size cap: said, checked before reading.
truncate -s 65M huge.json
run /usr/bin/time -f 'MAXRSS=%M' -o huge.time "$VIGIE" import huge.json
exit_is "a 65 MB bundle: refused" 2
contains "the cap is said" "$T/err" "larger than the 64 MB"
ok "nothing was read (under 50 MB of memory)" \
    test "$(sed -n 's/^MAXRSS=//p' huge.time)" -lt 50000
grep -q "64 MB" "$TOP/docs/formats/bundle.md"
ok "the docs say the cap" test $? = 0
done_testing
