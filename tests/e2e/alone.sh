# tests/e2e/alone.sh — sourced by 0009 and 5005 after lib.sh: the checks
# that a copy of the binary, alone in a folder and run under env -i, has
# its data (built in, see docs/setup.md).

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
