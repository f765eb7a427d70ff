# 5090 — the static binary for the responder's USB key is self-contained:
# copied alone into an empty folder and run under env -i, it has its
# data (built in, see docs/setup.md) for respond checklist, assess
# --template, scan config --list and scan files; it is stripped.
. "$TOP/tests/e2e/lib.sh"

if ! make -C "$TOP" -j2 static > "$T/build.log" 2>&1; then
	_notok "make static builds"
	diag "$(tail -20 "$T/build.log")"
	done_testing
	exit 0
fi
contains "make static says the size" "$T/build.log" "KiB, stripped"
file -b "$TOP/build-static/vigie" > "$T/file"
contains "the static binary is stripped" "$T/file" ", stripped"
diag "$(grep KiB "$T/build.log")"

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

mkdir "$T/key"
cp "$TOP/build-static/vigie" "$T/key/vigie"
alone_checks "$T/key/vigie" "static build"
done_testing
