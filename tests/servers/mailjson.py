#!/usr/bin/python3
"""tests/servers/mailjson.py — read `vigie scan mail --json` output.

    mailjson.py FILE DOMAIN ID [SUBJECT]     the statuses of check ID for
                                             DOMAIN (and SUBJECT), joined
                                             by commas; "absent" if none
    mailjson.py --detail FILE DOMAIN ID      its details, one a line
    mailjson.py --count FILE                 the number of documents
"""
import json
import sys


def docs(path):
    with open(path) as fp:
        for line in fp:
            if line.strip():
                yield json.loads(line)


def main(argv):
    if argv[0] == "--count":
        print(sum(1 for _ in docs(argv[1])))
        return
    field = "status"
    if argv[0] == "--detail":
        field = "detail"
        argv = argv[1:]
    path, domain, cid = argv[0], argv[1], argv[2]
    subject = argv[3] if len(argv) > 3 else None
    out = []
    for d in docs(path):
        if d.get("domain") != domain and d.get("profile") != domain:
            continue
        for c in d["checks"]:
            if c["id"] == cid and (subject is None or
                                   c["subject"] == subject):
                out.append(str(c[field]))
    if field == "status":
        print(",".join(out) if out else "absent")
    else:
        print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
