#!/usr/bin/python3
"""tests/servers/spfdns.py — a small authoritative DNS server for the
openspf RFC 7208 test suite: it serves the `zonedata` of one scenario of
the suite's YAML file, on UDP and TCP, on 127.0.0.1.

    spfdns.py SUITE.yml SCENARIO PORT PIDFILE

SCENARIO is the index of the YAML document (0, 1...). As the suite asks
of its drivers, a name with SPF (type 99) records and no TXT record gets
the SPF records as TXT too. A name marked TIMEOUT gets no answer at all.
A name that exists without the type asked for gets NOERROR with an SOA
(RFC 2308), one that does not exist NXDOMAIN with an SOA. UDP answers
over 512 bytes (or the client's EDNS size) are truncated (TC), so the
client retries over TCP. Stops by itself after 10 minutes.
"""
import ipaddress
import os
import socket
import socketserver
import struct
import sys
import threading

import yaml

T = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15,
     "TXT": 16, "AAAA": 28, "SPF": 99}


def raw(s):
    """YAML text (code points 0-255 stand for bytes) to bytes."""
    if isinstance(s, bytes):
        return s
    s = str(s)
    try:
        return s.encode("latin-1")
    except UnicodeEncodeError:
        return s.encode("utf-8")


def wire_name(name):
    name = raw(name).rstrip(b".")
    out = b""
    if name:
        for label in name.split(b"."):
            out += bytes([len(label) & 0x3f]) + label[:63]
    return out + b"\0"


def txt_rdata(v):
    parts = v if isinstance(v, list) else [v]
    out = b""
    for p in parts:
        b = raw(p)
        if not b:
            out += b"\0"
        while b:
            out += bytes([len(b[:255])]) + b[:255]
            b = b[255:]
    return out


def rdata(rtype, v):
    if rtype == "A":
        return ipaddress.IPv4Address(v).packed
    if rtype == "AAAA":
        return ipaddress.IPv6Address(v).packed
    if rtype in ("CNAME", "PTR", "NS"):
        return wire_name(v)
    if rtype == "MX":
        return struct.pack("!H", int(v[0])) + wire_name(v[1])
    if rtype in ("TXT", "SPF"):
        return txt_rdata(v)
    raise ValueError(rtype)


class Zone:
    def __init__(self, data):
        self.rr = {}            # lower name -> list of (type, rdata)
        self.timeout = set()
        for name, recs in (data or {}).items():
            key = raw(name).rstrip(b".").lower()
            lst = self.rr.setdefault(key, [])
            notxt = False
            for r in recs:
                if r == "TIMEOUT":
                    self.timeout.add(key)
                    continue
                for rtype, v in r.items():
                    # "TXT: NONE": no TXT here, and no copy of the SPF.
                    if rtype == "TXT" and v == "NONE":
                        notxt = True
                        continue
                    try:
                        lst.append((T[rtype], rdata(rtype, v)))
                    except (ValueError, ipaddress.AddressValueError):
                        pass    # a record this server cannot encode
            types = {t for t, _ in lst}
            if T["SPF"] in types and T["TXT"] not in types and not notxt:
                lst.extend((T["TXT"], d) for t, d in list(lst)
                           if t == T["SPF"])

    def soa(self, qname):
        labels = qname.split(b".")
        owner = b".".join(labels[-2:]) if len(labels) >= 2 else qname
        rd = (wire_name(b"ns." + owner) + wire_name(b"hostmaster." + owner)
              + struct.pack("!IIIII", 1, 3600, 600, 86400, 300))
        return wire_name(owner) + struct.pack("!HHIH", 6, 1, 300,
                                              len(rd)) + rd

    def answer(self, q, limit):
        if len(q) < 12:
            return None
        qid, flags, qd = struct.unpack("!HHH", q[:6])
        off, labels = 12, []
        while off < len(q) and q[off] != 0:
            n = q[off]
            labels.append(q[off + 1:off + 1 + n])
            off += n + 1
        off += 1
        if off + 4 > len(q) or qd != 1:
            return None
        qtype, qclass = struct.unpack("!HH", q[off:off + 4])
        question = q[12:off + 4]
        qname = b".".join(labels).lower()
        # EDNS: the client's UDP size.
        if b"\0\0\x29" in q[off + 4:]:
            i = q.index(b"\0\0\x29", off + 4)
            limit = max(limit, struct.unpack("!H", q[i + 3:i + 5])[0])
        name, answers, seen = qname, [], 0
        while True:
            recs = self.rr.get(name)
            # TIMEOUT: no answer for a type the name does not hold.
            if name in self.timeout and not any(
                    t in (qtype, T["CNAME"]) for t, _ in recs or []):
                return None
            if recs is None:
                break
            hit = [d for t, d in recs if t == qtype]
            if hit:
                answers += [(name, qtype, d) for d in hit]
                break
            cn = [d for t, d in recs if t == T["CNAME"]]
            if cn and qtype != T["CNAME"] and seen < 8:
                answers.append((name, T["CNAME"], cn[0]))
                target, i = [], 0
                while cn[0][i] != 0:
                    target.append(cn[0][i + 1:i + 1 + cn[0][i]])
                    i += cn[0][i] + 1
                name = b".".join(target).lower()
                seen += 1
                continue
            break
        rcode = 0 if (name in self.rr or answers) else 3
        body = b""
        for n, t, d in answers:
            body += wire_name(n) + struct.pack("!HHIH", t, 1, 300,
                                               len(d)) + d
        auth = b"" if (answers and answers[-1][1] == qtype) else \
            self.soa(qname)
        hdr = struct.pack("!HHHHHH", qid, 0x8400 | (flags & 0x0100) |
                          rcode, 1, len(answers), 1 if auth else 0, 0)
        msg = hdr + question + body + auth
        if limit and len(msg) > limit:
            msg = struct.pack("!HHHHHH", qid, 0x8600 | (flags & 0x0100) |
                              rcode, 1, 0, 0, 0) + question
        return msg


def main(argv):
    path, index, port, pidfile = argv[0], int(argv[1]), int(argv[2]), argv[3]
    with open(path, "rb") as fp:
        docs = list(yaml.safe_load_all(fp))
    zone = Zone(docs[index].get("zonedata"))

    class UDP(socketserver.BaseRequestHandler):
        def handle(self):
            data, sock = self.request
            out = zone.answer(data, 512)
            if out is not None:
                sock.sendto(out, self.client_address)

    class TCP(socketserver.BaseRequestHandler):
        def handle(self):
            s = self.request
            s.settimeout(5)
            try:
                while True:
                    ln = s.recv(2)
                    if len(ln) < 2:
                        return
                    n = struct.unpack("!H", ln)[0]
                    q = b""
                    while len(q) < n:
                        c = s.recv(n - len(q))
                        if not c:
                            return
                        q += c
                    out = zone.answer(q, 0)
                    if out is None:
                        return
                    s.sendall(struct.pack("!H", len(out)) + out)
            except OSError:
                return

    socketserver.ThreadingUDPServer.allow_reuse_address = True
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    u = socketserver.ThreadingUDPServer(("127.0.0.1", port), UDP)
    t = socketserver.ThreadingTCPServer(("127.0.0.1", port), TCP)
    u.daemon_threads = t.daemon_threads = True
    for srv in (u, t):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    tmp = pidfile + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("%d\n" % os.getpid())
    os.rename(tmp, pidfile)
    threading.Event().wait(600)


if __name__ == "__main__":
    main(sys.argv[1:])
