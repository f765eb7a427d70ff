# 0009 — the data files are built into the binary (lib/data.c): a copy of
# vigie alone, in an empty folder, under env -i, still has its checklist,
# questionnaire, checks, YARA rules and IOC lists; data found beside the
# binary wins over the built-in copy; a data file that is nowhere is said
# to be missing, with its path. tests/e2e/5005 does the same with the
# static binary.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/alone.sh"

mkdir "$T/alone"
cp "$VIGIE" "$T/alone/vigie"
alone_checks "$T/alone/vigie" "ordinary build"

# Data beside the binary wins: a checklist of one step.
mkdir -p "$T/alone/rules/checklist"
sed 's/Disconnect the affected computer/Unplug THE-LOCAL-COPY computer/' \
    "$TOP/rules/checklist/checklist.xml" > "$T/alone/rules/checklist/checklist.xml"
cp "$TOP/rules/checklist/checklist.rng" "$T/alone/rules/checklist/"
( cd "$T/alone" && env -i ./vigie respond checklist ) > "$T/out" 2> "$T/err"
contains "rules/ beside the binary wins over the built-in copy" "$T/out" "THE-LOCAL-COPY"
rm -rf "$T/alone/rules"

# A data file that is nowhere: said missing, with its path.
mkdir "$T/nodata"
run env VIGIE_DATA="$T/nodata" "$VIGIE" respond checklist
exit_is "no checklist anywhere: an error" 2
contains "it says the file is missing" "$T/err" "$T/nodata/checklist/checklist.xml: missing"
lacks "not 'cannot be read as XML'" "$T/err" "cannot be read as XML"
done_testing
