# 5007 — the static binary never runs the examined machine's code: no
# NSS module (getpwuid() on a file of an unknown owner would make glibc
# dlopen libnss_systemd.so.2 and its dependencies), no gconv module, no
# OpenSSL provider named by openssl.cnf. Capture quick, full and
# `scan files` run under strace on a tree holding a file owned by a uid
# no passwd file knows; the test fails on
#   - an open of a .so the way glibc's loader opens it (O_RDONLY|O_CLOEXEC
#     without O_NOATIME: evidence reads carry O_NOATIME; libyara's check
#     of a process's mapped files opens them O_RDONLY alone), or
#   - any file mapped executable (a static binary has no reason to).
# OPENSSL_CONF points at a configuration loading a provider from $T: an
# OpenSSL that read it would open that .so.
. "$TOP/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v strace > /dev/null; then
	skip "static binary loads no library" "needs root (chown) and strace"
	done_testing
	exit 0
fi
if ! make -C "$TOP" -j2 static > "$T/build.log" 2>&1; then
	_notok "make static builds"
	diag "$(tail -20 "$T/build.log")"
	done_testing
	exit 0
fi
bin="$TOP/build-static/vigie"

# An unknown owner, in the scanned tree and in /tmp (the capture lists
# /tmp and its YARA step scans what was listed).
mkdir -p "$T/tree" "$T/evil"
echo 'no owner in /etc/passwd' > "$T/tree/orphan.txt"
chown 54321:54322 "$T/tree/orphan.txt"
grep -q '^[^:]*:[^:]*:54321:' /etc/passwd && diag "uid 54321 exists here"
cat > "$T/evil/openssl.cnf" <<CNF
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
evil = evil_sect
default = default_sect
[evil_sect]
module = $T/evil/libevil.so
activate = 1
[default_sect]
activate = 1
CNF

# check TRACE WHAT: no library loaded in TRACE
check() {
	$PY - "$1" > "$T/loaded" <<'PY'
import re, sys
fds = {}
bad = []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r'(\d+)\s+openat\([^,]+, "([^"]*)", ([A-Z_|]+)[^=]*= (\d+)', line)
    if m:
        pid, path, flags, fd = m.groups()
        fds[(pid, fd)] = path
        fl = set(flags.split("|"))
        if re.search(r'\.so(\.\d+)*$', path) and "O_NOATIME" not in fl \
                and "O_CLOEXEC" in fl and "O_WRONLY" not in fl:
            bad.append("opened like a library: " + line.strip())
        continue
    m = re.match(r'(\d+)\s+openat\([^,]+, "([^"]*)", ([A-Z_|]+)', line)
    if m and re.search(r'\.so(\.\d+)*$', m.group(2)) and \
            "O_NOATIME" not in m.group(3) and "O_CLOEXEC" in m.group(3):
        bad.append("tried like a library: " + line.strip())
    m = re.match(r'(\d+)\s+mmap\([^,]+, \d+, ([A-Z_|]+), [A-Z_|]+, (\d+),', line)
    if m and "PROT_EXEC" in m.group(2):
        bad.append("mapped executable: %s (%s)" % (
            fds.get((m.group(1), m.group(3)), "?"), line.strip()))
for b in bad: print(b)
PY
	if ! grep -q 'openat(' "$1"; then
		_notok "$2"
		diag "no trace: $(head -3 "$T/err")"
	elif [ -s "$T/loaded" ]; then
		_notok "$2"
		diag "$(head -8 "$T/loaded")"
	else
		_ok "$2"
	fi
}

cd "$T"
trace() {
	timeout 600 env -i HOME="$T/home" VIGIE_DB="$T/vigie.db" \
	    OPENSSL_CONF="$T/evil/openssl.cnf" LD_LIBRARY_PATH="$T/evil" \
	    "$(command -v strace)" -f -qq -o "$T/trace" \
	    -e trace=openat,open,mmap "$bin" "$@" > "$T/out" 2> "$T/err"
	rc=$?
}

trace scan files "$T/tree"
is "scan files on a file of unknown owner ends normally" "$rc" 0
check "$T/trace" "scan files loads no library"
cat > "$T/owner.yar" <<'YAR'
rule unknown_owner { condition: owner == "54321" }
rule root_owner { condition: owner == "root" }
YAR
chown root "$T/owner.yar"
trace scan files --no-iocs --no-cache --rules "$T/owner.yar" "$T/tree" \
    "$T/owner.yar"
contains "an owner no passwd file knows is given by number" "$T/out" \
    unknown_owner
contains "a known one by the name in /etc/passwd" "$T/out" root_owner

trace respond capture --out "$T/quick" --allow-same-disk test --json
exit_is "capture quick ends normally" 0
check "$T/trace" "capture quick loads no library"

cp "$T/tree/orphan.txt" /tmp/vigie-5007-orphan.$$
chown 54321 /tmp/vigie-5007-orphan.$$
trace respond capture --out "$T/full" --allow-same-disk test \
    --profile full --time-limit 300 --json
rm -f /tmp/vigie-5007-orphan.$$
exit_is "capture full ends normally" 0
check "$T/trace" "capture full loads no library"
is "its YARA step finished" \
    "$(json_get "$T/full/manifest.json" steps.8.status)" ok
done_testing
