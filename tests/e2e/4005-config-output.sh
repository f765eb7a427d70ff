# 4005 — scan config output: --list, --verbose, --json fields, no index
# when nothing can be evaluated, and a check added as data (no
# recompilation) that runs like the shipped ones.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" scan config --list
exit_is "--list: exit 0" 0
contains "--list: Linux checks" "$T/out" "LIN-SSH-01"
contains "--list: Windows checks" "$T/out" "WIN-FW-01"
mkdir empty
run "$VIGIE" scan config --list --windows empty
lacks "--list for a Windows target: no Linux check" "$T/out" "LIN-"
run "$VIGIE" scan config --list --json
$PY -c 'import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    assert sorted(o) == ["anssi", "cis", "id", "platform", "severity", "title"], o
    assert o["anssi"] and o["cis"], o' "$T/out"
ok "--list --json: id, platform, severity, title, anssi, cis" test $? = 0

# Nothing collected: every check "skip", no index.
run "$VIGIE" scan config --windows empty --json
exit_is "empty folder: exit 0" 0
$PY -c 'import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
for o in lines[:-1]:
    assert sorted(o)[:6] == ["anssi", "cis", "detail", "id", "platform", "remediation"], o
    assert o["status"] == "skip", o
s = lines[-1]["summary"]
assert s["index"] is None and s["skip"] == s["checks"] and s["checks"] > 20, s
assert "reg/*.reg: not collected" in s["artifacts"], s' "$T/out"
ok "empty folder: every check skipped, index null, artifacts listed" test $? = 0
run "$VIGIE" scan config --windows empty
contains "empty folder: no index in the text" "$T/out" \
    "Hardening index: none (no check could be evaluated)"
contains "empty folder: says what was not collected" "$T/out" \
    "secedit.inf: not collected"

# A check written as data, in its own folder, without recompiling.
mkdir -p mine root/etc
cp "$TOP/rules/checks/checks.rng" mine/
cat > mine/commune.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checks>
  <check id="COM-MOTD-01" severity="low" platform="linux">
    <title xml:lang="fr">Bannière de connexion de la mairie</title>
    <title xml:lang="en">Town-hall login banner</title>
    <rationale xml:lang="fr">Rappelle que l'accès est réservé.</rationale>
    <rationale xml:lang="en">Reminds that access is restricted.</rationale>
    <remediation xml:lang="fr">Écrire « Accès réservé » dans /etc/issue.net.</remediation>
    <remediation xml:lang="en">Write "Restricted access" in /etc/issue.net.</remediation>
    <anssi>2</anssi>
    <cis>4.1</cis>
    <test>
      <regex files="/etc/issue.net" pattern="(réservé|restricted)"
          icase="yes" expect="present" missing="fail"/>
    </test>
  </check>
</checks>
XML
run "$VIGIE" scan config --checks mine --root root --json
exit_is "custom check fails on a tree without banner: exit 1" 1
contains "custom check: its result" "$T/out" '"id":"COM-MOTD-01","status":"fail"'
echo "Accès réservé aux agents" > root/etc/issue.net
run "$VIGIE" scan config --checks mine --root root -v
exit_is "custom check passes with the banner: exit 0" 0
contains "--verbose: details of passed checks" "$T/out" \
    "/etc/issue.net:1: Accès réservé aux agents"
contains "index of one check" "$T/out" "Hardening index: 100/100"
run "$VIGIE" --lang fr scan config --checks mine --root root
contains "custom check in French" "$T/out" "Bannière de connexion de la mairie"

run "$VIGIE" scan config --help
contains "--help names the Windows volume option" "$T/out" "--windows-root MOUNT"
contains "--help names the JSON fields" "$T/out" "id, status, severity"
done_testing
