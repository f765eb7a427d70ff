# 0100 — documents as their readers get them: the sample report and the
# one-page sheet (written by the doc unit test program in sample mode)
# rendered by headless Chromium to PNG and printed to PDF (A4, page
# footer, the sheet on one page), and the ODT read back by odt2txt.
. "$TOP/tests/e2e/lib.sh"

gen=$BUILD/tests/test-doc
VIGIE_DOC_SAMPLES=$T run "$gen"
exit_is "the sample documents are written" 0
for f in sample.html sample.odt sample.md sheet.html sheet.odt; do
	ok "$f exists" test -s "$T/$f"
	is "$f is private (0600)" "$(stat -c %a "$T/$f")" 600
done

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$T/chrome" "$@" > "$T/chrome.log" 2>&1
}

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk, "" if not a PNG
png_size() {
	$PY - "$1" <<'PYEOF'
import struct, sys
b = open(sys.argv[1], 'rb').read(24)
if b[:8] == b'\x89PNG\r\n\x1a\n' and b[12:16] == b'IHDR':
    print('%dx%d' % struct.unpack('>II', b[16:24]))
PYEOF
}

for doc in sample sheet; do
	chrome --screenshot="$T/$doc.png" --window-size=1240,1754 \
	    "file://$T/$doc.html"
	is "$doc.html renders to a 1240x1754 PNG" "$(png_size "$T/$doc.png")" \
	    1240x1754
	# A blank page compresses to a few kilobytes; text and charts do not.
	size=$(stat -c %s "$T/$doc.png" 2>/dev/null || echo 0)
	ok "$doc.png has content ($size bytes)" test "$size" -gt 30000

	chrome --no-pdf-header-footer --print-to-pdf="$T/$doc.pdf" \
	    "file://$T/$doc.html"
	ok "$doc.html prints to PDF" test -s "$T/$doc.pdf"
	pdfinfo "$T/$doc.pdf" > "$T/$doc.info" 2>&1
	contains "$doc.pdf is A4" "$T/$doc.info" "(A4)"
	pdftotext -layout "$T/$doc.pdf" "$T/$doc.txt" 2>/dev/null
	touch "$T/$doc.txt"
	contains "$doc.pdf has the footer with page numbers" "$T/$doc.txt" \
	    "page 1 / "
done
pages=$(sed -n 's/^Pages: *//p' "$T/sample.info")
ok "the sample report spans several pages ($pages)" test "${pages:-0}" -gt 1
contains "the last page is numbered" "$T/sample.txt" "page $pages / $pages"
contains "the printed report keeps the chart values" "$T/sample.txt" \
    "3 — en place (+2)"
contains "the printed report shows the check boxes" "$T/sample.txt" "☐"
is "the sheet fits on one page" "$(sed -n 's/^Pages: *//p' "$T/sheet.info")" 1
# Headings never end a page and table rows are never split: checked on
# 40 sections of varied length (without the print rules, pages 1 and 4
# end on a heading). The table header repeats on each page.
chrome --no-pdf-header-footer --print-to-pdf="$T/sections.pdf" \
    "file://$T/sections.html"
pdftotext -layout "$T/sections.pdf" "$T/sections.txt" 2>/dev/null
touch "$T/sections.txt"
$PY - "$T/sections.txt" > "$T/breaks" <<'PYEOF'
import sys
pages = open(sys.argv[1]).read().split('\f')
for n, p in enumerate(pages, 1):
    lines = [l.strip() for l in p.splitlines() if l.strip()]
    body = [l for l in lines if ' — page ' not in l]
    if not body:
        continue
    if body[-1].startswith('Section '):
        print('page %d ends on the heading %r' % (n, body[-1]))
    if body[0].startswith('sur deux lignes'):
        print('page %d starts inside a table row' % n)
    if n > 1 and body[0].startswith('Un contr'):
        print('page %d continues a table without its header' % n)
PYEOF
pages=$(grep -c . "$T/sections.txt")
ok "the sections print ($pages lines)" test "$pages" -gt 100
ok "no heading at the bottom of a page, no row split" test ! -s "$T/breaks"
[ -s "$T/breaks" ] && diag "$(cat "$T/breaks")"

# Hostile text stays text once a browser has parsed the page.
chrome --dump-dom "file://$T/hostile.html"
cp "$T/chrome.log" "$T/hostile.dom"
contains "Chromium parsed the hostile page" "$T/hostile.dom" "</html>"
lacks "no script element in the parsed page" "$T/hostile.dom" "<script"
lacks "no element from the text" "$T/hostile.dom" "<b>"
contains "the text is shown as text" "$T/hostile.dom" \
    "&lt;script&gt;alert(\"x&amp;y\")&lt;/script&gt;"

for doc in sample sheet; do
	run odt2txt --encoding=UTF-8 "$T/$doc.odt"
	exit_is "odt2txt reads $doc.odt" 0
done
odt2txt --encoding=UTF-8 "$T/sample.odt" > "$T/sample.odt.txt" 2>&1
contains "the ODT has the headings" "$T/sample.odt.txt" "Niveau par domaine"
contains "the ODT has the chart values" "$T/sample.odt.txt" \
    "3 — en place (+2)"
contains "the ODT has the table" "$T/sample.odt.txt" \
    "Les sauvegardes sont-elles testées ?"
odt2txt --encoding=UTF-8 "$T/sheet.odt" > "$T/sheet.odt.txt" 2>&1
contains "the ODT sheet has the contacts" "$T/sheet.odt.txt" \
    "06 00 00 00 01"
done_testing
