# 1002 — questionnaire files: another questionnaire loads without
# recompiling (--questionnaire); broken ones are refused with the file,
# the line and the cause; hostile XML (entities, entity bombs, network
# references, invalid UTF-8) is refused before anything is read.
. "$TOP/tests/e2e/lib.sh"

cat > mini.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<questionnaire id="mini" version="0.1">
  <title xml:lang="fr">Mini</title>
  <domain id="BAK">
    <name xml:lang="fr">Sauvegardes</name>
    <name xml:lang="en">Backups</name>
    <question id="B-1" weight="3" measure="M-B-1" quick="yes">
      <text xml:lang="fr">Une sauvegarde existe-t-elle ?</text>
      <text xml:lang="en">Is there a backup?</text>
      <why xml:lang="fr">Pour repartir.</why>
      <choice level="0"><label xml:lang="fr">Non</label></choice>
      <choice level="2"><label xml:lang="fr">Parfois</label></choice>
      <choice level="4"><label xml:lang="fr">Oui, vérifiée</label></choice>
    </question>
  </domain>
  <measures>
    <measure id="M-B-1" priority="1" who="provider" effort="days" cost="1">
      <title xml:lang="fr">Sauvegarder</title>
      <why xml:lang="fr">Parce que.</why>
      <step xml:lang="fr">Acheter un disque.</step>
    </measure>
  </measures>
</questionnaire>
EOF
run "$VIGIE" assess --questionnaire mini.xml --template
exit_is "another questionnaire: template" 0
is "another questionnaire: its id" "$(json_get "$T/out" questionnaire)" mini
is "another questionnaire: its question" "$(json_get "$T/out" allowed.B-1)" \
    '[0, 2, 4, "dk"]'
printf '{"questionnaire": "mini", "answers": {"B-1": 2}}' > mini.json
run "$VIGIE" assess --questionnaire mini.xml --answers mini.json --json
exit_is "another questionnaire: answers recorded" 0
is "another questionnaire: scored" "$(json_get "$T/out" score.domains.0.level)" 2
run "$VIGIE" --lang fr report --format md
contains "another questionnaire: the report shows its question" "$T/out" \
    "Une sauvegarde existe-t-elle"

# Broken questionnaires: FILE:LINE: cause.
sed 's/weight="3"/weight="9"/' mini.xml > weight.xml
run "$VIGIE" assess --questionnaire weight.xml --template
exit_is "bad weight: exit 2" 2
contains "bad weight: file and line" "$T/err" "weight.xml:7:"
sed 's/<why xml:lang="fr">Pour repartir.<\/why>//' mini.xml > nowhy.xml
run "$VIGIE" assess --questionnaire nowhy.xml --template
exit_is "missing help text: exit 2" 2
contains "missing help text: file and line" "$T/err" "nowhy.xml:11:"
sed 's/measure="M-B-1" quick/measure="M-B-2" quick/' mini.xml > measure.xml
run "$VIGIE" assess --questionnaire measure.xml --template
exit_is "unknown measure: exit 2" 2
contains "unknown measure: said" "$T/err" \
    "measure.xml:7: question 'B-1' names measure 'M-B-2'"
sed 's/Pour repartir./Pour {repartir}./' mini.xml > term.xml
run "$VIGIE" assess --questionnaire term.xml --template
exit_is "unknown term: exit 2" 2
contains "unknown term: said" "$T/err" "term.xml:7: unknown term {repartir}"
head -c 700 mini.xml > cut.xml
run "$VIGIE" assess --questionnaire cut.xml --template
exit_is "truncated file: exit 2" 2
contains "truncated file: named" "$T/err" "cut.xml:"
run "$VIGIE" assess --questionnaire missing.xml --template
exit_is "missing file: exit 2" 2
contains "missing file: named" "$T/err" "missing.xml"

# Hostile XML.
cat > xxe.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE questionnaire [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<questionnaire id="x" version="1"><title xml:lang="fr">&x;</title>
</questionnaire>
EOF
cat > bomb.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE q [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<q>&d;&d;&d;&d;&d;&d;&d;&d;</q>
EOF
# a network reference to a server of the test's own: nothing may come
$PY - > net.port <<'EOF' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1]); sys.stdout.flush()
s.settimeout(5)
try:
    c, _ = s.accept(); print("CONNECTED"); sys.stdout.flush()
except Exception:
    pass
EOF
srv=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s net.port ] && break; sleep 0.2; done
port=$(head -1 net.port)
cat > net.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE questionnaire SYSTEM "http://127.0.0.1:$port/q.dtd">
<questionnaire id="x" version="1"/>
EOF
for f in xxe bomb net; do
	run "$VIGIE" assess --questionnaire $f.xml --template
	exit_is "$f: refused" 2
	contains "$f: the DOCTYPE is named as the cause" "$T/err" \
	    "$f.xml:2: a DOCTYPE is not accepted"
	lacks "$f: nothing of /etc/passwd" "$T/out" "root:"
done
kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null
lacks "net: no connection was made" net.port CONNECTED
$PY -c 'import sys; d=open("mini.xml","rb").read(); sys.stdout.buffer.write(d.replace(b"Pour repartir", b"Pour \xff\xfe repartir"))' > utf8.xml
run "$VIGIE" assess --questionnaire utf8.xml --template
exit_is "invalid UTF-8: refused" 2
contains "invalid UTF-8: file and line" "$T/err" "utf8.xml:10:"
done_testing
