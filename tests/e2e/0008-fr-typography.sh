# 0008 — French typography (docs/french.md): every French string of the
# catalogs (msgstr of po/*.fr.po) and of rules/ (xml:lang="fr" texts, read
# with a real XML parser, not tools/fr-typo's regexes) has a no-break
# space U+00A0 before « : ; ? ! » and inside « »; tools/fr-typo fixes a
# planted fault and is idempotent.
. "$TOP/tests/e2e/lib.sh"

scan() { $PY - "$1" <<'PYEOF'
import glob, re, sys, xml.etree.ElementTree as ET
top = sys.argv[1]
L = "{http://www.w3.org/XML/1998/namespace}lang"
texts = []
for f in sorted(glob.glob(top + "/po/*.fr.po")):
    cur, inside = [], False
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        if line.startswith("msgstr"):
            inside = True
        elif not line.startswith('"'):
            inside = False
        if inside:
            s = line.partition('"')[2].rstrip().rstrip('"')
            texts.append(("%s:%d" % (f[len(top) + 1:], n), s))
for f in sorted(glob.glob(top + "/rules/**/*.xml", recursive=True)):
    for e in ET.parse(f).getroot().iter():
        if e.get(L) == "fr":
            texts.append((f[len(top) + 1:], "".join(e.itertext())))
bad = []
for where, t in texts:
    for m in re.finditer(r"\S([ \u202f]+)[:;?!]", t):
        bad.append((where, t[max(0, m.start() - 12):m.end() + 2]))
    for m in re.finditer(r"«(?!\u00a0)|(?<!\u00a0)»", t):
        bad.append((where, t[max(0, m.start() - 12):m.end() + 12]))
print("\n".join("%s: %r" % b for b in bad[:20]) if bad else "ok")
print("strings:", len(texts), file=sys.stderr)
PYEOF
}

is "every French string follows the convention" "$(scan "$TOP" 2>/dev/null)" ok
n=$(scan "$TOP" 2>&1 >/dev/null | sed 's/strings: //')
ok "the scan read many strings ($n)" test "$n" -gt 2000

# The tool on a copy: a planted fault is found, fixed, then nothing left.
mkdir -p copy/po copy/rules/x copy/tools
cp "$TOP/tools/fr-typo" copy/tools/
printf 'msgid "Ready: %%s?"\nmsgstr "Prêt : %%s ? « oui »"\n' > copy/po/t.fr.po
printf '<r><t xml:lang="fr">Attention ; voir «ici» : <b>08:10</b> !</t><t xml:lang="en">Stop : here</t></r>\n' \
    > copy/rules/x/t.xml
run $PY copy/tools/fr-typo --check copy
exit_is "--check finds the planted faults" 1
run $PY copy/tools/fr-typo copy
exit_is "the tool rewrites" 0
is "po: msgstr fixed, msgid left" "$(sed -n 2p copy/po/t.fr.po)" \
    "msgstr \"Prêt : %s ? « oui »\""
is "xml: French text fixed, tags and time and English left" \
    "$(cat copy/rules/x/t.xml)" \
    '<r><t xml:lang="fr">Attention ; voir « ici » : <b>08:10</b> !</t><t xml:lang="en">Stop : here</t></r>'
run $PY copy/tools/fr-typo copy
is "a second run changes nothing (idempotent)" "$(cat "$T/out")" ""
run $PY copy/tools/fr-typo --check copy
exit_is "--check is clean afterwards" 0
done_testing
