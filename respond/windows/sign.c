/*
 * sign.c — for vigie-collect.exe's process step: the Authenticode
 * signature embedded in an executable (WinVerifyTrust, offline: no
 * revocation check, no network) with its signer's name, and whether a
 * process looks suspicious enough for its loaded modules to be listed.
 * Catalog signatures (most of Windows' own programs) are not checked:
 * such a file is reported "no embedded signature", never "unsigned".
 */
#include <windows.h>
#include <wintrust.h>
#include <softpub.h>
#include <wincrypt.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "collect.h"

/* A small cache: services share their exe (svchost). */
struct sigcache {
	WCHAR	*path;
	char	*json;
};
static struct sigcache	cache[256];
static int		ncache;

static char *
verify(const WCHAR *path)
{
	WINTRUST_FILE_INFO	 fi;
	WINTRUST_DATA		 wd;
	GUID			 g = WINTRUST_ACTION_GENERIC_VERIFY_V2;
	LONG			 st;
	struct rbuf		 b = { 0 };
	CRYPT_PROVIDER_DATA	*pd;
	CRYPT_PROVIDER_SGNR	*sg;
	WCHAR			 name[256] = L"";
	const char		*status;

	memset(&fi, 0, sizeof(fi));
	fi.cbStruct = sizeof(fi);
	fi.pcwszFilePath = path;
	memset(&wd, 0, sizeof(wd));
	wd.cbStruct = sizeof(wd);
	wd.dwUIChoice = WTD_UI_NONE;
	wd.fdwRevocationChecks = WTD_REVOKE_NONE;
	wd.dwUnionChoice = WTD_CHOICE_FILE;
	wd.pFile = &fi;
	wd.dwStateAction = WTD_STATEACTION_VERIFY;
	wd.dwProvFlags = WTD_CACHE_ONLY_URL_RETRIEVAL |
	    WTD_REVOCATION_CHECK_NONE;
	st = WinVerifyTrust((HWND)INVALID_HANDLE_VALUE, &g, &wd);
	switch ((unsigned long)st) {
	case ERROR_SUCCESS:
		status = "valid";
		break;
	case (unsigned long)TRUST_E_NOSIGNATURE:
	case (unsigned long)TRUST_E_SUBJECT_FORM_UNKNOWN:
	case (unsigned long)TRUST_E_PROVIDER_UNKNOWN:
		status = "no_embedded_signature";
		break;
	case (unsigned long)TRUST_E_BAD_DIGEST:
		status = "bad_digest";
		break;
	case (unsigned long)CERT_E_UNTRUSTEDROOT:
	case (unsigned long)CERT_E_CHAINING:
		status = "untrusted_root";
		break;
	case (unsigned long)CERT_E_EXPIRED:
		status = "expired";
		break;
	case (unsigned long)TRUST_E_EXPLICIT_DISTRUST:
		status = "distrusted";
		break;
	default:
		status = NULL;
	}
	if (wd.hWVTStateData != NULL &&
	    (pd = WTHelperProvDataFromStateData(wd.hWVTStateData)) != NULL &&
	    (sg = WTHelperGetProvSignerFromChain(pd, 0, FALSE, 0)) != NULL &&
	    sg->csCertChain > 0 && sg->pasCertChain != NULL)
		CertGetNameStringW(sg->pasCertChain[0].pCert,
		    CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, name, 256);
	wd.dwStateAction = WTD_STATEACTION_CLOSE;
	WinVerifyTrust((HWND)INVALID_HANDLE_VALUE, &g, &wd);
	rb_str(&b, "{\"kind\": \"embedded\", \"status\": ");
	if (status != NULL)
		rb_printf(&b, "\"%s\"", status);
	else
		rb_printf(&b, "\"error\", \"error\": \"0x%08lx\"",
		    (unsigned long)st);
	rb_str(&b, ", \"signer\": ");
	vc_json_w(&b, name[0] ? name : NULL);
	if (status != NULL && strcmp(status, "no_embedded_signature") == 0)
		rb_str(&b, ", \"note\": \"catalog signatures not checked\"");
	rb_str(&b, "}");
	return b.p;
}

void
vc_authenticode(struct rbuf *j, const WCHAR *path)
{
	int	i;
	char	*s;

	for (i = 0; i < ncache; i++)
		if (_wcsicmp(cache[i].path, path) == 0) {
			rb_str(j, cache[i].json);
			return;
		}
	s = verify(path);
	rb_str(j, s ? s : "null");
	if (s != NULL && ncache < 256) {
		cache[ncache].path = _wcsdup(path);
		cache[ncache].json = s;
		ncache++;
	} else
		free(s);
}

int
vc_suspicious_path(const WCHAR *exe)
{
	static const WCHAR *where[] = { L"\\Users\\", L"\\Temp\\",
	    L"\\AppData\\", L"\\ProgramData\\", L"\\Downloads\\",
	    L"\\$Recycle.Bin\\", L"\\Public\\" };
	WCHAR	*up = _wcsdup(exe), *p;
	size_t	 i;
	int	 r = 0;

	if (up == NULL)
		return 0;
	for (p = up; *p; p++)
		*p = towupper(*p);
	for (i = 0; i < sizeof(where) / sizeof(where[0]) && !r; i++) {
		WCHAR *w = _wcsdup(where[i]);
		for (p = w; *p; p++)
			*p = towupper(*p);
		r = wcsstr(up, w) != NULL;
		free(w);
	}
	free(up);
	return r;
}

void
vc_modules(struct rbuf *j, DWORD pid)
{
	HANDLE		snap;
	MODULEENTRY32W	me;
	int		n = 0;

	snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE |
	    TH32CS_SNAPMODULE32, pid);
	if (snap == INVALID_HANDLE_VALUE) {
		rb_str(j, ", \"modules_error\": ");
		vc_json_s(j, vc_strerror(GetLastError()));
		return;
	}
	rb_str(j, ", \"modules\": [");
	me.dwSize = sizeof(me);
	for (BOOL ok = Module32FirstW(snap, &me); ok && n < 2000;
	    ok = Module32NextW(snap, &me), n++) {
		if (n > 0)
			rb_str(j, ", ");
		vc_json_w(j, me.szExePath);
	}
	rb_str(j, "]");
	CloseHandle(snap);
}
