# tests/e2e/lib.sh — helpers for end-to-end scripts, sourced by each
# tests/e2e/NNNN-name.sh. Scripts print TAP ("ok N - what" / "not ok N -
# what"); tests/run counts them. The runner sets TOP (source tree), VIGIE
# (the binary under test), T (a fresh temporary folder, the current
# directory) and BUILD.
#
# Every script gets a private HOME, database and English locale, so
# nothing of the developer's own set-up leaks in.

set -u
: "${TOP:?run through tests/run}" "${VIGIE:?}" "${T:?}"
export HOME="$T/home" VIGIE_DB="$T/vigie.db"
mkdir -p "$HOME"
unset XDG_DATA_HOME LANGUAGE LC_ALL LC_MESSAGES VIGIE_DATA NO_COLOR \
    VIGIE_LOCALEDIR 2>/dev/null
export LANG=C.UTF-8
_n=0

_ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
_notok() { _n=$((_n + 1)); echo "not ok $_n - $1"; }
# diag TEXT: a comment line shown when the test fails
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# run CMD...: run it, keeping stdout in $T/out, stderr in $T/err and
# the exit status in $rc. Never fails the script by itself.
run() {
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
	return 0
}
out() { cat "$T/out"; }
err() { cat "$T/err"; }

# is WHAT GOT EXPECTED
is() {
	if [ "$2" = "$3" ]; then _ok "$1"; else
		_notok "$1"; diag "got:      $2" "expected: $3"; fi
}
# ok WHAT CMD...: passes when CMD exits 0
ok() {
	what=$1; shift
	if "$@"; then _ok "$what"; else _notok "$what"; diag "command: $*"; fi
}
# exit_is WHAT CODE: the last run's exit status
exit_is() {
	if [ "$rc" = "$2" ]; then _ok "$1"; else
		_notok "$1"; diag "exit status $rc, expected $2" \
		    "stdout: $(head -c 600 "$T/out")" \
		    "stderr: $(head -c 600 "$T/err")"; fi
}
# contains WHAT FILE TEXT / lacks WHAT FILE TEXT (fixed strings). The
# French no-break spaces (U+00A0, U+202F: docs/french.md) match a plain
# space, so that expectations stay readable; 0008 checks the typography.
_nbsp() { sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' "$@"; }
contains() {
	if _nbsp "$2" | grep -qF -- "$(printf '%s' "$3" | _nbsp)"; then
		_ok "$1"; else
		_notok "$1"; diag "'$3' not found in $2:" \
		    "$(head -c 800 "$2")"; fi
}
lacks() {
	if _nbsp "$2" | grep -qF -- "$(printf '%s' "$3" | _nbsp)"; then
		_notok "$1"; diag "'$3' found in $2:" "$(grep -F -- "$3" "$2" | head -5)"
	else _ok "$1"; fi
}
# skip WHAT REASON: counted apart from passes, with the reason
skip() { _n=$((_n + 1)); echo "ok $_n - $1 # SKIP $2"; }
# jq-free JSON checks go through python3 from Debian (always present)
PY=/usr/bin/python3
json_get() { $PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print(d if not isinstance(d,(dict,list)) else json.dumps(d))' "$@"; }
done_testing() { echo "1..$_n"; }
