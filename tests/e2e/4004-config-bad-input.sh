# 4004 — damaged and hostile input: truncated, mis-encoded or hostile
# gpresult XML, secedit INF and .reg files each give a clear error for
# that artifact while the other checks go on; broken check files stop the
# command with the file and line; odd Linux trees do not hang it.
. "$TOP/tests/e2e/lib.sh"
FX="$TOP/tests/e2e/4000-config-fixtures.py"
$PY "$FX" windows good-en good-en && $PY "$FX" windows good-fr good-fr ||
    { echo "not ok 1 - fixtures"; exit 1; }
status() { $PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get("id") == sys.argv[2]: print(o["status"])' "$1" "$2"; }

# ---- gpresult.xml with an entity bomb: refused, secedit answers ----
cp -r good-en bomb
$PY - bomb/gpresult.xml <<'PYEOF'
import sys
x = ('<?xml version="1.0"?>\n<!DOCTYPE Rsop [\n<!ENTITY a "aaaaaaaaaa">\n'
     + "".join('<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n'
               % (chr(98 + i), chr(97 + i), chr(97 + i), chr(97 + i),
                  chr(97 + i), chr(97 + i), chr(97 + i), chr(97 + i),
                  chr(97 + i), chr(97 + i), chr(97 + i)) for i in range(9))
     + ']>\n<Rsop xmlns="http://www.microsoft.com/GroupPolicy/Rsop">'
     '<ComputerResults><Name>&j;</Name></ComputerResults></Rsop>\n')
open(sys.argv[1], "wb").write(b"\xff\xfe" + x.encode("utf-16-le"))
PYEOF
run "$VIGIE" scan config --windows bomb
exit_is "entity bomb: the scan runs (exit 0)" 0
contains "entity bomb: gpresult refused, with the reason" "$T/out" \
    "gpresult.xml: ERROR gpresult.xml:2: a DOCTYPE is not accepted"
contains "entity bomb: other checks go on" "$T/out" "passed: 27"

# ---- truncated gpresult.xml, no secedit: policy checks in error -----
cp -r good-fr cut
$PY -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[1], "wb").write(d[:len(d) // 2 + 1])' cut/gpresult.xml
run "$VIGIE" scan config --windows cut --json
cp "$T/out" cut.json
exit_is "truncated gpresult: the scan runs, exit 2 for the checks in error" 2
is "truncated gpresult: WIN-PWD-01 in error" "$(status cut.json WIN-PWD-01)" error
contains "truncated gpresult: the line is named" cut.json '"detail":"gpresult.xml:'
is "truncated gpresult: registry checks go on" "$(status cut.json WIN-LSA-02)" pass
is "truncated gpresult: text checks go on" "$(status cut.json WIN-FW-01)" pass

# ---- secedit.inf cut in the middle of a line (and of a UTF-16 unit) --
cp -r good-en insec
$PY - insec/secedit.inf <<'PYEOF'
import sys
d = open(sys.argv[1], "rb").read()
i = d.find("MinimumPasswordLength".encode("utf-16-le"))
open(sys.argv[1], "wb").write(d[:i + 21])
PYEOF
run "$VIGIE" scan config --windows insec --json
cp "$T/out" insec.json
contains "cut secedit: error with file and line" insec.json \
    'secedit.inf:6: \"Key = Value\" expected'
is "cut secedit: gpresult answers instead" "$(status insec.json WIN-PWD-01)" pass
contains "cut secedit: and says local policy was not checked" insec.json \
    'not checked against the local policy: secedit.inf:6'

# ---- an empty secedit.inf and a junk one ----------------------------
cp -r good-en empty && : > empty/secedit.inf
run "$VIGIE" scan config --windows empty
contains "empty secedit: named" "$T/out" "secedit.inf: no [section] found"
head -c 3000 /dev/urandom > empty/secedit.inf
run "$VIGIE" scan config --windows empty
exit_is "junk secedit: the scan runs" 0
contains "junk secedit: an error for it" "$T/out" "secedit.inf: ERROR"

# ---- .reg files: wrong value type, truncated continuation, junk ----
cp -r good-en badreg
$PY - badreg/reg <<'PYEOF'
import os, sys
d = sys.argv[1]
# Latin-1 text where Windows writes UTF-16, with a typo in a type.
open(os.path.join(d, "wdigest.reg"), "wb").write(
    b"Windows Registry Editor Version 5.00\r\n\r\n"
    b"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\"
    b"SecurityProviders\\WDigest]\r\n"
    b"\"Comment\"=\"s\xe9curit\xe9\"\r\n\"UseLogonCredential\"=dwrd:0\r\n")
# Cut after a continuation line.
p = os.path.join(d, "lanmanserver.reg")
t = open(p, "rb").read().decode("utf-16")
cut = t[:t.index("\\\r\n") + 3]
open(p, "wb").write(b"\xff\xfe" + cut.encode("utf-16-le"))
# Fixed junk (not random: random bytes may start with a UTF-16 mark).
open(os.path.join(d, "zz-junk.reg"), "wb").write(
    b"\x01junk" + bytes((i * 37 + 11) % 251 for i in range(700)))
PYEOF
run "$VIGIE" scan config --windows badreg --json
cp "$T/out" badreg.json
exit_is "damaged .reg files: the scan runs, exit 2 for the checks in error" 2
contains "wrong type: file and line" badreg.json \
    "reg/wdigest.reg:5: unknown value type for 'UseLogonCredential'"
contains "truncated continuation: said" badreg.json \
    'reg/lanmanserver.reg:6: the file ends inside a continued value (truncated?)'
contains "junk .reg: not a .reg file" badreg.json 'reg/zz-junk.reg:1: not a .reg file'
is "value lost in a damaged file: error, not a pass" "$(status badreg.json WIN-LSA-01)" error
contains "value lost in a damaged file: said" badreg.json \
    'WDigest cannot be told: reg/wdigest.reg is damaged'
is "value also in secedit: answered from it" "$(status badreg.json WIN-LSA-02)" pass
is "value read before the damage is used" "$(status badreg.json WIN-SMB-01)" pass
is "other files go on" "$(status badreg.json WIN-RDP-01)" pass

# ---- a command output that is garbage: the registry answers ---------
cp -r good-en junktxt
head -c 4000 /dev/urandom > junktxt/firewall.txt
run "$VIGIE" scan config --windows junktxt --json
cp "$T/out" junktxt.json
is "junk netsh output: the registry answers" "$(status junktxt.json WIN-FW-01)" pass

# ---- broken check files stop the command with file and line --------
mkdir checks
cp "$TOP/rules/checks/checks.rng" checks/
cp "$TOP/rules/checks/linux.xml" checks/
run "$VIGIE" scan config --checks checks --list
exit_is "a copy of the checks loads" 0
sed 's/id="LIN-SSH-01"/id="LIN-SSH-02"/' "$TOP/rules/checks/linux.xml" > checks/linux.xml
run "$VIGIE" scan config --checks checks --list
exit_is "duplicate ID: exit 2" 2
contains "duplicate ID: both places named" "$T/err" "check LIN-SSH-02 is already defined in"
sed 's/pattern="\^\[\^#\]\*NOPASSWD"/pattern="([unclosed"/' "$TOP/rules/checks/linux.xml" > checks/linux.xml
run "$VIGIE" scan config --checks checks --root .
exit_is "bad regular expression: exit 2" 2
contains "bad regular expression: named" "$T/err" "check LIN-SUDO-01: <regex>: bad regular expression in pattern"
sed 's/<keyvalue files="\/etc\/ufw/<keyvalues files="\/etc\/ufw/; s/missing="fail"\/>/missing="fail"\/>/' "$TOP/rules/checks/linux.xml" > checks/linux.xml
run "$VIGIE" scan config --checks checks --list
exit_is "unknown element: exit 2" 2
contains "unknown element: file and line" "$T/err" "checks/linux.xml:"
printf '<?xml version="1.0"?>\n<!DOCTYPE checks SYSTEM "file:///etc/passwd">\n<checks/>\n' > checks/linux.xml
run "$VIGIE" scan config --checks checks --list
exit_is "DOCTYPE in a check file: exit 2" 2
contains "DOCTYPE in a check file: refused" "$T/err" "a DOCTYPE is not accepted"
head -c 300 "$TOP/rules/checks/linux.xml" > checks/linux.xml
run "$VIGIE" scan config --checks checks --list
exit_is "truncated check file: exit 2" 2
contains "truncated check file: file and line" "$T/err" "checks/linux.xml:"

# ---- usage ---------------------------------------------------------
run "$VIGIE" scan config --root / --windows good-en
exit_is "two targets: exit 2" 2
is "two targets: one line" "$(wc -l < "$T/err" | tr -d ' ')" 1
run "$VIGIE" scan config --windows
exit_is "missing argument: exit 2" 2
run "$VIGIE" scan config extra
exit_is "unexpected argument: exit 2" 2
run "$VIGIE" scan config --windows "$T/none"
exit_is "no such folder: exit 2" 2
contains "no such folder: said" "$T/err" "not a folder of collected artifacts"

# ---- odd Linux trees: a FIFO, a directory for a file, a link loop ---
mkdir -p odd/etc/ssh odd/etc/shadow odd/usr/loop odd/var/lib/dpkg
mkfifo odd/etc/ssh/sshd_config
ln -s ../loop odd/usr/loop/again
: > odd/var/lib/dpkg/status
d=odd/usr/deep; i=0
while [ $i -lt 60 ]; do d=$d/d; i=$((i + 1)); done
mkdir -p "$d" && : > "$d/f" && chmod 666 "$d/f"
run "$VIGIE" scan config --root odd --json
ok "odd tree: the scan ends" test "$rc" -le 1
cp "$T/out" odd.json
is "shadow is a directory: error" "$(status odd.json LIN-ACC-01)" error
contains "shadow is a directory: said" odd.json '/etc/shadow: not a regular file'
done_testing
