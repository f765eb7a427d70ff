# 6007 — `vigie respond sheet`: the one-page sheet of first actions with
# the commune's own contacts, rendered by headless Chromium (a PNG with
# ink where the title is, and a PDF of exactly one A4 page), and the ODT
# read back by odt2txt. Also the checklist as HTML, ODT and Markdown.
. "$TOP/tests/e2e/lib.sh"

"$VIGIE" profile set name "Trifouilly-les-Oies" > /dev/null
"$VIGIE" profile set mayor.name "Jeanne Martin" > /dev/null
"$VIGIE" profile set mayor.phone "06 12 34 56 78" > /dev/null
"$VIGIE" profile set police.name "Brigade de Trifouilly" > /dev/null
"$VIGIE" profile set police.phone "02 99 00 00 17" > /dev/null

# Without -o the sheet is printed as text, and stderr says how to get
# a file to print (issue 17: no usage error for the plain command).
run "$VIGIE" --lang fr respond sheet
exit_is "without -o: printed on the terminal" 0
contains "the sheet's text on stdout" "$T/out" "17Cyber"
contains "the police number, no-break spaces inside" "$T/out" \
    "02$(printf '\302\240')99$(printf '\302\240')00$(printf '\302\240')00$(printf '\302\240')17"
contains "how to get a file to print" "$T/err" "vigie respond sheet -o fiche.pdf"
run "$VIGIE" respond sheet --format pdf
exit_is "a PDF needs a file" 2
run "$VIGIE" respond sheet --format docx -o "$T/s.docx"
exit_is "unknown format refused" 2
run "$VIGIE" respond sheet --format odt -o -
exit_is "odt cannot go to stdout" 2

run "$VIGIE" --lang fr respond sheet -o "$T/sheet.html"
exit_is "html sheet written" 0
ok "created private (0600)" [ "$(stat -c %a "$T/sheet.html")" = 600 ]
contains "commune named" "$T/sheet.html" "Trifouilly-les-Oies"
# Phone numbers hold together: their spaces are no-break spaces.
nb=$(printf '\302\240')
contains "the mayor's own number" "$T/sheet.html" "06${nb}12${nb}34${nb}56${nb}78"
contains "the local gendarmerie" "$T/sheet.html" "02${nb}99${nb}00${nb}00${nb}17"
contains "the first action" "$T/sheet.html" "débranchez du réseau"
contains "missing contacts show as such" "$T/sheet.html" "à renseigner"
lacks "no command hint on paper for the frightened" "$T/sheet.html" "vigie profile set"

run "$VIGIE" --lang fr respond sheet --format odt -o "$T/sheet.odt"
exit_is "odt sheet written" 0
if command -v odt2txt > /dev/null; then
	odt2txt "$T/sheet.odt" > "$T/sheet.txt" 2>&1
	contains "odt2txt reads the title" "$T/sheet.txt" "En cas de cyberattaque"
	contains "odt2txt reads the contacts" "$T/sheet.txt" "Brigade de Trifouilly"
	contains "odt2txt reads the warning" "$T/sheet.txt" "N'éteignez pas : débranchez du réseau"
else
	skip "odt read back" "odt2txt missing"
fi

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
	cflags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir=$T/chrome"
	timeout 120 $chrome $cflags --screenshot="$T/sheet.png" \
	    --window-size=1240,1754 "file://$T/sheet.html" > /dev/null 2>&1
	timeout 120 $chrome $cflags --no-pdf-header-footer \
	    --print-to-pdf="$T/sheet.pdf" "file://$T/sheet.html" \
	    > /dev/null 2>&1
	# Decode the PNG (8-bit RGB/RGBA) and measure where the ink is.
	$PY - "$T/sheet.png" > "$T/png" 2>&1 <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
ink_rows = []
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    dark = sum(1 for x in range(0, stride, bpp) if line[x] < 128 and line[x + 1] < 128 and line[x + 2] < 128)
    if dark > 0:
        ink_rows.append(y)
    prev = line
print("size %dx%d" % (w, h))
print("ink top %s" % ("yes" if any(r < h // 8 for r in ink_rows) else "no"))
print("ink rows %d" % len(ink_rows))
PY
	contains "Chromium renders the sheet to an A4-sized PNG" "$T/png" "size 1240x1754"
	contains "with the title at the top" "$T/png" "ink top yes"
	rows=$(sed -n 's/^ink rows //p' "$T/png")
	ok "and text on the page (${rows:-0} rows with ink)" [ "${rows:-0}" -gt 300 ]
	pages=$($PY -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$T/sheet.pdf" 2>/dev/null)
	is "printed, it is exactly one page" "$pages" 1
else
	skip "rendering in Chromium" "chromium missing"
fi

# The checklist itself as documents.
export VIGIE_NOW=2026-11-25T09:00:00Z
"$VIGIE" respond incident open -q --t0 "2026-11-25 08:10" --personal-data no
run "$VIGIE" respond checklist --format md
exit_is "checklist as Markdown (overdue steps: exit 1)" 1
contains "markdown table of steps" "$T/out" "| 1\\. Disconnect the affected computer"
lacks "no CNIL step" "$T/out" "Notify the CNIL"
lacks "nor informing people (no data, no risk to it)" "$T/out" "Tell the people whose data"
run "$VIGIE" respond checklist --format html -o "$T/cl.html"
contains "HTML checklist" "$T/cl.html" "OVERDUE by 1 h 35 min"
run "$VIGIE" respond checklist --format odt -o "$T/cl.odt"
if command -v odt2txt > /dev/null; then
	odt2txt "$T/cl.odt" > "$T/cl.txt" 2>&1
	contains "ODT checklist read back" "$T/cl.txt" "Trifouilly-les-Oies"
	contains "with its deadlines" "$T/cl.txt" "before Sat 2026-11-28 08:10"
fi
run "$VIGIE" respond cnil-draft --format html -o "$T/cnil.html"
exit_is "CNIL draft as HTML" 0
contains "says no notification is due" "$T/cnil.html" "no notification to the CNIL is due"
done_testing
