/*
 * config-kv.c — "key value" and "key = value" configuration files:
 * sshd_config (first value wins, "Match" blocks left out), smb.conf
 * ([global] section, keys without case nor spaces), login.defs,
 * logrotate.conf, ufw.conf, journald.conf, dconf key files. Lines starting
 * with # or ; are comments.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/config.h"

#define KV_MAX_FILE	(8 * 1024 * 1024)

void
kv_hit_clear(struct kv_hit *h)
{
	free(h->key);
	free(h->value);
	free(h->file);
	memset(h, 0, sizeof *h);
}

/* Copy of S without spaces and tabs. */
static char *
squash(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Whether K names one of the '|'-separated KEYS. */
static int
key_match(const char *k, const char *keys, const struct kv_opts *o)
{
	const char *p = keys;
	int found = 0;
	char *kk = o->squash ? squash(k) : xstrdup(k);

	while (!found && *p != '\0') {
		size_t n = strcspn(p, "|");
		char *want = xstrndup(p, n), *w;

		w = o->squash ? squash(want) : xstrdup(want);
		found = (o->icase || o->squash) ? strcasecmp(kk, w) == 0 :
		    strcmp(kk, w) == 0;
		free(w);
		free(want);
		p += n;
		if (*p == '|')
			p++;
	}
	free(kk);
	return found;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Look in one file's text; 1 found (hit replaced), 0 not. */
static int
scan_text(char *text, const char *shown, const char *keys,
    const struct kv_opts *o, struct kv_hit *hit)
{
	char *p, *nl, *section = NULL;
	long line = 0;
	int found = 0;

	for (p = text; p != NULL && *p != '\0'; p = nl) {
		char *s, *k, *v, *e;
		size_t n;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = trim(p);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[' && (e = strrchr(s, ']')) != NULL) {
			*e = '\0';
			section = trim(s + 1);
			continue;
		}
		if (o->stop != NULL) {
			n = strcspn(s, " \t=");
			if (n == strlen(o->stop) &&
			    strncasecmp(s, o->stop, n) == 0)
				break;
		}
		if (o->section != NULL && (section == NULL ||
		    strcasecmp(section, o->section) != 0))
			continue;
		if (o->sep == ' ') {
			n = strcspn(s, " \t=");
			k = s;
			v = s + n;
			if (*v != '\0') {
				*v++ = '\0';
				v = trim(v);
				if (*v == '=')
					v = trim(v + 1);
			}
		} else {
			if ((e = strchr(s, o->sep)) == NULL)
				continue;
			*e = '\0';
			k = trim(s);
			v = trim(e + 1);
		}
		if (!key_match(k, keys, o))
			continue;
		n = strlen(v);
		if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
			v[n - 1] = '\0';
			v++;
		}
		kv_hit_clear(hit);
		hit->key = xstrdup(k);
		hit->value = xstrdup(v);
		hit->file = xstrdup(shown);
		hit->line = line;
		found = 1;
		if (!o->last)
			break;
	}
	return found;
}

int
kv_find(char *const *files, const char *const *shown, size_t n,
    const char *key, const struct kv_opts *o, struct kv_hit *hit, char *err)
{
	size_t i, len;
	struct stat st;
	int found = 0;

	memset(hit, 0, sizeof *hit);
	for (i = 0; i < n; i++) {
		char *text;

		if (stat(files[i], &st) == -1) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue;
			vg_seterr(err, "%s: %s", shown[i], strerror(errno));
			kv_hit_clear(hit);
			return -1;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		if ((text = vg_read_file(files[i], KV_MAX_FILE, &len, err))
		    == NULL) {
			kv_hit_clear(hit);
			return -1;
		}
		if (scan_text(text, shown[i], key, o, hit))
			found = 1;
		free(text);
		if (found && !o->last)
			break;
	}
	return found;
}
