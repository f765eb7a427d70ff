#!/bin/sh
# bench/scan.sh — `vigie scan files` against `yara -r -p N` on the same
# rules, files and thread count, in one run; prints ratios (yara time /
# vigie time: above 1 means vigie is faster) and checks that both found
# exactly the same matches (a ratio with different matches is void).
#
#   VIGIE_BENCH_FILES=N      small files (default 20000, the issue's
#                            figure is 20000-30000)
#   VIGIE_BENCH_LARGE_MB=N   size of each of the 2 large files (default 100)
#   VIGIE_BENCH_THREADS=N    -p / -j (default 2)
#   VIGIE_BENCH_DIR=DIR      where to build the corpus (default a temp dir)
#   SIGBASE=DIR              signature-base (default
#                            ../shared/bench-data/signature-base)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=${VIGIE_BIN:-$top/vigie}
case $vigie in /*) ;; *) vigie=$top/$vigie ;; esac
nfiles=${VIGIE_BENCH_FILES:-20000}
large_mb=${VIGIE_BENCH_LARGE_MB:-100}
p=${VIGIE_BENCH_THREADS:-2}
sigbase=${SIGBASE:-$top/../shared/bench-data/signature-base}
[ -d "$sigbase" ] || sigbase=/work/shared/bench-data/signature-base

if ! command -v yara >/dev/null || ! command -v yarac >/dev/null; then
	echo "bench/scan: yara and yarac are not installed: skipped"
	exit 0
fi
[ -x "$vigie" ] || { echo "bench/scan: build vigie first"; exit 1; }

work=${VIGIE_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")}
mkdir -p "$work"
trap 'rm -rf "$work/home" "$work"/*.yarc "$work/out"' EXIT
export HOME="$work/home" VIGIE_DB="$work/home/vigie.db"
mkdir -p "$HOME" "$work/out" "$work/empty"
unset XDG_DATA_HOME

echo "machine: $(nproc) cores, $(sed -n 's/^model name.*: //p' \
    /proc/cpuinfo | head -1); yara $(yara --version); threads: $p"

# ---- corpora ----------------------------------------------------------
small=$work/small
if [ ! -f "$small/.done-$nfiles" ]; then
	rm -rf "$small"; mkdir -p "$small"
	# Real files of this machine, 1 KB to 256 KB, 100 per folder.
	find /usr/lib /usr/share -xdev -type f -size +1k -size -256k \
	    2>/dev/null | head -n "$nfiles" | awk -v d="$small" '
	    { printf "%s\t%s/%03d/%05d\n", $0, d, int(NR / 100), NR }' |
	while IFS="	" read -r src dst; do
		mkdir -p "${dst%/*}"; cp "$src" "$dst" 2>/dev/null
	done
	touch "$small/.done-$nfiles"
fi
# The harmless positives of the tests, so that matches are compared too.
[ -d "$small/positives" ] ||
    /usr/bin/python3 "$top/tests/data/scan/gen-corpus.py" positives \
    "$small/positives" > /dev/null
large=$work/large
if [ ! -f "$large/.done-$large_mb" ]; then
	rm -rf "$large"; mkdir -p "$large"
	for i in 1 2; do
		find /usr/lib -xdev -type f -size +100k 2>/dev/null |
		    sed -n "${i}~2p" | xargs cat 2>/dev/null |
		    head -c "${large_mb}M" > "$large/big$i.bin"
	done
	touch "$large/.done-$large_mb"
fi
# The same two files behind a PE header: MZ files over 1 MB are scanned
# with the rules unsplit (docs/scan-routing.md).
largepe=$work/largepe
if [ ! -f "$largepe/.done-$large_mb" ]; then
	rm -rf "$largepe"; mkdir -p "$largepe"
	/usr/bin/python3 - "$top/tests/data/scan/gen-corpus.py" "$large" \
	    "$largepe" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("gen", sys.argv[1])
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
for i in (1, 2):
    with open("%s/big%d.exe" % (sys.argv[3], i), "wb") as out:
        out.write(gen.pe_bytes(b""))
        with open("%s/big%d.bin" % (sys.argv[2], i), "rb") as src:
            out.write(src.read())
PY
	touch "$largepe/.done-$large_mb"
fi
echo "corpora: $(find "$small" -type f ! -name '.done*' | wc -l) small" \
    "files ($(du -sm "$small" | cut -f1) MB), 2 large files of" \
    "$large_mb MB"

# ---- helpers ------------------------------------------------------------
# measure NAME CMD...: run, keep stdout in out/NAME, set secs and kb
measure() {
	name=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %M %U %S" -o "$work/out/$name.time" "$@" \
		    > "$work/out/$name" 2> "$work/out/$name.err"
		read -r secs kb us ss <<EOF
$(tail -n 1 "$work/out/$name.time")
EOF
		cpu=$(echo "$us $ss" | awk '{ printf "%.2f", $1 + $2 }')
	else
		t0=$(date +%s.%N)
		"$@" > "$work/out/$name" 2> "$work/out/$name.err"
		secs=$(echo "$(date +%s.%N) $t0" | awk '{ print $1 - $2 }')
		kb=0 cpu=0
	fi
}
# yara output and vigie JSON to sorted "rule path" lines
ypairs() { sort "$work/out/$1" > "$work/out/$1.pairs"; }
vpairs() {
	/usr/bin/python3 -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "match": print(o["rule"], o["path"])' \
	    "$work/out/$1" | sort > "$work/out/$1.pairs"
}
same() {
	if cmp -s "$work/out/$1.pairs" "$work/out/$2.pairs"; then
		echo "same matches ($(wc -l < "$work/out/$1.pairs"))"
	else
		echo "MATCHES DIFFER: ratio void"
		diff "$work/out/$1.pairs" "$work/out/$2.pairs" | head -5
	fi
}
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2;
    else print "n/a" }'; }
report() {	# WHAT YNAME YSECS YKB YCPU VNAME VSECS VKB VCPU
	printf '%-44s yara %6.2fs cpu %6.2fs %4d MB | vigie %6.2fs cpu %6.2fs %4d MB | wall x%s cpu x%s' \
	    "$1" "$3" "$5" $(($4 / 1024)) "$7" "$9" $(($8 / 1024)) \
	    "$(ratio "$3" "$7")" "$(ratio "$5" "$9")"
	[ "$8" -gt 0 ] && printf ' mem x%s' "$(ratio "$8" "$4")"
	printf ' | %s\n' "$(same "$2" "$6")"
}
sum() { echo "$1 $2" | awk '{ printf "%.2f", $1 + $2 }'; }

# run_set ID LABEL YARA-RULE-ARGS VIGIE-RULE-ARGS TARGET [warm]: first
# scan (empty rescan cache) and rescan of the unchanged tree. With
# "warm", vigie first compiles the rules into its compiled-rules cache
# on an empty folder (not timed), as yara reads a yarac file.
run_set() {
	id=$1 set_name=$2 yargs=$3 vargs=$4 target=$5
	rm -rf "$HOME"; mkdir -p "$HOME"
	if [ "${6:-}" = warm ]; then
		# shellcheck disable=SC2086
		"$vigie" scan files --json -q --no-iocs -j "$p" $vargs \
		    "$work/empty" > /dev/null
	fi
	# shellcheck disable=SC2086
	measure y-$id yara -r -N -w -p "$p" $yargs "$target"
	ys=$secs yk=$kb yc=$cpu
	ypairs y-$id
	# shellcheck disable=SC2086
	measure v-$id "$vigie" scan files --json -q --no-iocs -j "$p" \
	    $vargs "$target"
	vpairs v-$id
	report "$set_name: first scan" y-$id "$ys" "$yk" "$yc" \
	    v-$id "$secs" "$kb" "$cpu"
	# shellcheck disable=SC2086
	measure v2-$id "$vigie" scan files --json -q --no-iocs -j "$p" \
	    $vargs "$target"
	vpairs v2-$id
	report "$set_name: rescan, unchanged tree" y-$id "$ys" "$yk" "$yc" \
	    v2-$id "$secs" "$kb" "$cpu"
}

# One more rule file, for the "new rules" rescans.
extra=$work/extra.yar
cat > "$extra" <<'EOF'
rule Bench_Extra_Rule
{
	strings:
		$a = "GNU General Public License" ascii wide
		$b = { 7F 45 4C 46 02 01 01 }
	condition:
		$a or $b at 0
}
EOF

# ---- shipped rules --------------------------------------------------------
D="-d filename= -d filepath= -d extension= -d filetype= -d owner="
shipped=$work/shipped
rm -rf "$shipped"; mkdir -p "$shipped"
cp "$top"/rules/yara/*.yar "$shipped/"
yargs="$D"
for f in "$shipped"/*.yar; do yargs="$yargs ${f##*/}:$f"; done
shipped_yargs=$yargs
run_set shipped "shipped rules, small files" "$yargs" "--rules $shipped $D" \
    "$small"
# The "new rule file" case: the rules folder gains a file.
rm -rf "$HOME"; mkdir -p "$HOME"
"$vigie" scan files --json -q --no-iocs -j "$p" --rules "$shipped" $D \
    "$small" > /dev/null
cp "$extra" "$shipped/zz-extra.yar"
# shellcheck disable=SC2086
measure y4 yara -r -N -w -p "$p" $yargs "extra:$extra" "$small"
ys=$secs yk=$kb yc=$cpu; ypairs y4
measure v4 "$vigie" scan files --json -q --no-iocs -j "$p" \
    --rules "$shipped" $D "$small"
vpairs v4
report "shipped rules: rescan after a new rule file" y4 "$ys" "$yk" "$yc" v4 \
    "$secs" "$kb" "$cpu"
rm "$shipped/zz-extra.yar"

# ---- issue 21: the cache across batches, shared verdicts, --cpu-limit -------
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average before the issue-21 runs: $(load) (other jobs share" \
    "the cores)"
# 3,004 small files, 400 of them matching, the positives walked first:
# the rescan cache must hold every file and the rescan read none.
many=$work/many
if [ ! -f "$many/.done" ]; then
	rm -rf "$many"; mkdir -p "$many"
	/usr/bin/python3 - "$many" <<'PY'
import sys
d = sys.argv[1]
for i in range(3004):
    with open("%s/%s%04d.txt" % (d, "a" if i < 400 else "b", i), "w") as f:
        f.write(("x BENCHMARK %d\n" if i < 400 else "clean %d\n") % i * 20)
PY
	touch "$many/.done"
fi
echo 'rule bench_mark { strings: $m = "BENCHMARK" condition: $m }' \
    > "$work/mark.yar"
run_set many "3,004 files, 400 matches first" "$work/mark.yar" \
    "--rules $work/mark.yar" "$many"
echo "  scan_cache rows after the first scan and rescan: $(sqlite3 \
    "$VIGIE_DB" 'SELECT count(*) FROM scan_cache' 2>/dev/null) (files:" \
    "$(find "$many" -type f | wc -l))"

# shared_pc RULE-ARGS YARA-ARGS LABEL: the first PC scans $small with
# --shared-verdicts (hashing included), exports its bundle; the second
# PC (another store, a copy of the tree: other inodes) imports it and
# scans the copy. Both against yara on the same tree.
pc2=$work/pc2
if [ ! -f "$pc2/.done-$nfiles" ]; then
	rm -rf "$pc2"; cp -r "$small" "$pc2"; touch "$pc2/.done-$nfiles"
fi
shared_pc() {
	sh_vargs=$1 sh_yargs=$2 label=$3
	rm -rf "$HOME"; mkdir -p "$HOME"
	"$vigie" profile set name "Bench" > /dev/null
	# Rules compiled into vigie's cache first (not timed), as yara
	# reads a yarac file.
	# shellcheck disable=SC2086
	"$vigie" scan files --json -q --no-iocs $sh_vargs "$work/empty" \
	    > /dev/null
	# shellcheck disable=SC2086
	measure ysh yara -r -N -w -p "$p" $sh_yargs "$small"
	ys=$secs yk=$kb yc=$cpu; ypairs ysh
	# shellcheck disable=SC2086
	measure vsh1 "$vigie" scan files --json -q --no-iocs -j "$p" \
	    --shared-verdicts $sh_vargs "$small"
	vpairs vsh1
	report "$label: first PC (+SHA-256)" ysh "$ys" "$yk" "$yc" vsh1 \
	    "$secs" "$kb" "$cpu"
	y1s=$ys y1c=$yc v1s=$secs v1c=$cpu
	"$vigie" export -o "$work/bundle.json" > /dev/null
	export VIGIE_DB="$work/home/pc2.db"
	"$vigie" import "$work/bundle.json" > /dev/null
	# shellcheck disable=SC2086
	measure ysh2 yara -r -N -w -p "$p" $sh_yargs "$pc2"
	ys=$secs yk=$kb yc=$cpu; ypairs ysh2
	# shellcheck disable=SC2086
	measure vsh2 "$vigie" scan files --json -q --no-iocs -j "$p" \
	    --shared-verdicts $sh_vargs "$pc2"
	vpairs vsh2
	report "$label: second PC (shared verdicts)" ysh2 "$ys" "$yk" \
	    "$yc" vsh2 "$secs" "$kb" "$cpu"
	printf '%-44s yara %6.2fs cpu %6.2fs | vigie %6.2fs cpu %6.2fs | wall x%s cpu x%s\n' \
	    "$label: both PCs" "$(sum "$y1s" "$ys")" "$(sum "$y1c" "$yc")" \
	    "$(sum "$v1s" "$secs")" "$(sum "$v1c" "$cpu")" \
	    "$(ratio "$(sum "$y1s" "$ys")" "$(sum "$v1s" "$secs")")" \
	    "$(ratio "$(sum "$y1c" "$yc")" "$(sum "$v1c" "$cpu")")"
	/usr/bin/python3 -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["type"] == "summary":
        print("  second PC: %d files, %d scanned, %d from shared verdicts"
              % (o["files"], o["scanned"], o["shared"]))' "$work/out/vsh2"
	export VIGIE_DB="$work/home/vigie.db"
}
shared_pc "--rules $shipped $D" "$shipped_yargs" "shipped rules, small files"

# cpu_share RULE-ARGS LABEL: CPU used / (wall x cores) on the 2 large
# files, without and with --cpu-limit 10 (no rescan cache).
cpu_share() {
	ncpu=$(nproc)
	for lim in "" 10; do
		# shellcheck disable=SC2086
		measure cpu$lim "$vigie" scan files --json -q --no-iocs \
		    --no-cache -j "$p" ${lim:+--cpu-limit $lim} $1 "$large"
		echo "$cpu $secs $ncpu $lim" | awk -v l="$2" '{ printf \
		    "%-44s %s: cpu %.2fs wall %.2fs = %.1f %% of the %d cores\n", \
		    l, ($4 == "" ? "no limit      " : "--cpu-limit " $4), \
		    $1, $2, 100 * $1 / ($2 * $3), $3 }'
	done
	echo "  load average: $(load)"
}
cpu_share "--rules $shipped $D" "shipped rules, 2 large files"
echo "load average after the issue-21 runs: $(load)"

# ---- signature-base --------------------------------------------------------
if [ ! -d "$sigbase/yara" ]; then
	echo "signature-base not found ($sigbase): that part is skipped"
	exit 0
fi
sb=$work/sigbase
rm -rf "$sb"; mkdir -p "$sb"
cp "$sigbase"/yara/*.yar "$sb/"
# Both tools read the same compiled file (yarac, one namespace per
# file) with the same constant externals: yara cannot set them per file.
args=""
for f in "$sb"/*.yar; do args="$args ${f##*/}:$f"; done
# shellcheck disable=SC2086
yarac -w $D $args "$work/sigbase.yarc" 2>/dev/null ||
    { echo "yarac failed on signature-base"; exit 1; }
echo "signature-base: $(ls "$sb" | wc -l) files compiled with yarac"
# vigie reads its own compiled cache of the sources, where the rules
# using pe are split off (docs/scan-routing.md); it cannot split a yarac
# file, which is measured too.
run_set sigbase "signature-base, small files" "-C $work/sigbase.yarc" \
    "--rules $sb $D" "$small" warm
run_set sigyarc "signature-base (vigie also given the yarac)" \
    "-C $work/sigbase.yarc" "--compiled-rules --rules $work/sigbase.yarc $D" \
    "$small"
# New rules on source rule folders (delta rescan needs sources).
rm -rf "$HOME"; mkdir -p "$HOME"
# shellcheck disable=SC2086
measure y5 yara -r -N -w -p "$p" $D $args "$small"
ys=$secs yk=$kb yc=$cpu; ypairs y5
measure v5 "$vigie" scan files --json -q --no-iocs -j "$p" --rules "$sb" \
    $D "$small"
vpairs v5
report "signature-base sources: first scan, both compile" y5 "$ys" "$yk" "$yc" \
    v5 "$secs" "$kb" "$cpu"
cp "$extra" "$sb/zz-extra.yar"
# shellcheck disable=SC2086
measure y6 yara -r -N -w -p "$p" $D $args "extra:$extra" "$small"
ys=$secs yk=$kb yc=$cpu; ypairs y6
measure v6 "$vigie" scan files --json -q --no-iocs -j "$p" --rules "$sb" \
    $D "$small"
vpairs v6
report "signature-base: rescan after a new rule file" y6 "$ys" "$yk" "$yc" v6 \
    "$secs" "$kb" "$cpu"
rm -f "$sb/zz-extra.yar"
rm -rf "$HOME"; mkdir -p "$HOME"
# Compiled once into vigie's cache (not timed): split, and unsplit for
# the big MZ files.
for r in "" --no-routing; do
	# shellcheck disable=SC2086
	"$vigie" scan files --json -q --no-iocs -j "$p" $r --rules "$sb" \
	    $D "$work/empty" > /dev/null
done
measure y7 yara -r -N -w -p "$p" -C "$work/sigbase.yarc" "$large"
ys=$secs yk=$kb yc=$cpu; ypairs y7
# shellcheck disable=SC2086
measure v7 "$vigie" scan files --json -q --no-iocs -j "$p" \
    --rules "$sb" $D "$large"
vpairs v7
report "signature-base, 2 large files" y7 "$ys" "$yk" "$yc" v7 "$secs" "$kb" "$cpu"
measure y8 yara -r -N -w -p "$p" -C "$work/sigbase.yarc" "$largepe"
ys=$secs yk=$kb yc=$cpu; ypairs y8
# shellcheck disable=SC2086
measure v8 "$vigie" scan files --json -q --no-iocs -j "$p" \
    --rules "$sb" $D "$largepe"
vpairs v8
report "signature-base, 2 large PE files" y8 "$ys" "$yk" "$yc" v8 "$secs" \
    "$kb" "$cpu"
# Issue 21: shared verdicts and --cpu-limit with signature-base.
shared_pc "--rules $sb $D" "-C $work/sigbase.yarc" "signature-base"
cpu_share "--rules $sb $D" "signature-base, 2 large files"
