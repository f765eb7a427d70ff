#!/usr/bin/python3
"""po-fill.py POT PO DICT.py — add to PO the msgids of POT that PO lacks,
translated from the dictionary T in DICT.py. A developer's helper for
writing translations; not used by the build."""
import sys, runpy, re

def esc(s):
    s = s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    parts = s.split('\n')
    lines = [p + '\\n' for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(lines) <= 1:
        return '"%s"' % (lines[0] if lines else '')
    return '""\n' + '\n'.join('"%s"' % l for l in lines)

def msgids(path):
    text = open(path, encoding='utf-8').read()
    out = []
    for m in re.finditer(r'^msgid ((?:".*"\n)+)', text, re.M):
        raw = ''.join(re.findall(r'"(.*)"', m.group(1)))
        s = bytes(raw, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
        out.append(s)
    return out

pot, po, dic = sys.argv[1:4]
T = runpy.run_path(dic)['T']
have = set(msgids(po))
missing = []
with open(po, 'a', encoding='utf-8') as f:
    for mid in msgids(pot):
        if mid == '' or mid in have:
            continue
        if mid not in T:
            missing.append(mid)
            continue
        f.write('\nmsgid %s\nmsgstr %s\n' % (esc(mid), esc(T[mid])))
        have.add(mid)
for m in missing:
    print('untranslated:', repr(m), file=sys.stderr)
