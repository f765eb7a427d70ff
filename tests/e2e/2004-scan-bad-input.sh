#!/bin/sh
# Bad input never hangs or crashes a scan: rule files with syntax errors,
# symbolic-link loops, FIFOs, a 10 GB sparse file, a slow rule, a file cut
# short while it is scanned, a folder
# of 100,000 entries, a path longer than PATH_MAX, unreadable files, file
# names with newlines and invalid UTF-8. Each is reported with its reason
# and counted in the summary.
. "$TOP/tests/e2e/lib.sh"
cat > str.yar <<'YAR'
rule Str { strings: $a = "EVIL" condition: $a }
YAR
summary() {
	$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "summary":
        d = o
        for k in sys.argv[2].split("."): d = d.get(k, 0)
        print(d)' "$T/out" "$1"
}
S="scan files --json --no-iocs --rules str.yar"

# Rule files with errors: every error as file:line, exit 2.
mkdir badrules
printf 'rule A {\n  strings: $a = "x"\n  condition: $b\n}\n' > badrules/one.yar
printf 'rule B { condition: true }\nrule C {\n condition: nosuch\n}\n' \
    > badrules/two.yar
printf 'x\n' > f
run "$VIGIE" scan files --rules badrules f
exit_is "rule errors: exit 2" 2
contains "first error with file and line" "$T/err" "badrules/one.yar:4: error"
contains "second file's error too" "$T/err" "badrules/two.yar:3: error"
printf 'rule S { strings: $a = { 00 ?? } condition: $a }\n' > slowstr.yar
run "$VIGIE" scan files --no-iocs --rules slowstr.yar f
contains "slow-string warning with file and line" "$T/err" \
    "slowstr.yar:1: warning"
run "$VIGIE" scan files --rules nowhere.yar f
exit_is "missing rules: exit 2" 2
contains "missing rules named" "$T/err" "nowhere.yar"

# Loops, FIFOs.
mkdir -p t/loop
ln -s .. t/loop/up
ln -s self t/self
mkfifo t/fifo
printf 'EVIL' > t/hit
run "$VIGIE" $S --follow-symlinks t
exit_is "loops and FIFO: scan completes with the match" 1
is "loops counted" "$(summary skipped_reasons.loop)" 2
is "FIFO counted" "$(summary skipped_reasons.special)" 1
run "$VIGIE" $S t
is "links not followed by default" "$(summary skipped_reasons.symlink)" 2

# A 10 GB sparse file: skipped by --max-size, or stopped by --timeout.
mkdir big
if truncate -s 10G big/sparse.img 2>/dev/null; then
	run "$VIGIE" $S --max-size 1G big
	exit_is "sparse file over --max-size: exit 0" 0
	is "counted as too big" "$(summary skipped_reasons.too_big)" 1
	run "$VIGIE" $S --timeout 1 big
	exit_is "sparse file timing out: exit 2" 2
	is "counted as timeout" "$(summary error_reasons.timeout)" 1
	contains "timeout reported with the path" "$T/err" \
	    "big/sparse.img: timed out"
	rm big/sparse.img
else
	skip "10 GB sparse file" "this file system cannot make one"
fi

# A rule too slow for one file.
cat > slow.yar <<'YAR'
rule Slow { condition: for all i in (0..filesize-1): (uint8(i) != 0xff) }
YAR
head -c 64000000 /dev/zero > big/zeros.bin
printf 'x' > big/small
run "$VIGIE" scan files --json --no-iocs --rules slow.yar --timeout 1 big
exit_is "slow rule: other files still scanned (match)" 1
is "slow rule timeout counted" "$(summary error_reasons.timeout)" 1
rm -rf big

# 100,000 entries in one folder.
$PY -c 'import os
os.mkdir("many")
for i in range(100000):
    os.close(os.open("many/f%06d" % i, os.O_CREAT | os.O_WRONLY, 0o644))
open("many/f099999", "w").write("EVIL")'
run "$VIGIE" $S many
exit_is "100,000 entries: match found" 1
is "100,000 entries: all looked at" "$(summary files)" 100000
rm -rf many

# A path longer than PATH_MAX (4096).
$PY -c 'import os
name = "d" * 200
os.mkdir("deep"); os.chdir("deep")
for i in range(25):
    os.mkdir(name); os.chdir(name)
open("evil.txt", "w").write("EVIL")'
run "$VIGIE" $S deep
exit_is "path longer than PATH_MAX: match found" 1
n=$($PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match": print(len(o["path"]))' "$T/out")
ok "reported path is longer than 4096 ($n)" test "${n:-0}" -gt 4096
$PY -c 'import shutil; shutil.rmtree("deep")'

# Strange names: newline, escape, invalid UTF-8.
mkdir names
$PY -c 'import os
for n in [b"new\nline", b"esc\x1b[31mred", b"bad\xff\xfeutf8"]:
    open(b"names/" + n, "w").write("EVIL")'
run "$VIGIE" $S names
ok "JSON output stays valid JSON" $PY -c 'import json, sys
[json.loads(l) for l in open(sys.argv[1])]' "$T/out"
contains "invalid UTF-8 escaped reversibly (issue 21)" "$T/out" \
    '"path":"names/bad\\xff\\xfeutf8"'
contains "and its bytes given in hex" "$T/out" \
    '"path_bytes":"6e616d65732f626164fffe75746638"'
contains "escape character escaped in JSON" "$T/out" 'esc\u001B[31mred'
contains "newline escaped in JSON" "$T/out" 'new\nline'
run "$VIGIE" scan files --no-iocs --rules str.yar names
contains "terminal: newline shown escaped" "$T/out" 'new\nline'
lacks "terminal: no raw escape character" "$T/out" "$(printf '\033')"

# Unreadable files (as an unprivileged user when run as root).
mkdir -p locked
printf 'EVIL' > locked/secret
printf 'EVIL' > locked/open
chmod 000 locked/secret
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$T" locked
	chmod 644 locked/open str.yar
	# A copy of the binary: the checkout may sit where uid 65534 cannot
	# go (root's clone lands in /root, mode 0700); its data is built in.
	cp "$VIGIE" "$T/vigie-copy"
	chmod 755 "$T/vigie-copy"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env HOME="$T/nobody" VIGIE_DB="$T/nobody.db" "$T/vigie-copy" \
	    $S locked
	is "unreadable file counted" "$(summary error_reasons.unreadable)" 1
	contains "unreadable file named" "$T/err" "locked/secret"
	exit_is "readable one still matched" 1
elif [ "$(id -u)" != 0 ]; then
	run "$VIGIE" $S locked
	is "unreadable file counted" "$(summary error_reasons.unreadable)" 1
	contains "unreadable file named" "$T/err" "locked/secret"
	exit_is "readable one still matched" 1
else
	skip "unreadable file" "root without setpriv reads everything"
fi

# A file over 2 MB (mapped) cut short while a slow rule reads it: the
# scan says so and goes on; no crash (SIGBUS), no hang. The rule needs
# seconds for this file; the cut comes as soon as vigie has mapped it.
mkdir shrink
head -c 48000000 /dev/zero | tr '\0' 'a' > shrink/big.txt
printf 'rule Slow { strings: $a = /aa[^a]*a{30}b/ condition: $a }\n' \
    > slow.yar
# libyara 4.2 loses a few KB it allocated for the scan when its guard
# jumps out of a scan on SIGBUS: not vigie's to free, so the sanitizer
# build does not count leaks for this one run.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    "$VIGIE" scan files --json --no-iocs --no-cache --timeout 120 \
    --rules slow.yar shrink > "$T/out" 2> "$T/err" &
pid=$!
i=0
while ! grep -q "shrink/big.txt" "/proc/$pid/maps" 2>/dev/null &&
    [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
truncate -s 0 shrink/big.txt
wait $pid
echo $? > "$T/rc"
is "file cut short during the scan: exit 2" "$(cat "$T/rc")" 2
is "counted as cut short" "$(summary error_reasons.shrunk)" 1
contains "named on stderr with the cause" "$T/err" \
    "shrink/big.txt: could not read the file (it may have shrunk)"

# Usage errors.
run "$VIGIE" scan files --threads 0 f
exit_is "bad --threads: exit 2" 2
run "$VIGIE" scan files --max-size lots f
exit_is "bad --max-size: exit 2" 2
run "$VIGIE" scan files --bogus f
exit_is "unknown option: exit 2" 2
done_testing
