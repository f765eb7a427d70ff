# 6050 — the report, the dossier and the emergency sheet as PDF, laid
# out by Pango and cairo (lib/doc-pdf.c): poppler reads them back
# (pdfinfo: A4, page counts; pdftotext: the French text, whole words in
# table headers, accents, « », phone numbers on one line); the signature
# block stays with the text before it; each page is rendered to PNG in
# $BUILD/test-png/6050/ for a person to look at. The ODT report,
# converted by LibreOffice, has whole words in its table headers.
. "$TOP/tests/e2e/lib.sh"

for t in pdfinfo pdftotext pdftoppm; do
	if ! command -v $t > /dev/null; then
		skip "PDF read back" "poppler-utils missing"
		done_testing
		exit 0
	fi
done
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
png="$BUILD/test-png/6050"
rm -rf "$png"
mkdir -p "$png"

# Two assessments: the report compares them (radar outline, marks).
run "$VIGIE" assess --template
cp "$T/out" tpl.json
for n in 1 2; do
	$PY - $n <<'PYEOF'
import json, sys
n = int(sys.argv[1])
d = json.load(open("tpl.json"))
d["commune"] = "Saint-Étienne-du-Rouvray"
for k in d["context"]:
    d["context"][k] = d["allowed"][k][0]
for i, k in enumerate(sorted(d["answers"])):
    levels = [v for v in d["allowed"][k] if isinstance(v, int)]
    d["answers"][k] = levels[(i * 5 + n) % len(levels)]
json.dump(d, open("a%d.json" % n, "w"))
PYEOF
	run "$VIGIE" assess --answers a$n.json
	exit_is "assessment $n recorded" 0
done
"$VIGIE" profile set mayor.phone "02 33 44 55 66" > /dev/null
"$VIGIE" profile set mayor.name "Élise Lefèvre-Dupont" > /dev/null
"$VIGIE" profile set epci.name "Métropole Rouen Normandie" > /dev/null

export LANG=fr_FR.UTF-8
# From the file name and with --format.
run "$VIGIE" report -o rapport.pdf
exit_is "report: .pdf name gives a PDF" 0
run "$VIGIE" report --dossier --format pdf -o dossier.pdf
exit_is "dossier: --format pdf" 0
run "$VIGIE" respond sheet -o fiche.pdf
exit_is "sheet: .pdf name gives a PDF" 0
for f in rapport dossier fiche; do
	is "$f.pdf is private" "$(stat -c %a $f.pdf)" 600
	pdfinfo $f.pdf > $f.info 2>&1
	contains "$f.pdf: A4" $f.info "pts (A4)"
	pdftotext -layout $f.pdf $f.txt
	pdftoppm -r 60 -png $f.pdf "$png/$f"
done
pages() { sed -n 's/^Pages: *//p' "$1"; }
ok "sheet: one page" [ "$(pages fiche.info)" = 1 ]
ok "report: several pages" [ "$(pages rapport.info)" -ge 5 ]
ok "dossier: several pages" [ "$(pages dossier.info)" -ge 3 ]
is "every page rendered to PNG" "$(ls "$png" | wc -l)" \
    $(( $(pages fiche.info) + $(pages rapport.info) + $(pages dossier.info) ))

contains "report: French title with accents" rapport.txt \
    "Cybersécurité de la mairie"
contains "report: the commune" rapport.txt "Saint-Étienne-du-Rouvray"
contains "report: guillemets with no-break spaces" rapport.txt \
    "« Je ne sais pas »"
contains "report: radar caption" rapport.txt "Les mêmes niveaux en radar"
for w in Domaine Niveau Réponses Certitude Remarque; do
	grep -q "\b$w\b" rapport.txt
	ok "report: the header '$w' is one word" [ $? = 0 ]
done
lacks "report: no header cut with a hyphen" rapport.txt "Répons-"
# Help beyond vigie (rules/contacts/help.xml): who, and the commune's own.
pdftotext rapport.pdf - | tr '\n' ' ' > flat.txt
contains "report: help near her" flat.txt "Se faire aider près de chez vous"
contains "report: the Gendarmerie's pre-diagnostic" flat.txt \
    "pré-diagnostic cyber de la Gendarmerie"
contains "report: an Aidant cyber" flat.txt "Aidant cyber de MonAideCyber"
contains "report: her intercommunality from the profile" flat.txt \
    "Pour vous : Métropole Rouen Normandie"
contains "report: each entry's source and date" flat.txt "Source : ANSSI"
if command -v xmllint > /dev/null; then
	xmllint --noout --relaxng "$TOP/rules/contacts/help.rng" \
	    "$TOP/rules/contacts/help.xml" 2> xmllint.err
	ok "help.xml follows help.rng (xmllint)" [ $? = 0 ]
fi
contains "dossier: the commune" dossier.txt "Saint-Étienne-du-Rouvray"
contains "dossier: the radar too" dossier.txt "Les mêmes niveaux en radar"
lacks "dossier: no ISO date in its first sentence" dossier.txt \
    "Rouvray, $(date -u +%Y-%m-%d)"
contains "sheet: the title" fiche.txt "En cas de cyberattaque"
nb=$(printf '\302\240')
grep -q "02[ $nb]33[ $nb]44[ $nb]55[ $nb]66" fiche.txt
ok "sheet: the phone number on one line" [ $? = 0 ]
contains "sheet: the mayor's name" fiche.txt "Élise Lefèvre-Dupont"

# The signature block is never alone on the last page: its heading, its
# lines and the paragraph before it share a page.
last=$(pages rapport.info)
pdftotext -f "$last" -l "$last" rapport.pdf last.txt
contains "last page: the signature line" last.txt "Le maire (nom et signature)"
contains "last page: its heading too" last.txt "Vu et approuvé"
ok "last page: more than the signature block" [ "$(grep -c . last.txt)" -ge 6 ]

# The sheet without -o: as text on the terminal; a PDF there: refused.
run "$VIGIE" respond sheet --format pdf -o -
exit_is "a PDF to the terminal: usage error" 2
# The blank form belongs to assess.
run "$VIGIE" report --print-form
exit_is "report --print-form: usage error" 2
contains "report --print-form: names the right command" "$T/err" \
    "vigie assess --print-form"

# The static build has no Pango: it says so, with status error, and
# writes nothing (docs/static-build.md). The static binary is brought up
# to date first (as 5005 does): an old one would test old code.
if make -C "$TOP" -j2 static > "$T/static.log" 2>&1; then
	run "$TOP/build-static/vigie" respond sheet -o static.pdf
	exit_is "static build: PDF refused with status error" 2
	contains "static build: says PDF is not available" "$T/err" \
	    "PDF non disponible dans cette version"
	ok "static build: no file written" [ ! -e static.pdf ]
else
	_notok "make static builds (see $T/static.log)"
fi

# The ODT report in LibreOffice: whole words in the table headers.
if command -v soffice > /dev/null; then
	run "$VIGIE" report -o rapport.odt
	exit_is "report.odt written" 0
	timeout 300 soffice --headless -env:UserInstallation=file://$T/lo \
	    --convert-to pdf --outdir lo rapport.odt > /dev/null 2>&1
	if [ -s lo/rapport.pdf ]; then
		pdftotext -layout lo/rapport.pdf lo.txt
		pdftoppm -r 60 -png lo/rapport.pdf "$png/odt-rapport"
		for w in Domaine Niveau Réponses Certitude Remarque Question \
		    Réponse Note; do
			grep -q "\b$w\b" lo.txt
			ok "odt in LibreOffice: the header '$w' is one word" \
			    [ $? = 0 ]
		done
		# Each of the 10 domain rows keeps "answered / asked", the
		# don't-knows and the certainty on one line ("7 / 7  0  100 %";
		# pdftotext may drop the thin spaces around the slash). The
		# radar's ring numbers are lone digits on purpose.
		ok "odt: numbers of the domain table whole" \
		    [ "$(grep -cE '[0-9]+ ?/ ?[0-9]+ +[0-9]+ +[0-9]+ %' lo.txt)" -ge 10 ]
	else
		ok "LibreOffice converted the ODT" false
	fi
else
	skip "ODT in LibreOffice" "libreoffice-writer-nogui missing"
fi
done_testing
