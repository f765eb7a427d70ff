/*
 * steps.c — what vigie-collect.exe reads, one function per step, in
 * order of volatility: clock, processes (with their open files),
 * network, sessions, services and drivers, autostart and scheduled
 * tasks, the configuration that `vigie scan config --windows` checks
 * (registry exports in the reg export format), event logs. Every item
 * that cannot be read is a warning of its step; an API that the system
 * lacks (or stubs, as Wine does) is recorded "not supported".
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <tlhelp32.h>
#include <winternl.h>
#include <wtsapi32.h>
#include <lm.h>
#include <winevt.h>
#include <ntsecapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "collect.h"

/* ---- clock ---------------------------------------------------------- */

int
step_clock(struct vc_step *st)
{
	struct rbuf		b = { 0 };
	FILETIME		ft, boot;
	SYSTEMTIME		lt;
	TIME_ZONE_INFORMATION	tz;
	DWORD			tzr;
	ULONGLONG		up = GetTickCount64(), t;
	char			utc[32], bootiso[32];
	WCHAR			*name;

	GetSystemTimeAsFileTime(&ft);
	GetLocalTime(&lt);
	tzr = GetTimeZoneInformation(&tz);
	vc_iso(&ft, utc);
	t = ((ULONGLONG)ft.dwHighDateTime << 32 | ft.dwLowDateTime) -
	    up * 10000;
	boot.dwLowDateTime = (DWORD)t;
	boot.dwHighDateTime = (DWORD)(t >> 32);
	vc_iso(&boot, bootiso);
	name = tzr == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightName : tz.StandardName;
	rb_printf(&b, "{\n  \"utc\": \"%s\",\n  \"local\": \"%04u-%02u-%02uT"
	    "%02u:%02u:%02u.%03u\",\n  \"utc_offset_minutes\": %ld,\n"
	    "  \"timezone\": ", utc, lt.wYear, lt.wMonth, lt.wDay, lt.wHour,
	    lt.wMinute, lt.wSecond, lt.wMilliseconds, -(long)(tz.Bias +
	    (tzr == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : tzr ==
	    TIME_ZONE_ID_STANDARD ? tz.StandardBias : 0)));
	vc_json_w(&b, name);
	rb_printf(&b, ",\n  \"daylight\": %s,\n  \"uptime_s\": %.3f,\n"
	    "  \"boot_utc\": \"%s\"\n}\n", tzr == TIME_ZONE_ID_DAYLIGHT ?
	    "true" : "false", (double)up / 1000.0, bootiso);
	vc_artifact(st, "01-clock/clock.json", b.p, b.n,
	    "GetSystemTimeAsFileTime, GetLocalTime, GetTimeZoneInformation, "
	    "GetTickCount64");
	rb_free(&b);
	return 0;
}

/* ---- processes ------------------------------------------------------ */

typedef NTSTATUS (NTAPI *nqip_t)(HANDLE, ULONG, PVOID, ULONG, PULONG);
typedef NTSTATUS (NTAPI *nqsi_t)(ULONG, PVOID, ULONG, PULONG);

/* The command line of process H, malloc'd, or NULL with *E. */
static WCHAR *
proc_cmdline(HANDLE h, DWORD *e)
{
	static nqip_t	 q;
	ULONG		 len = 0;
	NTSTATUS	 s;
	UNICODE_STRING	*us;
	WCHAR		*out;
	BYTE		*buf;

	if (q == NULL)
		q = (nqip_t)(void *)GetProcAddress(GetModuleHandleW(
		    L"ntdll.dll"), "NtQueryInformationProcess");
	if (q == NULL) {
		*e = ERROR_PROC_NOT_FOUND;
		return NULL;
	}
	/* ProcessCommandLineInformation (60), Windows 8.1 and later. */
	s = q(h, 60, NULL, 0, &len);
	if (len == 0 || len > (1 << 20)) {
		/* Else the PEB: ProcessParameters->CommandLine. */
		PROCESS_BASIC_INFORMATION	 pbi;
		PEB				 peb;
		RTL_USER_PROCESS_PARAMETERS	 pp;
		SIZE_T				 got;

		if (q(h, 0, &pbi, sizeof(pbi), NULL) < 0 ||
		    !ReadProcessMemory(h, pbi.PebBaseAddress, &peb,
		    sizeof(peb), &got) || !ReadProcessMemory(h,
		    peb.ProcessParameters, &pp, sizeof(pp), &got) ||
		    (out = calloc(pp.CommandLine.Length / 2 + 1,
		    sizeof(WCHAR))) == NULL) {
			*e = (DWORD)s;
			return NULL;
		}
		if (!ReadProcessMemory(h, pp.CommandLine.Buffer, out,
		    pp.CommandLine.Length, &got)) {
			*e = GetLastError();
			free(out);
			return NULL;
		}
		return out;
	}
	if ((buf = calloc(1, len + 2)) == NULL)
		return NULL;
	if ((s = q(h, 60, buf, len, &len)) < 0) {
		*e = (DWORD)s;
		free(buf);
		return NULL;
	}
	us = (UNICODE_STRING *)buf;
	out = calloc(us->Length / 2 + 1, sizeof(WCHAR));
	if (out != NULL && us->Buffer != NULL)
		memcpy(out, us->Buffer, us->Length);
	free(buf);
	return out;
}

static void
proc_user(HANDLE h, struct rbuf *b)
{
	HANDLE		tok;
	BYTE		buf[512];
	DWORD		n, nl = 256, dl = 256;
	WCHAR		name[256], dom[256];
	SID_NAME_USE	use;

	if (!OpenProcessToken(h, TOKEN_QUERY, &tok)) {
		rb_str(b, "null");
		return;
	}
	if (GetTokenInformation(tok, TokenUser, buf, sizeof(buf), &n) &&
	    LookupAccountSidW(NULL, ((TOKEN_USER *)buf)->User.Sid, name, &nl,
	    dom, &dl, &use)) {
		WCHAR full[520];
		swprintf(full, 520, L"%ls\\%ls", dom, name);
		vc_json_w(b, full);
	} else
		rb_str(b, "null");
	CloseHandle(tok);
}

/* Open file handles of every process: "pid\tpath" lines in *OUT. */
struct fh {
	DWORD	 pid;
	WCHAR	*path;
};

typedef struct {
	PVOID		Object;
	ULONG_PTR	UniqueProcessId;
	ULONG_PTR	HandleValue;
	ULONG		GrantedAccess;
	USHORT		CreatorBackTraceIndex;
	USHORT		ObjectTypeIndex;
	ULONG		HandleAttributes;
	ULONG		Reserved;
} HENTRY_EX;

static int
open_files(struct vc_step *st, struct fh **out, int *nout)
{
	nqsi_t		 q = (nqsi_t)(void *)GetProcAddress(GetModuleHandleW(
	    L"ntdll.dll"), "NtQuerySystemInformation");
	ULONG		 len = 1 << 20, need = 0;
	BYTE		*buf = NULL;
	NTSTATUS	 s = 0;
	ULONG_PTR	 n, i;
	HENTRY_EX	*e;
	DWORD		 self = GetCurrentProcessId(), lastpid = 0;
	HANDLE		 ph = NULL, dup;
	WCHAR		 path[1024];
	int		 tries;

	*out = NULL;
	*nout = 0;
	if (q == NULL) {
		vc_unsupported(st, "open_files", "NtQuerySystemInformation",
		    ERROR_PROC_NOT_FOUND);
		return -1;
	}
	for (tries = 0; tries < 8; tries++) {
		free(buf);
		if ((buf = malloc(len)) == NULL)
			return -1;
		/* SystemExtendedHandleInformation */
		s = q(64, buf, len, &need);
		if (s != (NTSTATUS)0xC0000004L)	/* INFO_LENGTH_MISMATCH */
			break;
		len = need > len ? need + (1 << 16) : len * 2;
	}
	if (s < 0) {
		free(buf);
		vc_unsupported(st, "open_files", "NtQuerySystemInformation("
		    "SystemExtendedHandleInformation)", (DWORD)s);
		return -1;
	}
	n = *(ULONG_PTR *)buf;
	e = (HENTRY_EX *)(buf + 2 * sizeof(ULONG_PTR));
	for (i = 0; i < n && !st->closed; i++) {
		DWORD pid = (DWORD)e[i].UniqueProcessId;

		if (pid == self || pid == 0 || pid == 4)
			continue;
		if (pid != lastpid) {
			if (ph != NULL)
				CloseHandle(ph);
			ph = OpenProcess(PROCESS_DUP_HANDLE, FALSE, pid);
			lastpid = pid;
		}
		if (ph == NULL)
			continue;
		/* Pipes and other non-disk handles are not named: a
		 * synchronous pipe could block the query. */
		if (!DuplicateHandle(ph, (HANDLE)e[i].HandleValue,
		    GetCurrentProcess(), &dup, 0, FALSE,
		    DUPLICATE_SAME_ACCESS))
			continue;
		if (GetFileType(dup) == FILE_TYPE_DISK &&
		    GetFinalPathNameByHandleW(dup, path, 1024,
		    FILE_NAME_NORMALIZED) - 1 < 1023) {
			*out = realloc(*out, (*nout + 1) * sizeof(**out));
			(*out)[*nout].pid = pid;
			(*out)[*nout].path = _wcsdup(path);
			(*nout)++;
		}
		CloseHandle(dup);
	}
	if (ph != NULL)
		CloseHandle(ph);
	free(buf);
	return 0;
}

int
step_processes(struct vc_step *st)
{
	HANDLE		 snap, h;
	PROCESSENTRY32W	 pe;
	struct rbuf	 j = { 0 }, t = { 0 }, fj = { 0 };
	struct fh	*files = NULL;
	int		 nfiles = 0, nproc = 0, nhash = 0, nsusp = 0, k;
	uint64_t	 hashmax = vc_full ? (1ull << 30) : (64ull << 20);
	DWORD		 self = GetCurrentProcessId(), e;

	snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	if (snap == INVALID_HANDLE_VALUE) {
		e = GetLastError();
		snprintf(st->sreason, sizeof(st->sreason),
		    "CreateToolhelp32Snapshot: %s", vc_strerror(e));
		return vc_is_unsupported(e) ? -2 : -1;
	}
	open_files(st, &files, &nfiles);
	rb_printf(&t, "%-7s %-7s %-24s %s\n", "PID", "PPID", "NAME",
	    "COMMAND LINE (or EXE)");
	pe.dwSize = sizeof(pe);
	for (BOOL ok = Process32FirstW(snap, &pe); ok && !st->closed;
	    ok = Process32NextW(snap, &pe)) {
		WCHAR		 exe[32768];
		DWORD		 el = 32768;
		WCHAR		*cmd = NULL;
		FILETIME	 c, x, kt, ut;
		char		 start[32] = "", hex[65], cause[300];
		char		*nameu, *exeu = NULL, *cmdu;
		uint64_t	 size = 0;
		size_t		 ustart;

		nproc++;
		rb_printf(&j, "{\"pid\": %lu, \"ppid\": %lu, \"name\": ",
		    (unsigned long)pe.th32ProcessID,
		    (unsigned long)pe.th32ParentProcessID);
		vc_json_w(&j, pe.szExeFile);
		rb_printf(&j, ", \"threads\": %lu",
		    (unsigned long)pe.cntThreads);
		if (pe.th32ProcessID == self)
			rb_str(&j, ", \"collector\": true");
		h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION |
		    PROCESS_VM_READ, FALSE, pe.th32ProcessID);
		if (h == NULL)
			h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION,
			    FALSE, pe.th32ProcessID);
		if (h == NULL) {
			rb_str(&j, ", \"open_error\": ");
			vc_json_s(&j, vc_strerror(GetLastError()));
		} else {
			if (GetProcessTimes(h, &c, &x, &kt, &ut))
				vc_iso(&c, start);
			rb_printf(&j, ", \"start_utc\": %s%s%s",
			    start[0] ? "\"" : "", start[0] ? start : "null",
			    start[0] ? "\"" : "");
			rb_str(&j, ", \"user\": ");
			ustart = j.n;
			proc_user(h, &j);
			e = 0;
			cmd = proc_cmdline(h, &e);
			rb_str(&j, ", \"cmdline\": ");
			vc_json_w(&j, cmd);
			if (cmd == NULL && e != 0) {
				rb_str(&j, ", \"cmdline_error\": ");
				vc_json_s(&j, vc_strerror(e));
			}
			if (QueryFullProcessImageNameW(h, 0, exe, &el)) {
				rb_str(&j, ", \"exe\": ");
				vc_json_w(&j, exe);
				exeu = vc_utf8(exe);
				if (vc_hash_file(exe, hashmax, hex, &size,
				    cause, sizeof(cause)) == 0) {
					rb_printf(&j, ", \"exe_size\": %llu, "
					    "\"exe_sha256\": \"%s\"",
					    (unsigned long long)size, hex);
					nhash++;
				} else {
					rb_str(&j, ", \"exe_sha256_skipped\": ");
					vc_json_s(&j, cause);
				}
				rb_str(&j, ", \"authenticode\": ");
				vc_authenticode(&j, exe);
				/* Modules of processes run from a folder a user
				 * can write to. */
				if (vc_suspicious_path(exe)) {
					rb_str(&j, ", \"suspicious\": \"runs from "
					    "a user-writable folder\"");
					vc_modules(&j, pe.th32ProcessID);
					nsusp++;
				}
			} else {
				rb_str(&j, ", \"exe\": null, \"exe_error\": ");
				vc_json_s(&j, vc_strerror(GetLastError()));
			}
			CloseHandle(h);
			(void)ustart;
		}
		rb_str(&j, ", \"files\": [");
		for (k = 0; k < nfiles; k++)
			if (files[k].pid == pe.th32ProcessID) {
				if (j.p[j.n - 1] != '[')
					rb_str(&j, ", ");
				vc_json_w(&j, files[k].path);
			}
		rb_str(&j, "]}\n");
		nameu = vc_utf8(pe.szExeFile);
		cmdu = vc_utf8(cmd);
		rb_printf(&t, "%-7lu %-7lu %-24.24s %s\n",
		    (unsigned long)pe.th32ProcessID,
		    (unsigned long)pe.th32ParentProcessID, nameu,
		    *cmdu ? cmdu : exeu ? exeu : "");
		free(nameu);
		free(cmdu);
		free(exeu);
		free(cmd);
	}
	CloseHandle(snap);
	for (k = 0; k < nfiles; k++) {
		rb_printf(&fj, "{\"pid\": %lu, \"path\": ",
		    (unsigned long)files[k].pid);
		vc_json_w(&fj, files[k].path);
		rb_str(&fj, "}\n");
		free(files[k].path);
	}
	free(files);
	vc_artifact(st, "02-processes/processes.jsonl", j.p ? j.p : "", j.n,
	    "CreateToolhelp32Snapshot, OpenProcess, QueryFullProcessImageName"
	    "W, NtQueryInformationProcess(ProcessCommandLineInformation)");
	vc_artifact(st, "02-processes/processes.txt", t.p, t.n,
	    "the same, as a table");
	vc_artifact(st, "02-processes/open-files.jsonl", fj.p ? fj.p : "",
	    fj.n, "NtQuerySystemInformation(SystemExtendedHandleInformation), "
	    "DuplicateHandle, GetFinalPathNameByHandleW");
	rb_printf(&st->stats, "\"processes\": %d, \"exe_hashed\": %d, "
	    "\"open_files\": %d, \"suspicious\": %d", nproc, nhash, nfiles,
	    nsusp);
	rb_free(&j);
	rb_free(&t);
	rb_free(&fj);
	return 0;
}

/* ---- network -------------------------------------------------------- */

static const char *
tcp_state(DWORD s)
{
	static const char *n[] = { "?", "CLOSE", "LISTEN", "SYN_SENT",
	    "SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2",
	    "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB" };
	return s < 13 ? n[s] : "?";
}

static void
addr_str(int fam, const void *a, char *out, size_t n)
{
	if (inet_ntop(fam, (void *)a, out, n) == NULL)
		snprintf(out, n, "?");
}

static void
sock_line(struct rbuf *b, const char *proto, const char *l, unsigned lp,
    const char *r, unsigned rp, const char *state, DWORD pid)
{
	rb_printf(b, "{\"proto\": \"%s\", \"local\": \"%s\", \"local_port\": "
	    "%u, \"remote\": %s%s%s, \"remote_port\": %u, \"state\": \"%s\", "
	    "\"listening\": %s, \"pid\": %lu}\n", proto, l, lp, r ? "\"" : "",
	    r ? r : "null", r ? "\"" : "", rp, state,
	    strcmp(state, "LISTEN") == 0 ? "true" : "false",
	    (unsigned long)pid);
}

static void *
table(struct vc_step *st, const char *what, int tcp, ULONG fam)
{
	DWORD	 len = 0, rc;
	void	*buf = NULL;
	int	 tries;

	for (tries = 0; tries < 5; tries++) {
		rc = tcp ? GetExtendedTcpTable(buf, &len, TRUE, fam,
		    TCP_TABLE_OWNER_PID_ALL, 0) : GetExtendedUdpTable(buf, &len,
		    TRUE, fam, UDP_TABLE_OWNER_PID, 0);
		if (rc == NO_ERROR)
			return buf;
		if (rc != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(buf);
		buf = malloc(len + 4096);
		len += 4096;
	}
	free(buf);
	if (vc_is_unsupported(rc))
		vc_unsupported(st, what, tcp ? "GetExtendedTcpTable" :
		    "GetExtendedUdpTable", rc);
	else
		vc_warn(st, what, vc_strerror(rc));
	return NULL;
}

int
step_network(struct vc_step *st)
{
	struct rbuf	 s = { 0 }, b = { 0 };
	char		 l[64], r[64];
	DWORD		 i, rc;
	int		 nsock = 0;
	MIB_TCPTABLE_OWNER_PID	*t4;
	MIB_TCP6TABLE_OWNER_PID	*t6;
	MIB_UDPTABLE_OWNER_PID	*u4;
	MIB_UDP6TABLE_OWNER_PID	*u6;

	if ((t4 = table(st, "tcp", 1, AF_INET)) != NULL) {
		for (i = 0; i < t4->dwNumEntries; i++, nsock++) {
			MIB_TCPROW_OWNER_PID *e = &t4->table[i];
			addr_str(AF_INET, &e->dwLocalAddr, l, sizeof(l));
			addr_str(AF_INET, &e->dwRemoteAddr, r, sizeof(r));
			sock_line(&s, "tcp", l, ntohs((u_short)e->dwLocalPort),
			    r, ntohs((u_short)e->dwRemotePort),
			    tcp_state(e->dwState), e->dwOwningPid);
		}
		free(t4);
	}
	if ((t6 = table(st, "tcp6", 1, AF_INET6)) != NULL) {
		for (i = 0; i < t6->dwNumEntries; i++, nsock++) {
			MIB_TCP6ROW_OWNER_PID *e = &t6->table[i];
			addr_str(AF_INET6, e->ucLocalAddr, l, sizeof(l));
			addr_str(AF_INET6, e->ucRemoteAddr, r, sizeof(r));
			sock_line(&s, "tcp6", l, ntohs((u_short)e->dwLocalPort),
			    r, ntohs((u_short)e->dwRemotePort),
			    tcp_state(e->dwState), e->dwOwningPid);
		}
		free(t6);
	}
	if ((u4 = table(st, "udp", 0, AF_INET)) != NULL) {
		for (i = 0; i < u4->dwNumEntries; i++, nsock++) {
			addr_str(AF_INET, &u4->table[i].dwLocalAddr, l,
			    sizeof(l));
			sock_line(&s, "udp", l, ntohs((u_short)
			    u4->table[i].dwLocalPort), NULL, 0, "UNCONN",
			    u4->table[i].dwOwningPid);
		}
		free(u4);
	}
	if ((u6 = table(st, "udp6", 0, AF_INET6)) != NULL) {
		for (i = 0; i < u6->dwNumEntries; i++, nsock++) {
			addr_str(AF_INET6, u6->table[i].ucLocalAddr, l,
			    sizeof(l));
			sock_line(&s, "udp6", l, ntohs((u_short)
			    u6->table[i].dwLocalPort), NULL, 0, "UNCONN",
			    u6->table[i].dwOwningPid);
		}
		free(u6);
	}
	vc_artifact(st, "03-network/sockets.jsonl", s.p ? s.p : "", s.n,
	    "GetExtendedTcpTable, GetExtendedUdpTable (IPv4, IPv6)");

	/* Interfaces. */
	{
		ULONG len = 1 << 16;
		IP_ADAPTER_ADDRESSES *aa = malloc(len), *p;
		rc = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, aa, &len);
		if (rc == ERROR_BUFFER_OVERFLOW) {
			free(aa);
			aa = malloc(len);
			rc = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, aa, &len);
		}
		if (rc == NO_ERROR) {
			for (p = aa; p != NULL; p = p->Next) {
				IP_ADAPTER_UNICAST_ADDRESS *u;
				rb_str(&b, "{\"name\": ");
				vc_json_s(&b, p->AdapterName);
				rb_str(&b, ", \"description\": ");
				vc_json_w(&b, p->Description);
				rb_printf(&b, ", \"type\": %lu, \"up\": %s, "
				    "\"mac\": \"", (unsigned long)p->IfType,
				    p->OperStatus == IfOperStatusUp ? "true" :
				    "false");
				for (i = 0; i < p->PhysicalAddressLength; i++)
					rb_printf(&b, "%s%02x", i ? ":" : "",
					    p->PhysicalAddress[i]);
				rb_str(&b, "\", \"addresses\": [");
				for (u = p->FirstUnicastAddress; u; u =
				    u->Next) {
					SOCKADDR *sa = u->Address.lpSockaddr;
					addr_str(sa->sa_family, sa->sa_family ==
					    AF_INET ? (void *)&((SOCKADDR_IN *)
					    sa)->sin_addr : (void *)&(
					    (SOCKADDR_IN6 *)sa)->sin6_addr, l,
					    sizeof(l));
					rb_printf(&b, "%s\"%s/%u\"", u ==
					    p->FirstUnicastAddress ? "" : ", ",
					    l, u->OnLinkPrefixLength);
				}
				rb_str(&b, "]}\n");
			}
			vc_artifact(st, "03-network/interfaces.jsonl", b.p ?
			    b.p : "", b.n, "GetAdaptersAddresses");
		} else if (vc_is_unsupported(rc))
			vc_unsupported(st, "interfaces",
			    "GetAdaptersAddresses", rc);
		else
			vc_warn(st, "interfaces", vc_strerror(rc));
		free(aa);
	}
	/* Neighbours (ARP, NDP) and routes. */
	{
		MIB_IPNET_TABLE2 *nt = NULL;
		MIB_IPFORWARD_TABLE2 *ft = NULL;
		b.n = 0;
		if ((rc = GetIpNetTable2(AF_UNSPEC, &nt)) == NO_ERROR) {
			for (i = 0; i < nt->NumEntries; i++) {
				MIB_IPNET_ROW2 *e = &nt->Table[i];
				ULONG k;
				addr_str(e->Address.si_family, e->Address.
				    si_family == AF_INET ? (void *)&e->Address.
				    Ipv4.sin_addr : (void *)&e->Address.Ipv6.
				    sin6_addr, l, sizeof(l));
				rb_printf(&b, "{\"address\": \"%s\", "
				    "\"interface\": %lu, \"state\": %d, "
				    "\"mac\": \"", l,
				    (unsigned long)e->InterfaceIndex,
				    (int)e->State);
				for (k = 0; k < e->PhysicalAddressLength; k++)
					rb_printf(&b, "%s%02x", k ? ":" : "",
					    e->PhysicalAddress[k]);
				rb_str(&b, "\"}\n");
			}
			FreeMibTable(nt);
			vc_artifact(st, "03-network/neighbours.jsonl", b.p ?
			    b.p : "", b.n, "GetIpNetTable2");
		} else if (vc_is_unsupported(rc))
			vc_unsupported(st, "neighbours", "GetIpNetTable2", rc);
		else
			vc_warn(st, "neighbours", vc_strerror(rc));
		b.n = 0;
		if ((rc = GetIpForwardTable2(AF_UNSPEC, &ft)) == NO_ERROR) {
			for (i = 0; i < ft->NumEntries; i++) {
				MIB_IPFORWARD_ROW2 *e = &ft->Table[i];
				SOCKADDR_INET *d = &e->DestinationPrefix.Prefix,
				    *g = &e->NextHop;
				addr_str(d->si_family, d->si_family == AF_INET ?
				    (void *)&d->Ipv4.sin_addr :
				    (void *)&d->Ipv6.sin6_addr, l, sizeof(l));
				addr_str(g->si_family, g->si_family == AF_INET ?
				    (void *)&g->Ipv4.sin_addr :
				    (void *)&g->Ipv6.sin6_addr, r, sizeof(r));
				rb_printf(&b, "{\"destination\": \"%s/%u\", "
				    "\"gateway\": \"%s\", \"interface\": %lu, "
				    "\"metric\": %lu}\n", l,
				    e->DestinationPrefix.PrefixLength, r,
				    (unsigned long)e->InterfaceIndex,
				    (unsigned long)e->Metric);
			}
			FreeMibTable(ft);
			vc_artifact(st, "03-network/routes.jsonl", b.p ? b.p :
			    "", b.n, "GetIpForwardTable2");
		} else if (vc_is_unsupported(rc))
			vc_unsupported(st, "routes", "GetIpForwardTable2", rc);
		else
			vc_warn(st, "routes", vc_strerror(rc));
	}
	/* The DNS cache: dnsapi's DnsGetCacheDataTable (state.c). */
	vc_dns_cache(st);
	rb_printf(&st->stats, "\"sockets\": %d", nsock);
	rb_free(&s);
	rb_free(&b);
	return 0;
}

/* ---- sessions ------------------------------------------------------- */

int
step_sessions(struct vc_step *st)
{
	WTS_SESSION_INFOW	*si = NULL;
	DWORD			 n = 0, i, e, bl;
	struct rbuf		 b = { 0 };
	LPWSTR			 user, dom;

	if (!WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &si,
	    &n)) {
		e = GetLastError();
		snprintf(st->sreason, sizeof(st->sreason),
		    "WTSEnumerateSessionsW: %s", vc_strerror(e));
		return vc_is_unsupported(e) ? -2 : -1;
	}
	for (i = 0; i < n; i++) {
		rb_printf(&b, "{\"session\": %lu, \"station\": ",
		    (unsigned long)si[i].SessionId);
		vc_json_w(&b, si[i].pWinStationName);
		rb_printf(&b, ", \"state\": %d", (int)si[i].State);
		user = dom = NULL;
		if (WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE,
		    si[i].SessionId, WTSUserName, &user, &bl) &&
		    WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE,
		    si[i].SessionId, WTSDomainName, &dom, &bl)) {
			rb_str(&b, ", \"user\": ");
			vc_json_w(&b, user);
			rb_str(&b, ", \"domain\": ");
			vc_json_w(&b, dom);
		} else {
			rb_str(&b, ", \"user_error\": ");
			vc_json_s(&b, vc_strerror(GetLastError()));
		}
		if (user)
			WTSFreeMemory(user);
		if (dom)
			WTSFreeMemory(dom);
		rb_str(&b, "}\n");
	}
	WTSFreeMemory(si);
	vc_artifact(st, "04-sessions/sessions.jsonl", b.p ? b.p : "", b.n,
	    "WTSEnumerateSessionsW, WTSQuerySessionInformationW");
	rb_printf(&st->stats, "\"sessions\": %lu", (unsigned long)n);
	rb_free(&b);
	return 0;
}

/* ---- services ------------------------------------------------------- */

/* The file named by a service's ImagePath, with its SHA-256. */
static void
service_binary(struct rbuf *b, const WCHAR *ip)
{
	WCHAR	 exp[4096], win[MAX_PATH];
	char	*u, *r, file[4096], hex[65], cause[300];
	WCHAR	*wf;
	uint64_t size = 0;

	if (ip == NULL || !ExpandEnvironmentStringsW(ip, exp, 4096) ||
	    !GetWindowsDirectoryW(win, MAX_PATH))
		return;
	u = vc_utf8(exp);
	r = vc_utf8(win);
	if (rf_service_file(u, r, file, sizeof(file)) == 0) {
		rb_str(b, ", \"binary_file\": ");
		vc_json_s(b, file);
		wf = vc_wide(file);
		if (vc_hash_file(wf, vc_full ? (1ull << 30) : (64ull << 20),
		    hex, &size, cause, sizeof(cause)) == 0)
			rb_printf(b, ", \"binary_size\": %llu, "
			    "\"binary_sha256\": \"%s\"",
			    (unsigned long long)size, hex);
		else {
			rb_str(b, ", \"binary_sha256_skipped\": ");
			vc_json_s(b, cause);
		}
		free(wf);
	}
	free(u);
	free(r);
}

int
step_services(struct vc_step *st)
{
	SC_HANDLE			 scm, sh;
	ENUM_SERVICE_STATUS_PROCESSW	*es;
	DWORD				 need = 0, n = 0, resume = 0, i, e;
	BYTE				*buf;
	struct rbuf			 b = { 0 };

	if ((scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_ENUMERATE_SERVICE |
	    SC_MANAGER_CONNECT)) == NULL) {
		e = GetLastError();
		snprintf(st->sreason, sizeof(st->sreason), "OpenSCManagerW: %s",
		    vc_strerror(e));
		return vc_is_unsupported(e) ? -2 : -1;
	}
	EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32 |
	    SERVICE_DRIVER, SERVICE_STATE_ALL, NULL, 0, &need, &n, &resume,
	    NULL);
	buf = malloc(need + 4096);
	resume = 0;
	if (buf == NULL || !EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO,
	    SERVICE_WIN32 | SERVICE_DRIVER, SERVICE_STATE_ALL, buf, need +
	    4096, &need, &n, &resume, NULL)) {
		e = GetLastError();
		snprintf(st->sreason, sizeof(st->sreason),
		    "EnumServicesStatusExW: %s", vc_strerror(e));
		CloseServiceHandle(scm);
		free(buf);
		return vc_is_unsupported(e) ? -2 : -1;
	}
	es = (ENUM_SERVICE_STATUS_PROCESSW *)buf;
	for (i = 0; i < n && !st->closed; i++) {
		QUERY_SERVICE_CONFIGW	*qc;
		BYTE			 cb[8192];
		DWORD			 cn;

		rb_str(&b, "{\"name\": ");
		vc_json_w(&b, es[i].lpServiceName);
		rb_str(&b, ", \"display_name\": ");
		vc_json_w(&b, es[i].lpDisplayName);
		rb_printf(&b, ", \"kind\": \"%s\", \"state\": %lu, \"pid\": "
		    "%lu", es[i].ServiceStatusProcess.dwServiceType &
		    SERVICE_DRIVER ? "driver" : "service",
		    (unsigned long)es[i].ServiceStatusProcess.dwCurrentState,
		    (unsigned long)es[i].ServiceStatusProcess.dwProcessId);
		if ((sh = OpenServiceW(scm, es[i].lpServiceName,
		    SERVICE_QUERY_CONFIG)) != NULL) {
			qc = (QUERY_SERVICE_CONFIGW *)cb;
			if (QueryServiceConfigW(sh, qc, sizeof(cb), &cn)) {
				rb_printf(&b, ", \"start_type\": %lu, "
				    "\"binary\": ",
				    (unsigned long)qc->dwStartType);
				vc_json_w(&b, qc->lpBinaryPathName);
				rb_str(&b, ", \"account\": ");
				vc_json_w(&b, qc->lpServiceStartName);
				service_binary(&b, qc->lpBinaryPathName);
			} else {
				rb_str(&b, ", \"config_error\": ");
				vc_json_s(&b, vc_strerror(GetLastError()));
			}
			CloseServiceHandle(sh);
		}
		rb_str(&b, "}\n");
	}
	CloseServiceHandle(scm);
	free(buf);
	vc_artifact(st, "05-services/services.jsonl", b.p ? b.p : "", b.n,
	    "EnumServicesStatusExW, QueryServiceConfigW");
	rb_printf(&st->stats, "\"services\": %lu", (unsigned long)n);
	rb_free(&b);
	return 0;
}

/* ---- registry export ------------------------------------------------ */

#define REG_EXPORT_MAX	(16u << 20)	/* bytes of one export */

/*
 * Append key K, named PATH under ROOTNAME, to B and, with DEPTH > 0, its
 * subkeys, opened relative to K without following registry links.
 */
static void
reg_export_open(struct vc_step *st, struct rbuf *b, HKEY k,
    const char *rootname, const WCHAR *path, int depth)
{
	LONG	 rc;
	DWORD	 i, nl, dl, type, maxn = 0, maxd = 0, maxs = 0;
	WCHAR	*name, *sub;
	BYTE	*data;
	HKEY	 sk;

	if (b->n > REG_EXPORT_MAX) {
		vc_warn(st, "registry", M("export coupé à 16 Mo",
		    "export cut at 16 MB"));
		return;
	}
	if (rf_reg_key(b, rootname, (const unsigned char *)path,
	    wcslen(path) * 2, 0) == -1) {
		vc_warn(st, "registry key", M("nom impossible à écrire dans un "
		    ".reg", "name cannot be written in a .reg file"));
		return;
	}
	RegQueryInfoKeyW(k, NULL, NULL, NULL, NULL, &maxs, NULL, NULL, &maxn,
	    &maxd, NULL, NULL);
	name = calloc(maxn + 2, sizeof(WCHAR));
	data = malloc(maxd + 2);
	for (i = 0; name && data && !st->closed; i++) {
		nl = maxn + 1;
		dl = maxd;
		rc = RegEnumValueW(k, i, name, &nl, NULL, &type, data, &dl);
		if (rc == ERROR_NO_MORE_ITEMS)
			break;
		if (rc != 0)
			continue;
		if (rf_reg_value(b, (const unsigned char *)name, nl * 2, type,
		    data, dl) == -1) {
			char *p = vc_utf8(path);
			vc_warn(st, p, M("valeur au nom impossible à écrire "
			    "dans un .reg, omise", "value whose name cannot "
			    "be written in a .reg file, left out"));
			free(p);
		}
	}
	rb_str(b, "\n");
	free(name);
	free(data);
	if (depth <= 0)
		return;
	sub = calloc(maxs + 2, sizeof(WCHAR));
	for (i = 0; sub && !st->closed; i++) {
		WCHAR *full;
		size_t fl;

		nl = maxs + 1;
		if (RegEnumKeyExW(k, i, sub, &nl, NULL, NULL, NULL, NULL) != 0)
			break;
		if (RegOpenKeyExW(k, sub, REG_OPTION_OPEN_LINK, KEY_READ, &sk)
		    != 0)
			continue;
		fl = wcslen(path) + nl + 2;
		full = calloc(fl, sizeof(WCHAR));
		swprintf(full, fl, L"%ls\\%ls", path, sub);
		reg_export_open(st, b, sk, rootname, full, depth - 1);
		free(full);
		RegCloseKey(sk);
	}
	free(sub);
}

static void
reg_export_key(struct vc_step *st, struct rbuf *b, HKEY root,
    const char *rootname, const WCHAR *path, int depth)
{
	HKEY	k;
	LONG	rc;

	rc = RegOpenKeyExW(root, path, 0, KEY_READ | KEY_WOW64_64KEY, &k);
	if (rc == ERROR_FILE_NOT_FOUND) {
		rf_reg_key(b, rootname, (const unsigned char *)path,
		    wcslen(path) * 2, 1);
		rb_str(b, "\n");
		return;
	}
	if (rc != 0) {
		char *p = vc_utf8(path);
		vc_warn(st, p, vc_strerror((DWORD)rc));
		free(p);
		return;
	}
	reg_export_open(st, b, k, rootname, path, depth);
	RegCloseKey(k);
}

/* Write artifact REL: the keys of LIST as one .reg (UTF-16 LE). */
static void
reg_export(struct vc_step *st, const char *rel, HKEY root,
    const char *rootname, const WCHAR *path, int depth)
{
	struct rbuf b = { 0 }, u = { 0 };
	char src[600], *p = vc_utf8(path);

	rb_str(&b, "Windows Registry Editor Version 5.00\n\n");
	reg_export_key(st, &b, root, rootname, path, depth);
	rf_utf8_to_utf16_file(&u, b.p, b.n);
	snprintf(src, sizeof(src), "registry %s\\%s (RegEnumValueW)",
	    rootname, p);
	vc_artifact(st, rel, u.p, u.n, src);
	free(p);
	rb_free(&b);
	rb_free(&u);
}

/* ---- autoruns ------------------------------------------------------- */

static void
list_folder(struct vc_step *st, struct rbuf *b, const WCHAR *dir,
    const char *kind, int copy_prefix)
{
	WIN32_FIND_DATAW	 fd;
	HANDLE			 f;
	WCHAR			*pat;
	size_t			 n = wcslen(dir) + 4;

	pat = calloc(n, sizeof(WCHAR));
	swprintf(pat, n, L"%ls\\*", dir);
	f = FindFirstFileW(pat, &fd);
	free(pat);
	if (f == INVALID_HANDLE_VALUE)
		return;
	do {
		FILETIME *w = &fd.ftLastWriteTime;
		char t[32], hex[65] = "", cause[300];
		WCHAR *full;
		uint64_t size = 0;

		if (wcscmp(fd.cFileName, L".") == 0 ||
		    wcscmp(fd.cFileName, L"..") == 0)
			continue;
		n = wcslen(dir) + wcslen(fd.cFileName) + 2;
		full = calloc(n, sizeof(WCHAR));
		swprintf(full, n, L"%ls\\%ls", dir, fd.cFileName);
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
			if (!(fd.dwFileAttributes &
			    FILE_ATTRIBUTE_REPARSE_POINT))
				list_folder(st, b, full, kind, copy_prefix);
			free(full);
			continue;
		}
		vc_iso(w, t);
		rb_printf(b, "{\"kind\": \"%s\", \"path\": ", kind);
		vc_json_w(b, full);
		rb_printf(b, ", \"mtime_utc\": \"%s\"", t);
		if (vc_hash_file(full, 64 << 20, hex, &size, cause,
		    sizeof(cause)) == 0)
			rb_printf(b, ", \"size\": %llu, \"sha256\": \"%s\"",
			    (unsigned long long)size, hex);
		else {
			rb_str(b, ", \"sha256_skipped\": ");
			vc_json_s(b, cause);
		}
		rb_str(b, "}\n");
		free(full);
	} while (FindNextFileW(f, &fd) && !st->closed);
	FindClose(f);
	(void)copy_prefix;
}

int
step_autoruns(struct vc_step *st)
{
	static const WCHAR *run[] = {
		L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
		L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce",
		L"SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\"
		    "Run",
		L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
	};
	static const char *names[] = { "run", "runonce", "run-wow64",
	    "winlogon" };
	struct rbuf	b = { 0 };
	WCHAR		dir[MAX_PATH], sys[MAX_PATH];
	char		rel[128];
	size_t		i;

	for (i = 0; i < 4; i++) {
		snprintf(rel, sizeof(rel), "06-autoruns/reg/hklm-%s.reg",
		    names[i]);
		reg_export(st, rel, HKEY_LOCAL_MACHINE, "HKEY_LOCAL_MACHINE",
		    run[i], 0);
		if (i < 2) {
			snprintf(rel, sizeof(rel), "06-autoruns/reg/"
			    "hkcu-%s.reg", names[i]);
			reg_export(st, rel, HKEY_CURRENT_USER,
			    "HKEY_CURRENT_USER", run[i], 0);
		}
	}
	/* Startup folders and scheduled task definitions, hashed. */
	if (ExpandEnvironmentStringsW(L"%ProgramData%\\Microsoft\\Windows\\"
	    "Start Menu\\Programs\\StartUp", dir, MAX_PATH))
		list_folder(st, &b, dir, "startup-common", 0);
	if (ExpandEnvironmentStringsW(L"%APPDATA%\\Microsoft\\Windows\\"
	    "Start Menu\\Programs\\Startup", dir, MAX_PATH))
		list_folder(st, &b, dir, "startup-user", 0);
	if (GetSystemDirectoryW(sys, MAX_PATH)) {
		swprintf(dir, MAX_PATH, L"%ls\\Tasks", sys);
		list_folder(st, &b, dir, "scheduled-task", 0);
	}
	vc_artifact(st, "06-autoruns/files.jsonl", b.p ? b.p : "", b.n,
	    "FindFirstFileW: Startup folders, System32\\Tasks");
	vc_wmi_subscriptions(st);
	rb_free(&b);
	return 0;
}

/* ---- configuration (vigie scan config --windows) -------------------- */

/*
 * Whether the built-in Guest account (RID 501 of the account domain,
 * whatever its name) is enabled: *ON 1 or 0. -1 with a warning when it
 * cannot be told.
 */
static int
guest_state(struct vc_step *st, int *on)
{
	LSA_OBJECT_ATTRIBUTES		 oa;
	LSA_HANDLE			 pol = NULL;
	POLICY_ACCOUNT_DOMAIN_INFO	*di = NULL;
	NTSTATUS			 s;
	BYTE				 sid[SECURITY_MAX_SID_SIZE];
	WCHAR				 name[256], dom[256];
	DWORD				 nl = 256, dl = 256, i;
	SID_NAME_USE			 use;
	USER_INFO_1			*ui = NULL;
	NET_API_STATUS			 ns;
	UCHAR				 n;

	memset(&oa, 0, sizeof(oa));
	if ((s = LsaOpenPolicy(NULL, &oa, POLICY_VIEW_LOCAL_INFORMATION,
	    &pol)) != 0 || (s = LsaQueryInformationPolicy(pol,
	    PolicyAccountDomainInformation, (PVOID *)&di)) != 0) {
		DWORD e = LsaNtStatusToWinError(s);
		if (pol != NULL)
			LsaClose(pol);
		if (vc_is_unsupported(e))
			vc_unsupported(st, "secedit.inf EnableGuestAccount",
			    "LsaQueryInformationPolicy", e);
		else
			vc_warn(st, "secedit.inf EnableGuestAccount",
			    vc_strerror(e));
		return -1;
	}
	n = *GetSidSubAuthorityCount(di->DomainSid);
	if (n >= SID_MAX_SUB_AUTHORITIES || !InitializeSid(sid,
	    GetSidIdentifierAuthority(di->DomainSid), n + 1)) {
		LsaFreeMemory(di);
		LsaClose(pol);
		vc_warn(st, "secedit.inf EnableGuestAccount", "domain SID");
		return -1;
	}
	for (i = 0; i < n; i++)
		*GetSidSubAuthority(sid, i) = *GetSidSubAuthority(
		    di->DomainSid, i);
	*GetSidSubAuthority(sid, n) = DOMAIN_USER_RID_GUEST;
	LsaFreeMemory(di);
	LsaClose(pol);
	if (!LookupAccountSidW(NULL, sid, name, &nl, dom, &dl, &use)) {
		vc_warn(st, "secedit.inf EnableGuestAccount",
		    vc_strerror(GetLastError()));
		return -1;
	}
	if ((ns = NetUserGetInfo(NULL, name, 1, (LPBYTE *)&ui)) !=
	    NERR_Success) {
		if (vc_is_unsupported(ns))
			vc_unsupported(st, "secedit.inf EnableGuestAccount",
			    "NetUserGetInfo", ns);
		else
			vc_warn(st, "secedit.inf EnableGuestAccount",
			    vc_strerror(ns));
		return -1;
	}
	*on = !(ui->usri1_flags & UF_ACCOUNTDISABLE);
	NetApiBufferFree(ui);
	return 0;
}

int
step_config(struct vc_step *st)
{
	/* The keys of rules/collect/collect.bat, same file names. */
	static const struct { HKEY r; const char *rn; const WCHAR *p;
	    const char *f; int depth; } keys[] = {
#define LM HKEY_LOCAL_MACHINE, "HKEY_LOCAL_MACHINE"
#define CU HKEY_CURRENT_USER, "HKEY_CURRENT_USER"
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\"
	    "Parameters", "lanmanserver", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\"
	    "Parameters", "lanmanworkstation", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\mrxsmb10", "mrxsmb10", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters",
	    "netbt", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\"
	    "Parameters\\FirewallPolicy\\DomainProfile", "fw-domain", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\"
	    "Parameters\\FirewallPolicy\\StandardProfile", "fw-private", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\"
	    "Parameters\\FirewallPolicy\\PublicProfile", "fw-public", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Services\\wuauserv", "wuauserv", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Control\\Lsa", "lsa", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\"
	    "WDigest", "wdigest", 8 },
	{ LM, L"SYSTEM\\CurrentControlSet\\Control\\Terminal Server",
	    "terminal-server", 8 },
	{ LM, L"SOFTWARE\\Policies", "policies-machine", 8 },
	{ LM, L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies",
	    "cv-policies-machine", 8 },
	{ LM, L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
	    "nt-currentversion", 0 },
	{ LM, L"SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration",
	    "office-c2r", 8 },
	{ LM, L"SOFTWARE\\Microsoft\\Office\\16.0\\Common\\InstallRoot",
	    "office-msi", 8 },
	{ CU, L"Software\\Policies", "policies-user", 8 },
	{ CU, L"Control Panel\\Desktop", "desktop-user", 8 },
#undef LM
#undef CU
	};
	struct rbuf	 b = { 0 }, u = { 0 };
	char		 rel[128];
	WCHAR		 host[256], user[256], dom[256];
	DWORD		 hl = 256, ul = 256;
	size_t		 i;
	USER_MODALS_INFO_0 *m0 = NULL;
	USER_MODALS_INFO_3 *m3 = NULL;
	NET_API_STATUS	 ns = 0;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && !st->closed; i++) {
		snprintf(rel, sizeof(rel), "07-config/reg/%s.reg", keys[i].f);
		/* Whole subtrees, as reg export writes them. */
		reg_export(st, rel, keys[i].r, keys[i].rn, keys[i].p,
		    keys[i].depth);
	}
	/* manifest.txt, as collect.bat writes it. */
	if (!GetComputerNameW(host, &hl))
		wcscpy(host, L"?");
	if (!GetUserNameW(user, &ul))
		wcscpy(user, L"?");
	if (!GetEnvironmentVariableW(L"USERDOMAIN", dom, 256))
		wcscpy(dom, host);
	{
		char *h = vc_utf8(host), *us = vc_utf8(user),
		    *d = vc_utf8(dom);
		rb_printf(&b, "tool=vigie-collect %s\r\ncomputer=%s\r\n"
		    "user=%s\\%s\r\ndate=%s\r\n", VC_VERSION, h, d, us,
		    vc_started_utc);
		free(h);
		free(us);
		free(d);
	}
	vc_artifact(st, "07-config/manifest.txt", b.p, b.n,
	    "GetComputerNameW, GetUserNameW");
	/* secedit.inf's [System Access], from the account API: each part
	 * that can be read (a missing line leaves its check "not
	 * evaluated", never guessed). */
	b.n = 0;
	rb_str(&b, "[Unicode]\nUnicode=yes\n[System Access]\n");
	{
		size_t before = b.n;
		int guest = -1;
		char why[600] = "";

		ns = NetUserModalsGet(NULL, 0, (LPBYTE *)&m0);
		if (ns == NERR_Success) {
			rb_printf(&b, "MinimumPasswordAge = %lu\n"
			    "MaximumPasswordAge = %ld\n"
			    "MinimumPasswordLength = %lu\n"
			    "PasswordHistorySize = %lu\n",
			    (unsigned long)(m0->usrmod0_min_passwd_age / 86400),
			    m0->usrmod0_max_passwd_age == TIMEQ_FOREVER ? -1L :
			    (long)(m0->usrmod0_max_passwd_age / 86400),
			    (unsigned long)m0->usrmod0_min_passwd_len,
			    (unsigned long)m0->usrmod0_password_hist_len);
			NetApiBufferFree(m0);
		} else {
			snprintf(why, sizeof(why), "NetUserModalsGet(0): %s",
			    vc_strerror(ns));
			if (vc_is_unsupported(ns))
				vc_unsupported(st, "secedit.inf password "
				    "policy", "NetUserModalsGet(0)", ns);
			else
				vc_warn(st, "secedit.inf password policy",
				    why);
		}
		if ((ns = NetUserModalsGet(NULL, 3, (LPBYTE *)&m3)) ==
		    NERR_Success) {
			rb_printf(&b, "LockoutBadCount = %lu\n"
			    "ResetLockoutCount = %lu\nLockoutDuration = %lu\n",
			    (unsigned long)m3->usrmod3_lockout_threshold,
			    (unsigned long)(m3->usrmod3_lockout_observation_window
			    / 60), (unsigned long)(
			    m3->usrmod3_lockout_duration / 60));
			NetApiBufferFree(m3);
		} else if (vc_is_unsupported(ns))
			vc_unsupported(st, "secedit.inf lockout policy",
			    "NetUserModalsGet(3)", ns);
		else
			vc_warn(st, "secedit.inf lockout policy",
			    vc_strerror(ns));
		if (guest_state(st, &guest) == 0)
			rb_printf(&b, "EnableGuestAccount = %d\n", guest);
		if (b.n > before) {
			rb_str(&b, "[Version]\nsignature=\"$CHICAGO$\"\n"
			    "Revision=1\n");
			rf_utf8_to_utf16_file(&u, b.p, b.n);
			vc_artifact(st, "07-config/secedit.inf", u.p, u.n,
			    "NetUserModalsGet (levels 0 and 3), "
			    "LsaQueryInformationPolicy + NetUserGetInfo (the "
			    "account of RID 501), not secedit");
		} else
			vc_unavailable("secedit.inf", why[0] ? why :
			    "NetUserModalsGet and NetUserGetInfo failed");
	}
	/* admins.txt, as `net localgroup <Administrators>` prints it. */
	{
		SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
		PSID sid = NULL;
		WCHAR gname[256], gdom[256];
		DWORD gl = 256, dl = 256, cnt = 0, tot = 0, k;
		SID_NAME_USE use;
		LOCALGROUP_MEMBERS_INFO_3 *mi = NULL;

		b.n = 0;
		u.n = 0;
		if (AllocateAndInitializeSid(&nt, 2,
		    SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0, 0,
		    0, 0, 0, 0, &sid) && LookupAccountSidW(NULL, sid, gname,
		    &gl, gdom, &dl, &use) && (ns = NetLocalGroupGetMembers(NULL,
		    gname, 3, (LPBYTE *)&mi, MAX_PREFERRED_LENGTH, &cnt, &tot,
		    NULL)) == NERR_Success) {
			char *g = vc_utf8(gname);
			rb_printf(&b, "Alias name     %s\nComment        "
			    "(vigie-collect: NetLocalGroupGetMembers, group "
			    "S-1-5-32-544)\n\nMembers\n\n%s\n", g,
			    "-------------------------------------------------"
			    "------------------------------");
			for (k = 0; k < cnt; k++) {
				char *mn = vc_utf8(mi[k].lgrmi3_domainandname);
				rb_printf(&b, "%s\n", mn);
				free(mn);
			}
			rb_str(&b, "The command completed successfully.\n");
			free(g);
			NetApiBufferFree(mi);
			rf_utf8_to_utf16_file(&u, b.p, b.n);
			vc_artifact(st, "07-config/admins.txt", u.p, u.n,
			    "LookupAccountSidW(S-1-5-32-544), "
			    "NetLocalGroupGetMembers (not net.exe)");
		} else if (vc_is_unsupported(GetLastError()) ||
		    vc_is_unsupported(ns))
			vc_unsupported(st, "admins.txt",
			    "NetLocalGroupGetMembers", ns ? ns : GetLastError());
		else
			vc_warn(st, "admins.txt", vc_strerror(ns ? ns :
			    GetLastError()));
		if (mi == NULL)
			vc_unavailable("admins.txt", vc_strerror(ns ? ns :
			    GetLastError()));
		if (sid != NULL)
			FreeSid(sid);
	}
	/* No gpresult.xml: the policies applied are read where Group
	 * Policy writes them (docs/formats/windows-config.md). */
	vc_unavailable("gpresult.xml", "not written by vigie-collect: the "
	    "policy keys are read from the registry (reg/policies-machine.reg,"
	    " reg/cv-policies-machine.reg, reg/policies-user.reg) and the "
	    "account policy from the account API (secedit.inf)");
	rb_free(&b);
	rb_free(&u);
	return 0;
}

/* ---- recent files ---------------------------------------------------- */

struct walk {
	struct vc_step	*st;
	struct rbuf	*b;
	ULONGLONG	 cutoff;	/* FILETIME as a number */
	int		 count, hashed, max;
};

static void
walk_recent(struct walk *w, const WCHAR *dir, const char *kind, int depth)
{
	WIN32_FIND_DATAW	 fd;
	HANDLE			 f;
	WCHAR			*pat, *full;
	size_t			 n = wcslen(dir) + 4;

	pat = calloc(n, sizeof(WCHAR));
	swprintf(pat, n, L"%ls\\*", dir);
	f = FindFirstFileExW(pat, FindExInfoBasic, &fd, FindExSearchNameMatch,
	    NULL, FIND_FIRST_EX_LARGE_FETCH);
	free(pat);
	if (f == INVALID_HANDLE_VALUE)
		return;
	do {
		ULONGLONG mt = (ULONGLONG)fd.ftLastWriteTime.dwHighDateTime <<
		    32 | fd.ftLastWriteTime.dwLowDateTime;
		char t[32], hex[65], cause[300];
		uint64_t size = 0;

		if (wcscmp(fd.cFileName, L".") == 0 ||
		    wcscmp(fd.cFileName, L"..") == 0)
			continue;
		n = wcslen(dir) + wcslen(fd.cFileName) + 2;
		full = calloc(n, sizeof(WCHAR));
		swprintf(full, n, L"%ls\\%ls", dir, fd.cFileName);
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
			/* Junctions and links are not followed. */
			if (depth > 0 && !(fd.dwFileAttributes &
			    FILE_ATTRIBUTE_REPARSE_POINT))
				walk_recent(w, full, kind, depth - 1);
		} else if (mt >= w->cutoff && w->count < w->max) {
			vc_iso(&fd.ftLastWriteTime, t);
			rb_printf(w->b, "{\"kind\": \"%s\", \"path\": ", kind);
			vc_json_w(w->b, full);
			rb_printf(w->b, ", \"mtime_utc\": \"%s\"", t);
			if (vc_hash_file(full, vc_full ? (256 << 20) :
			    (32 << 20), hex, &size, cause, sizeof(cause)) ==
			    0) {
				rb_printf(w->b, ", \"size\": %llu, \"sha256\": "
				    "\"%s\"", (unsigned long long)size, hex);
				w->hashed++;
			} else {
				rb_str(w->b, ", \"sha256_skipped\": ");
				vc_json_s(w->b, cause);
			}
			rb_str(w->b, "}\n");
			w->count++;
		}
		free(full);
	} while (!w->st->closed && FindNextFileW(f, &fd));
	FindClose(f);
}

int
step_files(struct vc_step *st)
{
	static const struct { const WCHAR *sub; const char *kind; } sub[] = {
		{ L"Downloads", "downloads" }, { L"Desktop", "desktop" },
		{ L"Documents", "documents" }, { L"AppData\\Local\\Temp", "temp" },
		{ L"AppData\\Roaming\\Microsoft\\Windows\\Recent", "recent" },
	};
	struct rbuf	b = { 0 };
	struct walk	w = { .st = st, .b = &b };
	WCHAR		users[MAX_PATH], dir[MAX_PATH * 2], tmp[MAX_PATH];
	WIN32_FIND_DATAW fd;
	HANDLE		f;
	FILETIME	now;
	size_t		i;
	int		days = vc_full ? 30 : 7;

	GetSystemTimeAsFileTime(&now);
	w.cutoff = ((ULONGLONG)now.dwHighDateTime << 32 | now.dwLowDateTime) -
	    (ULONGLONG)days * 86400ULL * 10000000ULL;
	w.max = vc_full ? 100000 : 5000;
	/* Every profile under the Users folder (parent of this profile). */
	if (!ExpandEnvironmentStringsW(L"%SystemDrive%\\Users", users,
	    MAX_PATH))
		wcscpy(users, L"C:\\Users");
	swprintf(dir, MAX_PATH * 2, L"%ls\\*", users);
	f = FindFirstFileW(dir, &fd);
	if (f != INVALID_HANDLE_VALUE) {
		do {
			if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ||
			    (fd.dwFileAttributes &
			    FILE_ATTRIBUTE_REPARSE_POINT) ||
			    fd.cFileName[0] == L'.')
				continue;
			for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
				swprintf(dir, MAX_PATH * 2, L"%ls\\%ls\\%ls",
				    users, fd.cFileName, sub[i].sub);
				walk_recent(&w, dir, sub[i].kind, 6);
			}
		} while (!st->closed && FindNextFileW(f, &fd));
		FindClose(f);
	} else
		vc_warn(st, "Users", vc_strerror(GetLastError()));
	if (GetWindowsDirectoryW(tmp, MAX_PATH)) {
		swprintf(dir, MAX_PATH * 2, L"%ls\\Temp", tmp);
		walk_recent(&w, dir, "windows-temp", 6);
	}
	if (w.count >= w.max)
		vc_warn(st, "recent files", M("liste coupée", "list cut"));
	vc_artifact(st, "08-files/recent.jsonl", b.p ? b.p : "", b.n,
	    "FindFirstFileExW: Users\\*\\{Downloads,Desktop,Documents,"
	    "AppData\\Local\\Temp,Recent}, Windows\\Temp; changed in the "
	    "last days of the profile");
	rb_printf(&st->stats, "\"files\": %d, \"hashed\": %d, \"days\": %d",
	    w.count, w.hashed, days);
	rb_free(&b);
	return 0;
}

/* ---- USB storage history ---------------------------------------------- */

int
step_usb(struct vc_step *st)
{
	reg_export(st, "09-usb/usbstor.reg", HKEY_LOCAL_MACHINE,
	    "HKEY_LOCAL_MACHINE", L"SYSTEM\\CurrentControlSet\\Enum\\USBSTOR",
	    3);
	reg_export(st, "09-usb/usb.reg", HKEY_LOCAL_MACHINE,
	    "HKEY_LOCAL_MACHINE", L"SYSTEM\\CurrentControlSet\\Enum\\USB", 3);
	reg_export(st, "09-usb/mounted-devices.reg", HKEY_LOCAL_MACHINE,
	    "HKEY_LOCAL_MACHINE", L"SYSTEM\\MountedDevices", 0);
	reg_export(st, "09-usb/portable-devices.reg", HKEY_LOCAL_MACHINE,
	    "HKEY_LOCAL_MACHINE", L"SOFTWARE\\Microsoft\\Windows Portable "
	    "Devices\\Devices", 2);
	return 0;
}

/* ---- event logs ----------------------------------------------------- */

int
step_eventlogs(struct vc_step *st)
{
	static const WCHAR *ch[] = { L"Security", L"System",
	    L"Microsoft-Windows-PowerShell/Operational",
	    L"Microsoft-Windows-TaskScheduler/Operational",
	    L"Microsoft-Windows-TerminalServices-LocalSessionManager/"
	    "Operational" };
	static const char *fn[] = { "security", "system", "powershell",
	    "taskscheduler", "rdp-lsm" };
	size_t	i;
	int	done = 0, unsup = 0;

	for (i = 0; i < 5 && !st->closed; i++) {
		EVT_HANDLE	 q;
		EVT_HANDLE	 ev[64];
		DWORD		 n, used, prop, e;
		struct rbuf	 b = { 0 };
		WCHAR		*xml = NULL;
		DWORD		 xcap = 0;
		char		 rel[96], src[200], *c = vc_utf8(ch[i]);
		int		 count = 0, failed = 0,
				 max = vc_full ? 200000 : 20000;

		q = EvtQuery(NULL, ch[i], L"*", EvtQueryChannelPath |
		    EvtQueryReverseDirection);
		if (q == NULL) {
			e = GetLastError();
			/* Wine's stub returns NULL and sets no error. */
			if (e == 0 || vc_is_unsupported(e)) {
				vc_unsupported(st, c, "EvtQuery", e);
				unsup++;
			} else
				vc_warn(st, c, vc_strerror(e));
			free(c);
			continue;
		}
		while (count < max && !st->closed &&
		    EvtNext(q, 64, ev, 2000, 0, &n)) {
			DWORD k;
			for (k = 0; k < n; k++) {
				int good = EvtRender(NULL, ev[k],
				    EvtRenderEventXml, xcap * 2, xml, &used,
				    &prop);
				if (!good && GetLastError() ==
				    ERROR_INSUFFICIENT_BUFFER) {
					xcap = used / 2 + 256;
					free(xml);
					xml = calloc(xcap, 2);
					good = xml != NULL && EvtRender(NULL,
					    ev[k], EvtRenderEventXml, xcap * 2,
					    xml, &used, &prop);
				}
				/* A record that cannot be rendered is
				 * counted, never written twice. */
				if (!good) {
					if (xml != NULL)
						xml[0] = 0;
					failed++;
				}
				if (xml != NULL && xml[0]) {
					char *x = vc_utf8(xml);
					/* One record per line. */
					for (char *p = x; *p; p++)
						if (*p == '\n' || *p == '\r')
							*p = ' ';
					rb_str(&b, x);
					rb_str(&b, "\n");
					free(x);
				}
				EvtClose(ev[k]);
				count++;
			}
		}
		EvtClose(q);
		free(xml);
		if (failed > 0) {
			char m[64];
			snprintf(m, sizeof(m), "%d records not rendered",
			    failed);
			vc_warn(st, c, m);
		}
		snprintf(rel, sizeof(rel), "10-eventlogs/%s.xml-lines", fn[i]);
		snprintf(src, sizeof(src), "EvtQuery/EvtRender, channel %s, "
		    "newest first, at most %d records", c, max);
		vc_artifact(st, rel, b.p ? b.p : "", b.n, src);
		done++;
		rb_free(&b);
		free(c);
	}
	rb_printf(&st->stats, "\"channels\": %d", done);
	if (done == 0 && unsup > 0) {
		snprintf(st->sreason, sizeof(st->sreason), "%s",
		    M("EvtQuery non pris en charge", "EvtQuery not supported"));
		return -2;
	}
	return 0;
}
