# 5090 — the static binary for the responder's USB key is self-contained:
# copied alone into an empty folder and run under env -i, it has its
# data (built in, see docs/setup.md) for respond checklist, assess
# --template, scan config --list and scan files; it is stripped.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/alone.sh"

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

mkdir "$T/key"
cp "$TOP/build-static/vigie" "$T/key/vigie"
alone_checks "$T/key/vigie" "static build"
done_testing
