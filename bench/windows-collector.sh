#!/bin/sh
# bench/windows-collector.sh — vigie-collect.exe (make windows) under
# Wine against `vigie respond capture --profile quick` on this Linux
# machine: exe size, best of 3 wall times of each, and the ratio. The two
# do not collect the same system (a Wine prefix against the host), so the
# ratio says only whether the collector is slow under Wine; a real
# Windows PC's time must be measured there (docs/windows-collector.md).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=${VIGIE_BIN:-$top/vigie}
case $vigie in /*) ;; *) vigie=$top/$vigie ;; esac
[ -x "$vigie" ] || { echo "bench/windows-collector.sh: build vigie first (make)"; exit 1; }
WINE=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; })
WSERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
if [ -z "$WINE" ] || ! command -v x86_64-w64-mingw32-gcc > /dev/null; then
	echo "bench/windows-collector.sh: wine64 or mingw-w64 absent (make deps-check): skipped"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")
export WINEPREFIX="$tmp/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
trap '"$WSERVER" -k 2> /dev/null; rm -rf "$tmp"' EXIT INT TERM
make -C "$top" --no-print-directory WIN_BUILD="$tmp/bw" windows > /dev/null || exit 1
exe=$tmp/bw/vigie-collect.exe
"$WINE" wineboot -i > /dev/null 2>&1
now() { date +%s.%N; }
w=; l=
for i in 1 2 3; do
	t0=$(now)
	"$WINE" "$exe" --out "$(printf 'Z:%s/w%s' "$tmp" $i | tr / '\\')" \
	    --key "$(printf 'Z:%s/k.pem' "$tmp" | tr / '\\')" > /dev/null 2>&1
	t1=$(now)
	w="$w $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')"
	t0=$(now)
	"$vigie" respond capture --profile quick --out "$tmp/l$i" \
	    --allow-same-disk bench --key "$tmp/lk.pem" > /dev/null 2>&1
	t1=$(now)
	l="$l $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')"
done
bw=$(printf '%s\n' $w | sort -n | head -1)
bl=$(printf '%s\n' $l | sort -n | head -1)
echo "vigie-collect.exe: $(du -k "$exe" | cut -f1) KiB, static, stripped"
echo "collection under Wine (best of 3): ${bw} s, $(find "$tmp/w1" -type f | wc -l) files"
echo "vigie respond capture --profile quick (best of 3): ${bl} s, $(find "$tmp/l1" -type f | wc -l) files"
echo "$bw $bl" | awk '{ printf "ratio Wine / Linux capture: %.2fx\n", $1 / $2 }'
