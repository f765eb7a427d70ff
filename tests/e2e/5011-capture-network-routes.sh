# 5011 — routes are evidence like the rest of the network state, parsed
# (destination, prefix, gateway, interface), not only raw hex copies of
# /proc/net/route. Oracle: iproute2's `ip route`. Also what the docs say
# of lastlog holds: not in the quick profile, copied in the full one.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" respond capture --out "$T/cap" --allow-same-disk test \
    --steps network
exit_is "network step" 0
ok "routes.jsonl written" test -s "$T/cap/03-network/routes.jsonl"
ok "and routes.txt" test -s "$T/cap/03-network/routes.txt"
if command -v ip > /dev/null; then
	for fam in 4 6; do
		ip -$fam route show table main > "$T/ip$fam" 2>/dev/null
		$PY - "$T/cap/03-network/routes.jsonl" "$T/ip$fam" "$fam" \
		    > "$T/cmp$fam" <<'PY'
import json, sys, ipaddress
fam = "inet" if sys.argv[3] == "4" else "inet6"
got = set()
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["family"] != fam or "U" not in r["flags"]:
        continue
    dest = "default" if r["prefix"] == 0 else str(ipaddress.ip_network(
        "%s/%d" % (r["destination"], r["prefix"]), strict=False))
    gw = r["gateway"] if r["gateway"] not in ("0.0.0.0", "::") else None
    got.add((dest, gw, r["interface"]))
missing = []
for l in open(sys.argv[2]):
    w = l.split()
    if not w or w[0] in ("unreachable", "blackhole", "prohibit"):
        continue
    dest = w[0]
    if dest != "default" and "/" not in dest:
        dest = str(ipaddress.ip_network(dest))
    gw = w[w.index("via") + 1] if "via" in w else None
    dev = w[w.index("dev") + 1] if "dev" in w else None
    if (dest, gw, dev) not in got:
        missing.append((dest, gw, dev))
print("missing", missing)
PY
		is "every IPv$fam route of 'ip route' is in routes.jsonl" \
		    "$(cat "$T/cmp$fam")" "missing []"
	done
else
	skip "routes against ip route" "iproute2 missing"
fi

if [ -e /var/log/lastlog ]; then
	run "$VIGIE" respond capture --out "$T/q" --allow-same-disk test \
	    --steps logs
	is "quick profile: lastlog not copied" \
	    "$(find "$T/q" -name lastlog | head -1)" ""
	run "$VIGIE" respond capture --out "$T/f" --allow-same-disk test \
	    --steps logs --profile full --copy-max 1M
	ok "full profile: lastlog copied with /var/log" \
	    test -e "$T/f/07-logs/var-log/lastlog"
	contains "the docs say so" "$TOP/docs/commands/respond-capture.md" \
	    "all of /var/log, lastlog"
else
	skip "lastlog" "no /var/log/lastlog here"
fi
done_testing
