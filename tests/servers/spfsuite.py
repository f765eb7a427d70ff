#!/usr/bin/python3
"""tests/servers/spfsuite.py — run the openspf RFC 7208 test suite through
`vigie scan mail --sender-ip` and print TAP.

    spfsuite.py VIGIE SUITE.yml WORKDIR

For each scenario of the suite, a DNS server (spfdns.py) serves its
zonedata on a free loopback port; each case is one run of vigie with
--resolver pointing there, --sender-ip HOST, --helo HELO and --sender
MAILFROM. A case agrees when vigie's `result` (the JSON field of check
mail.spf.sender) is the expected one (or one of them) and, where the
suite gives an explanation, vigie's is the same ("DEFAULT": vigie gives
none of its own). DIVERGE lists the cases where vigie deliberately
answers otherwise, with why; those are checked to give exactly that
other answer, and counted apart. The last line says how many agree.
Mail::SPF (libmail-spf-perl, tests/servers/mailspf.pl), run on the same
DNS server, is a second oracle: how often it agrees with vigie is printed
as a comment, with the cases where it does not (it implements RFC 4408,
so some are expected); it decides nothing.
"""
import json
import os
import socket
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# case name -> (vigie's result, why it differs). Empty when none.
DIVERGE = {
    "null-text": ("temperror", "a TXT record with no character-string at "
                  "all is malformed; libunbound refuses the whole answer "
                  "(SERVFAIL), so vigie cannot tell and says temperror"),
    "v-macro-ip6": ("fail", "the result agrees; in the explanation vigie "
                    "writes the nibbles of %{ir} in lower case, as RFC "
                    "7208 §7.4's example does, where the suite keeps the "
                    "case of the address as typed (CAFE:BABE::1)"),
}


def free_port():
    for _ in range(50):
        t = socket.socket()
        t.bind(("127.0.0.1", 0))
        p = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", p))
            return p
        except OSError:
            pass
        finally:
            u.close()
            t.close()
    raise RuntimeError("no free port")


def run_case(vigie, port, t):
    args = [vigie, "scan", "mail", "--json", "--timeout", "2",
            "--resolver", "127.0.0.1:%d" % port,
            "--sender-ip", str(t["host"]), "--helo", str(t["helo"]),
            "--sender", str(t["mailfrom"])]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        for c in json.loads(line)["checks"]:
            if c["id"] == "mail.spf.sender":
                return c.get("result"), c.get("explanation"), c["detail"]
    return None, None, "exit %d: %s" % (p.returncode,
                                        p.stderr.decode()[:300])


def main(argv):
    vigie, suite, work = argv
    with open(suite, "rb") as fp:
        docs = list(yaml.safe_load_all(fp))
    n = agree = diverged = 0
    perl_n = perl_agree = 0
    perl_diff = []
    have_perl = subprocess.run(["perl", "-MMail::SPF", "-e", "1"],
                               stderr=subprocess.DEVNULL).returncode == 0
    for i, doc in enumerate(docs):
        port = free_port()
        pidfile = os.path.join(work, "spfdns-%d.pid" % i)
        srv = subprocess.Popen(["/usr/bin/python3",
                                os.path.join(HERE, "spfdns.py"), suite,
                                str(i), str(port), pidfile])
        try:
            for _ in range(100):
                if os.path.exists(pidfile):
                    break
                time.sleep(0.1)
            perl = {}
            if have_perl:
                names = list(doc["tests"])
                inp = "".join("%s\t%s\t%s\n" % (
                    doc["tests"][k]["host"], doc["tests"][k]["helo"],
                    doc["tests"][k]["mailfrom"]) for k in names)
                p = subprocess.run(["perl", os.path.join(HERE,
                                                         "mailspf.pl"),
                                    str(port)], input=inp.encode(),
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, timeout=300)
                perl = dict(zip(names, p.stdout.decode().split()))
            for name, t in doc["tests"].items():
                n += 1
                want = t["result"]
                want = want if isinstance(want, list) else [want]
                got, exp, detail = run_case(vigie, port, t)
                if name in perl:
                    perl_n += 1
                    if perl[name] == got:
                        perl_agree += 1
                    else:
                        perl_diff.append("%s (vigie %s, Mail::SPF %s, "
                                         "suite %s)" % (name, got,
                                                        perl[name],
                                                        "|".join(want)))
                ok = got in want
                wexp = t.get("explanation")
                if ok and wexp is not None and got == "fail":
                    ok = (exp is None) if wexp == "DEFAULT" else exp == wexp
                label = "%s / %s: expected %s%s, got %s%s" % (
                    doc["description"], name, "|".join(want),
                    " (%s)" % wexp if wexp else "", got,
                    " (%s)" % exp if exp else "")
                if name in DIVERGE:
                    dres, why = DIVERGE[name]
                    diverged += 1
                    print("%s %d - %s # divergence: %s" % (
                        "ok" if got == dres else "not ok", n, label, why))
                    continue
                if ok:
                    agree += 1
                    print("ok %d - %s" % (n, label))
                else:
                    print("not ok %d - %s" % (n, label))
                    print("# detail: %s" % detail)
        finally:
            srv.terminate()
            srv.wait()
    if have_perl:
        print("# Mail::SPF %s agrees with vigie on %d of %d cases; not on:"
              % (subprocess.run(["perl", "-MMail::SPF", "-e",
                                 "print $Mail::SPF::VERSION"],
                                stdout=subprocess.PIPE).stdout.decode(),
                 perl_agree, perl_n))
        for d in perl_diff:
            print("#   %s" % d)
    print("# RFC 7208 suite: %d of %d cases agree (%d deliberate "
          "divergences)" % (agree, n, diverged))
    print("1..%d" % n)


if __name__ == "__main__":
    main(sys.argv[1:])
