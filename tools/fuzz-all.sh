#!/bin/sh
# fuzz-all.sh — `make fuzz`: run every libFuzzer harness for SECONDS
# each, to the end even when one fails, and print one line per harness
# (executions, result). Corpora grow in build-fuzz/corpus-NAME/ (seeded
# from tests/fuzz/corpus/NAME/), crash inputs go to build-fuzz/artifacts/,
# full logs to build-fuzz/logs/. Exit status 1 when any harness failed.
#
#	sh tools/fuzz-all.sh SECONDS build-fuzz/fuzz-A build-fuzz/fuzz-B...
set -u
secs=$1; shift
mkdir -p build-fuzz/artifacts build-fuzz/logs
failed=0 total=0
# Leaks inside libraries vigie cannot fix (tests/lsan.supp says which).
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}
export LSAN_OPTIONS
for f in "$@"; do
	n=${f#build-fuzz/}
	total=$((total + 1))
	mkdir -p "build-fuzz/corpus-$n"
	log=build-fuzz/logs/$n.log
	"$f" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
	    -print_final_stats=1 \
	    -artifact_prefix="build-fuzz/artifacts/$n-" \
	    "build-fuzz/corpus-$n" "tests/fuzz/corpus/$n" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)
	[ -n "$execs" ] || execs=0
	cov=$(sed -n 's/^#[0-9]*.*cov: \([0-9]*\).*/\1/p' "$log" | tail -1)
	if [ $rc -eq 0 ]; then
		printf '%-22s %10s executions  cov %-6s ok\n' "$n" "$execs" "${cov:-?}"
	else
		failed=$((failed + 1))
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
		why=$(grep -m1 -o 'ERROR: [A-Za-z]*: [a-z-]*\|ERROR: libFuzzer: [a-z-]*\|runtime error' "$log" | head -1)
		printf '%-22s %10s executions  cov %-6s FAILED (%s%s)\n' "$n" "$execs" \
		    "${cov:-?}" "${why:-exit $rc}" "${art:+, $art}"
	fi
done
echo "fuzz: $total harnesses, $failed failed, ${secs}s each (logs: build-fuzz/logs/)"
[ $failed -eq 0 ]
