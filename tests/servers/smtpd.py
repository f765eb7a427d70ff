#!/usr/bin/python3
"""tests/servers/smtpd.py — a small SMTP server for the mail tests.

It speaks just enough SMTP for `vigie scan mail` (banner, EHLO, STARTTLS,
QUIT) and misbehaves on request. It never accepts mail.

    smtpd.py CERTDIR PIDFILE LISTEN...

Each LISTEN is ADDR:PORT:MODE[:CERT[:DELAY]] where CERT names
CERTDIR/CERT.pem and CERT.key (default "mx"), DELAY is milliseconds to
wait before the banner (a far-away server, for the bench) and MODE is
one of:

    starttls   EHLO offers STARTTLS; TLS 1.2 and later
    oldtls     like starttls but also accepts TLS 1.0 and 1.1
    tls10only  like starttls but only TLS 1.0
    hangtls    answers 220 to STARTTLS, then never starts TLS
    plain      no STARTTLS offered
    silent     accepts the connection and never says anything
    drip       sends its banner one byte a second
    bigbanner  sends a 1 MB banner line
    close      closes the connection at once

The server stops by itself after 600 seconds, so a test that dies never
leaves it behind for long. Listening on loopback only is the caller's
job (every test passes 127.0.0.x addresses).
"""
import os
import socket
import socketserver
import ssl
import sys
import threading
import time

LIFETIME = 600


def tls_context(certdir, cert, old):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if cert == "sha1":
        # OpenSSL refuses to serve a SHA-1 certificate above level 0.
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ctx.load_cert_chain(os.path.join(certdir, cert + ".pem"),
                        os.path.join(certdir, cert + ".key"))
    if old == "tls10only":
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    elif old:
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    else:
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def make_handler(mode, ctx, delay):
    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            s = self.request
            s.settimeout(30)
            if delay:
                time.sleep(delay / 1000.0)
            try:
                self.talk(s)
            except (OSError, ssl.SSLError, ValueError):
                pass

        def talk(self, s):
            if mode == "close":
                return
            if mode == "silent":
                time.sleep(60)
                return
            if mode == "drip":
                for b in b"220 slow.vg.test ESMTP\r\n":
                    s.sendall(bytes([b]))
                    time.sleep(1)
                return
            if mode == "bigbanner":
                s.sendall(b"220 " + b"x" * (1 << 20) + b"\r\n")
                return
            s.sendall(b"220 mx.vg.test ESMTP vigie-test\r\n")
            f = s.makefile("rb")
            tls = False
            while True:
                line = f.readline(1024)
                if not line:
                    return
                verb = line.strip().upper()[:4]
                if verb in (b"EHLO", b"HELO"):
                    ext = [b"250-mx.vg.test", b"250-PIPELINING"]
                    if mode in ("starttls", "oldtls", "tls10only",
                                "hangtls") and not tls:
                        ext.append(b"250-STARTTLS")
                    ext.append(b"250 8BITMIME")
                    s.sendall(b"\r\n".join(ext) + b"\r\n")
                elif verb == b"STAR" and mode == "hangtls":
                    s.sendall(b"220 2.0.0 go ahead\r\n")
                    time.sleep(60)
                    return
                elif verb == b"STAR" and ctx is not None and not tls:
                    s.sendall(b"220 2.0.0 go ahead\r\n")
                    s = ctx.wrap_socket(s, server_side=True)
                    f = s.makefile("rb")
                    tls = True
                elif verb == b"QUIT":
                    s.sendall(b"221 2.0.0 bye\r\n")
                    return
                else:
                    s.sendall(b"502 5.5.2 not here\r\n")

    return Handler


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    certdir, pidfile = sys.argv[1], sys.argv[2]
    servers = []
    for spec in sys.argv[3:]:
        parts = spec.split(":")
        addr, port, mode = parts[0], int(parts[1]), parts[2]
        cert = parts[3] if len(parts) > 3 else "mx"
        delay = int(parts[4]) if len(parts) > 4 else 0
        ctx = None
        if mode in ("starttls", "oldtls", "tls10only"):
            ctx = tls_context(certdir, cert, mode if mode == "tls10only"
                              else mode == "oldtls")
        srv = Server((addr, port), make_handler(mode, ctx, delay))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
    with open(pidfile + ".tmp", "w") as fp:
        fp.write("%d\n" % os.getpid())
    os.rename(pidfile + ".tmp", pidfile)
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main()
