/*
 * i18n.c — language choice and gettext catalogs read by vigie itself.
 *
 * glibc's gettext only translates when setlocale() succeeded for a
 * locale that is installed; many machines (this project's build machine
 * among them) only have C.UTF-8. So vigie picks the language from the
 * environment and looks messages up in the GNU .mo catalog directly: the
 * file installed beside the binary if there is one, else the copy built
 * into the binary (build/gen/catalog-fr.c).
 *
 * .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a
 * header of 32-bit words (magic, revision, count, offset of the original
 * strings table, offset of the translations table), each table a list
 * of (length, offset) pairs, originals sorted by strcmp.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/util.h"

extern const unsigned char vg_catalog_fr[];
extern const unsigned long vg_catalog_fr_len;

static struct {
	const unsigned char	*data;
	size_t			 len;
	uint32_t		 n, orig, trans;
	int			 swap;
	char			*owned;		/* data read from a file */
} cat;

static const char *lang = "en";

static uint32_t
word(size_t off)
{
	uint32_t v;

	memcpy(&v, cat.data + off, 4);
	if (cat.swap)
		v = __builtin_bswap32(v);
	return v;
}

/* Accept a catalog only if every table entry lies inside it. */
static int
catalog_use(const unsigned char *data, size_t len)
{
	uint32_t magic, i, l, o;

	if (len < 28)
		return -1;
	memcpy(&magic, data, 4);
	cat.data = data;
	cat.len = len;
	if (magic == 0x950412de)
		cat.swap = 0;
	else if (magic == 0xde120495)
		cat.swap = 1;
	else
		goto bad;
	cat.n = word(8);
	cat.orig = word(12);
	cat.trans = word(16);
	if (cat.n > len / 16 || cat.orig > len - 8ULL * cat.n ||
	    cat.trans > len - 8ULL * cat.n)
		goto bad;
	for (i = 0; i < cat.n; i++) {
		l = word(cat.orig + 8 * i);
		o = word(cat.orig + 8 * i + 4);
		if ((uint64_t)o + l >= len || data[o + l] != '\0')
			goto bad;
		l = word(cat.trans + 8 * i);
		o = word(cat.trans + 8 * i + 4);
		if ((uint64_t)o + l >= len || data[o + l] != '\0')
			goto bad;
	}
	return 0;
bad:
	cat.data = NULL;
	cat.n = 0;
	return -1;
}

static void
catalog_load(void)
{
	const char *dir;
	char *path = NULL, *exe, *buf, err[VG_ERRLEN];
	size_t len;

	/* An explicit folder, or the catalog installed beside the binary
	 * (PREFIX/bin/vigie -> PREFIX/share/locale); otherwise the built-in
	 * copy. */
	if ((dir = getenv("VIGIE_LOCALEDIR")) != NULL && *dir != '\0')
		path = xasprintf("%s/fr/LC_MESSAGES/vigie.mo", dir);
	else {
		exe = vg_exe_dir();
		path = xasprintf("%s/../share/locale/fr/LC_MESSAGES/vigie.mo",
		    exe);
		free(exe);
		if (access(path, R_OK) == -1) {
			free(path);
			path = NULL;
		}
	}
	if (path != NULL) {
		buf = vg_read_file(path, 16 << 20, &len, err);
		if (buf != NULL && catalog_use((unsigned char *)buf, len) == 0) {
			cat.owned = buf;
			free(path);
			return;
		}
		if (buf != NULL)
			vg_warn("%s: not a valid message catalog; using the "
			    "built-in one", path);
		free(buf);
		free(path);
	}
	if (catalog_use(vg_catalog_fr, vg_catalog_fr_len) == -1)
		fatal("the built-in French catalog is damaged");
}

int
vg_i18n_use_catalog(const void *data, size_t len)
{
	lang = "fr";
	if (data != NULL && catalog_use(data, len) == 0)
		return 0;
	if (catalog_use(vg_catalog_fr, vg_catalog_fr_len) == -1)
		fatal("the built-in French catalog is damaged");
	return data == NULL ? 0 : -1;
}

/* "fr_FR.UTF-8", "fr", "fr:en" -> 1; anything else naming a language
 * -> 0; unset, empty, "C" or "POSIX" -> -1 (look further). */
static int
env_is_french(const char *v)
{
	if (v == NULL || *v == '\0')
		return -1;
	if (strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 ||
	    strcmp(v, "POSIX") == 0)
		return -1;
	return strncmp(v, "fr", 2) == 0;
}

int
vg_i18n_init(const char *force, char *err)
{
	static const char *vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};
	size_t i;
	int fr = 0, r;

	if (force != NULL) {
		if (strcmp(force, "fr") == 0)
			fr = 1;
		else if (strcmp(force, "en") != 0) {
			vg_seterr(err, "unknown language '%s' (fr or en)",
			    force);
			return -1;
		}
	} else {
		for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
			if ((r = env_is_french(getenv(vars[i]))) != -1) {
				fr = r;
				break;
			}
		}
	}
	lang = fr ? "fr" : "en";
	if (fr && cat.data == NULL)
		catalog_load();
	return 0;
}

const char *
vg_lang(void)
{
	return lang;
}

/* Index of KEY among the originals, or -1. */
static long
lookup(const char *key)
{
	long lo = 0, hi, mid;
	int c;

	if (cat.data == NULL || lang[0] != 'f')
		return -1;
	hi = (long)cat.n - 1;
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(key, (const char *)cat.data +
		    word(cat.orig + 8 * (uint32_t)mid + 4));
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

static const char *
translation(long i)
{
	const char *t;

	t = (const char *)cat.data + word(cat.trans + 8 * (uint32_t)i + 4);
	return *t != '\0' ? t : NULL;
}

const char *
vg_gettext(const char *msgid)
{
	long i;
	const char *t;

	if (msgid == NULL || *msgid == '\0')
		return msgid;
	if ((i = lookup(msgid)) == -1 || (t = translation(i)) == NULL)
		return msgid;
	return t;
}

const char *
vg_ngettext(const char *msgid, const char *plural, unsigned long n)
{
	long i;
	const char *t, *second;
	uint32_t len;

	/* French: singular for 0 and 1; English: singular for 1 only. */
	if ((i = lookup(msgid)) == -1 || (t = translation(i)) == NULL)
		return n == 1 ? msgid : plural;
	if (n <= 1)
		return t;
	len = word(cat.trans + 8 * (uint32_t)i);
	second = t + strlen(t) + 1;
	if (second > t + len)
		return t;
	return second;
}

const char *
vg_pgettext(const char *context, const char *msgid)
{
	char key[1024];
	long i;
	const char *t;

	if (snprintf(key, sizeof key, "%s\004%s", context, msgid) >=
	    (int)sizeof key)
		return msgid;
	if ((i = lookup(key)) == -1 || (t = translation(i)) == NULL)
		return msgid;
	return t;
}
