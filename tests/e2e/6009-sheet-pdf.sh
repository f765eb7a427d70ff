# 6009 — the emergency sheet hides nothing and stays one page. With an
# empty profile every contact without a phone number says so (public
# services included: the regional CSIRT and the gendarmerie have only a
# web address until the commune records their numbers); 17Cyber shows
# 17. As PDF (read back by poppler's pdfinfo and pdftotext) it is one A4
# page, shrunk when values are long, with phone numbers never broken; if
# even small type cannot hold it, vigie says so. The HTML of the same
# long profile, printed by Chromium, is one page too.
. "$TOP/tests/e2e/lib.sh"

"$VIGIE" profile set name "Trifouilly-les-Oies" > /dev/null
run "$VIGIE" --lang fr respond sheet --format pdf -o "$T/empty.pdf"
exit_is "PDF sheet written" 0
ok "created private (0600)" [ "$(stat -c %a "$T/empty.pdf")" = 600 ]
if ! command -v pdfinfo > /dev/null; then
	skip "PDF read back" "poppler-utils missing"
	done_testing
	exit 0
fi
pdfinfo "$T/empty.pdf" > "$T/info" 2>&1
contains "poppler reads it: one page" "$T/info" "Pages:           1"
contains "A4" "$T/info" "pts (A4)"
pdftotext -layout "$T/empty.pdf" "$T/empty.txt"
contains "the title" "$T/empty.txt" "En cas de cyberattaque"
n=$(grep -c "téléphone : à renseigner" "$T/empty.txt")
is "every contact but 17Cyber flagged as missing its phone" "$n" 6
grep "CSIRT" "$T/empty.txt" > "$T/csirt"
contains "the regional CSIRT is flagged" "$T/csirt" "téléphone : à renseigner"
grep -A1 "Gendarmerie" "$T/empty.txt" > "$T/gend"
contains "so is the gendarmerie" "$T/gend" "téléphone : à renseigner"
grep "17Cyber" "$T/empty.txt" > "$T/17"
contains "17Cyber: call 17" "$T/17" "17 — https://17cyber.gouv.fr"

# Long values: a name of 200 characters and numbers for everyone.
long=$($PY -c 'print("Communauté de communes du Val " * 7)')
for c in mayor secretary it_provider csirt police insurer; do
	"$VIGIE" profile set "$c.name" "$long" > /dev/null
	"$VIGIE" profile set "$c.phone" "+33 6 12 34 56 78" > /dev/null
done
run "$VIGIE" --lang fr respond sheet --format pdf -o "$T/long.pdf"
exit_is "long values: written" 0
pdfinfo "$T/long.pdf" > "$T/info" 2>&1
contains "still one page (smaller type)" "$T/info" "Pages:           1"
lacks "no warning when it fits" "$T/err" "does not fit"
pdftotext "$T/long.pdf" "$T/long.txt"
n=$(grep -c "+33 6 12 34 56 78" "$T/long.txt")
is "each phone number whole on one line" "$n" 6
lacks "nothing flagged now" "$T/long.txt" "à renseigner"

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
	run "$VIGIE" --lang fr respond sheet -o "$T/long.html"
	cp "$T/err" "$T/html.err"
	timeout 120 $chrome --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$T/chrome" --no-pdf-header-footer \
	    --print-to-pdf="$T/long-html.pdf" "file://$T/long.html" \
	    > /dev/null 2>&1
	pdfinfo "$T/long-html.pdf" > "$T/info" 2>&1
	if grep -q "Pages:           1" "$T/info"; then
		_ok "the HTML of the long profile prints on one page"
	elif grep -q "risque de dépasser une page" "$T/html.err"; then
		_ok "the HTML of the long profile runs over, and vigie said so"
	else
		_notok "the HTML runs over one page without a warning"
		diag "$(grep Pages "$T/info")" "$(cat "$T/html.err")"
	fi
else
	skip "HTML printed by Chromium" "chromium missing"
fi

# Far too long (a checklist whose sheet has forty actions): vigie says
# the sheet does not fit, and nothing is lost.
cp -r "$TOP/rules" "$T/data"
$PY - "$T/data/checklist/checklist.xml" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read()
i = t.index('<actions xml:lang="fr">') + len('<actions xml:lang="fr">')
more = "".join("\n      <item>Action supplémentaire numéro %d, décrite "
               "longuement pour remplir la page de la fiche réflexe.</item>"
               % n for n in range(40))
open(p, "w").write(t[:i] + more + t[i:])
PY
VIGIE_DATA="$T/data" run "$VIGIE" --lang fr respond sheet --format pdf \
    -o "$T/huge.pdf"
exit_is "too long: still written" 0
contains "and vigie says it does not fit one page" "$T/err" \
    "ne tient pas sur une page"
pdfinfo "$T/huge.pdf" > "$T/info" 2>&1
ok "the rest is on further pages, not lost" \
    grep -qE "Pages: +[2-9]" "$T/info"
pdftotext "$T/huge.pdf" "$T/huge.txt"
contains "the last action is there" "$T/huge.txt" "numéro 39"
contains "and the contacts after it" "$T/huge.txt" "Assureur"
done_testing
