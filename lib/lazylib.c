/*
 * lazylib.c — libraries that only some commands need, loaded with
 * dlopen() the first time one of their functions is called, so that the
 * other commands start lighter: linked normally, libxml2 (with ICU and
 * libstdc++ behind it), libarchive and libunbound cost 3.5 MB of memory
 * at every start, a quarter of `scan files`' peak beyond the yara CLI's
 * (issue 4).
 *
 * Each function below has the prototype of the library's header and
 * forwards to the real one, found by dlsym() on first use; call sites
 * are unchanged. A library that cannot be loaded is a fatal error naming
 * it (the Debian package depends on it). `make static` links the
 * libraries themselves and compiles this file out (VG_STATIC).
 * libcurl is loaded the same way, but only where scan mail needs it
 * (scan/mail-mtasts.c), since it may be absent.
 */
#ifndef VG_STATIC

#include <sys/types.h>
#include <sys/stat.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <unbound.h>

#include "vigie/base.h"

enum lazy_lib { LAZY_XML2, LAZY_ARCHIVE, LAZY_UNBOUND, LAZY_COUNT };

static const char *const lazy_sonames[LAZY_COUNT] = {
	"libxml2.so.2", "libarchive.so.13", "libunbound.so.8",
};
static void *lazy_handles[LAZY_COUNT];
static pthread_mutex_t lazy_mu = PTHREAD_MUTEX_INITIALIZER;

/* Address of NAME in library LIB, loading it if needed; never NULL. */
static void *
lazy_sym(enum lazy_lib lib, const char *name)
{
	void *h, *p;

	pthread_mutex_lock(&lazy_mu);
	if ((h = lazy_handles[lib]) == NULL) {
		h = dlopen(lazy_sonames[lib], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL)
			fatal("%s", dlerror());
		lazy_handles[lib] = h;
	}
	if ((p = dlsym(h, name)) == NULL)
		fatal("%s: %s", lazy_sonames[lib], dlerror());
	pthread_mutex_unlock(&lazy_mu);
	return p;
}

/* The pointer is looked up once; later calls cost an atomic load. */
#define LAZY_FN(lib, ret, name, params, args)				\
ret									\
name params								\
{									\
	static ret (*fn) params;					\
	ret (*f) params = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);	\
									\
	if (f == NULL) {						\
		*(void **)&f = lazy_sym(lib, #name);			\
		__atomic_store_n(&fn, f, __ATOMIC_RELEASE);		\
	}								\
	return f args;							\
}
#define LAZY_VOID(lib, name, params, args)				\
void									\
name params								\
{									\
	static void (*fn) params;					\
	void (*f) params = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);	\
									\
	if (f == NULL) {						\
		*(void **)&f = lazy_sym(lib, #name);			\
		__atomic_store_n(&fn, f, __ATOMIC_RELEASE);		\
	}								\
	f args;								\
}

/* ---- libxml2: safe XML (lib/xml.c) and its few direct users */

LAZY_FN(LAZY_XML2, xmlDocPtr, xmlCtxtReadFile,
    (xmlParserCtxtPtr a1, const char *a2, const char *a3, int a4),
    (a1, a2, a3, a4))
LAZY_FN(LAZY_XML2, xmlDocPtr, xmlCtxtReadMemory,
    (xmlParserCtxtPtr a1, const char *a2, int a3, const char *a4,
    const char *a5, int a6),
    (a1, a2, a3, a4, a5, a6))
LAZY_FN(LAZY_XML2, xmlNodePtr, xmlDocGetRootElement,
    (const xmlDoc *a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlFreeDoc,
    (xmlDocPtr a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlFreeParserCtxt,
    (xmlParserCtxtPtr a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlExternalEntityLoader, xmlGetExternalEntityLoader,
    (void),
    ())
LAZY_FN(LAZY_XML2, long, xmlGetLineNo,
    (const xmlNode *a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlChar *, xmlGetProp,
    (const xmlNode *a1, const xmlChar *a2),
    (a1, a2))
LAZY_FN(LAZY_XML2, xmlAttrPtr, xmlHasProp,
    (const xmlNode *a1, const xmlChar *a2),
    (a1, a2))
LAZY_VOID(LAZY_XML2, xmlInitParser,
    (void),
    ())
LAZY_FN(LAZY_XML2, xmlParserCtxtPtr, xmlNewParserCtxt,
    (void),
    ())
LAZY_FN(LAZY_XML2, xmlChar *, xmlNodeGetContent,
    (const xmlNode *a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlChar *, xmlNodeGetLang,
    (const xmlNode *a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlRelaxNGFree,
    (xmlRelaxNGPtr a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlRelaxNGFreeParserCtxt,
    (xmlRelaxNGParserCtxtPtr a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlRelaxNGFreeValidCtxt,
    (xmlRelaxNGValidCtxtPtr a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlRelaxNGParserCtxtPtr, xmlRelaxNGNewParserCtxt,
    (const char *a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlRelaxNGParserCtxtPtr, xmlRelaxNGNewMemParserCtxt,
    (const char *a1, int a2),
    (a1, a2))
LAZY_FN(LAZY_XML2, xmlRelaxNGValidCtxtPtr, xmlRelaxNGNewValidCtxt,
    (xmlRelaxNGPtr a1),
    (a1))
LAZY_FN(LAZY_XML2, xmlRelaxNGPtr, xmlRelaxNGParse,
    (xmlRelaxNGParserCtxtPtr a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlRelaxNGSetParserStructuredErrors,
    (xmlRelaxNGParserCtxtPtr a1, xmlStructuredErrorFunc a2, void *a3),
    (a1, a2, a3))
LAZY_VOID(LAZY_XML2, xmlRelaxNGSetValidStructuredErrors,
    (xmlRelaxNGValidCtxtPtr a1, xmlStructuredErrorFunc a2, void *a3),
    (a1, a2, a3))
LAZY_FN(LAZY_XML2, int, xmlRelaxNGValidateDoc,
    (xmlRelaxNGValidCtxtPtr a1, xmlDocPtr a2),
    (a1, a2))
LAZY_FN(LAZY_XML2, int, xmlSAX2GetLineNumber,
    (void *a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlSetExternalEntityLoader,
    (xmlExternalEntityLoader a1),
    (a1))
LAZY_VOID(LAZY_XML2, xmlSetGenericErrorFunc,
    (void *a1, xmlGenericErrorFunc a2),
    (a1, a2))
LAZY_VOID(LAZY_XML2, xmlSetStructuredErrorFunc,
    (void *a1, xmlStructuredErrorFunc a2),
    (a1, a2))
LAZY_VOID(LAZY_XML2, xmlStopParser,
    (xmlParserCtxtPtr a1),
    (a1))
LAZY_FN(LAZY_XML2, int, xmlStrcmp,
    (const xmlChar *a1, const xmlChar *a2),
    (a1, a2))
LAZY_FN(LAZY_XML2, int, xmlStrncmp,
    (const xmlChar *a1, const xmlChar *a2, int a3),
    (a1, a2, a3))

/* ---- libarchive: respond capture --archive (respond/seal.c) */

LAZY_VOID(LAZY_ARCHIVE, archive_entry_copy_stat,
    (struct archive_entry *a1, const struct stat *a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_free,
    (struct archive_entry *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, struct archive_entry *, archive_entry_new,
    (void),
    ())
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_filetype,
    (struct archive_entry *a1, unsigned int a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_gname,
    (struct archive_entry *a1, const char *a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_mtime,
    (struct archive_entry *a1, time_t a2, long a3),
    (a1, a2, a3))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_pathname,
    (struct archive_entry *a1, const char *a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_perm,
    (struct archive_entry *a1, mode_t a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_size,
    (struct archive_entry *a1, la_int64_t a2),
    (a1, a2))
LAZY_VOID(LAZY_ARCHIVE, archive_entry_set_uname,
    (struct archive_entry *a1, const char *a2),
    (a1, a2))
LAZY_FN(LAZY_ARCHIVE, const char *, archive_error_string,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_add_filter_gzip,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_close,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, la_ssize_t, archive_write_data,
    (struct archive *a1, const void *a2, size_t a3),
    (a1, a2, a3))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_free,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_header,
    (struct archive *a1, struct archive_entry *a2),
    (a1, a2))
LAZY_FN(LAZY_ARCHIVE, struct archive *, archive_write_new,
    (void),
    ())
LAZY_FN(LAZY_ARCHIVE, int, archive_write_open,
    (struct archive *a1, void *a2, archive_open_callback *a3,
    archive_write_callback *a4, archive_close_callback *a5),
    (a1, a2, a3, a4, a5))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_open2,
    (struct archive *a1, void *a2, archive_open_callback *a3,
    archive_write_callback *a4, archive_close_callback *a5,
    archive_free_callback *a6),
    (a1, a2, a3, a4, a5, a6))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_set_bytes_per_block,
    (struct archive *a1, int a2),
    (a1, a2))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_set_format_option,
    (struct archive *a1, const char *a2, const char *a3, const char *a4),
    (a1, a2, a3, a4))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_set_format_pax_restricted,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_set_format_zip,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_zip_set_compression_deflate,
    (struct archive *a1),
    (a1))
LAZY_FN(LAZY_ARCHIVE, int, archive_write_zip_set_compression_store,
    (struct archive *a1),
    (a1))

/* ---- libunbound: the resolver of scan mail (lib/dns.c) */

LAZY_FN(LAZY_UNBOUND, int, ub_cancel,
    (struct ub_ctx *a1, int a2),
    (a1, a2))
LAZY_FN(LAZY_UNBOUND, int, ub_ctx_add_ta_file,
    (struct ub_ctx *a1, const char *a2),
    (a1, a2))
LAZY_FN(LAZY_UNBOUND, int, ub_ctx_async,
    (struct ub_ctx *a1, int a2),
    (a1, a2))
LAZY_FN(LAZY_UNBOUND, struct ub_ctx *, ub_ctx_create,
    (void),
    ())
LAZY_VOID(LAZY_UNBOUND, ub_ctx_delete,
    (struct ub_ctx *a1),
    (a1))
LAZY_FN(LAZY_UNBOUND, int, ub_ctx_set_fwd,
    (struct ub_ctx *a1, const char *a2),
    (a1, a2))
LAZY_FN(LAZY_UNBOUND, int, ub_ctx_set_option,
    (struct ub_ctx *a1, const char *a2, const char *a3),
    (a1, a2, a3))
LAZY_FN(LAZY_UNBOUND, int, ub_ctx_zone_add,
    (struct ub_ctx *a1, const char *a2, const char *a3),
    (a1, a2, a3))
LAZY_FN(LAZY_UNBOUND, int, ub_fd,
    (struct ub_ctx *a1),
    (a1))
LAZY_FN(LAZY_UNBOUND, int, ub_process,
    (struct ub_ctx *a1),
    (a1))
LAZY_FN(LAZY_UNBOUND, int, ub_resolve_async,
    (struct ub_ctx *a1, const char *a2, int a3, int a4, void *a5,
    ub_callback_type a6, int *a7),
    (a1, a2, a3, a4, a5, a6, a7))
LAZY_VOID(LAZY_UNBOUND, ub_resolve_free,
    (struct ub_result *a1),
    (a1))
LAZY_FN(LAZY_UNBOUND, const char *, ub_strerror,
    (int a1),
    (a1))
/* Variadic: formatted here, passed on as "%s". */
void
archive_set_error(struct archive *a, int err, const char *fmt, ...)
{
	static void (*fn)(struct archive *, int, const char *, ...);
	void (*f)(struct archive *, int, const char *, ...);
	char msg[512];
	va_list ap;

	if ((f = __atomic_load_n(&fn, __ATOMIC_ACQUIRE)) == NULL) {
		*(void **)&f = lazy_sym(LAZY_ARCHIVE, "archive_set_error");
		__atomic_store_n(&fn, f, __ATOMIC_RELEASE);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f(a, err, "%s", msg);
}

#endif /* !VG_STATIC */
