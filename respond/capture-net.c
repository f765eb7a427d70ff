/*
 * capture-net.c — network state: TCP, UDP and UNIX sockets with their
 * state and owning processes (from /proc/net files joined with the socket
 * links of /proc/PID/fd), listening ports, interfaces and addresses
 * (getifaddrs), the neighbour table (netlink RTM_GETNEIGH, both address
 * families), routes, firewall configuration files and the DNS resolver
 * set-up. Raw copies of the /proc/net files are kept beside the parsed
 * forms so that nothing is lost in interpretation.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define NET_MAX_FILE	(64 << 20)

/* socket inode -> pid, sorted by inode. */
struct net_owner {
	uint64_t	inode;
	int		pid;
};

struct net_walk {
	struct capture_ctx	*ctx;
	struct net_owner	*own;
	size_t			 nown;
	struct read_user	*users;
	int			 nusers;
	struct artifact		*jsonl, *txt;
	int			 nsockets, nlisten;
};

static const char *const tcp_states[] = {
	"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
	"FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
	"LISTEN", "CLOSING", "NEW_SYN_RECV",
};

const char *
net_tcp_state(unsigned s)
{
	return s < sizeof(tcp_states) / sizeof(tcp_states[0]) ?
	    tcp_states[s] : "?";
}

/* Kernel hex address (32-bit words in host order) to text. */
static int
net_addr(const char *hex, int family, char *out, size_t outlen)
{
	unsigned char	bytes[16];
	char		word[9];
	uint32_t	w;
	size_t		i, words = family == AF_INET ? 1 : 4;

	if (strlen(hex) != words * 8)
		return -1;
	for (i = 0; i < words; i++) {
		memcpy(word, hex + i * 8, 8);
		word[8] = '\0';
		w = (uint32_t)strtoul(word, NULL, 16);
		memcpy(bytes + i * 4, &w, 4);
	}
	return inet_ntop(family, bytes, out, (socklen_t)outlen) ? 0 : -1;
}

int
net_parse_inet(const char *line, int family, struct net_inet *s)
{
	char			lhex[40], rhex[40];
	unsigned		lport, rport, state;
	unsigned long		uid;
	unsigned long long	inode;

	memset(s, 0, sizeof(*s));
	if (sscanf(line, " %*u: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x "
	    "%*x:%*x %*x:%*x %*x %lu %*d %llu", lhex, &lport, rhex, &rport,
	    &state, &uid, &inode) != 7)
		return -1;
	if (lport > 65535 || rport > 65535 ||
	    net_addr(lhex, family, s->local, sizeof(s->local)) == -1 ||
	    net_addr(rhex, family, s->remote, sizeof(s->remote)) == -1)
		return -1;
	s->family = family;
	s->lport = lport;
	s->rport = rport;
	s->state = state;
	s->uid = (uid_t)uid;
	s->inode = inode;
	return 0;
}

/* 32 hex digits, bytes in network order (ipv6_route) to text. */
static int
net_addr6(const char *hex, char *out, size_t outlen)
{
	unsigned char	b[16];
	unsigned	v;
	int		i;

	if (strlen(hex) != 32)
		return -1;
	for (i = 0; i < 16; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		b[i] = (unsigned char)v;
	}
	return inet_ntop(AF_INET6, b, out, (socklen_t)outlen) ? 0 : -1;
}

/* The number of leading one bits of a contiguous IPv4 mask, or -1. */
static int
mask_len(uint32_t host_order_mask)
{
	uint32_t m = ntohl(host_order_mask);
	int n = 0;

	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	return (n < 32 && (m << n) != 0) ? -1 : n;
}

int
net_parse_route(const char *line, int family, struct net_route *r)
{
	char		 dhex[40], ghex[40], mhex[16];
	unsigned	 plen;
	uint32_t	 mask;
	int		 n;

	memset(r, 0, sizeof(*r));
	r->family = family;
	if (family == AF_INET) {
		/* Iface Destination Gateway Flags RefCnt Use Metric Mask */
		if (sscanf(line, "%31s %8[0-9A-Fa-f] %8[0-9A-Fa-f] %x %*d %*u "
		    "%lu %8[0-9A-Fa-f]", r->iface, dhex, ghex, &r->flags,
		    &r->metric, mhex) != 6 || strlen(mhex) != 8 ||
		    net_addr(dhex, AF_INET, r->dest, sizeof(r->dest)) == -1 ||
		    net_addr(ghex, AF_INET, r->gateway,
		    sizeof(r->gateway)) == -1)
			return -1;
		mask = (uint32_t)strtoul(mhex, NULL, 16);
		if ((n = mask_len(mask)) == -1)
			return -1;
		r->prefix = (unsigned)n;
		return 0;
	}
	/* dest plen src splen next-hop metric refcnt use flags iface */
	if (sscanf(line, "%32[0-9a-fA-F] %x %*32[0-9a-fA-F] %*x "
	    "%32[0-9a-fA-F] %lx %*x %*x %x %31s", dhex, &plen, ghex,
	    &r->metric, &r->flags, r->iface) != 6 || plen > 128 ||
	    net_addr6(dhex, r->dest, sizeof(r->dest)) == -1 ||
	    net_addr6(ghex, r->gateway, sizeof(r->gateway)) == -1)
		return -1;
	r->prefix = plen;
	return 0;
}

/* routes.jsonl and routes.txt from PROC/net/route and ipv6_route. */
static void
net_routes(struct capture_ctx *ctx)
{
	static const struct { const char *file; int family; } f[] = {
		{ "route", AF_INET }, { "ipv6_route", AF_INET6 },
	};
	struct net_route r;
	struct artifact	*j, *t;
	char		*path, *buf, *line, *next, e2[VG_ERRLEN], fl[8];
	size_t		 i;
	int		 n = 0, bad = 0, k;

	path = capture_proc(ctx, "/net/{route,ipv6_route}");
	j = artifact_open(ctx, "routes.jsonl", path, e2);
	t = j != NULL ? artifact_open(ctx, "routes.txt", path, e2) : NULL;
	free(path);
	if (t == NULL) {
		capture_warn(ctx, "%s", e2);
		if (j != NULL)
			artifact_close(j, 1, e2);
		return;
	}
	artifact_printf(t, "%-43s %-39s %-12s %-6s %s\n", "DESTINATION",
	    "GATEWAY", "INTERFACE", "FLAGS", "METRIC");
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		path = capture_proc(ctx, "/net/%s", f[i].file);
		if ((buf = read_all(path, NET_MAX_FILE, NULL, NULL)) == NULL) {
			if (errno != ENOENT)
				capture_warn(ctx, "%s: %s", path,
				    strerror(errno));
			free(path);
			continue;
		}
		line = buf;
		if (f[i].family == AF_INET && (line = strchr(buf, '\n')) !=
		    NULL)
			line++;		/* the header */
		for (; line != NULL && *line != '\0'; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			if (*line == '\0')
				continue;
			if (net_parse_route(line, f[i].family, &r) == -1) {
				bad++;
				continue;
			}
			k = 0;
			if (r.flags & 0x0001) fl[k++] = 'U';
			if (r.flags & 0x0002) fl[k++] = 'G';
			if (r.flags & 0x0004) fl[k++] = 'H';
			if (r.flags & 0x0200) fl[k++] = '!';
			fl[k] = '\0';
			artifact_json(j, json_pack("{s:s, s:s, s:i, s:s, s:o,"
			    " s:s, s:i, s:I}", "family", f[i].family ==
			    AF_INET ? "inet" : "inet6", "destination", r.dest,
			    "prefix", (int)r.prefix, "gateway", r.gateway,
			    "interface", vg_json_str(r.iface), "flags", fl,
			    "flags_hex", (int)r.flags, "metric",
			    (json_int_t)r.metric));
			{
				char dst[80];
				snprintf(dst, sizeof(dst), "%s/%u", r.dest,
				    r.prefix);
				artifact_printf(t, "%-43s %-39s %-12s %-6s "
				    "%lu\n", dst, r.gateway, r.iface, fl,
				    r.metric);
			}
			n++;
		}
		free(buf);
		free(path);
	}
	if (bad > 0)
		capture_warn(ctx, "%s/net/route, ipv6_route: %d lines not "
		    "understood (kept in proc-net/)", ctx->opts->proc, bad);
	capture_send(ctx, json_pack("{s:s, s:i}", "t", "stats", "routes",
	    n));
	if (artifact_close(j, 0, e2) == -1)
		capture_warn(ctx, "%s", e2);
	if (artifact_close(t, 0, e2) == -1)
		capture_warn(ctx, "%s", e2);
}

static int
own_cmp(const void *a, const void *b)
{
	const struct net_owner *x = a, *y = b;
	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid - y->pid;
}

/* Every "socket:[N]" link of PROC/PID/fd/. */
static void
net_owners(struct net_walk *w)
{
	DIR		*d, *fd;
	struct dirent	*de, *fe;
	char		*path, *lpath, *t;
	unsigned long long ino;
	size_t		 cap = 0;

	if ((d = opendir(w->ctx->opts->proc)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		path = xasprintf("%s/%s/fd", w->ctx->opts->proc, de->d_name);
		if ((fd = opendir(path)) == NULL) {
			free(path);
			continue;	/* gone, or no right: processes step */
		}
		while ((fe = readdir(fd)) != NULL) {
			if (fe->d_name[0] == '.')
				continue;
			lpath = xasprintf("%s/%s", path, fe->d_name);
			t = read_link(lpath);
			free(lpath);
			if (t != NULL &&
			    sscanf(t, "socket:[%llu]", &ino) == 1) {
				if (w->nown == cap) {
					cap = cap ? cap * 2 : 256;
					w->own = xreallocarray(w->own, cap,
					    sizeof(*w->own));
				}
				w->own[w->nown].inode = ino;
				w->own[w->nown].pid = atoi(de->d_name);
				w->nown++;
			}
			free(t);
		}
		closedir(fd);
		free(path);
	}
	closedir(d);
	if (w->nown > 0)
		qsort(w->own, w->nown, sizeof(*w->own), own_cmp);
}

/* The pids owning INODE, with their names, as a JSON array. */
static json_t *
net_pids(struct net_walk *w, uint64_t inode, char *names, size_t nlen)
{
	json_t	*a = json_array();
	size_t	 lo = 0, hi = w->nown, mid;
	char	*path, *comm;
	int	 last = -1;

	names[0] = '\0';
	if (inode == 0)
		return a;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->own[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < w->nown && w->own[lo].inode == inode; lo++) {
		if (w->own[lo].pid == last)
			continue;
		last = w->own[lo].pid;
		path = xasprintf("%s/%d/comm", w->ctx->opts->proc, last);
		comm = read_all(path, 256, NULL, NULL);
		free(path);
		if (comm != NULL)
			comm[strcspn(comm, "\n")] = '\0';
		json_array_append_new(a, json_pack("{s:i, s:o}", "pid", last,
		    "name", vg_json_str(comm)));
		if (strlen(names) + 40 < nlen)
			snprintf(names + strlen(names), nlen - strlen(names),
			    "%s%s[%d]", names[0] ? "," : "",
			    comm ? comm : "?", last);
		free(comm);
	}
	return a;
}

static void
net_inet_file(struct net_walk *w, const char *name, const char *proto,
    int family, int tcp)
{
	char		*path, *buf, *line, *next, names[512], *clean;
	struct net_inet	 s;
	json_t		*pids, *j;
	int		 listening;
	const char	*state, *user;

	path = capture_proc(w->ctx, "/net/%s", name);
	if ((buf = read_all(path, NET_MAX_FILE, NULL, NULL)) == NULL) {
		if (errno != ENOENT)
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		free(path);
		return;
	}
	line = strchr(buf, '\n');	/* the header */
	for (line = line ? line + 1 : NULL; line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (net_parse_inet(line, family, &s) == -1) {
			if (*line != '\0')
				capture_warn(w->ctx, "%s: line not "
				    "understood: %.80s", path, line);
			continue;
		}
		/* UDP "state" 07 is unconnected: listening when bound. */
		listening = tcp ? s.state == 10 : s.state == 7;
		state = tcp ? net_tcp_state(s.state) : s.state == 1 ?
		    "ESTABLISHED" : "UNCONN";
		pids = net_pids(w, s.inode, names, sizeof(names));
		user = read_user_name(w->users, w->nusers, s.uid);
		j = json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:i, s:o, s:I,"
		    " s:b, s:o, s:s}", "proto", proto, "local", s.local,
		    "local_port", s.lport, "remote", s.remote, "remote_port",
		    s.rport, "state", state, "uid", (int)s.uid, "user",
		    vg_json_str(user), "inode", (json_int_t)s.inode,
		    "listening", listening, "processes", pids, "source", path);
		artifact_json(w->jsonl, j);
		clean = vg_term_clean(names);
		artifact_printf(w->txt, "%-5s %-11s %39s:%-5u %39s:%-5u %s\n",
		    proto, state, s.local, s.lport, s.remote, s.rport, clean);
		free(clean);
		w->nsockets++;
		w->nlisten += listening;
	}
	free(buf);
	free(path);
}

static void
net_unix(struct net_walk *w)
{
	char		*path, *buf, *line, *next, names[512], spath[4096];
	unsigned long long inode;
	unsigned	 type, st, flags;
	json_t		*pids;
	int		 off;

	path = capture_proc(w->ctx, "/net/unix");
	if ((buf = read_all(path, NET_MAX_FILE, NULL, NULL)) == NULL) {
		if (errno != ENOENT)
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		free(path);
		return;
	}
	line = strchr(buf, '\n');
	for (line = line ? line + 1 : NULL; line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		off = 0;
		/* Num RefCount Protocol Flags Type St Inode [Path] */
		if (sscanf(line, "%*x: %*x %*x %x %x %x %llu%n", &flags, &type,
		    &st, &inode, &off) != 4)
			continue;
		while (line[off] == ' ')
			off++;
		snprintf(spath, sizeof(spath), "%s", line + off);
		pids = net_pids(w, inode, names, sizeof(names));
		artifact_json(w->jsonl, json_pack("{s:s, s:s, s:i, s:s, s:I,"
		    " s:b, s:o, s:s}", "proto", "unix", "type",
		    type == 1 ? "stream" : type == 2 ? "dgram" : type == 5 ?
		    "seqpacket" : "?", "state", (int)st, "path", spath,
		    "inode", (json_int_t)inode, "listening",
		    (flags & 0x10000) != 0, "processes", pids, "source",
		    path));
		w->nsockets++;
	}
	free(buf);
	free(path);
}

/* ---- interfaces and neighbours ------------------------------------- */

static json_t *
net_sockaddr(const struct sockaddr *sa)
{
	char	buf[INET6_ADDRSTRLEN + 1];
	const struct sockaddr_ll *ll;
	int	i, n;

	if (sa == NULL)
		return json_null();
	switch (sa->sa_family) {
	case AF_INET:
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    buf, sizeof(buf));
		return json_string(buf);
	case AF_INET6:
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
		    sizeof(buf));
		return json_string(buf);
	case AF_PACKET:
		ll = (const struct sockaddr_ll *)sa;
		buf[0] = '\0';
		for (i = 0, n = 0; i < ll->sll_halen && i < 8; i++)
			n += snprintf(buf + n, sizeof(buf) - n, "%s%02x",
			    i ? ":" : "", ll->sll_addr[i]);
		return json_string(buf);
	}
	return json_null();
}

static int
net_interfaces(struct capture_ctx *ctx, char *err)
{
	struct ifaddrs	*ifa, *i;
	struct artifact	*a;
	json_t		*arr;

	if (getifaddrs(&ifa) == -1) {
		capture_warn(ctx, "getifaddrs: %s", strerror(errno));
		return 0;
	}
	arr = json_array();
	for (i = ifa; i != NULL; i = i->ifa_next) {
		const char *fam = i->ifa_addr == NULL ? "none" :
		    i->ifa_addr->sa_family == AF_INET ? "inet" :
		    i->ifa_addr->sa_family == AF_INET6 ? "inet6" :
		    i->ifa_addr->sa_family == AF_PACKET ? "link" : "other";
		json_array_append_new(arr, json_pack("{s:o, s:s, s:o, s:o,"
		    " s:b, s:b, s:b, s:I}", "name", vg_json_str(i->ifa_name),
		    "family", fam, "address", net_sockaddr(i->ifa_addr),
		    "netmask", net_sockaddr(i->ifa_netmask),
		    "up", (i->ifa_flags & IFF_UP) != 0,
		    "running", (i->ifa_flags & IFF_RUNNING) != 0,
		    "promiscuous", (i->ifa_flags & IFF_PROMISC) != 0,
		    "flags", (json_int_t)i->ifa_flags));
	}
	freeifaddrs(ifa);
	if ((a = artifact_open(ctx, "interfaces.json", "getifaddrs (netlink)",
	    err)) == NULL) {
		json_decref(arr);
		return -1;
	}
	artifact_json(a, arr);
	return artifact_close(a, 0, err);
}

/* The neighbour (ARP and NDP) table through a netlink dump. */
static int
net_neighbours(struct capture_ctx *ctx, char *err)
{
	struct {
		struct nlmsghdr	nh;
		struct ndmsg	nd;
	} req;
	struct sockaddr_nl	 sa;
	struct artifact		*a = NULL;
	struct nlmsghdr		*nh;
	struct pollfd		 pfd;
	char			*buf, addr[INET6_ADDRSTRLEN];
	char			 ifname[IF_NAMESIZE];
	ssize_t			 n;
	int			 fd, done = 0, rc = 0, count = 0;

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1) {
		capture_warn(ctx, "netlink: %s", strerror(errno));
		return 0;
	}
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	req.nh.nlmsg_type = RTM_GETNEIGH;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = 1;
	req.nd.ndm_family = AF_UNSPEC;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&sa,
	    sizeof(sa)) == -1) {
		capture_warn(ctx, "netlink RTM_GETNEIGH: %s", strerror(errno));
		close(fd);
		return 0;
	}
	if ((a = artifact_open(ctx, "neighbours.jsonl",
	    "netlink RTM_GETNEIGH", err)) == NULL) {
		close(fd);
		return -1;
	}
	buf = xmalloc(65536);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!done && poll(&pfd, 1, 2000) > 0) {
		if ((n = recv(fd, buf, 65536, 0)) <= 0)
			break;
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		    nh = NLMSG_NEXT(nh, n)) {
			struct ndmsg *nd;
			struct rtattr *rta;
			int alen;
			json_t *j;

			if (nh->nlmsg_type == NLMSG_DONE ||
			    nh->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			if (nh->nlmsg_type != RTM_NEWNEIGH)
				continue;
			nd = NLMSG_DATA(nh);
			alen = (int)RTM_PAYLOAD(nh);
			j = json_pack("{s:s, s:i}", "family",
			    nd->ndm_family == AF_INET ? "inet" :
			    nd->ndm_family == AF_INET6 ? "inet6" : "other",
			    "state", nd->ndm_state);
			if (if_indextoname((unsigned)nd->ndm_ifindex, ifname))
				json_object_set_new(j, "interface",
				    vg_json_str(ifname));
			for (rta = RTM_RTA(nd); RTA_OK(rta, alen);
			    rta = RTA_NEXT(rta, alen)) {
				if (rta->rta_type == NDA_DST &&
				    inet_ntop(nd->ndm_family, RTA_DATA(rta),
				    addr, sizeof(addr)) != NULL)
					json_object_set_new(j, "address",
					    json_string(addr));
				else if (rta->rta_type == NDA_LLADDR) {
					struct sockaddr_ll ll;
					memset(&ll, 0, sizeof(ll));
					ll.sll_family = AF_PACKET;
					ll.sll_halen = (unsigned char)
					    (RTA_PAYLOAD(rta) > 8 ? 8 :
					    RTA_PAYLOAD(rta));
					memcpy(ll.sll_addr, RTA_DATA(rta),
					    ll.sll_halen);
					json_object_set_new(j, "lladdr",
					    net_sockaddr((struct sockaddr *)
					    &ll));
				}
			}
			json_object_set_new(j, "state_name", json_string(
			    nd->ndm_state & NUD_REACHABLE ? "REACHABLE" :
			    nd->ndm_state & NUD_STALE ? "STALE" :
			    nd->ndm_state & NUD_PERMANENT ? "PERMANENT" :
			    nd->ndm_state & NUD_FAILED ? "FAILED" :
			    nd->ndm_state & NUD_INCOMPLETE ? "INCOMPLETE" :
			    nd->ndm_state & NUD_DELAY ? "DELAY" :
			    nd->ndm_state & NUD_PROBE ? "PROBE" :
			    nd->ndm_state & NUD_NOARP ? "NOARP" : "NONE"));
			artifact_json(a, j);
			count++;
		}
	}
	free(buf);
	close(fd);
	if (!done)
		capture_warn(ctx, "netlink RTM_GETNEIGH: dump not finished");
	if (artifact_close(a, !done, err) == -1)
		rc = -1;
	return rc;
}

/* ---- the step ------------------------------------------------------- */

static const char *const net_raw[] = {
	"tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6",
	"unix", "packet", "arp", "route", "ipv6_route", "dev", "if_inet6",
	"netstat", "snmp", "snmp6", "sockstat", "sockstat6",
	"ip_tables_names", "ip6_tables_names", "ip_tables_targets",
	"netfilter/nf_log", "nf_conntrack",
};

/* Files copied as they are (configuration; a missing one is normal). */
static const char *const net_conf[] = {
	"/etc/resolv.conf", "/run/systemd/resolve/resolv.conf",
	"/etc/systemd/resolved.conf", "/etc/hosts", "/etc/hosts.allow",
	"/etc/hosts.deny", "/etc/nsswitch.conf", "/etc/host.conf",
	"/etc/hostname", "/etc/network/interfaces", "/etc/nftables.conf",
	"/etc/iptables/rules.v4", "/etc/iptables/rules.v6",
	"/etc/ufw/user.rules", "/etc/ufw/user6.rules", "/etc/ufw/ufw.conf",
	"/etc/firewalld/firewalld.conf",
};

int
net_step(struct capture_ctx *ctx, char *err)
{
	struct net_walk	 w;
	size_t		 i;
	char		*src, *name, e2[VG_ERRLEN];
	int		 rc = -1;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.users = read_users("/etc/passwd", &w.nusers);
	net_owners(&w);
	src = xasprintf("%s/net/{tcp,tcp6,udp,udp6,unix} + %s/PID/fd",
	    ctx->opts->proc, ctx->opts->proc);
	w.jsonl = artifact_open(ctx, "sockets.jsonl", src, err);
	w.txt = w.jsonl ? artifact_open(ctx, "sockets.txt", src, err) : NULL;
	free(src);
	if (w.txt == NULL)
		goto out;
	artifact_printf(w.txt, "%-5s %-11s %45s %45s %s\n", "PROTO", "STATE",
	    "LOCAL", "REMOTE", "PROCESSES");
	net_inet_file(&w, "tcp", "tcp", AF_INET, 1);
	net_inet_file(&w, "tcp6", "tcp6", AF_INET6, 1);
	net_inet_file(&w, "udp", "udp", AF_INET, 0);
	net_inet_file(&w, "udp6", "udp6", AF_INET6, 0);
	net_unix(&w);
	rc = 0;
	if (artifact_close(w.jsonl, 0, err) == -1)
		rc = -1;
	if (artifact_close(w.txt, 0, err) == -1)
		rc = -1;
	w.jsonl = w.txt = NULL;
	capture_send(ctx, json_pack("{s:s, s:i, s:i}", "t", "stats",
	    "sockets", w.nsockets, "listening", w.nlisten));

	for (i = 0; i < sizeof(net_raw) / sizeof(net_raw[0]); i++) {
		src = capture_proc(ctx, "/net/%s", net_raw[i]);
		name = xasprintf("proc-net/%s", net_raw[i]);
		if (artifact_copy(ctx, src, name, 0, NET_MAX_FILE, NULL,
		    e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
		free(src);
	}
	if (net_interfaces(ctx, e2) == -1 || net_neighbours(ctx, e2) == -1)
		capture_warn(ctx, "%s", e2);
	net_routes(ctx);
	for (i = 0; i < sizeof(net_conf) / sizeof(net_conf[0]); i++) {
		/* Fixed system paths: a symbolic link (resolv.conf) is
		 * followed and the link itself recorded by the system step. */
		name = xasprintf("config%s", net_conf[i]);
		if (artifact_copy(ctx, net_conf[i], name, 0, NET_MAX_FILE,
		    NULL, e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
	}
out:
	if (w.jsonl != NULL)
		artifact_close(w.jsonl, 1, e2);
	if (w.txt != NULL)
		artifact_close(w.txt, 1, e2);
	free(w.own);
	read_users_free(w.users, w.nusers);
	return rc;
}
