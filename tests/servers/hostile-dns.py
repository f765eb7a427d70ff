#!/usr/bin/python3
"""tests/servers/hostile-dns.py — a DNS responder that answers badly on
purpose, over UDP and TCP on one port.

    hostile-dns.py ADDR PORT PIDFILE

The behaviour is chosen by a label of the query name:

    trunc      UDP: TC bit and nothing else; TCP: a length prefix
               promising more than is sent, then the connection closes
    loop       an answer whose owner name is a compression pointer to
               itself
    big        a 64000-byte TXT answer (UDP: TC bit, so TCP is used)
    wrongtype  the answer holds a record of another type (A for TXT, TXT
               for MX) with the query's name
    badrdata   the right type, but its data runs past the record's end
    silent     no answer at all
    txtsilent  a proper MX answer, and silence for every other question
    anything else: REFUSED

Stops by itself after 600 seconds.
"""
import os
import socket
import struct
import sys
import threading
import time

LIFETIME = 600


def parse_question(msg):
    """Return (id, flags, qname labels, qtype, end offset of question)."""
    qid, flags, qd = struct.unpack("!HHH", msg[:6])
    pos = 12
    labels = []
    while True:
        n = msg[pos]
        pos += 1
        if n == 0:
            break
        labels.append(msg[pos:pos + n])
        pos += n
    qtype, qclass = struct.unpack("!HH", msg[pos:pos + 4])
    return qid, flags, labels, qtype, pos + 4


def header(qid, rd, rcode=0, tc=False, an=0):
    flags = 0x8400 | (0x0100 if rd else 0) | rcode  # QR AA
    if tc:
        flags |= 0x0200
    return struct.pack("!HHHHHH", qid, flags, 1, an, 0, 0)


def rr(rtype, rdata, owner=b"\xc0\x0c"):
    return owner + struct.pack("!HHIH", rtype, 1, 60, len(rdata)) + rdata


def txt_rdata(text):
    out = b""
    for i in range(0, len(text), 255):
        chunk = text[i:i + 255]
        out += bytes([len(chunk)]) + chunk
    return out


def answer(msg, tcp):
    """The reply bytes, or None for no reply."""
    try:
        qid, flags, labels, qtype, qend = parse_question(msg)
    except (IndexError, struct.error):
        return None
    rd = bool(flags & 0x0100)
    question = msg[12:qend]
    names = [l.lower() for l in labels]
    if b"txtsilent" in names:
        if qtype != 15:
            return None
        target = b"".join(bytes([len(l)]) + l for l in [b"mx"] + labels)
        return header(qid, rd, an=1) + question + rr(
            15, b"\x00\x0a" + target + b"\x00")
    if b"silent" in names:
        return None
    if b"trunc" in names:
        if tcp:
            return b"TRUNC"
        return header(qid, rd, tc=True) + question
    if b"loop" in names:
        # Owner name: a pointer to the offset where it stands.
        off = 12 + len(question)
        ptr = struct.pack("!H", 0xC000 | off)
        return header(qid, rd, an=1) + question + rr(qtype, b"\x00" * 4,
                                                     owner=ptr)
    if b"big" in names:
        if not tcp:
            return header(qid, rd, tc=True) + question
        text = b"v=spf1 " + b"a" * 63990
        return header(qid, rd, an=1) + question + rr(16, txt_rdata(text))
    if b"wrongtype" in names:
        if qtype == 16:
            return header(qid, rd, an=1) + question + rr(1, b"\x7f\0\0\x01")
        return header(qid, rd, an=1) + question + rr(
            16, txt_rdata(b"v=spf1 -all"))
    if b"badrdata" in names:
        # The TXT length byte and the MX name run past RDLENGTH.
        if qtype == 15:
            data = b"\x00\x0a\x20mx"
        else:
            data = b"\xff" + b"v=spf1"
        return header(qid, rd, an=1) + question + rr(qtype, data)
    return header(qid, rd, rcode=5) + question


def serve_udp(sock):
    while True:
        msg, peer = sock.recvfrom(4096)
        out = answer(msg, False)
        if out is not None:
            sock.sendto(out, peer)


def serve_tcp_conn(conn):
    try:
        conn.settimeout(10)
        while True:
            head = conn.recv(2)
            if len(head) < 2:
                return
            (n,) = struct.unpack("!H", head)
            msg = b""
            while len(msg) < n:
                part = conn.recv(n - len(msg))
                if not part:
                    return
                msg += part
            out = answer(msg, True)
            if out is None:
                time.sleep(30)
                return
            if out == b"TRUNC":
                conn.sendall(struct.pack("!H", 500) + msg[:20])
                return
            conn.sendall(struct.pack("!H", len(out)) + out)
    except OSError:
        pass
    finally:
        conn.close()


def serve_tcp(sock):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_conn, args=(conn,),
                         daemon=True).start()


def main():
    addr, port, pidfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, port))
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind((addr, port))
    t.listen(16)
    threading.Thread(target=serve_udp, args=(u,), daemon=True).start()
    threading.Thread(target=serve_tcp, args=(t,), daemon=True).start()
    with open(pidfile + ".tmp", "w") as fp:
        fp.write("%d\n" % os.getpid())
    os.rename(pidfile + ".tmp", pidfile)
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main()
