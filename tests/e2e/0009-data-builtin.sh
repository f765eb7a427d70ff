# 0009 — the data files are built into the binary (lib/data.c): a copy of
# vigie alone, in an empty folder, under env -i, still has its checklist,
# questionnaire, checks, YARA rules and IOC lists; data found beside the
# binary wins over the built-in copy; a data file that is nowhere is said
# to be missing, with its path. tests/e2e/5090 does the same with the
# static binary.
. "$TOP/tests/e2e/lib.sh"

# alone_checks BIN: the commands a responder runs from a USB key.
alone_checks() {
	b=$1 tag=$2
	d=$(dirname "$b")
	( cd "$d" && env -i "$b" respond checklist ) > "$T/out" 2> "$T/err"
	is "$tag: respond checklist works alone (exit)" "$?" 0
	contains "$tag: respond checklist prints the steps" "$T/out" "Disconnect"
	( cd "$d" && env -i HOME="$d" "$b" assess --template ) > "$T/out" 2> "$T/err"
	is "$tag: assess --template works alone (exit)" "$?" 0
	contains "$tag: assess --template gives the questionnaire" "$T/out" '"questionnaire": "communes"'
	( cd "$d" && env -i "$b" scan config --list ) > "$T/out" 2> "$T/err"
	is "$tag: scan config --list works alone (exit)" "$?" 0
	contains "$tag: scan config --list lists Linux checks" "$T/out" "LIN-SSH-01"
	contains "$tag: scan config --list lists Windows checks" "$T/out" "WIN-"
	mkdir -p "$d/scan"
	printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$d/scan/e.txt"
	( cd "$d" && env -i HOME="$d" "$b" scan files --no-cache --json scan ) > "$T/out" 2> "$T/err"
	is "$tag: scan files finds EICAR with the built-in rules (exit 1)" "$?" 1
	contains "$tag: the built-in YARA rule matched" "$T/out" "VG_EICAR_Test_File"
	contains "$tag: the built-in IOC list matched" "$T/out" "eicar.hashes"
	( cd "$d" && env -i "$b" --lang fr respond checklist ) > "$T/out" 2> "$T/err"
	contains "$tag: French from the built-in catalog" "$T/out" "Débrancher"
}

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
