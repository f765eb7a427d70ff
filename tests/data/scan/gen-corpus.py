#!/usr/bin/python3
"""gen-corpus.py — harmless test files for vigie's YARA rules and IOC lists.

    gen-corpus.py positives DIR   files made to look like each case, and
                                  DIR/expected.tsv: "path<TAB>rule" lines
    gen-corpus.py ordinary DIR    ordinary documents that must stay quiet
    gen-corpus.py random DIR N SEED   a random rule set (DIR/rules/*.yar,
                                      DIR/pe-rules/*.yar using pe)
                                  and N files (DIR/files/) for comparing
                                  vigie with the yara CLI

Nothing here is malware: each positive only carries the words and byte
patterns a rule looks for (a PowerShell command that prints a sentence, a
PHP page that would run a request parameter...), never working code that
does harm. Written for vigie's tests; Debian's /usr/bin/python3 only.
"""
import base64
import io
import os
import random
import struct
import sys
import zipfile
import zlib

EICAR = (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-"
         b"ANTIVIRUS-TEST-FILE!$H+H*")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def utf16(s):
    return s.encode("utf-16-le")


def ole_doc(body):
    """A compound-file header followed by BODY (enough for the rules)."""
    hdr = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(24) + b"\x3e\x00\x03\x00"
    hdr += b"\xfe\xff\x09\x00\x06\x00" + bytes(512 - len(hdr) - 6)
    return hdr + body


def lnk(target, args):
    """A shell-link header, then the target and its arguments (UTF-16)."""
    head = struct.pack("<I16sII", 0x4C, bytes.fromhex(
        "0114020000000000c000000000000046"), 0x000000A0, 0x20)
    head += bytes(0x4C - len(head))
    tail = b""
    for s in (target, args):
        tail += struct.pack("<H", len(s)) + utf16(s)
    return head + tail


def iso(names):
    """An ISO 9660 volume descriptor at 0x8000 and directory names."""
    data = bytearray(0x8800)
    data[0x8000:0x8007] = b"\x01CD001\x01"
    data[0x8028:0x8028 + 11] = b"FACTURES   "
    pos = 0x8100
    for n in names:
        data[pos:pos + len(n)] = n.encode()
        pos += len(n) + 33
    return bytes(data)


def zip_bytes(members, stored_first=None):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1],
                       compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            z.writestr(name, data)
    return b.getvalue()


def positives(d):
    rows = []

    def add(rel, data, *rules):
        write(os.path.join(d, rel), data)
        for r in rules:
            rows.append((rel, r))

    add("eicar.com", EICAR, "VG_EICAR_Test_File", "eicar.hashes:4")

    add("partage/note-en.txt",
        "All your files have been encrypted!\n"
        "To get the decryption key, pay 0.5 bitcoin and contact us with\n"
        "the Tor Browser at http://examplexxxxxxxxxxxx.onion/ .\n",
        "VG_Ransom_Note_EN")
    add("partage/note-fr.txt",
        "Tous vos fichiers ont été chiffrés.\n"
        "Pour obtenir la clé de déchiffrement, payez la rançon en "
        "bitcoin.\n", "VG_Ransom_Note_FR")
    add("partage/note-wide.txt", utf16(
        "Your files are encrypted. Buy the decryptor with bitcoin.\n"),
        "VG_Ransom_Note_EN")
    add("partage/HOW_TO_DECRYPT_FILES.txt", "(empty test file)\n",
        "ransomware.names:5")
    add("partage/budget-2026.xlsx.lockbit", os.urandom(2048),
        "ransomware.names:8")

    add("www/upload/img.php",
        "<?php @eval(base64_decode($_POST['img'])); ?>\n",
        "VG_Webshell_PHP_Eval_Input")
    add("www/upload/cache.php",
        "<?php eval(gzinflate(base64_decode('" +
        base64.b64encode(zlib.compress("".join(
            "echo 'vigie test %d';" % (i * 7919 % 10007)
            for i in range(300)).encode()))
        .decode() + "'))); ?>\n", "VG_Webshell_PHP_Obfuscated_Blob")
    add("www/aspnet/cmd.aspx",
        '<%@ Page Language="C#" %>\n<% System.Diagnostics.Process.Start('
        '"cmd.exe", "/c " + Request.Form["c"]); %>\n', "VG_Webshell_ASP")
    add("www/asp/x.asp", '<% eval request("x") %>\n', "VG_Webshell_ASP")
    add("www/jsp/cmd.jsp",
        '<% Process p = Runtime.getRuntime().exec('
        'request.getParameter("cmd")); %>\n', "VG_Webshell_JSP")

    add("mail/facture.doc", ole_doc(
        utf16("_VBA_PROJECT") + b"\x00" * 16 +
        b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\n"
        b"  MsgBox \"vigie test\"\r\nEnd Sub\r\n"),
        "VG_Office_OLE_AutoExec_Macro")
    add("mail/commande.docm", zip_bytes([
        ("word/document.xml", "<w:document/>"),
        ("word/vbaProject.bin", b"\x00" * 64)],
        stored_first=("[Content_Types].xml",
                      '<Types><Default Extension="bin" ContentType='
                      '"application/vnd.ms-office.vbaProject"/></Types>')),
        "VG_Office_OOXML_Macro_Enabled")

    add("mail/scan.lnk", lnk("C:\\Windows\\System32\\cmd.exe",
                             "/c echo vigie test"), "VG_Dropper_LNK_Command")
    add("mail/avis.hta",
        '<html><head><hta:application id="a"/></head><script '
        'language="VBScript">Set s = CreateObject("WScript.Shell")\n'
        's.Run "notepad"</script></html>\n', "VG_Dropper_HTA")
    add("mail/facture.js",
        'var x = new ActiveXObject("MSXML2.XMLHTTP");\n'
        'x.open("GET", "http://127.0.0.1/test.txt", false); x.send();\n'
        'var s = new ActiveXObject("ADODB.Stream"); s.Open();\n'
        's.Write(x.responseBody); s.SaveToFile("t.txt", 2);\n'
        'new ActiveXObject("WScript.Shell").Run("notepad t.txt");\n',
        "VG_Dropper_Script_Downloader")
    add("mail/facture.iso", iso(["FACTURE.LNK;1", "README.TXT;1"]),
        "VG_Dropper_Disk_Image_With_Payload")

    cmd = base64.b64encode(utf16("Write-Output 'vigie test file'")).decode()
    add("scripts/maj.bat",
        "@echo off\r\npowershell.exe -NoP -W Hidden -enc " + cmd + "\r\n",
        "VG_PowerShell_Encoded_Command")
    add("scripts/cradle.ps1",
        "IEX (New-Object Net.WebClient).DownloadString("
        "'http://127.0.0.1/test.ps1')\n", "VG_PowerShell_Download_Execute")

    add("outils/notes.txt",
        "mimikatz # privilege::debug\nmimikatz # sekurlsa::logonpasswords\n",
        "VG_Credential_Mimikatz")
    add("outils/dump.bat",
        "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 "
        "C:\\temp\\out.bin full\r\n", "VG_Credential_LSASS_Dump")
    add("outils/chrome.py",
        "import win32crypt\npath = 'User Data/Default/Login Data'\n"
        "state = 'User Data/Local State'\nkey = state['os_crypt']"
        "['encrypted_key']\n", "VG_Credential_Browser_Store_Theft")
    add("outils/mimikatz.exe", "(not a program: a vigie test file)\n",
        "tools.names:5")
    add("outils/lsass.dmp", "(not a dump: a vigie test file)\n",
        "tools.names:6")

    with open(os.path.join(d, "expected.tsv"), "w") as f:
        for rel, rule in sorted(rows):
            f.write("%s\t%s\n" % (rel, rule))


def png(w, h, seed):
    rnd = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rnd.randrange(256) for _ in range(w * 3))
                   for _ in range(h))

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf(text):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"]
    stream = b"BT /F1 12 Tf 72 770 Td (" + text.encode("latin-1") + b") Tj ET"
    objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream +
                b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return out


def ordinary(d):
    text = ("Compte rendu du conseil municipal. Le budget de la salle des "
            "fêtes est voté. Les fichiers du cadastre sont sauvegardés "
            "chaque semaine sur le disque externe.")
    write(os.path.join(d, "docs/compte-rendu.odt"), zip_bytes(
        [("content.xml", "<office:document-content><text:p>%s</text:p>"
          "</office:document-content>" % text),
         ("META-INF/manifest.xml", "<manifest:manifest/>")],
        stored_first=("mimetype", "application/vnd.oasis.opendocument.text")))
    write(os.path.join(d, "docs/courrier.docx"), zip_bytes(
        [("word/document.xml", "<w:document><w:t>%s</w:t></w:document>"
          % text), ("_rels/.rels", "<Relationships/>")],
        stored_first=("[Content_Types].xml", "<Types/>")))
    write(os.path.join(d, "docs/budget.xlsx"), zip_bytes(
        [("xl/workbook.xml", "<workbook/>"),
         ("xl/worksheets/sheet1.xml", "<sheetData><c><v>1200</v></c>"
          "</sheetData>")], stored_first=("[Content_Types].xml", "<Types/>")))
    write(os.path.join(d, "docs/arrete.pdf"), pdf(
        "Arrete municipal portant reglementation du stationnement"))
    write(os.path.join(d, "docs/lettre.txt"), text + "\n")
    write(os.path.join(d, "docs/ancien.doc"), ole_doc(
        utf16("WordDocument") + b"\x00" * 64 + text.encode("latin-1",
                                                          "replace")))
    for i in range(3):
        write(os.path.join(d, "images/photo%d.png" % i), png(40, 30, i))
    write(os.path.join(d, "images/logo.gif"),
          b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!"
          b"\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
          b"\x00\x02\x02D\x01\x00;")
    write(os.path.join(d, "images/scan.jpg"), b"\xff\xd8\xff\xe0\x00\x10JFIF"
          + bytes(random.Random(7).randrange(256) for _ in range(4000))
          + b"\xff\xd9")
    write(os.path.join(d, "src/site/index.php"),
          "<?php\n$nom = htmlspecialchars($_POST['nom'] ?? '');\n"
          "echo '<p>Bonjour ' . $nom . '</p>';\n")
    write(os.path.join(d, "src/site/app.js"),
          "document.querySelector('#f').addEventListener('submit', e => {\n"
          "  fetch('/api', {method: 'POST'});\n});\n")
    write(os.path.join(d, "src/scripts/sauvegarde.ps1"),
          "Copy-Item -Path C:\\Mairie\\* -Destination E:\\Sauvegarde "
          "-Recurse\nWrite-Output 'Sauvegarde terminee'\n")
    write(os.path.join(d, "src/scripts/net.bat"),
          "@echo off\r\nnet use Z: \\\\serveur\\partage\r\n")
    # Real source code and documents of this machine, when present.
    picked = 0
    for top in ("/usr/include", "/usr/lib/python3/dist-packages",
                "/usr/share/doc"):
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for n in sorted(files):
                if picked >= 400:
                    break
                if not n.endswith((".h", ".py", ".pdf", ".png", ".c")):
                    continue
                p = os.path.join(root, n)
                try:
                    if os.path.islink(p) or os.path.getsize(p) > 1 << 20:
                        continue
                    with open(p, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                write(os.path.join(d, "system", p.strip("/")), data)
                picked += 1


def pe_bytes(body, dll=False, ts=1234567):
    """A minimal 32-bit PE file (one .text section holding BODY) that
    libyara's pe module parses: for rules that read PE fields."""
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3c, 0x40)
    fh = struct.pack("<HHIIIHH", 0x14c, 1, ts, 0, 0, 0xE0,
                     0x2102 if dll else 0x0102)
    oh = struct.pack("<HBBIIIIIIIIIHHHHHHIIIIHHIIIIII", 0x10b, 1, 0, 0x200,
                     0, 0, 0x1000, 0x1000, 0x2000, 0x400000, 0x1000, 0x200,
                     4, 0, 0, 0, 4, 0, 0, 0x2000, 0x200, 0, 2, 0, 0x100000,
                     0x1000, 0x100000, 0x1000, 0, 16) + bytes(128)
    sec = struct.pack("<8sIIIIIIHHI", b".text", 0x1000, 0x1000, 0x200,
                      0x200, 0, 0, 0, 0, 0x60000020)
    hdr = bytes(dos) + b"PE\0\0" + fh + oh + sec
    hdr += bytes(0x200 - len(hdr))
    return hdr + body[:0x200] + bytes(max(0, 0x200 - len(body)))


def pe_rules(words):
    """Rule files importing pe: c.yar can be split for routing (each rule
    using pe needs MZ, a pe value or one of its strings), d.yar cannot."""
    w = words
    c = ('import "pe"\n'
         'rule P00 { strings: $a = "%s" condition: uint16(0) == 0x5a4d '
         'and $a }\n'
         'rule P01 { strings: $a = "%s" $b = "%s" condition: any of them '
         'and pe.number_of_sections == 1 }\n'
         'rule P02 { strings: $a = "%s" condition: $a or '
         'pe.timestamp > 1000 }\n'
         'rule P03 { strings: $a = "%s" condition: #a > 1 or pe.is_dll() }\n'
         'rule P04 { condition: pe.is_pe }\n'
         'rule P05 { strings: $a = "%s" condition: $a and not pe.is_dll() }\n'
         'rule P06 { condition: for any i in (0..pe.number_of_sections - 1)'
         ' : (pe.sections[i].name == ".text") }\n'
         'rule P07 { strings: $a = "%s" condition: $a }\n'
         'private rule P08 { strings: $a = "%s" condition: $a }\n'
         'rule P09 { condition: P08 and pe.characteristics & pe.DLL }\n'
         % (w[1], w[2], w[3], w[4], w[6], w[7], w[8], w[9]))
    d = ('import "pe"\n'
         'rule Q00 { condition: pe.is_pe == 0 and filesize > 15000 }\n'
         'rule Q01 { strings: $a = "%s" condition: $a }\n' % w[10])
    return c, d


def random_set(d, n, seed):
    """Random rules and files for comparing with the yara CLI."""
    rnd = random.Random(seed)
    words = ["tok%03d%s" % (i, "".join(rnd.choice("abcdefghij")
                                        for _ in range(5)))
             for i in range(60)]
    rules = []
    for i in range(40):
        a, b, c = rnd.sample(words, 3)
        kind = i % 10
        s = '$a = "%s"\n\t\t$b = "%s" nocase\n\t\t$c = "%s" wide' % (a, b, c)
        cond = [
            "any of them",
            "all of them",
            "#a > 2",
            "$a and not $b",
            "$a at 0",
            "$b in (0..200)",
            "2 of ($a, $b, $c) and filesize < 3000",
            "for any i in (1..#a): (@a[i] > 100)",
            "$a and uint16(0) == 0x5a4d",
            "$c or ($a and #b == 1)",
        ][kind]
        cond = "(%s) and (any of them or filesize >= 0)" % cond
        rules.append("rule R%02d : t%d\n{\n\tmeta:\n\t\tn = %d\n\tstrings:\n"
                     "\t\t%s\n\tcondition:\n\t\t%s\n}\n" % (i, kind, i, s,
                                                            cond))
    rules.append('rule Rhex\n{\n\tstrings:\n\t\t$h = { 4D 5A [2-6] 90 ?? 03 }'
                 '\n\tcondition:\n\t\t$h\n}\n')
    rules.append('rule Rre\n{\n\tstrings:\n\t\t$r = /tok0[0-4][0-9][a-c]'
                 '[a-j]{4}/\n\tcondition:\n\t\t#r >= 2\n}\n')
    rules.append('private rule Rpriv { strings: $a = "%s" condition: $a }\n'
                 'rule Ruses { condition: Rpriv and filesize > 100 }\n'
                 % words[5])
    rules.append('rule Rext { condition: filename == "fixed" and '
                 'filesize > 4000 }\n')
    rules.append('rule Rempty { condition: filesize == 0 }\n')
    os.makedirs(os.path.join(d, "rules"), exist_ok=True)
    half = len(rules) // 2
    with open(os.path.join(d, "rules/a.yar"), "w") as f:
        f.write("\n".join(rules[:half]))
    with open(os.path.join(d, "rules/b.yar"), "w") as f:
        f.write("\n".join(rules[half:]))
    with open(os.path.join(d, "all.yar"), "w") as f:
        f.write("\n".join(rules))
    c, dd = pe_rules(words)
    os.makedirs(os.path.join(d, "pe-rules"), exist_ok=True)
    with open(os.path.join(d, "pe-rules/c.yar"), "w") as f:
        f.write(c)
    with open(os.path.join(d, "pe-rules/d.yar"), "w") as f:
        f.write(dd)
    for i in range(n):
        size = rnd.choice([0, 10, 100, 500, 2000, 5000, 20000])
        data = bytearray(rnd.randrange(256) for _ in range(size))
        if size and rnd.random() < 0.15:
            data[0:2] = b"MZ"
        for _ in range(rnd.randrange(0, 4)):
            if size < 20:
                break
            w = rnd.choice(words).encode()
            if rnd.random() < 0.3:
                w = w.decode().encode("utf-16-le")
            elif rnd.random() < 0.3:
                w = w.upper()
            pos = rnd.randrange(0, max(1, size - len(w)))
            if rnd.random() < 0.2:
                pos = 0
            data[pos:pos + len(w)] = w
        if size > 40 and rnd.random() < 0.05:
            data[4:12] = bytes.fromhex("4d5a0000900003")  + b"\x00"
        if i % 20 == 0:
            data = bytearray(pe_bytes(bytes(data), dll=i % 40 == 0))
        if i == 100:
            # A PE file over 1 MB: vigie scans it with the unsplit rules.
            tail = bytearray(1200000)
            for k, w in enumerate(words[1:10]):
                tail[1000 + k * 70000:1000 + k * 70000 + len(w)] = w.encode()
            data += tail
        sub = "d%d" % (i % 7)
        write(os.path.join(d, "files", sub, "f%04d.bin" % i), bytes(data))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    what, d = sys.argv[1], sys.argv[2]
    if what == "positives":
        positives(d)
    elif what == "ordinary":
        ordinary(d)
    elif what == "random":
        random_set(d, int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
