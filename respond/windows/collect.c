/*
 * collect.c — vigie-collect.exe: the Windows collector of volatile
 * evidence and configuration (issue 14). Options, the output folder
 * (written beneath it only, refused on the system disk unless a reason
 * is given), the steps run in order of volatility each in a thread with
 * its own time limit, artifacts hashed as written, then the seal in the
 * format of `vigie respond capture` (docs/formats/capture.md): manifest.json
 * signed with Ed25519 (libgcrypt), SHA256SUMS, and the custody log as
 * custody.jsonl (SQLite does not exist for this target in Debian; the
 * entries and their hash are those of custody.db).
 *
 * Win32 API and libgcrypt only: nothing of the examined PC's programs
 * is run. Messages in French by default (--lang en).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "collect.h"

#include <shellapi.h>
#include <gcrypt.h>

int	vc_english;
int	vc_full;
int	vc_admin;
char	vc_started_utc[32];

static CRITICAL_SECTION	 g_lock;
static WCHAR		*g_out;		/* full path of the output folder */
static struct rbuf	 g_arts;	/* manifest "artifacts" members */
static struct rbuf	 g_sums;	/* SHA256SUMS lines of the artifacts */
static struct rbuf	 g_dirs;	/* folders created, "\n"-separated */
static int		 g_nart;
static struct vc_step	*g_cur;		/* step whose SUMS lines are built */
static struct rbuf	 g_stepsums;

/* ---- small helpers -------------------------------------------------- */

char *
vc_utf8(const WCHAR *w)
{
	char	*s;
	int	 n;

	if (w == NULL)
		w = L"";
	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	if (n <= 0)
		return strdup("");
	if ((s = malloc((size_t)n)) == NULL)
		return strdup("");
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

WCHAR *
vc_wide(const char *s)
{
	WCHAR	*w;
	int	 n;

	n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
	if (n <= 0)
		n = 1;
	if ((w = calloc((size_t)n, sizeof(WCHAR))) == NULL)
		abort();
	MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
	return w;
}

void
vc_json_w(struct rbuf *b, const WCHAR *w)
{
	if (w == NULL) {
		rb_str(b, "null");
		return;
	}
	{
		struct rbuf u = { 0 };
		rf_utf16_to_utf8(&u, (const unsigned char *)w,
		    wcslen(w) * sizeof(WCHAR), 0);
		rf_json_str(b, u.p ? u.p : "", u.n);
		rb_free(&u);
	}
}

void
vc_json_s(struct rbuf *b, const char *s)
{
	if (s == NULL)
		rb_str(b, "null");
	else
		rf_json_str(b, s, strlen(s));
}

void
vc_iso(const FILETIME *ft, char out[32])
{
	SYSTEMTIME st;

	out[0] = '\0';
	if (ft->dwLowDateTime == 0 && ft->dwHighDateTime == 0)
		return;
	if (!FileTimeToSystemTime(ft, &st))
		return;
	snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", st.wYear,
	    st.wMonth, st.wDay, st.wHour, st.wMinute, st.wSecond);
}

static void
now_iso(char out[32])
{
	FILETIME ft;

	GetSystemTimeAsFileTime(&ft);
	vc_iso(&ft, out);
}

const char *
vc_strerror(DWORD e)
{
	static __thread char	buf[400];
	WCHAR		w[300];
	char		*u;
	size_t		l;

	if (FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM |
	    FORMAT_MESSAGE_IGNORE_INSERTS, NULL, e, vc_english ?
	    MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US) : 0, w, 300,
	    NULL) == 0 && FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM |
	    FORMAT_MESSAGE_IGNORE_INSERTS, NULL, e, 0, w, 300, NULL) == 0)
		w[0] = 0;
	u = vc_utf8(w);
	l = strlen(u);
	while (l > 0 && (u[l - 1] == '\n' || u[l - 1] == '\r' ||
	    u[l - 1] == ' ' || u[l - 1] == '.'))
		u[--l] = '\0';
	if (e >= 0x80000000UL && e < 0xC0000000UL)	/* an HRESULT */
		snprintf(buf, sizeof(buf), "HRESULT 0x%08lx%s%s",
		    (unsigned long)e, *u ? ": " : "", u);
	else if (e >= 0xC0000000UL)	/* an NTSTATUS */
		snprintf(buf, sizeof(buf), "NTSTATUS 0x%08lx%s%s",
		    (unsigned long)e, *u ? ": " : "", u);
	else
		snprintf(buf, sizeof(buf), "%s %lu%s%s", M("erreur", "error"),
		    (unsigned long)e, *u ? ": " : "", u);
	free(u);
	return buf;
}

int
vc_is_unsupported(DWORD e)
{
	return e == ERROR_CALL_NOT_IMPLEMENTED || e == ERROR_NOT_SUPPORTED ||
	    e == ERROR_PROC_NOT_FOUND || e == ERROR_INVALID_FUNCTION ||
	    e == (DWORD)0xC0000002L /* STATUS_NOT_IMPLEMENTED */ ||
	    e == (DWORD)0xC00000BBL /* STATUS_NOT_SUPPORTED */ ||
	    e == (DWORD)0xC0000003L /* STATUS_INVALID_INFO_CLASS */;
}

/* Printed on the console: UTF-16 to a console, UTF-8 to a file/pipe. */
static void
say(const char *fmt, ...) __attribute__((format(gnu_printf, 1, 2)));
static void
say(const char *fmt, ...)
{
	struct rbuf	 b = { 0 };
	va_list		 ap;
	HANDLE		 h = GetStdHandle(STD_OUTPUT_HANDLE);
	DWORD		 mode, w;
	char		 small[2048];
	WCHAR		*ws;

	va_start(ap, fmt);
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	rb_str(&b, small);
	if (GetConsoleMode(h, &mode)) {
		ws = vc_wide(b.p);
		WriteConsoleW(h, ws, (DWORD)wcslen(ws), &w, NULL);
		free(ws);
	} else
		WriteFile(h, b.p, (DWORD)b.n, &w, NULL);
	rb_free(&b);
}

/* Seconds with one decimal, a comma in French (static buffer). */
static const char *
secs_text(double s)
{
	static char	b[2][32];
	static int	k;
	char		*p;

	k = !k;
	snprintf(b[k], sizeof(b[k]), "%.1f", s);
	if (!vc_english && (p = strchr(b[k], '.')) != NULL)
		*p = ',';
	return b[k];
}

static void
sha_hex(const unsigned char *d, char hex[65])
{
	int i;

	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static void
sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char d[32];

	gcry_md_hash_buffer(GCRY_MD_SHA256, d, data, len);
	sha_hex(d, hex);
}

int
vc_hash_file(const WCHAR *path, uint64_t max, char hex[65], uint64_t *size,
    char *cause, size_t causelen)
{
	HANDLE		 h;
	gcry_md_hd_t	 md;
	LARGE_INTEGER	 sz;
	unsigned char	*buf;
	DWORD		 n;
	uint64_t	 total = 0;

	h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ |
	    FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
	    FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		snprintf(cause, causelen, "%s", vc_strerror(GetLastError()));
		return -1;
	}
	if (GetFileSizeEx(h, &sz) && max > 0 && (uint64_t)sz.QuadPart > max) {
		snprintf(cause, causelen, M("plus de %llu octets",
		    "larger than %llu bytes"), (unsigned long long)max);
		*size = (uint64_t)sz.QuadPart;
		CloseHandle(h);
		return -1;
	}
	if (gcry_md_open(&md, GCRY_MD_SHA256, 0) != 0 ||
	    (buf = malloc(1 << 16)) == NULL) {
		snprintf(cause, causelen, "out of memory");
		CloseHandle(h);
		return -1;
	}
	while (ReadFile(h, buf, 1 << 16, &n, NULL) && n > 0) {
		gcry_md_write(md, buf, n);
		total += n;
	}
	free(buf);
	CloseHandle(h);
	sha_hex(gcry_md_read(md, GCRY_MD_SHA256), hex);
	gcry_md_close(md);
	*size = total;
	return 0;
}

/* ---- the output folder --------------------------------------------- */

/* Whether folder REL (UTF-8, '/') was created by this run. */
static int
dir_known(const char *rel)
{
	const char	*p = g_dirs.p;
	size_t		 l = strlen(rel);

	while (p != NULL && *p) {
		const char *nl = strchr(p, '\n');
		if ((size_t)(nl - p) == l && memcmp(p, rel, l) == 0)
			return 1;
		p = nl + 1;
	}
	return 0;
}

static WCHAR *
out_path(const char *rel)
{
	WCHAR	*w = vc_wide(rel), *full, *c;
	size_t	 n = wcslen(g_out) + wcslen(w) + 2;

	full = calloc(n, sizeof(WCHAR));
	if (full == NULL)
		abort();
	swprintf(full, n, L"%ls\\%ls", g_out, w);
	for (c = full; *c; c++)
		if (*c == L'/')
			*c = L'\\';
	free(w);
	return full;
}

/* Create the folders of REL beneath the output; each must be new. */
static int
make_parents(const char *rel, char *cause, size_t clen)
{
	char	*tmp = strdup(rel), *s;
	WCHAR	*w;
	int	 rc = 0;

	for (s = strchr(tmp, '/'); s != NULL && rc == 0; s = strchr(s + 1,
	    '/')) {
		*s = '\0';
		if (!dir_known(tmp)) {
			w = out_path(tmp);
			if (!CreateDirectoryW(w, NULL)) {
				snprintf(cause, clen, "%s: %s", tmp,
				    GetLastError() == ERROR_ALREADY_EXISTS ?
				    M("existe déjà (non créé par la collecte)",
				    "exists already (not created by the "
				    "collection)") : vc_strerror(
				    GetLastError()));
				rc = -1;
			} else {
				rb_str(&g_dirs, tmp);
				rb_str(&g_dirs, "\n");
			}
			free(w);
		}
		*s = '/';
	}
	free(tmp);
	return rc;
}

/* Create file REL new, write DATA; its SHA-256 in HEX. */
static int
write_new(const char *rel, const void *data, size_t len, char hex[65],
    char *cause, size_t clen)
{
	HANDLE		 h;
	WCHAR		*w;
	DWORD		 n;
	size_t		 off = 0;
	gcry_md_hd_t	 md;

	if (make_parents(rel, cause, clen) == -1)
		return -1;
	w = out_path(rel);
	h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW,
	    FILE_ATTRIBUTE_NORMAL, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		snprintf(cause, clen, "%s: %s", rel,
		    vc_strerror(GetLastError()));
		return -1;
	}
	gcry_md_open(&md, GCRY_MD_SHA256, 0);
	while (off < len) {
		DWORD chunk = len - off > (1u << 24) ? (1u << 24) :
		    (DWORD)(len - off);
		if (!WriteFile(h, (const char *)data + off, chunk, &n, NULL) ||
		    n == 0) {
			snprintf(cause, clen, "%s: %s", rel,
			    vc_strerror(GetLastError()));
			CloseHandle(h);
			gcry_md_close(md);
			return -1;
		}
		/* Hashed as written: what was handed to the disk. */
		gcry_md_write(md, (const char *)data + off, n);
		off += n;
	}
	FlushFileBuffers(h);
	CloseHandle(h);
	sha_hex(gcry_md_read(md, GCRY_MD_SHA256), hex);
	gcry_md_close(md);
	return 0;
}

static void
warn_locked(struct vc_step *st, const char *item, const char *cause)
{
	if (st->nwarnings < 200) {
		if (st->warnings.n > 0)
			rb_str(&st->warnings, ", ");
		rb_str(&st->warnings, "{\"item\": ");
		vc_json_s(&st->warnings, item);
		rb_str(&st->warnings, ", \"cause\": ");
		vc_json_s(&st->warnings, cause);
		rb_str(&st->warnings, "}");
	}
	st->nwarnings++;
}

void
vc_warn(struct vc_step *st, const char *item, const char *cause)
{
	EnterCriticalSection(&g_lock);
	if (!st->closed)
		warn_locked(st, item, cause);
	LeaveCriticalSection(&g_lock);
}

void
vc_unsupported(struct vc_step *st, const char *item, const char *api,
    DWORD error)
{
	char cause[300];

	snprintf(cause, sizeof(cause), "%s (%s%s%s)",
	    M("non pris en charge par ce système", "not supported by this "
	    "system"), api, error ? ": " : "", error ? vc_strerror(error) :
	    "");
	EnterCriticalSection(&g_lock);
	if (!st->closed) {
		warn_locked(st, item, cause);
		st->nunsupported++;
	}
	LeaveCriticalSection(&g_lock);
}

int
vc_artifact(struct vc_step *st, const char *path, const void *data,
    size_t len, const char *source)
{
	char	hex[65], cause[600], when[32];
	int	rc = -1;

	EnterCriticalSection(&g_lock);
	if (st->closed)
		goto out;
	now_iso(when);
	if (write_new(path, data, len, hex, cause, sizeof(cause)) == -1) {
		warn_locked(st, path, cause);
		goto out;
	}
	if (g_arts.n > 0)
		rb_str(&g_arts, ",\n");
	rb_str(&g_arts, "    {\"path\": ");
	vc_json_s(&g_arts, path);
	rb_printf(&g_arts, ", \"size\": %llu, \"sha256\": \"%s\", "
	    "\"source\": ", (unsigned long long)len, hex);
	vc_json_s(&g_arts, source);
	rb_printf(&g_arts, ", \"time_utc\": \"%s\", \"step\": ", when);
	vc_json_s(&g_arts, st->name);
	rb_str(&g_arts, ", \"partial\": false}");
	rb_printf(&g_sums, "%s  %s\n", hex, path);
	if (st == g_cur)
		rb_printf(&g_stepsums, "%s  %s\n", hex, path);
	st->artifacts++;
	st->bytes += len;
	g_nart++;
	rc = 0;
out:
	LeaveCriticalSection(&g_lock);
	return rc;
}

/* ---- custody.jsonl -------------------------------------------------- */

static HANDLE	g_custody = INVALID_HANDLE_VALUE;
static long	g_cseq;
static char	g_chead[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";
static char	*g_actor;

static void
cfield(gcry_md_hd_t md, const char *s)
{
	char len[32];

	snprintf(len, sizeof(len), "%zu:", strlen(s));
	gcry_md_write(md, len, strlen(len));
	gcry_md_write(md, s, strlen(s));
	gcry_md_write(md, "\n", 1);
}

/* Append an entry: same fields and hash as custody.db (custody.c). */
static int
custody_add(const char *action, const char *object, const char *osha,
    const char *detail, char *err, size_t elen)
{
	gcry_md_hd_t	 md;
	struct rbuf	 l = { 0 };
	char		 now[32], num[32], mono[32], hash[65];
	DWORD		 w;
	int		 rc = 0;

	now_iso(now);
	snprintf(num, sizeof(num), "%ld", g_cseq + 1);
	/* Interrupt time, 100 ns units since boot, as nanoseconds. */
	{
		ULONGLONG t = 0;
		QueryUnbiasedInterruptTime(&t);
		snprintf(mono, sizeof(mono), "%llu",
		    (unsigned long long)t * 100);
	}
	gcry_md_open(&md, GCRY_MD_SHA256, 0);
	gcry_md_write(md, "vigie-custody-1\n", 16);
	cfield(md, num);
	cfield(md, now);
	cfield(md, mono);
	cfield(md, g_actor);
	cfield(md, action);
	cfield(md, object);
	cfield(md, osha);
	cfield(md, detail);
	cfield(md, g_chead);
	sha_hex(gcry_md_read(md, GCRY_MD_SHA256), hash);
	gcry_md_close(md);
	rb_printf(&l, "{\"seq\": %s, \"time\": \"%s\", \"mono_ns\": %s, "
	    "\"actor\": ", num, now, mono);
	vc_json_s(&l, g_actor);
	rb_str(&l, ", \"action\": ");
	vc_json_s(&l, action);
	rb_str(&l, ", \"object\": ");
	vc_json_s(&l, object);
	rb_str(&l, ", \"object_sha256\": ");
	vc_json_s(&l, osha);
	rb_str(&l, ", \"detail\": ");
	vc_json_s(&l, detail);
	rb_printf(&l, ", \"prev\": \"%s\", \"hash\": \"%s\"}\n", g_chead,
	    hash);
	if (!WriteFile(g_custody, l.p, (DWORD)l.n, &w, NULL) || w != l.n ||
	    !FlushFileBuffers(g_custody)) {
		snprintf(err, elen, "custody.jsonl: %s",
		    vc_strerror(GetLastError()));
		rc = -1;
	} else {
		g_cseq++;
		memcpy(g_chead, hash, 65);
	}
	rb_free(&l);
	return rc;
}

/* ---- signing key ---------------------------------------------------- */

static const unsigned char pkcs8_prefix[16] = {
	0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
	0x70, 0x04, 0x22, 0x04, 0x20
};
static const unsigned char spki_prefix[12] = {
	0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
	0x00
};
static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
b64_encode(struct rbuf *b, const unsigned char *d, size_t n)
{
	size_t		i;
	unsigned long	v;

	for (i = 0; i < n; i += 3) {
		v = (unsigned long)d[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)d[i + 1] << 8;
		if (i + 2 < n)
			v |= d[i + 2];
		rb_add(b, &b64[(v >> 18) & 63], 1);
		rb_add(b, &b64[(v >> 12) & 63], 1);
		rb_add(b, i + 1 < n ? &b64[(v >> 6) & 63] : "=", 1);
		rb_add(b, i + 2 < n ? &b64[v & 63] : "=", 1);
	}
}

/* Decode base64 of the PEM body (whitespace skipped); -1 if bad. */
static int
b64_decode(const char *s, unsigned char *out, size_t max, size_t *n)
{
	unsigned long	v = 0;
	int		bits = 0;
	const char	*p;

	*n = 0;
	for (; *s && *s != '-'; s++) {
		if (*s == '=' || *s == '\r' || *s == '\n' || *s == ' ')
			continue;
		if ((p = strchr(b64, *s)) == NULL)
			return -1;
		v = v << 6 | (unsigned long)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (*n >= max)
				return -1;
			out[(*n)++] = (unsigned char)(v >> bits);
		}
	}
	return 0;
}

/* The 32-byte seed of an Ed25519 PKCS#8 PEM ("PRIVATE KEY"). */
static int
key_parse(const char *pem, unsigned char seed[32])
{
	const char	*h = "-----BEGIN PRIVATE KEY-----";
	const char	*p = strstr(pem, h);
	unsigned char	 der[128];
	size_t		 n;

	if (p == NULL || b64_decode(p + strlen(h), der, sizeof(der), &n) ==
	    -1 || n != 48 || memcmp(der, pkcs8_prefix, 16) != 0)
		return -1;
	memcpy(seed, der + 16, 32);
	SecureZeroMemory(der, sizeof(der));
	return 0;
}

/* Load PATH, or create it (new file) with a fresh key. */
static int
key_load(const WCHAR *path, unsigned char seed[32], int *created,
    char *err, size_t elen)
{
	HANDLE		 h;
	char		 buf[4096];
	DWORD		 n = 0, w;
	struct rbuf	 pem = { 0 };
	unsigned char	 der[48];

	*created = 0;
	h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL,
	    OPEN_EXISTING, 0, NULL);
	if (h != INVALID_HANDLE_VALUE) {
		if (!ReadFile(h, buf, sizeof(buf) - 1, &n, NULL))
			n = 0;
		CloseHandle(h);
		buf[n] = '\0';
		if (key_parse(buf, seed) == -1) {
			snprintf(err, elen, "%s", M("la clé n'est pas une clé "
			    "privée Ed25519 (PEM PKCS#8)", "the key is not an "
			    "Ed25519 private key (PEM PKCS#8)"));
			SecureZeroMemory(buf, sizeof(buf));
			return -1;
		}
		SecureZeroMemory(buf, sizeof(buf));
		return 0;
	}
	if (GetLastError() != ERROR_FILE_NOT_FOUND) {
		snprintf(err, elen, "%s", vc_strerror(GetLastError()));
		return -1;
	}
	gcry_randomize(seed, 32, GCRY_VERY_STRONG_RANDOM);
	memcpy(der, pkcs8_prefix, 16);
	memcpy(der + 16, seed, 32);
	rb_str(&pem, "-----BEGIN PRIVATE KEY-----\n");
	b64_encode(&pem, der, 48);
	rb_str(&pem, "\n-----END PRIVATE KEY-----\n");
	SecureZeroMemory(der, sizeof(der));
	h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	if (h == INVALID_HANDLE_VALUE || !WriteFile(h, pem.p, (DWORD)pem.n,
	    &w, NULL) || w != pem.n) {
		snprintf(err, elen, "%s", vc_strerror(GetLastError()));
		if (h != INVALID_HANDLE_VALUE) {
			CloseHandle(h);
			DeleteFileW(path);
		}
		SecureZeroMemory(pem.p, pem.n);
		rb_free(&pem);
		return -1;
	}
	FlushFileBuffers(h);
	CloseHandle(h);
	SecureZeroMemory(pem.p, pem.n);
	rb_free(&pem);
	*created = 1;
	return 0;
}

/* Sign DATA with SEED: the 64-byte signature and the 32-byte public key. */
static int
ed25519_sign(const unsigned char seed[32], const void *data, size_t len,
    unsigned char sig[64], unsigned char pub[32], char *err, size_t elen)
{
	gcry_sexp_t	 key = NULL, msg = NULL, s = NULL, t;
	gcry_ctx_t	 ctx = NULL;
	gcry_mpi_t	 q;
	const char	*d;
	size_t		 n;
	unsigned char	*qb;
	unsigned	 nbits;
	int		 rc = -1, i;
	gcry_error_t	 e;

	if ((e = gcry_sexp_build(&key, NULL, "(private-key (ecc (curve "
	    "Ed25519) (flags eddsa) (d %b)))", 32, seed)) != 0 ||
	    (e = gcry_mpi_ec_new(&ctx, key, NULL)) != 0)
		goto gerr;
	if ((q = gcry_mpi_ec_get_mpi("q@eddsa", ctx, 1)) == NULL) {
		snprintf(err, elen, "Ed25519: no public key");
		goto out;
	}
	qb = gcry_mpi_get_opaque(q, &nbits);
	if (qb == NULL || nbits != 256) {
		snprintf(err, elen, "Ed25519: public key of %u bits", nbits);
		gcry_mpi_release(q);
		goto out;
	}
	memcpy(pub, qb, 32);
	gcry_mpi_release(q);
	if ((e = gcry_sexp_build(&msg, NULL, "(data (flags eddsa) (hash-algo "
	    "sha512) (value %b))", (int)len, data)) != 0 ||
	    (e = gcry_pk_sign(&s, msg, key)) != 0)
		goto gerr;
	for (i = 0; i < 2; i++) {
		t = gcry_sexp_find_token(s, i == 0 ? "r" : "s", 0);
		d = t ? gcry_sexp_nth_data(t, 1, &n) : NULL;
		if (d == NULL || n > 32) {
			snprintf(err, elen, "Ed25519: bad signature");
			gcry_sexp_release(t);
			goto out;
		}
		memset(sig + 32 * i, 0, 32);
		memcpy(sig + 32 * i + (32 - n), d, n);
		gcry_sexp_release(t);
	}
	rc = 0;
	goto out;
gerr:
	snprintf(err, elen, "Ed25519: %s", gcry_strerror(e));
out:
	gcry_sexp_release(key);
	gcry_sexp_release(msg);
	gcry_sexp_release(s);
	gcry_ctx_release(ctx);
	return rc;
}

/* ---- steps ---------------------------------------------------------- */

static struct vc_step steps[] = {
	{ "clock", "01-clock", step_clock, 10, .status = VC_OK },
	{ "processes", "02-processes", step_processes, 120, .status = VC_OK },
	{ "network", "03-network", step_network, 30, .status = VC_OK },
	{ "sessions", "04-sessions", step_sessions, 20, .status = VC_OK },
	{ "services", "05-services", step_services, 60, .status = VC_OK },
	{ "autoruns", "06-autoruns", step_autoruns, 60, .status = VC_OK },
	{ "config", "07-config", step_config, 60, .status = VC_OK },
	{ "state", "07-config", step_state, 200, .status = VC_OK },
	{ "files", "08-files", step_files, 120, .status = VC_OK },
	{ "usb", "09-usb", step_usb, 30, .status = VC_OK },
	{ "eventlogs", "10-eventlogs", step_eventlogs, 120, .status = VC_OK },
};
#define NSTEPS	(int)(sizeof(steps) / sizeof(steps[0]))

static const char *
step_label(const char *name)
{
	static const struct { const char *n, *fr, *en; } l[] = {
		{ "clock", "horloge", "clock" },
		{ "processes", "processus", "processes" },
		{ "network", "réseau", "network" },
		{ "sessions", "sessions ouvertes", "logged-on sessions" },
		{ "services", "services et pilotes", "services and drivers" },
		{ "autoruns", "démarrage automatique et tâches planifiées",
		    "autostart and scheduled tasks" },
		{ "config", "configuration (pour vigie scan config)",
		    "configuration (for vigie scan config)" },
		{ "state", "état de sécurité (audit, BitLocker, antivirus, "
		    "pare-feu, mises à jour)", "security state (audit, "
		    "BitLocker, antivirus, firewall, updates)" },
		{ "files", "fichiers récents", "recent files" },
		{ "usb", "historique des clés USB", "USB storage history" },
		{ "eventlogs", "journaux d'événements", "event logs" },
	};
	size_t i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (strcmp(l[i].n, name) == 0)
			return M(l[i].fr, l[i].en);
	return name;
}

static const char *
status_name(enum vc_status s)
{
	static const char *n[] = { "ok", "failed", "timeout", "unsupported",
	    "skipped" };
	return n[s];
}

static DWORD WINAPI
step_thread(LPVOID arg)
{
	struct vc_step *st = arg;

	return (DWORD)st->run(st);
}

static void
run_step(struct vc_step *st, int i)
{
	HANDLE		h;
	ULONGLONG	t0 = GetTickCount64();
	DWORD		rc = 0, limit = st->limit_s * (vc_full ? 3 : 1);
	char		osha[65], err[300], detail[600];

	now_iso(st->started);
	st->limit_s = limit;
	say("[%d/%d] %s… ", i + 1, NSTEPS, step_label(st->name));
	EnterCriticalSection(&g_lock);
	g_cur = st;
	g_stepsums.n = 0;
	if (g_stepsums.p)
		g_stepsums.p[0] = '\0';
	LeaveCriticalSection(&g_lock);
	h = CreateThread(NULL, 0, step_thread, st, 0, NULL);
	if (h == NULL) {
		st->status = VC_FAILED;
		snprintf(st->reason, sizeof(st->reason), "CreateThread: %s",
		    vc_strerror(GetLastError()));
	} else if (WaitForSingleObject(h, limit * 1000) == WAIT_TIMEOUT) {
		EnterCriticalSection(&g_lock);
		st->closed = 1;
		LeaveCriticalSection(&g_lock);
		st->status = VC_TIMEOUT;
		snprintf(st->reason, sizeof(st->reason), M("arrêtée après sa "
		    "limite de %lu s", "stopped after its limit of %lu s"),
		    (unsigned long)limit);
		/* The thread is left behind: its writes are refused. */
	} else {
		GetExitCodeThread(h, &rc);
		EnterCriticalSection(&g_lock);
		st->closed = 1;
		LeaveCriticalSection(&g_lock);
		if ((int)rc == -2)
			st->status = VC_UNSUPPORTED;
		else if ((int)rc != 0)
			st->status = VC_FAILED;
		/* The thread has ended: its reason can be read. */
		if ((int)rc != 0)
			memcpy(st->reason, st->sreason, sizeof(st->reason));
	}
	if (h != NULL)
		CloseHandle(h);
	st->seconds = (double)(GetTickCount64() - t0) / 1000.0;
	if (st->status == VC_OK)
		say(M("ok (%d fichier%s, %s s)%s\n", "ok (%d file%s, %s s)%s\n"),
		    st->artifacts, st->artifacts > 1 ||
		    (vc_english && st->artifacts == 0) ? "s" : "",
		    secs_text(st->seconds), st->nunsupported ?
		    M(", éléments non pris en charge", ", items not "
		    "supported") : "");
	else if (st->status == VC_UNSUPPORTED)
		say("%s (%s)\n", M("non prise en charge", "not supported"),
		    st->reason);
	else
		say("%s%s%s\n", st->status == VC_TIMEOUT ? M("délai dépassé",
		    "timed out") : M("ÉCHEC", "FAILED"), " — ", st->reason);
	EnterCriticalSection(&g_lock);
	g_cur = NULL;
	sha256_hex(g_stepsums.p ? g_stepsums.p : "", g_stepsums.n, osha);
	LeaveCriticalSection(&g_lock);
	snprintf(detail, sizeof(detail), "%s%s%s", status_name(st->status),
	    st->reason[0] ? ": " : "", st->reason);
	if (custody_add("capture.step", st->name, osha, detail, err,
	    sizeof(err)) == -1)
		say("%s\n", err);
}

/* ---- options -------------------------------------------------------- */

static void
usage(FILE *f)
{
	(void)f;
	say("%s", M(
"Usage" NB ": vigie-collect.exe --out DOSSIER [options]\n"
"Collecte les preuves volatiles et la configuration de ce PC Windows,\n"
"scellées (SHA256SUMS, manifest.json signé Ed25519, registre de garde),\n"
"à vérifier sous Linux avec « vigie respond verify DOSSIER ».\n"
"\n"
"  --out DOSSIER            dossier à créer (sur la clé USB), obligatoire\n"
"  --case ID                numéro du dossier d'incident\n"
"  --examiner NOM           qui collecte\n"
"  --note TEXTE             remarque enregistrée dans le manifeste\n"
"  --profile quick|full     rapide (défaut) ou complet\n"
"  --allow-same-disk RAISON accepte d'écrire sur le disque système\n"
"  --key CHEMIN             clé de signature (créée si absente)\n"
"  --lang fr|en             langue des messages\n"
"  --help                   cette aide\n"
"\n"
"Code de sortie" NB ": 0 collecte terminée (les étapes en échec sont notées),\n"
"1 scellement impossible, 2 erreur d'utilisation.\n",
"Usage: vigie-collect.exe --out DIR [options]\n"
"Collects the volatile evidence and configuration of this Windows PC,\n"
"sealed (SHA256SUMS, manifest.json signed with Ed25519, custody log),\n"
"to be checked on Linux with \"vigie respond verify DIR\".\n"
"\n"
"  --out DIR                folder to create (on the USB key), required\n"
"  --case ID                incident case number\n"
"  --examiner NAME          who collects\n"
"  --note TEXT              note recorded in the manifest\n"
"  --profile quick|full     quick (default) or full\n"
"  --allow-same-disk REASON accept writing to the system disk\n"
"  --key PATH               signing key (created when absent)\n"
"  --lang fr|en             language of the messages\n"
"  --help                   this help\n"
"\n"
"Exit status: 0 collection ended (failed steps are recorded),\n"
"1 sealing impossible, 2 usage error.\n"));
}

/* Whether this program has the console to itself (a double-click). */
static int
own_console(void)
{
	DWORD list[4];

	return GetConsoleProcessList(list, 4) == 1;
}

static void
pause_if_alone(void)
{
	if (own_console()) {
		say("%s", M("\nAppuyez sur Entrée pour fermer.",
		    "\nPress Enter to close."));
		getchar();
	}
}

static int
usage_error(const char *msg, const char *arg)
{
	say("vigie-collect%s ", CO);
	say(msg, arg ? arg : "");
	say("\n%s\n", M("Voir vigie-collect.exe --help.",
	    "See vigie-collect.exe --help."));
	pause_if_alone();
	return 2;
}

/* Whether PATH is on the volume holding Windows. */
static int
same_disk(const WCHAR *path)
{
	WCHAR	sys[MAX_PATH], v1[MAX_PATH], v2[MAX_PATH], g1[64], g2[64];

	if (GetSystemWindowsDirectoryW(sys, MAX_PATH) == 0 ||
	    !GetVolumePathNameW(sys, v1, MAX_PATH) ||
	    !GetVolumePathNameW(path, v2, MAX_PATH))
		return 1;	/* cannot tell: treat as the same */
	if (GetVolumeNameForVolumeMountPointW(v1, g1, 64) &&
	    GetVolumeNameForVolumeMountPointW(v2, g2, 64))
		return _wcsicmp(g1, g2) == 0;
	return _wcsicmp(v1, v2) == 0;
}

static int
is_admin(void)
{
	SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
	PSID	 sid;
	BOOL	 member = FALSE;

	if (!AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID,
	    DOMAIN_ALIAS_RID_ADMINS, 0, 0, 0, 0, 0, 0, &sid))
		return 0;
	if (!CheckTokenMembership(NULL, sid, &member))
		member = FALSE;
	FreeSid(sid);
	return member ? 1 : 0;
}

static void
enable_privilege(const WCHAR *name)
{
	HANDLE			tok;
	TOKEN_PRIVILEGES	tp;

	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES,
	    &tok))
		return;
	tp.PrivilegeCount = 1;
	tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
	if (LookupPrivilegeValueW(NULL, name, &tp.Privileges[0].Luid))
		AdjustTokenPrivileges(tok, FALSE, &tp, 0, NULL, NULL);
	CloseHandle(tok);
}

/* ---- main ----------------------------------------------------------- */

static void
json_member(struct rbuf *b, const char *name, const char *v)
{
	rb_printf(b, "  \"%s\": ", name);
	vc_json_s(b, v);
	rb_str(b, ",\n");
}

int
main(void)
{
	WCHAR		**argv, *keyw = NULL, full[32768], self[MAX_PATH],
			  host[256];
	int		  argc, i, k, created = 0, nfail = 0, nunsup = 0, nok = 0;
	const char	 *out = NULL, *kase = NULL, *examiner = NULL,
			 *note = NULL, *reason = NULL, *key = NULL;
	char		**a, err[600], msha[65], fpr[65], selfsha[65],
			  ended[32], *hostu, *outu;
	unsigned char	  seed[32], sig[64], pub[32], spki[44];
	struct rbuf	  m = { 0 }, pem = { 0 }, sums = { 0 }, det = { 0 };
	ULONGLONG	  t0 = GetTickCount64();
	uint64_t	  selfsize = 0;
	DWORD		  hl = 256;
	double		  secs;

	SetConsoleOutputCP(CP_UTF8);
	argv = CommandLineToArgvW(GetCommandLineW(), &argc);
	if (argv == NULL)
		return 2;
	a = calloc((size_t)argc + 1, sizeof(char *));
	for (i = 0; i < argc; i++)
		a[i] = vc_utf8(argv[i]);
	/* --lang first, so that usage errors are in the chosen language. */
	for (i = 1; i < argc; i++)
		if (strcmp(a[i], "--lang") == 0 && i + 1 < argc)
			vc_english = strcmp(a[i + 1], "en") == 0;
	for (i = 1; i < argc; i++) {
		const char *o = a[i], **dst = NULL;

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(o, "--out") == 0)
			dst = &out;
		else if (strcmp(o, "--case") == 0)
			dst = &kase;
		else if (strcmp(o, "--examiner") == 0)
			dst = &examiner;
		else if (strcmp(o, "--note") == 0)
			dst = &note;
		else if (strcmp(o, "--allow-same-disk") == 0)
			dst = &reason;
		else if (strcmp(o, "--key") == 0)
			dst = &key;
		else if (strcmp(o, "--profile") == 0 ||
		    strcmp(o, "--lang") == 0) {
			if (i + 1 >= argc)
				return usage_error(M("%s attend une valeur",
				    "%s needs a value"), o);
			i++;
			if (strcmp(o, "--profile") == 0) {
				if (strcmp(a[i], "full") == 0)
					vc_full = 1;
				else if (strcmp(a[i], "quick") != 0)
					return usage_error(M("--profile" NB
					    ": « %s » n'est ni quick ni full",
					    "--profile: \"%s\" is neither "
					    "quick nor full"), a[i]);
			} else if (strcmp(a[i], "fr") != 0 &&
			    strcmp(a[i], "en") != 0)
				return usage_error(M("--lang" NB ": « %s » "
				    "n'est ni fr ni en", "--lang: \"%s\" is "
				    "neither fr nor en"), a[i]);
			continue;
		} else
			return usage_error(M("option inconnue" NB ": %s",
			    "unknown option: %s"), o);
		if (i + 1 >= argc || a[i + 1][0] == '\0')
			return usage_error(M("%s attend une valeur",
			    "%s needs a value"), o);
		*dst = a[++i];
	}
	/* A double-click (no argument, a console of its own): the folder
	 * vigie-COMPUTER-DATE beside the exe, on the USB key. */
	if (out == NULL && argc == 1 && own_console()) {
		WCHAR exe[MAX_PATH], name[64], *p, *sl = NULL;
		DWORD nl = 64;
		char when[32], *d;

		GetModuleFileNameW(NULL, exe, MAX_PATH);
		for (p = exe; *p; p++)
			if (*p == L'\\')
				sl = p;
		if (sl != NULL)
			*sl = 0;
		if (!GetComputerNameW(name, &nl))
			wcscpy(name, L"PC");
		now_iso(when);
		for (d = when; *d; d++)
			if (*d == ':')
				*d = '-';
		{
			char *e = vc_utf8(exe), *n = vc_utf8(name);
			size_t l = strlen(e) + strlen(n) + 64;
			char *o = malloc(l);
			snprintf(o, l, "%s\\vigie-%s-%s", e, n, when);
			out = o;
			free(e);
			free(n);
		}
	}
	if (out == NULL)
		return usage_error("%s", M("--out DOSSIER est obligatoire",
		    "--out DIR is required"));

	/* The output folder: new, beneath nothing of the system disk. */
	{
		WCHAR *w = vc_wide(out);
		DWORD n = GetFullPathNameW(w, 32768, full, NULL);
		free(w);
		if (n == 0 || n >= 32768)
			return usage_error(M("--out" NB ": chemin invalide "
			    "« %s »", "--out: invalid path \"%s\""), out);
	}
	if (same_disk(full) && reason == NULL)
		return usage_error(M("%s est sur le disque du système" NB
		    ": écrire là peut écraser des fichiers effacés. Utilisez "
		    "une clé USB, ou --allow-same-disk RAISON.", "%s is on "
		    "the system disk: writing there can overwrite deleted "
		    "files. Use a USB key, or --allow-same-disk REASON."),
		    out);
	if (!CreateDirectoryW(full, NULL)) {
		DWORD e = GetLastError();
		if (e == ERROR_ALREADY_EXISTS)
			return usage_error(M("%s existe déjà" NB ": donnez un "
			    "dossier nouveau", "%s exists already: give a new "
			    "folder"), out);
		say("vigie-collect%s %s: %s\n", CO, out, vc_strerror(e));
		return 2;
	}
	{
		/* Refuse a folder reached through a link or junction. */
		HANDLE h = CreateFileW(full, 0, FILE_SHARE_READ |
		    FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
		    FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
		    NULL);
		BY_HANDLE_FILE_INFORMATION fi;
		if (h == INVALID_HANDLE_VALUE ||
		    !GetFileInformationByHandle(h, &fi) ||
		    (fi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
			if (h != INVALID_HANDLE_VALUE)
				CloseHandle(h);
			return usage_error(M("%s" NB ": dossier inutilisable "
			    "(lien ?)", "%s: unusable folder (link?)"), out);
		}
		CloseHandle(h);
	}
	g_out = full;
	outu = vc_utf8(full);

	if (!gcry_check_version(GCRYPT_VERSION)) {
		say("libgcrypt: version mismatch\n");
		return 1;
	}
	gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	InitializeCriticalSection(&g_lock);

	/* The signing key: --key, or vigie-signing.key beside DIR. */
	if (key != NULL)
		keyw = vc_wide(key);
	else {
		WCHAR *p, *s;
		keyw = calloc(wcslen(full) + 32, sizeof(WCHAR));
		wcscpy(keyw, full);
		for (p = keyw, s = NULL; *p; p++)
			if (*p == L'\\')
				s = p;
		if (s != NULL)
			wcscpy(s + 1, L"vigie-signing.key");
	}
	if (key_load(keyw, seed, &created, err, sizeof(err)) == -1) {
		char *kp = vc_utf8(keyw);
		say("vigie-collect%s %s: %s\n", CO, kp, err);
		return 1;
	}

	vc_admin = is_admin();
	if (vc_admin) {
		enable_privilege(L"SeDebugPrivilege");
		enable_privilege(L"SeSecurityPrivilege");
		enable_privilege(L"SeBackupPrivilege");
	}
	now_iso(vc_started_utc);
	if (!GetComputerNameExW(ComputerNamePhysicalDnsHostname, host, &hl))
		wcscpy(host, L"?");
	hostu = vc_utf8(host);
	{
		DWORD n = 32767;
		WCHAR *u = calloc(n + 1, sizeof(WCHAR));
		if (!GetUserNameW(u, &n))
			wcscpy(u, L"?");
		g_actor = examiner ? strdup(examiner) : vc_utf8(u);
		free(u);
	}
	GetModuleFileNameW(NULL, self, MAX_PATH);
	if (vc_hash_file(self, 0, selfsha, &selfsize, err, sizeof(err)) == -1)
		selfsha[0] = '\0';

	say("%s\n", M("vigie-collect — collecte de preuves sur ce PC Windows",
	    "vigie-collect — evidence collection on this Windows PC"));
	say("%s%s %s\n", M("Dossier", "Folder"), CO, outu);
	if (created)
		say("%s\n", M("Clé de signature créée.", "Signing key "
		    "created."));
	if (!vc_admin)
		say("%s\n", M(
"ATTENTION" NB ": lancé sans droits d'administrateur. Manqueront" NB ":\n"
"  - la ligne de commande, l'utilisateur et l'empreinte des programmes des\n"
"    processus des autres comptes et du système ;\n"
"  - les fichiers ouverts des autres processus ;\n"
"  - le journal Security et une partie de la configuration (stratégie de\n"
"    mots de passe, membres des groupes).\n"
"Relancez par clic droit > « Exécuter en tant qu'administrateur ».",
"WARNING: running without administrator rights. Missing:\n"
"  - the command line, user and executable hash of the processes of\n"
"    other accounts and of the system;\n"
"  - the open files of other processes;\n"
"  - the Security log and part of the configuration (password policy,\n"
"    group members).\n"
"Run again with right-click > \"Run as administrator\"."));

	/* custody.jsonl, then the steps. */
	{
		WCHAR *w = out_path("custody.jsonl");
		g_custody = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL,
		    CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
		free(w);
		if (g_custody == INVALID_HANDLE_VALUE) {
			say("custody.jsonl: %s\n", vc_strerror(GetLastError()));
			return 1;
		}
	}
	rb_str(&det, "{\"case\": ");
	vc_json_s(&det, kase);
	rb_str(&det, ", \"examiner\": ");
	vc_json_s(&det, examiner);
	rb_str(&det, ", \"host\": ");
	vc_json_s(&det, hostu);
	rb_str(&det, ", \"tool\": \"vigie-collect " VC_VERSION "\", "
	    "\"same_disk_reason\": ");
	vc_json_s(&det, reason);
	rb_str(&det, "}");
	if (custody_add("capture.start", outu, "", det.p, err, sizeof(err)) ==
	    -1) {
		say("%s\n", err);
		return 1;
	}
	for (i = 0; i < NSTEPS; i++) {
		run_step(&steps[i], i);
		if (steps[i].status == VC_OK)
			nok++;
		else if (steps[i].status == VC_UNSUPPORTED)
			nunsup++;
		else
			nfail++;
	}
	now_iso(ended);
	secs = (double)(GetTickCount64() - t0) / 1000.0;

	/* manifest.json */
	EnterCriticalSection(&g_lock);
	rb_str(&m, "{\n  \"format\": \"vigie-capture-1\",\n");
	rb_printf(&m, "  \"tool\": {\"name\": \"vigie-collect\", \"version\": "
	    "\"%s\", \"platform\": \"windows\", \"static_build\": true, "
	    "\"pid\": %lu, \"admin\": %s, \"sha256\": \"%s\", \"size\": "
	    "%llu},\n", VC_VERSION, (unsigned long)GetCurrentProcessId(),
	    vc_admin ? "true" : "false", selfsha,
	    (unsigned long long)selfsize);
	rb_str(&m, "  \"command_line\": [");
	for (i = 0; i < argc; i++) {
		if (i > 0)
			rb_str(&m, ", ");
		vc_json_s(&m, a[i]);
	}
	rb_str(&m, "],\n");
	json_member(&m, "case", kase);
	json_member(&m, "examiner", examiner);
	json_member(&m, "note", note);
	{
		HKEY hk;
		WCHAR guid[128] = L"";
		DWORD gl = sizeof(guid) - sizeof(WCHAR);
		OSVERSIONINFOEXW ov;
		LONG (WINAPI *rtl)(OSVERSIONINFOEXW *) = (LONG (WINAPI *)(
		    OSVERSIONINFOEXW *))(void *)GetProcAddress(
		    GetModuleHandleW(L"ntdll.dll"), "RtlGetVersion");
		if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\"
		    "Cryptography", 0, KEY_READ | KEY_WOW64_64KEY, &hk) == 0) {
			if (RegQueryValueExW(hk, L"MachineGuid", NULL, NULL,
			    (BYTE *)guid, &gl) != 0)
				guid[0] = 0;
			RegCloseKey(hk);
		}
		memset(&ov, 0, sizeof(ov));
		ov.dwOSVersionInfoSize = sizeof(ov);
		if (rtl != NULL)
			rtl(&ov);
		rb_str(&m, "  \"host\": {\"hostname\": ");
		vc_json_s(&m, hostu);
		rb_str(&m, ", \"machine_id\": ");
		vc_json_w(&m, guid[0] ? guid : NULL);
		rb_printf(&m, ", \"boot_id\": null, \"kernel\": \"Windows NT "
		    "%lu.%lu build %lu\"},\n", ov.dwMajorVersion,
		    ov.dwMinorVersion, ov.dwBuildNumber);
	}
	rb_printf(&m, "  \"profile\": \"%s\",\n", vc_full ? "full" : "quick");
	rb_str(&m, "  \"options\": {\"steps\": \"clock,processes,network,"
	    "sessions,services,autoruns,config,state,files,usb,eventlogs\"},\n");
	json_member(&m, "same_disk_reason", reason);
	rb_printf(&m, "  \"started_utc\": \"%s\",\n  \"ended_utc\": \"%s\",\n"
	    "  \"duration_s\": %.3f,\n", vc_started_utc, ended, secs);
	rb_printf(&m, "  \"clock\": {\"system_utc_at_start\": \"%s\"},\n",
	    vc_started_utc);
	rb_str(&m, "  \"steps\": [\n");
	for (i = 0; i < NSTEPS; i++) {
		struct vc_step *st = &steps[i];
		rb_printf(&m, "    {\"name\": \"%s\", \"folder\": \"%s\", "
		    "\"status\": \"%s\", \"reason\": ", st->name, st->folder,
		    status_name(st->status));
		vc_json_s(&m, st->reason[0] ? st->reason : NULL);
		rb_printf(&m, ", \"started_utc\": \"%s\", \"seconds\": %.3f, "
		    "\"time_limit_s\": %lu, \"artifacts\": %d, \"bytes\": "
		    "%llu, \"warnings_count\": %d, \"unsupported_count\": %d, "
		    "\"warnings\": [%s], \"stats\": {%s}}%s\n", st->started,
		    st->seconds, (unsigned long)st->limit_s, st->artifacts,
		    (unsigned long long)st->bytes, st->nwarnings,
		    st->nunsupported, st->warnings.p ? st->warnings.p : "",
		    /* A step past its limit may still be writing them. */
		    st->status != VC_TIMEOUT && st->stats.p ? st->stats.p : "",
		    i + 1 < NSTEPS ? "," : "");
	}
	rb_str(&m, "  ],\n  \"failed_steps\": [");
	for (i = 0, k = 0; i < NSTEPS; i++)
		if (steps[i].status != VC_OK) {
			rb_printf(&m, "%s{\"name\": \"%s\", \"status\": \"%s\", "
			    "\"reason\": ", k++ ? ", " : "", steps[i].name,
			    status_name(steps[i].status));
			vc_json_s(&m, steps[i].reason);
			rb_str(&m, "}");
		}
	rb_str(&m, "],\n  \"artifacts\": [\n");
	rb_add(&m, g_arts.p ? g_arts.p : "", g_arts.n);
	LeaveCriticalSection(&g_lock);
	rb_str(&m, "\n  ],\n");

	if (ed25519_sign(seed, "", 0, sig, pub, err, sizeof(err)) == -1) {
		say("%s\n", err);
		return 1;
	}
	sha256_hex(pub, 32, fpr);
	rb_printf(&m, "  \"signature\": {\"algorithm\": \"Ed25519\", \"file\": "
	    "\"manifest.json.sig\", \"public_key\": \"signing-key.pub\", "
	    "\"key_fingerprint_sha256\": \"%s\"},\n", fpr);
	rb_printf(&m, "  \"custody\": {\"file\": \"custody.jsonl\", "
	    "\"entries\": %ld, \"head\": \"%s\"}\n}\n", g_cseq, g_chead);
	if (m.oom) {
		say("out of memory\n");
		return 1;
	}
	if (ed25519_sign(seed, m.p, m.n, sig, pub, err, sizeof(err)) == -1) {
		say("%s\n", err);
		return 1;
	}
	SecureZeroMemory(seed, sizeof(seed));
	memcpy(spki, spki_prefix, 12);
	memcpy(spki + 12, pub, 32);
	rb_str(&pem, "-----BEGIN PUBLIC KEY-----\n");
	b64_encode(&pem, spki, 44);
	rb_str(&pem, "\n-----END PUBLIC KEY-----\n");

	rb_add(&sums, g_sums.p ? g_sums.p : "", g_sums.n);
	{
		char h1[65], h2[65], h3[65];
		if (write_new("manifest.json", m.p, m.n, h1, err,
		    sizeof(err)) == -1 ||
		    write_new("manifest.json.sig", sig, 64, h2, err,
		    sizeof(err)) == -1 ||
		    write_new("signing-key.pub", pem.p, pem.n, h3, err,
		    sizeof(err)) == -1) {
			say("%s\n", err);
			return 1;
		}
		memcpy(msha, h1, 65);
		rb_printf(&sums, "%s  manifest.json\n%s  manifest.json.sig\n"
		    "%s  signing-key.pub\n", h1, h2, h3);
		if (write_new("SHA256SUMS", sums.p, sums.n, h3, err,
		    sizeof(err)) == -1) {
			say("%s\n", err);
			return 1;
		}
	}
	if (custody_add("seal", "manifest.json", msha, "", err,
	    sizeof(err)) == -1) {
		say("%s\n", err);
		return 1;
	}
	CloseHandle(g_custody);

	/* The final screen. */
	secs = (double)(GetTickCount64() - t0) / 1000.0;
	say("\n%s %s s%s %d %s, %d %s, %d %s, %d %s.\n",
	    M("Collecte terminée en", "Collection ended in"), secs_text(secs), CO,
	    NSTEPS,
	    M("étapes", "steps"), nok, nok > 1 ? M("réussies", "done") :
	    M("réussie", "done"), nunsup, nunsup > 1 ? M("non prises en "
	    "charge", "not supported") : M("non prise en charge",
	    "not supported"), nfail, M("en échec", "failed"));
	for (i = 0; i < NSTEPS; i++)
		if (steps[i].nunsupported > 0 || steps[i].status != VC_OK)
			say("  %s%s %s%s%s\n", step_label(steps[i].name), CO,
			    status_name(steps[i].status), steps[i].nunsupported ?
			    M(", des éléments non pris en charge (voir "
			    "manifest.json)", ", items not supported (see "
			    "manifest.json)") : "", "");
	say("%s%s %d (%s)\n", M("Fichiers", "Files"), CO, g_nart, outu);
	say("\n%s\n  ", M("Empreinte SHA-256 de manifest.json, à noter ou "
	    "photographier" NB ":", "SHA-256 fingerprint of manifest.json, "
	    "to write down or photograph:"));
	for (i = 0; i < 64; i += 4)
		say("%.4s%s", msha + i, i == 28 ? "\n  " : i == 60 ? "\n" :
		    " ");
	say("%s%s %.16s\n", M("Clé de signature", "Signing key"), CO, fpr);
	say("%s%s %.16s\n", M("Code pour le formulaire de garde",
	    "Code for the custody form"), CO, g_chead);
	say("%s\n", M("Vérification sous Linux" NB ": vigie respond verify "
	    "DOSSIER", "Check on Linux: vigie respond verify DIR"));
	pause_if_alone();
	ExitProcess(0);
}
