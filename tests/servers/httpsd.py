#!/usr/bin/python3
"""tests/servers/httpsd.py — an HTTPS server for MTA-STS policies.

    httpsd.py CERTDIR PIDFILE POLICYDIR LISTEN...

LISTEN is ADDR:PORT:CERT (CERTDIR/CERT.pem and .key). A request for
https://HOST/.well-known/mta-sts.txt is answered from POLICYDIR:

    HOST.txt        200, text/plain, the file's bytes
    HOST.redirect   301 to the URL the file holds
    HOST.big        200 with 10 MB of policy-looking lines
    HOST.slow       200, then one byte a second
    anything else   404

The server stops by itself after 600 seconds.
"""
import http.server
import os
import ssl
import sys
import threading
import time

LIFETIME = 600


def make_handler(policydir):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            host = (self.headers.get("Host") or "").split(":")[0]
            if self.path != "/.well-known/mta-sts.txt" or "/" in host:
                return self.send_error(404)
            base = os.path.join(policydir, host)
            if os.path.exists(base + ".txt"):
                with open(base + ".txt", "rb") as fp:
                    body = fp.read()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif os.path.exists(base + ".redirect"):
                with open(base + ".redirect") as fp:
                    url = fp.read().strip()
                self.send_response(301)
                self.send_header("Location", url)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif os.path.exists(base + ".big"):
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                line = b"mx: mx1.vg.test\r\n"
                chunk = b"version: STSv1\r\n" + line * 60000
                try:
                    while True:
                        self.wfile.write(chunk)
                except OSError:
                    pass
            elif os.path.exists(base + ".slow"):
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                try:
                    for b in b"version: STSv1\r\nmode: enforce\r\n":
                        self.wfile.write(bytes([b]))
                        self.wfile.flush()
                        time.sleep(1)
                except OSError:
                    pass
            else:
                self.send_error(404)

    return Handler


class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    certdir, pidfile, policydir = sys.argv[1:4]
    for spec in sys.argv[4:]:
        addr, port, cert = spec.split(":")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(certdir, cert + ".pem"),
                            os.path.join(certdir, cert + ".key"))
        srv = Server((addr, int(port)), make_handler(policydir))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    with open(pidfile + ".tmp", "w") as fp:
        fp.write("%d\n" % os.getpid())
    os.rename(pidfile + ".tmp", pidfile)
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main()
