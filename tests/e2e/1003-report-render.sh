# 1003 — the report as its readers get it: the HTML page rendered to PNG
# and printed to PDF by headless Chromium, the ODT read back by odt2txt,
# Markdown and JSON; every file private (0600); the text in French.
. "$TOP/tests/e2e/lib.sh"

# Two assessments, so that the report shows the progress.
run "$VIGIE" assess --template
cp "$T/out" tpl.json
for n in 1 2; do
	$PY - $n <<'EOF'
import json, sys
n = int(sys.argv[1])
d = json.load(open("tpl.json"))
d["commune"] = "Montigny-sur-Loing"
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
d["context"]["C-PROVIDER"] = "epci"
for i, k in enumerate(sorted(d["answers"])):
    levels = [v for v in d["allowed"][k] if isinstance(v, int)]
    d["answers"][k] = levels[(i * 7 + n) % len(levels)]
d["answers"]["BAK-2"] = "dk"
d["answers"]["ACC-4"] = 0 if n == 1 else 3
json.dump(d, open("a%d.json" % n, "w"))
EOF
	run "$VIGIE" assess --answers a$n.json
	exit_is "assessment $n recorded" 0
done
"$VIGIE" profile set it_provider.name "Service numérique de la CC" >/dev/null
"$VIGIE" profile set mayor.phone "02 99 00 00 00" >/dev/null

export LANG=fr_FR.UTF-8
for f in html odt md json; do
	run "$VIGIE" report --format $f -o report.$f
	exit_is "report.$f written" 0
	ok "report.$f is not empty" test -s report.$f
	is "report.$f is private" "$(stat -c %a report.$f)" 600
done
run "$VIGIE" report --assessment 1 -o first.html
exit_is "an older assessment by number" 0
run "$VIGIE" report --assessment 99 -o none.html
exit_is "an unknown assessment: exit 2" 2
contains "an unknown assessment: said" "$T/err" "99"
run "$VIGIE" report -o report.docx
exit_is "an unknown format: usage error" 2

# Markdown and JSON: the content.
contains "md: French title" report.md "Cybersécurité de la mairie"
contains "md: the commune" report.md "Montigny-sur-Loing"
contains "md: results by domain" report.md "Résultats par domaine"
contains "md: the plan" report.md "Commencez par ces mesures"
contains "md: find-out tasks addressed by the context" report.md \
    "le service informatique de l'intercommunalité (Service numérique de la CC))"
contains "md: progress since last time" report.md \
    "Évolution depuis la dernière évaluation"
contains "md: the improved answer" report.md "Réponses en progrès"
contains "md: a place to sign" report.md "Le maire (nom et signature)"
is "json: previous assessment" "$(json_get report.json previous.id)" 1
is "json: ACC-4 improved" \
    "$($PY -c 'import json; print([c["question"] for c in json.load(open("report.json"))["previous"]["improved"]].count("ACC-4"))')" 1

# ODT read back by a real reader.
odt2txt --encoding=UTF-8 report.odt > odt.txt 2>odt.err
ok "odt2txt reads the report" test -s odt.txt
contains "odt: title" odt.txt "Cybersécurité de la mairie"
contains "odt: a domain" odt.txt "Sauvegardes"
contains "odt: the plan" odt.txt "Plan d'action"
contains "odt: a measure" odt.txt "Première étape"
contains "odt: the contacts" odt.txt "02 99 00 00 00"

# HTML: self-contained, rendered by Chromium.
lacks "html: no external reference" report.html 'src="http'
lacks "html: no external style sheet" report.html '<link'
contains "html: inline SVG chart" report.html "<svg"
if command -v chromium >/dev/null 2>&1; then
	chrome() {
		timeout 120 chromium --headless --no-sandbox --disable-gpu \
		    --disable-quic --no-first-run \
		    --disable-background-networking \
		    --disable-component-update --disable-sync \
		    --user-data-dir="$T/chrome" "$@" > "$T/chrome.log" 2>&1
	}
	chrome --screenshot="$T/report.png" --window-size=1240,1754 \
	    "file://$T/report.html"
	size=$($PY - "$T/report.png" <<'EOF'
import struct, sys
try:
    b = open(sys.argv[1], 'rb').read(24)
    print('%dx%d' % struct.unpack('>II', b[16:24]) if b[:8] ==
          b'\x89PNG\r\n\x1a\n' else '')
except OSError:
    print('')
EOF
)
	is "html: rendered to a 1240x1754 PNG" "$size" 1240x1754
	bytes=$(stat -c %s "$T/report.png" 2>/dev/null || echo 0)
	ok "html: the PNG has content ($bytes bytes)" test "$bytes" -gt 30000
	chrome --no-pdf-header-footer --print-to-pdf="$T/report.pdf" \
	    "file://$T/report.html"
	ok "html: prints to PDF" test -s "$T/report.pdf"
	if command -v pdftotext >/dev/null 2>&1; then
		pdfinfo report.pdf > pdf.info 2>&1
		contains "pdf: A4 pages" pdf.info "(A4)"
		pdftotext -layout report.pdf report.txt 2>/dev/null
		contains "pdf: the printed page keeps the plan" report.txt \
		    "Plan d'action"
	else
		skip "pdf: A4 pages" "pdftotext (poppler-utils) not installed"
		skip "pdf: the printed page keeps the plan" \
		    "pdftotext (poppler-utils) not installed"
	fi
else
	skip "html: rendered by Chromium" "chromium not installed"
fi

# The blank paper form.
run "$VIGIE" assess --print-form -o form.odt
exit_is "form: odt written" 0
odt2txt --encoding=UTF-8 form.odt > form.txt 2>/dev/null
contains "form: a question" form.txt "Une copie de la sauvegarde"
contains "form: don't know offered" form.txt "Je ne sais pas"
run "$VIGIE" assess --print-form --quick
exit_is "form: quick, markdown on stdout" 0
contains "form: quick has the backup question" "$T/out" "sauvegardées"
lacks "form: quick leaves the others out" "$T/out" "schéma simple du réseau"
run "$VIGIE" assess --print-form --format odt
exit_is "form: odt needs a file" 2
done_testing
