/*
 * state.c — vigie-collect.exe: the security state `vigie scan config
 * --windows` checks and the collect scripts used to get from the PC's
 * own programs (auditpol, manage-bde, Get-MpComputerStatus, netsh,
 * Get-CimInstance), read here through the APIs: the audit policy
 * (advapi32 Audit*), BitLocker (WMI Win32_EncryptableVolume), Defender
 * (WMI MSFT_MpComputerStatus), the antivirus products of Security Center
 * (WMI AntiVirusProduct), the firewall (COM INetFwPolicy2), the Windows
 * Update history (COM IUpdateSearcher); and two volatile items: the DNS
 * cache (dnsapi's DnsGetCacheDataTable, loaded from System32 at run
 * time, never a wire query) and the WMI event subscriptions (root
 * \subscription).
 *
 * Each item runs in its own thread with its own time limit and builds
 * its text in memory; only an item that ended in time is written (so a
 * late thread never writes). An API the system lacks (as under Wine)
 * makes the item "not supported", recorded with the API and its error,
 * and 07-config/unavailable.txt says why each file is missing, for
 * scan config's "not evaluated" verdicts.
 */
#define COBJMACROS
#include <winsock2.h>
#include <ws2tcpip.h>
#include <initguid.h>
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>
#include <wbemcli.h>
#include <wuapi.h>
#include <netfw.h>
#include <ntsecapi.h>
#include <windns.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "collect.h"
#include "cfgfmt.h"

/* ---- one item, in its own thread ------------------------------------- */

struct vc_item {
	const char	*file;		/* artifact, relative to the output */
	int		(*fn)(struct vc_item *);
	DWORD		 limit_s;
	int		 utf16;		/* written as UTF-16 LE with a BOM */
	/* Set by the item's thread. */
	struct rbuf	 out;
	char		 source[300];
	char		 why[600];	/* rc != 0: the cause */
	int		 rc;		/* 0 ok, -1 failed, -2 not supported */
	int		 count;
};

/* Why each configuration file is missing (07-config/unavailable.txt). */
static CRITICAL_SECTION	 u_lock;
static INIT_ONCE	 u_once = INIT_ONCE_STATIC_INIT;
static struct rbuf	 u_text;

static BOOL CALLBACK
u_init(PINIT_ONCE o, PVOID p, PVOID *c)
{
	(void)o;
	(void)p;
	(void)c;
	InitializeCriticalSection(&u_lock);
	return TRUE;
}

void
vc_unavailable(const char *file, const char *why)
{
	InitOnceExecuteOnce(&u_once, u_init, NULL, NULL);
	EnterCriticalSection(&u_lock);
	/* "FILE: reason", one line each (file names have no ':'). */
	cf_label(&u_text, file);
	rb_str(&u_text, ": ");
	cf_value(&u_text, why);
	rb_str(&u_text, "\n");
	LeaveCriticalSection(&u_lock);
}

void
vc_unavailable_write(struct vc_step *st)
{
	struct rbuf u = { 0 };

	InitOnceExecuteOnce(&u_once, u_init, NULL, NULL);
	EnterCriticalSection(&u_lock);
	rf_utf8_to_utf16_file(&u, u_text.p ? u_text.p : "", u_text.n);
	LeaveCriticalSection(&u_lock);
	vc_artifact(st, "07-config/unavailable.txt", u.p, u.n,
	    "vigie-collect: why configuration files are missing");
	rb_free(&u);
}

/*
 * Wine's unimplemented functions raise EXCEPTION_WINE_STUB (not
 * continuable), with the DLL and function names: in an item's thread
 * the item becomes "not supported" and its thread ends there.
 */
#define VC_WINE_STUB	0x80000100UL

static __thread struct vc_item	*cur_item;
static INIT_ONCE		 veh_once = INIT_ONCE_STATIC_INIT;

static LONG CALLBACK
stub_handler(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD	*r = ep->ExceptionRecord;
	struct vc_item		*it = cur_item;
	const char		*dll = "?", *fn = "?";

	if ((unsigned long)r->ExceptionCode != VC_WINE_STUB || it == NULL)
		return EXCEPTION_CONTINUE_SEARCH;
	if (r->NumberParameters >= 2 && r->ExceptionInformation[0] > 0xffff)
		dll = (const char *)r->ExceptionInformation[0];
	if (r->NumberParameters >= 2 && r->ExceptionInformation[1] > 0xffff)
		fn = (const char *)r->ExceptionInformation[1];
	snprintf(it->why, sizeof(it->why), "%.100s.%.100s: %s", dll, fn,
	    "unimplemented function (a stub of this system)");
	it->rc = -2;
	cur_item = NULL;
	ExitThread(0);
}

static BOOL CALLBACK
veh_init(PINIT_ONCE o, PVOID p, PVOID *c)
{
	(void)o;
	(void)p;
	(void)c;
	AddVectoredExceptionHandler(1, stub_handler);
	return TRUE;
}

static DWORD WINAPI
item_thread(LPVOID p)
{
	struct vc_item *it = p;

	cur_item = it;
	CoInitializeEx(NULL, COINIT_MULTITHREADED);
	it->rc = it->fn(it);
	cur_item = NULL;
	CoUninitialize();
	return 0;
}

/* The base name of a path ("07-config/x.txt" -> "x.txt"). */
static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/*
 * Run IT in a thread for at most its limit (three times in the full
 * profile); write its artifact when it ended in time. CONFIG: a file
 * scan config reads (its absence is explained in unavailable.txt).
 */
static void
run_item(struct vc_step *st, struct vc_item *it, int config)
{
	HANDLE	h;
	DWORD	limit = it->limit_s * (vc_full ? 3 : 1);
	char	why[700];

	if (st->closed)
		return;
	InitOnceExecuteOnce(&veh_once, veh_init, NULL, NULL);
	h = CreateThread(NULL, 0, item_thread, it, 0, NULL);
	if (h == NULL) {
		snprintf(why, sizeof(why), "CreateThread: %s",
		    vc_strerror(GetLastError()));
		vc_warn(st, it->file, why);
		if (config)
			vc_unavailable(base(it->file), why);
		return;
	}
	if (WaitForSingleObject(h, limit * 1000) == WAIT_TIMEOUT) {
		/* Left behind: IT is never freed nor read again. */
		CloseHandle(h);
		snprintf(why, sizeof(why), M("arrêté après sa limite de %lu s",
		    "stopped after its limit of %lu s"), (unsigned long)limit);
		vc_warn(st, it->file, why);
		if (config)
			vc_unavailable(base(it->file), why);
		return;
	}
	CloseHandle(h);
	if (it->rc == 0) {
		if (it->utf16) {
			struct rbuf u = { 0 };

			rf_utf8_to_utf16_file(&u, it->out.p ? it->out.p : "",
			    it->out.n);
			vc_artifact(st, it->file, u.p, u.n, it->source);
			rb_free(&u);
		} else
			vc_artifact(st, it->file, it->out.p ? it->out.p : "",
			    it->out.n, it->source);
	} else {
		if (it->rc == -2)
			vc_unsupported(st, it->file, it->why, 0);
		else
			vc_warn(st, it->file, it->why);
		if (config) {
			snprintf(why, sizeof(why), "%s%s", it->rc == -2 ?
			    "not supported by this system: " : "", it->why);
			vc_unavailable(base(it->file), why);
		}
	}
	rb_free(&it->out);
}

/* "HRESULT 0x8004100e: text" (a buffer of the calling thread). */
static const char *
hr_text(HRESULT hr)
{
	return vc_strerror((DWORD)hr);
}

/* Whether HR says the component is not there or not implemented. */
static int
hr_unsupported(HRESULT hr)
{
	switch ((unsigned long)hr) {
	case 0x80004001UL:	/* E_NOTIMPL */
	case 0x80040154UL:	/* REGDB_E_CLASSNOTREG */
	case 0x80070032UL:	/* ERROR_NOT_SUPPORTED */
	case 0x80070078UL:	/* ERROR_CALL_NOT_IMPLEMENTED */
	case 0x8004100CUL:	/* WBEM_E_NOT_SUPPORTED */
	case 0x8004100EUL:	/* WBEM_E_INVALID_NAMESPACE */
	case 0x80041010UL:	/* WBEM_E_INVALID_CLASS */
	case 0x80041024UL:	/* WBEM_E_PROVIDER_NOT_CAPABLE */
		return 1;
	}
	return 0;
}

/* Record the failure of API with HR in IT: -2 or -1. */
static int
item_hr(struct vc_item *it, const char *api, HRESULT hr)
{
	snprintf(it->why, sizeof(it->why), "%s: %s", api, hr_text(hr));
	return hr_unsupported(hr) ? -2 : -1;
}

/* ---- WMI --------------------------------------------------------------- */

static INIT_ONCE	sec_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK
sec_init(PINIT_ONCE o, PVOID p, PVOID *c)
{
	(void)o;
	(void)p;
	(void)c;
	/* Process-wide; RPC_E_TOO_LATE when already set is harmless. */
	CoInitializeSecurity(NULL, -1, NULL, NULL, RPC_C_AUTHN_LEVEL_DEFAULT,
	    RPC_C_IMP_LEVEL_IMPERSONATE, NULL, EOAC_NONE, NULL);
	return TRUE;
}

/* NAMESPACE's services, or NULL with the cause in IT (-2 / -1 in *RC). */
static IWbemServices *
wmi_connect(struct vc_item *it, const WCHAR *ns, int *rc)
{
	IWbemLocator	*loc = NULL;
	IWbemServices	*svc = NULL;
	BSTR		 b;
	HRESULT		 hr;
	char		 api[200], *n = vc_utf8(ns);

	InitOnceExecuteOnce(&sec_once, sec_init, NULL, NULL);
	hr = CoCreateInstance(&CLSID_WbemLocator, NULL, CLSCTX_INPROC_SERVER,
	    &IID_IWbemLocator, (void **)&loc);
	if (FAILED(hr)) {
		*rc = item_hr(it, "CoCreateInstance(WbemLocator)", hr);
		free(n);
		return NULL;
	}
	b = SysAllocString(ns);
	hr = IWbemLocator_ConnectServer(loc, b, NULL, NULL, NULL,
	    WBEM_FLAG_CONNECT_USE_MAX_WAIT, NULL, NULL, &svc);
	SysFreeString(b);
	IWbemLocator_Release(loc);
	if (FAILED(hr)) {
		snprintf(api, sizeof(api), "WMI %s", n);
		*rc = item_hr(it, api, hr);
		free(n);
		return NULL;
	}
	free(n);
	CoSetProxyBlanket((IUnknown *)svc, RPC_C_AUTHN_WINNT,
	    RPC_C_AUTHZ_NONE, NULL, RPC_C_AUTHN_LEVEL_CALL,
	    RPC_C_IMP_LEVEL_IMPERSONATE, NULL, EOAC_NONE);
	return svc;
}

typedef int (*wmi_fn)(struct vc_item *, IWbemClassObject *, void *);

/* Run WQL on NS; FN for each object. 0, or -1 / -2 with IT->why set. */
static int
wmi_query(struct vc_item *it, const WCHAR *ns, const WCHAR *wql, wmi_fn fn,
    void *arg)
{
	IWbemServices		*svc;
	IEnumWbemClassObject	*en = NULL;
	IWbemClassObject	*o;
	BSTR			 lang, q;
	HRESULT			 hr;
	ULONG			 got;
	int			 rc = 0;
	char			 api[300], *n, *w;

	if ((svc = wmi_connect(it, ns, &rc)) == NULL)
		return rc;
	lang = SysAllocString(L"WQL");
	q = SysAllocString(wql);
	hr = IWbemServices_ExecQuery(svc, lang, q, WBEM_FLAG_FORWARD_ONLY |
	    WBEM_FLAG_RETURN_IMMEDIATELY, NULL, &en);
	SysFreeString(lang);
	SysFreeString(q);
	n = vc_utf8(ns);
	w = vc_utf8(wql);
	snprintf(api, sizeof(api), "WMI %s: %s", n, w);
	free(n);
	free(w);
	if (FAILED(hr)) {
		IWbemServices_Release(svc);
		return item_hr(it, api, hr);
	}
	for (;;) {
		o = NULL;
		hr = IEnumWbemClassObject_Next(en, 5000, 1, &o, &got);
		if (hr == (HRESULT)WBEM_S_TIMEDOUT)
			continue;	/* the item's time limit still holds */
		if (FAILED(hr)) {
			rc = item_hr(it, api, hr);
			break;
		}
		if (got == 0)
			break;
		it->count++;
		if (fn(it, o, arg) == -1)
			rc = -1;
		IWbemClassObject_Release(o);
	}
	IEnumWbemClassObject_Release(en);
	IWbemServices_Release(svc);
	if (rc == 0)
		snprintf(it->source, sizeof(it->source), "%s", api);
	return rc;
}

/* A VARIANT as text (malloc'd UTF-8), or NULL for null and arrays. */
static char *
var_text(const VARIANT *v)
{
	char b[64];

	switch (V_VT(v)) {
	case VT_BSTR:
		return vc_utf8(V_BSTR(v) ? V_BSTR(v) : L"");
	case VT_BOOL:
		return strdup(V_BOOL(v) ? "True" : "False");
	case VT_I1:
		snprintf(b, sizeof(b), "%d", (int)V_I1(v));
		break;
	case VT_UI1:
		snprintf(b, sizeof(b), "%u", (unsigned)V_UI1(v));
		break;
	case VT_I2:
		snprintf(b, sizeof(b), "%d", (int)V_I2(v));
		break;
	case VT_UI2:
		snprintf(b, sizeof(b), "%u", (unsigned)V_UI2(v));
		break;
	case VT_I4:
	case VT_INT:
		snprintf(b, sizeof(b), "%ld", (long)V_I4(v));
		break;
	case VT_UI4:
	case VT_UINT:
		snprintf(b, sizeof(b), "%lu", (unsigned long)V_UI4(v));
		break;
	case VT_I8:
		snprintf(b, sizeof(b), "%lld", (long long)V_I8(v));
		break;
	case VT_UI8:
		snprintf(b, sizeof(b), "%llu", (unsigned long long)V_UI8(v));
		break;
	case VT_R4:
		snprintf(b, sizeof(b), "%g", (double)V_R4(v));
		break;
	case VT_R8:
		snprintf(b, sizeof(b), "%g", V_R8(v));
		break;
	default:
		return NULL;
	}
	return strdup(b);
}

/* Property NAME of O as text (malloc'd), or NULL. */
static char *
prop_text(IWbemClassObject *o, const WCHAR *name)
{
	VARIANT	 v;
	char	*s = NULL;

	VariantInit(&v);
	if (SUCCEEDED(IWbemClassObject_Get(o, name, 0, &v, NULL, NULL)))
		s = var_text(&v);
	VariantClear(&v);
	return s;
}

/* Property NAME of O as a number; DEF when absent or not a number. */
static long
prop_long(IWbemClassObject *o, const WCHAR *name, long def)
{
	char	*s = prop_text(o, name), *end;
	long	 r = def;

	if (s != NULL && *s != '\0') {
		r = strtol(s, &end, 10);
		if (*end != '\0')
			r = def;
	}
	free(s);
	return r;
}

/*
 * Every non-system property of O: "Name : value" lines (Format-List),
 * or JSON members (", \"Name\": \"value\""). SKIP: names left out.
 */
static void
props(struct rbuf *b, IWbemClassObject *o, int json, const WCHAR *skip1,
    const WCHAR *skip2)
{
	BSTR	name;
	VARIANT	v;

	if (FAILED(IWbemClassObject_BeginEnumeration(o,
	    WBEM_FLAG_NONSYSTEM_ONLY)))
		return;
	for (;;) {
		char *n, *t;

		name = NULL;
		VariantInit(&v);
		if (IWbemClassObject_Next(o, 0, &name, &v, NULL, NULL) !=
		    WBEM_S_NO_ERROR)
			break;
		if ((skip1 && _wcsicmp(name, skip1) == 0) ||
		    (skip2 && _wcsicmp(name, skip2) == 0)) {
			SysFreeString(name);
			VariantClear(&v);
			continue;
		}
		n = vc_utf8(name);
		t = var_text(&v);
		if (json) {
			rb_str(b, ", ");
			vc_json_s(b, n);
			rb_str(b, ": ");
			vc_json_s(b, t);
		} else if (t != NULL)
			cf_kv(b, n, t);
		free(n);
		free(t);
		SysFreeString(name);
		VariantClear(&v);
	}
	IWbemClassObject_EndEnumeration(o);
}

/* ---- audit policy (auditpol.txt) -------------------------------------- */

static int
item_audit(struct vc_item *it)
{
	GUID		*cats = NULL, *subs;
	ULONG		 ncat = 0, nsub, i, k;
	AUDIT_POLICY_INFORMATION *pol;
	DWORD		 e;
	WCHAR		*wn;
	char		*n;

	if (!AuditEnumerateCategories(&cats, &ncat)) {
		e = GetLastError();
		snprintf(it->why, sizeof(it->why), "AuditEnumerateCategories: "
		    "%s", vc_strerror(e));
		return e == 0 || vc_is_unsupported(e) ? -2 : -1;
	}
	rb_str(&it->out, "System audit policy\nCategory/Subcategory"
	    "                      Setting\n");
	for (i = 0; i < ncat; i++) {
		if (AuditLookupCategoryNameW(&cats[i], &wn)) {
			n = vc_utf8(wn);
			cf_label(&it->out, n);
			rb_str(&it->out, "\n");
			free(n);
			AuditFree(wn);
		}
		subs = NULL;
		nsub = 0;
		if (!AuditEnumerateSubCategories(&cats[i], FALSE, &subs,
		    &nsub))
			continue;
		if (!AuditQuerySystemPolicy(subs, nsub, &pol)) {
			e = GetLastError();
			snprintf(it->why, sizeof(it->why),
			    "AuditQuerySystemPolicy: %s%s", vc_strerror(e),
			    e == ERROR_PRIVILEGE_NOT_HELD || e ==
			    ERROR_ACCESS_DENIED ? M(" (droits d'administrateur "
			    "nécessaires)", " (administrator rights needed)") :
			    "");
			AuditFree(subs);
			AuditFree(cats);
			return e == 0 || vc_is_unsupported(e) ? -2 : -1;
		}
		for (k = 0; k < nsub; k++) {
			if (AuditLookupSubCategoryNameW(&subs[k], &wn)) {
				n = vc_utf8(wn);
				AuditFree(wn);
			} else {
				WCHAR g[64];
				StringFromGUID2(&subs[k], g, 64);
				n = vc_utf8(g);
			}
			cf_audit_line(&it->out, n, pol[k].AuditingInformation);
			it->count++;
			free(n);
		}
		AuditFree(pol);
		AuditFree(subs);
	}
	AuditFree(cats);
	snprintf(it->source, sizeof(it->source), "AuditEnumerateCategories, "
	    "AuditEnumerateSubCategories, AuditQuerySystemPolicy (not "
	    "auditpol.exe)");
	return 0;
}

/* ---- BitLocker (bitlocker.txt) ---------------------------------------- */

struct blvol {
	char	*letter, *id;
	long	 conv, prot;
};

struct blset {
	struct blvol	*v;
	int		 n;
};

static int
bl_one(struct vc_item *it, IWbemClassObject *o, void *arg)
{
	struct blset *s = arg;

	(void)it;
	s->v = realloc(s->v, (size_t)(s->n + 1) * sizeof(*s->v));
	if (s->v == NULL)
		return -1;
	s->v[s->n].letter = prop_text(o, L"DriveLetter");
	s->v[s->n].id = prop_text(o, L"DeviceID");
	s->v[s->n].conv = prop_long(o, L"ConversionStatus", -1);
	s->v[s->n].prot = prop_long(o, L"ProtectionStatus", -1);
	s->n++;
	return 0;
}

static int
item_bitlocker(struct vc_item *it)
{
	struct blset	s = { 0 };
	int		rc, i, pass;

	rc = wmi_query(it, L"ROOT\\CIMV2\\Security\\MicrosoftVolumeEncryption",
	    L"SELECT DeviceID, DriveLetter, ConversionStatus, ProtectionStatus"
	    L" FROM Win32_EncryptableVolume", bl_one, &s);
	if (rc == -1 && strstr(it->why, "0x80041003") != NULL)
		strncat(it->why, M(" (droits d'administrateur nécessaires)",
		    " (administrator rights needed)"), sizeof(it->why) -
		    strlen(it->why) - 1);
	if (rc == 0) {
		/* Volumes without a letter first: they never fall inside
		 * the section of a lettered one. */
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < s.n; i++) {
				int lettered = s.v[i].letter != NULL &&
				    s.v[i].letter[0] != '\0';
				if (lettered == pass)
					cf_bl_volume(&it->out, s.v[i].letter,
					    s.v[i].id, s.v[i].conv,
					    s.v[i].prot);
			}
		if (s.n == 0) {
			snprintf(it->why, sizeof(it->why), "%s", M(
			    "Win32_EncryptableVolume" NB ": aucun volume",
			    "Win32_EncryptableVolume: no volume"));
			rc = -1;
		}
	}
	for (i = 0; i < s.n; i++) {
		free(s.v[i].letter);
		free(s.v[i].id);
	}
	free(s.v);
	return rc;
}

/* ---- Defender and Security Center --------------------------------------- */

static int
kv_all(struct vc_item *it, IWbemClassObject *o, void *arg)
{
	(void)arg;
	props(&it->out, o, 0, NULL, NULL);
	rb_str(&it->out, "\n");
	return 0;
}

static int
item_defender(struct vc_item *it)
{
	int rc = wmi_query(it, L"ROOT\\Microsoft\\Windows\\Defender",
	    L"SELECT * FROM MSFT_MpComputerStatus", kv_all, NULL);

	if (rc == 0 && it->count == 0) {
		snprintf(it->why, sizeof(it->why), "MSFT_MpComputerStatus: %s",
		    M("aucune instance", "no instance"));
		return -1;
	}
	return rc;
}

static int
av_one(struct vc_item *it, IWbemClassObject *o, void *arg)
{
	char *n = prop_text(o, L"displayName"), *s = prop_text(o,
	    L"productState");

	(void)arg;
	/* displayName, then productState: scan config pairs them so. */
	cf_kv(&it->out, "displayName", n);
	cf_kv(&it->out, "productState", s);
	props(&it->out, o, 0, L"displayName", L"productState");
	rb_str(&it->out, "\n");
	free(n);
	free(s);
	return 0;
}

static int
item_antivirus(struct vc_item *it)
{
	return wmi_query(it, L"ROOT\\SecurityCenter2",
	    L"SELECT * FROM AntiVirusProduct", av_one, NULL);
}

/* ---- firewall (firewall.txt) ---------------------------------------------- */

/* DWORD NAME of HKLM\\PATH: 1 set (*V), 0 absent, -1 unreadable. */
static int
reg_dword(const WCHAR *path, const WCHAR *name, DWORD *v)
{
	DWORD	n = sizeof(*v), type;
	HKEY	k;
	LONG	rc;

	rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ |
	    KEY_WOW64_64KEY, &k);
	if (rc == ERROR_FILE_NOT_FOUND)
		return 0;
	if (rc != 0)
		return -1;
	rc = RegQueryValueExW(k, name, NULL, &type, (BYTE *)v, &n);
	RegCloseKey(k);
	if (rc == ERROR_FILE_NOT_FOUND)
		return 0;
	return rc == 0 && type == REG_DWORD && n == sizeof(*v) ? 1 : -1;
}

/*
 * The firewall from the registry, when INetFwPolicy2 cannot answer: the
 * Group Policy value (SOFTWARE\Policies\Microsoft\WindowsFirewall)
 * wins over the local one (FirewallPolicy of SharedAccess), as the
 * firewall service applies them. A value set nowhere is left out (its
 * check is then not evaluated from this file).
 */
static int
fw_registry(struct vc_item *it, const char *why)
{
	static const struct { int prof; const WCHAR *local, *policy; } p[3] = {
		{ 1, L"DomainProfile", L"DomainProfile" },
		{ 2, L"StandardProfile", L"PrivateProfile" },
		{ 4, L"PublicProfile", L"PublicProfile" },
	};
	static const WCHAR *names[3] = { L"EnableFirewall",
	    L"DefaultInboundAction", L"DefaultOutboundAction" };
	WCHAR	 path[300];
	int	 i, k, known = 0;

	rb_printf(&it->out, "; INetFwPolicy2 unavailable (%s): read from "
	    "the registry, policy values first\n\n", why);
	for (i = 0; i < 3; i++) {
		int	 val[3];
		DWORD	 v;

		for (k = 0; k < 3; k++) {
			val[k] = -1;
			swprintf(path, 300, L"SOFTWARE\\Policies\\Microsoft\\"
			    "WindowsFirewall\\%ls", p[i].policy);
			if (reg_dword(path, names[k], &v) == 1) {
				val[k] = v != 0;
				continue;
			}
			swprintf(path, 300, L"SYSTEM\\CurrentControlSet\\"
			    "Services\\SharedAccess\\Parameters\\"
			    "FirewallPolicy\\%ls", p[i].local);
			if (reg_dword(path, names[k], &v) == 1)
				val[k] = v != 0;
		}
		known += val[0] >= 0 || (val[1] >= 0 && val[2] >= 0);
		cf_fw_profile(&it->out, p[i].prof, val[0], val[1], val[2], -1);
	}
	if (known == 0) {
		rb_free(&it->out);
		return -2;
	}
	snprintf(it->source, sizeof(it->source), "registry: SOFTWARE\\"
	    "Policies\\Microsoft\\WindowsFirewall, then SharedAccess\\"
	    "Parameters\\FirewallPolicy (INetFwPolicy2 unavailable)");
	return 0;
}

static int
item_firewall(struct vc_item *it)
{
	static const NET_FW_PROFILE_TYPE2 prof[3] = { NET_FW_PROFILE2_DOMAIN,
	    NET_FW_PROFILE2_PRIVATE, NET_FW_PROFILE2_PUBLIC };
	INetFwPolicy2	*p = NULL;
	HRESULT		 hr, first = S_OK;
	int		 i, known = 0;

	hr = CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER,
	    &IID_INetFwPolicy2, (void **)&p);
	if (FAILED(hr)) {
		int rc = item_hr(it, "CoCreateInstance(NetFwPolicy2)", hr);
		return fw_registry(it, it->why) == 0 ? 0 : rc;
	}
	for (i = 0; i < 3; i++) {
		VARIANT_BOOL	 en, all;
		NET_FW_ACTION	 in, out;
		int		 e = -1, ib = -1, ob = -1, ba = -1;

		if (SUCCEEDED(hr = INetFwPolicy2_get_FirewallEnabled(p, prof[i],
		    &en)))
			e = en != VARIANT_FALSE;
		else if (first == S_OK)
			first = hr;
		if (SUCCEEDED(hr = INetFwPolicy2_get_DefaultInboundAction(p,
		    prof[i], &in)))
			ib = in == NET_FW_ACTION_BLOCK;
		else if (first == S_OK)
			first = hr;
		if (SUCCEEDED(hr = INetFwPolicy2_get_DefaultOutboundAction(p,
		    prof[i], &out)))
			ob = out == NET_FW_ACTION_BLOCK;
		else if (first == S_OK)
			first = hr;
		if (SUCCEEDED(INetFwPolicy2_get_BlockAllInboundTraffic(p,
		    prof[i], &all)))
			ba = all != VARIANT_FALSE;
		known += e >= 0 || (ib >= 0 && ob >= 0);
		cf_fw_profile(&it->out, (int)prof[i], e, ib, ob, ba);
	}
	INetFwPolicy2_Release(p);
	if (known == 0) {
		int rc = item_hr(it, "INetFwPolicy2", first);
		rb_free(&it->out);
		return fw_registry(it, it->why) == 0 ? 0 : rc;
	}
	if (first != S_OK)
		rb_printf(&it->out, "; some values could not be read: %s\n",
		    hr_text(first));
	snprintf(it->source, sizeof(it->source), "INetFwPolicy2 (COM "
	    "HNetCfg.FwPolicy2: FirewallEnabled, DefaultInboundAction, "
	    "DefaultOutboundAction, BlockAllInboundTraffic; not netsh)");
	return 0;
}

/* ---- Windows Update history (updates.txt) ------------------------------- */

static int
item_updates(struct vc_item *it)
{
	IUpdateSession			*s = NULL;
	IUpdateSearcher			*q = NULL;
	IUpdateHistoryEntryCollection	*c = NULL;
	struct cf_update		*u = NULL;
	LONG				 total = 0, n = 0, i;
	HRESULT				 hr;
	int				 rc = 0;

	hr = CoCreateInstance(&CLSID_UpdateSession, NULL,
	    CLSCTX_INPROC_SERVER, &IID_IUpdateSession, (void **)&s);
	if (FAILED(hr))
		return item_hr(it, "CoCreateInstance(UpdateSession)", hr);
	if (FAILED(hr = IUpdateSession_CreateUpdateSearcher(s, &q))) {
		rc = item_hr(it, "IUpdateSession::CreateUpdateSearcher", hr);
		goto out;
	}
	if (FAILED(hr = IUpdateSearcher_GetTotalHistoryCount(q, &total))) {
		rc = item_hr(it, "IUpdateSearcher::GetTotalHistoryCount", hr);
		goto out;
	}
	if (total > 5000)
		total = 5000;
	if (total > 0) {
		if (FAILED(hr = IUpdateSearcher_QueryHistory(q, 0, total,
		    &c))) {
			rc = item_hr(it, "IUpdateSearcher::QueryHistory", hr);
			goto out;
		}
		if (FAILED(hr = IUpdateHistoryEntryCollection_get_Count(c,
		    &n)) || n < 0)
			n = 0;
		if ((u = calloc((size_t)n + 1, sizeof(*u))) == NULL) {
			rc = -1;
			snprintf(it->why, sizeof(it->why), "out of memory");
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		IUpdateHistoryEntry	*e = NULL;
		UpdateOperation		 op = 0;
		OperationResultCode	 r = 0;
		DATE			 d = NAN;
		BSTR			 t = NULL;
		HRESULT			 eh = 0;

		if (FAILED(IUpdateHistoryEntryCollection_get_Item(c, i, &e)))
			continue;
		if (FAILED(IUpdateHistoryEntry_get_Date(e, &d)))
			d = NAN;
		IUpdateHistoryEntry_get_Operation(e, &op);
		IUpdateHistoryEntry_get_ResultCode(e, &r);
		IUpdateHistoryEntry_get_HResult(e, &eh);
		if (SUCCEEDED(IUpdateHistoryEntry_get_Title(e, &t)) && t) {
			u[it->count].title = vc_utf8(t);
			SysFreeString(t);
		}
		u[it->count].date = d;
		u[it->count].operation = (int)op;
		u[it->count].result = (int)r;
		u[it->count].hresult = (long)eh;
		it->count++;
		IUpdateHistoryEntry_Release(e);
	}
	rb_printf(&it->out, "; Windows Update history, newest first: %d "
	    "entries (IUpdateSearcher::QueryHistory)\n\n", it->count);
	cf_updates(&it->out, u, (size_t)it->count);
	snprintf(it->source, sizeof(it->source), "Windows Update Agent: "
	    "IUpdateSearcher::QueryHistory (dates in UTC)");
out:
	for (i = 0; u != NULL && i < it->count; i++)
		free(u[i].title);
	free(u);
	if (c)
		IUpdateHistoryEntryCollection_Release(c);
	if (q)
		IUpdateSearcher_Release(q);
	if (s)
		IUpdateSession_Release(s);
	return rc;
}

/* ---- the step: security state ----------------------------------------- */

int
step_state(struct vc_step *st)
{
	struct vc_item *items[6];
	static const struct { const char *file; int (*fn)(struct vc_item *);
	    DWORD limit; } t[6] = {
		{ "07-config/auditpol.txt", item_audit, 20 },
		{ "07-config/bitlocker.txt", item_bitlocker, 30 },
		{ "07-config/defender.txt", item_defender, 30 },
		{ "07-config/antivirus.txt", item_antivirus, 20 },
		{ "07-config/firewall.txt", item_firewall, 20 },
		{ "07-config/updates.txt", item_updates, 60 },
	};
	int i, done = 0;

	for (i = 0; i < 6 && !st->closed; i++) {
		/* Heap: a thread past its limit keeps its item. */
		if ((items[i] = calloc(1, sizeof(*items[i]))) == NULL)
			continue;
		items[i]->file = t[i].file;
		items[i]->fn = t[i].fn;
		items[i]->limit_s = t[i].limit;
		items[i]->utf16 = 1;
		run_item(st, items[i], 1);
		done += items[i]->rc == 0;
	}
	vc_unavailable_write(st);
	rb_printf(&st->stats, "\"written\": %d", done);
	if (done == 0) {
		snprintf(st->sreason, sizeof(st->sreason), "%s",
		    M("aucune de ces interfaces n'est prise en charge ici "
		    "(voir les avertissements)", "none of these interfaces "
		    "is supported here (see the warnings)"));
		return -2;
	}
	return 0;
}

/* ---- DNS cache (03-network/dns-cache.jsonl) ------------------------------ */

/* What DnsGetCacheDataTable returns (undocumented: dnsapi.dll's own
 * layout, as the tools that read it declare it). */
typedef struct vc_dns_entry {
	struct vc_dns_entry	*next;
	PWSTR			 name;
	WORD			 type;
	WORD			 datalen;
	DWORD			 flags;
} vc_dns_entry;

typedef BOOL (WINAPI *dns_table_t)(vc_dns_entry **);
typedef DNS_STATUS (WINAPI *dns_query_t)(PCWSTR, WORD, DWORD, PVOID,
    PDNS_RECORD *, PVOID *);
typedef VOID (WINAPI *dns_free_t)(PVOID, DNS_FREE_TYPE);

/* The data of record R as text in B. */
static void
dns_data(const DNS_RECORDW *r, char *b, size_t n)
{
	char *u = NULL;

	b[0] = '\0';
	switch (r->wType) {
	case DNS_TYPE_A:
		inet_ntop(AF_INET, (void *)&r->Data.A.IpAddress, b, n);
		return;
	case DNS_TYPE_AAAA:
		inet_ntop(AF_INET6, (void *)&r->Data.AAAA.Ip6Address, b, n);
		return;
	case DNS_TYPE_CNAME:
	case DNS_TYPE_PTR:
	case DNS_TYPE_NS:
		u = vc_utf8(r->Data.PTR.pNameHost);
		break;
	case DNS_TYPE_MX:
		u = vc_utf8(r->Data.MX.pNameExchange);
		break;
	case DNS_TYPE_SRV:
		u = vc_utf8(r->Data.SRV.pNameTarget);
		break;
	case DNS_TYPE_TEXT:
		if (r->Data.TXT.dwStringCount > 0)
			u = vc_utf8(r->Data.TXT.pStringArray[0]);
		break;
	default:
		return;
	}
	snprintf(b, n, "%s", u ? u : "");
	free(u);
}

static int
item_dns(struct vc_item *it)
{
	HMODULE		 m;
	dns_table_t	 table;
	dns_query_t	 query;
	dns_free_t	 dfree;
	vc_dns_entry	*list = NULL, *e, *next;
	DWORD		 err;

	/* From System32 only: never a dnsapi.dll beside the exe. */
	m = LoadLibraryExW(L"dnsapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
	if (m == NULL) {
		snprintf(it->why, sizeof(it->why), "dnsapi.dll: %s",
		    vc_strerror(GetLastError()));
		return -2;
	}
	table = (dns_table_t)(void *)GetProcAddress(m, "DnsGetCacheDataTable");
	query = (dns_query_t)(void *)GetProcAddress(m, "DnsQuery_W");
	dfree = (dns_free_t)(void *)GetProcAddress(m, "DnsFree");
	if (table == NULL || query == NULL || dfree == NULL) {
		snprintf(it->why, sizeof(it->why), "%s", "dnsapi.dll: "
		    "DnsGetCacheDataTable, DnsQuery_W or DnsFree missing");
		return -2;
	}
	SetLastError(0);
	if (!table(&list)) {
		err = GetLastError();
		snprintf(it->why, sizeof(it->why), "DnsGetCacheDataTable: %s",
		    err ? vc_strerror(err) : M("a échoué sans code d'erreur",
		    "failed with no error code"));
		return err == 0 || vc_is_unsupported(err) ? -2 : -1;
	}
	for (e = list; e != NULL && it->count < 100000; e = next) {
		PDNS_RECORDW	 rec = NULL, r;
		char		*name = vc_utf8(e->name), data[512];
		DNS_STATUS	 s;

		next = e->next;
		/* Cache only: DNS_QUERY_NO_WIRE_QUERY sends nothing. */
		s = query(e->name, e->type, DNS_QUERY_NO_WIRE_QUERY, NULL,
		    (PDNS_RECORD *)&rec, NULL);
		if (s == 0 && rec != NULL) {
			for (r = rec; r != NULL; r = r->pNext) {
				char *rn = vc_utf8(r->pName);
				dns_data(r, data, sizeof(data));
				cf_dns_json(&it->out, rn, r->wType, r->dwTtl,
				    data[0] ? data : NULL, e->flags);
				free(rn);
			}
			dfree(rec, DnsFreeRecordList);
		} else
			/* Listed in the cache, no record left (expired,
			 * or a negative entry). */
			cf_dns_json(&it->out, name, e->type, 0, NULL,
			    e->flags);
		it->count++;
		free(name);
		if (e->name)
			dfree(e->name, DnsFreeFlat);
		dfree(e, DnsFreeFlat);
	}
	snprintf(it->source, sizeof(it->source), "dnsapi.dll: "
	    "DnsGetCacheDataTable (undocumented), DnsQuery_W with "
	    "DNS_QUERY_NO_WIRE_QUERY (cache only, nothing sent)");
	return 0;
}

/* Run the item writing FILE with FN for at most LIMIT s (not a
 * configuration file: its absence goes to the step's warnings only). */
static void
start_item(struct vc_step *st, const char *file, int (*fn)(struct vc_item *),
    DWORD limit)
{
	/* Heap: a thread past its limit keeps its item. */
	struct vc_item *it = calloc(1, sizeof(*it));

	if (it == NULL)
		return;
	it->file = file;
	it->fn = fn;
	it->limit_s = limit;
	run_item(st, it, 0);
}

void
vc_dns_cache(struct vc_step *st)
{
	start_item(st, "03-network/dns-cache.jsonl", item_dns, 15);
}

/* ---- WMI event subscriptions (06-autoruns/wmi-subscriptions.jsonl) ------- */

static int
sub_one(struct vc_item *it, IWbemClassObject *o, void *arg)
{
	char *cls = prop_text(o, L"__CLASS"), *path = prop_text(o,
	    L"__RELPATH");

	rb_str(&it->out, "{\"query\": ");
	vc_json_s(&it->out, arg);
	rb_str(&it->out, ", \"class\": ");
	vc_json_s(&it->out, cls);
	rb_str(&it->out, ", \"relpath\": ");
	vc_json_s(&it->out, path);
	props(&it->out, o, 1, NULL, NULL);
	rb_str(&it->out, "}\n");
	free(cls);
	free(path);
	return 0;
}

static int
item_wmisub(struct vc_item *it)
{
	/* __EventConsumer: every consumer class (CommandLine, ActiveScript,
	 * NTEventLog, LogFile, SMTP...), each with its own __CLASS. */
	static const WCHAR *q[3] = { L"SELECT * FROM __EventFilter",
	    L"SELECT * FROM __EventConsumer",
	    L"SELECT * FROM __FilterToConsumerBinding" };
	static const char *qn[3] = { "__EventFilter", "__EventConsumer",
	    "__FilterToConsumerBinding" };
	int i, rc;

	for (i = 0; i < 3; i++)
		if ((rc = wmi_query(it, L"ROOT\\subscription", q[i], sub_one,
		    (void *)qn[i])) != 0)
			return rc;
	snprintf(it->source, sizeof(it->source), "WMI ROOT\\subscription: "
	    "__EventFilter, __EventConsumer (all consumer classes), "
	    "__FilterToConsumerBinding");
	return 0;
}

void
vc_wmi_subscriptions(struct vc_step *st)
{
	start_item(st, "06-autoruns/wmi-subscriptions.jsonl", item_wmisub,
	    30);
}
