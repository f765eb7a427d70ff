# 5005 — `make static` gives a self-contained, stripped vigie that
# captures and verifies with an empty environment and LD_LIBRARY_PATH
# pointing at an empty folder, as from a USB key on a machine where
# nothing is installed; copied alone into an empty folder it still has its
# data (respond checklist, assess --template, scan config --list, scan
# files).
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/alone.sh"

if ! make -C "$TOP" -j2 static > "$T/build.log" 2>&1; then
	_notok "make static builds"
	diag "$(tail -20 "$T/build.log")"
	done_testing
	exit 0
fi
_ok "make static builds"
contains "make static says the size" "$T/build.log" "KiB, stripped"
diag "$(grep KiB "$T/build.log")"
bin="$TOP/build-static/vigie"
file -b "$bin" > "$T/file"
contains "statically linked" "$T/file" "statically linked"
ldd "$bin" > "$T/ldd" 2>&1
contains "no dynamic library at all" "$T/ldd" "not a dynamic executable"
contains "the static binary is stripped" "$T/file" ", stripped"

mkdir "$T/empty"
run env -i LD_LIBRARY_PATH="$T/empty" "$bin" respond capture --out "$T/cap" \
    --allow-same-disk test --steps clock,processes,network,sessions,system \
    --json
exit_is "captures with an empty environment" 0
is "the manifest says it ran from the static build" \
    "$(json_get "$T/cap/manifest.json" tool.static_build)" True
is "so does the summary" "$(json_get "$T/out" static_build)" True
run env -i LD_LIBRARY_PATH="$T/empty" "$bin" respond verify "$T/cap"
exit_is "the static binary verifies it" 0
run "$VIGIE" respond verify "$T/cap"
exit_is "and so does the ordinary build" 0
run env -i LD_LIBRARY_PATH="$T/empty" "$bin" --lang fr respond capture --help
exit_is "French help from the catalog built into the binary" 0
contains "in French" "$T/out" "Capturer les preuves"

# Copied alone onto the key, it still has its data (built in).
mkdir "$T/key"
cp "$bin" "$T/key/vigie"
alone_checks "$T/key/vigie" "static build"
done_testing
