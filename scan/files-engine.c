/*
 * files-engine.c — the scan engine behind `vigie scan files`, `vigie scan
 * processes` and vg_scan_capture().
 *
 * One producer (the directory walker, or the /proc lister) fills a ring
 * of items; N workers, each with its own YR_SCANNER per rule set, take
 * the items in order and scan them; the calling thread takes finished
 * items in the same order and reports them (callback, store, cache).
 * The ring is bounded, so the producer waits when the reporter lags and
 * memory stays flat whatever the size of the tree.
 *
 * Files are read once: small ones with read() into a buffer of the
 * worker (no mmap, no fault, no SIGBUS guard needed), large ones mapped
 * (libyara's guard catches a file that shrinks under us). Digests for
 * the IOC lists are computed from the same buffer.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/data.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/passwd.h"
#include "vigie/scan.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "ioc.h"
#include "scancache.h"
#include "verdicts.h"
#include "walk.h"
#include "yara.h"
#include "files-engine.h"

/* Names of the error and skip counts in the summary (files-engine.h). */
const char *const engine_err_names[EE_COUNT] = {
	"unreadable", "vanished", "timeout", "yara", "attach", "shrunk",
	"missing",
};
const char *const engine_skip_names[WALK_R_COUNT] = {
	"symlink", "special", "excluded", "other_fs", "pseudo_fs", "loop",
	"too_deep", "own_rules", "too_big", "dangling",
};

double
engine_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

double
engine_elapsed(const struct vg_scan *s)
{
	return engine_now() - (s->t0.tv_sec + s->t0.tv_nsec / 1e9);
}

/* ---- Setting up ---------------------------------------------------- */

static int engine_forced(const struct vg_scan *, const char *);

int
vg_scan_new(const struct vg_scan_opts *o, int quiet, struct vg_scan **out,
    char *err)
{
	struct vg_scan *s;
	char *rules = NULL, *iocs = NULL;
	int nwarn = 0, i;
	long n;

	*out = NULL;
	if (yr_initialize() != ERROR_SUCCESS) {
		vg_seterr(err, "%s", _("could not start libyara"));
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	s->o = *o;
	s->quiet = quiet;
	if ((n = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		n = 1;
	s->threads = o->threads > 0 ? o->threads : (int)n;
	if (s->threads > 64)
		s->threads = 64;
	if (s->o.timeout <= 0)
		s->o.timeout = ENGINE_DEFTIMEOUT;
	/* libyara's version is in the mode too: a rescan after an upgrade
	 * of libyara reuses no verdict. */
	snprintf(s->mode, sizeof(s->mode), "fast=%d libyara=%s",
	    o->fast ? 1 : 0, YR_VERSION);

	rules = o->rules != NULL ? xstrdup(o->rules) : vg_data_path("yara");
	if (yara_set_load(rules, o->defines, o->ndefines, quiet,
	    !o->no_routing, &nwarn,
	    &s->set, err) == -1)
		goto fail;
	if (o->rules == NULL)
		s->ruledir = xstrdup(rules);
	/* filename, filepath and extension come from the path, not from
	 * the file: when the rules read one (and --define does not fix
	 * it), the path is part of the cache key. */
	for (i = 0; i < 3; i++)
		if ((s->set->uses & (1u << i)) &&
		    !engine_forced(s, yara_externals[i]))
			s->pathkey = 1;
	s->iocs = ioc_new();
	if (o->iocs == NULL || *o->iocs != '\0') {
		iocs = o->iocs != NULL ? xstrdup(o->iocs) :
		    vg_data_path("iocs");
		/* The shipped lists may be absent from a minimal install. */
		if ((o->iocs != NULL || vg_data_exists(iocs)) &&
		    ioc_load(s->iocs, iocs, err) == -1)
			goto fail;
		if (o->iocs == NULL)
			s->iocdir = xstrdup(iocs);
	}
	ioc_seal(s->iocs);
	s->need = ioc_needs(s->iocs);
	free(rules);
	free(iocs);
	*out = s;
	return 0;
fail:
	free(rules);
	free(iocs);
	vg_scan_free(s);
	return -1;
}

void
vg_scan_free(struct vg_scan *s)
{
	int i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->ndeltas; i++)
		yara_set_free(s->deltas[i]);
	yara_set_free(s->set);
	ioc_free(s->iocs);
	scancache_free(s->cache);
	verdicts_free(s->verdicts);
	for (i = 0; i < s->nplans; i++) {
		for (j = 0; j < s->plans[i].nkeep; j++)
			free(s->plans[i].keep[j]);
		free(s->plans[i].keep);
	}
	free(s->plans);
	free(s->ruledir);
	free(s->iocdir);
	free(s);
	yr_finalize();
}

void
vg_scan_set_store(struct vg_scan *s, struct vg_store *store, int64_t run)
{
	char err[VG_ERRLEN], *key;
	const char **ns, **dg;
	int i;

	s->store = store;
	s->run = run;
	if (store == NULL)
		return;
	if ((s->cache = scancache_open(store, err)) == NULL) {
		vg_warn(_("rescan cache not used: %s"), err);
		return;
	}
	ns = xcalloc(s->set->nunits + 1, sizeof(*ns));
	dg = xcalloc(s->set->nunits + 1, sizeof(*dg));
	for (i = 0; i < s->set->nunits; i++) {
		ns[i] = s->set->units[i].ns;
		dg[i] = s->set->units[i].digest;
	}
	if (scancache_set_ruleset(s->cache, s->set->digest, s->mode,
	    s->set->nunits, ns, dg, err) == -1) {
		vg_warn(_("rescan cache not used: %s"), err);
		scancache_free(s->cache);
		s->cache = NULL;
	}
	free(ns);
	free(dg);
	if (s->o.shared && !s->o.strings) {
		key = xasprintf("%s %s", s->set->digest, s->mode);
		if ((s->verdicts = verdicts_open(store, key, err)) == NULL)
			vg_warn(_("shared verdicts not used: %s"), err);
		free(key);
	}
	s->nplans = scancache_nrulesets(s->cache);
	s->plans = xcalloc(s->nplans + 1, sizeof(*s->plans));
}

void
vg_scan_rules_info(struct vg_scan *s, int *nrules, int *niocs,
    const char **digest)
{
	if (nrules != NULL)
		*nrules = s->set->nrules;
	if (niocs != NULL)
		*niocs = ioc_count(s->iocs);
	if (digest != NULL)
		*digest = s->set->digest;
}

/*
 * Decide what files last scanned with recorded rule set I need: nothing
 * (same units), the new units only (a delta set, compiled here), or a
 * full scan. Called by the producer thread only.
 */
static struct plan *
engine_plan(struct vg_scan *s, int64_t ruleset)
{
	const struct scancache_ruleset *r = NULL;
	struct plan *p;
	int i, j, *need, nneed = 0, found;
	char err[VG_ERRLEN];

	for (i = 0; i < s->nplans; i++) {
		r = scancache_ruleset(s->cache, i);
		if (r->id == ruleset)
			break;
	}
	if (i == s->nplans)
		return NULL;
	p = &s->plans[i];
	if (p->kind != PLAN_UNKNOWN)
		return p;
	p->kind = PLAN_FULL;
	if (strcmp(r->mode, s->mode) != 0)
		return p;
	need = xcalloc(s->set->nunits + 1, sizeof(int));
	p->keep = xcalloc(s->set->nunits + 1, sizeof(char *));
	for (i = 0; i < s->set->nunits; i++) {
		found = 0;
		for (j = 0; j < r->nunits; j++)
			if (strcmp(r->ns[j], s->set->units[i].ns) == 0 &&
			    strcmp(r->digest[j], s->set->units[i].digest) == 0)
				found = 1;
		if (found)
			p->keep[p->nkeep++] = xstrdup(s->set->units[i].ns);
		else
			need[nneed++] = i;
	}
	if (nneed == 0)
		p->kind = PLAN_COVERED;
	else if (p->nkeep > 0 && !s->set->compiled && !s->set->includes &&
	    s->ndeltas < ENGINE_MAXDELTAS &&
	    yara_set_subset(s->set, need, nneed, s->o.defines, s->o.ndefines,
	    &s->deltas[s->ndeltas], err) == 0) {
		p->kind = PLAN_DELTA;
		p->delta = s->ndeltas++;
	}
	free(need);
	return p;
}

/* ---- The ring ------------------------------------------------------ */

/* Put a copy of IT in the ring (producer thread). */
static void
engine_produce(struct run *r, struct item *it)
{
	struct item *slot;

	pthread_mutex_lock(&r->mu);
	while (r->produced - r->emitted >= r->cap && !r->stop)
		pthread_cond_wait(&r->can_produce, &r->mu);
	if (r->stop) {
		pthread_mutex_unlock(&r->mu);
		if (it->fd >= 0)
			close(it->fd);
		free(it->path);
		free(it->errmsg);
		return;
	}
	slot = &r->ring[r->produced % r->cap];
	*slot = *it;
	r->produced++;
	if (slot->state == IS_READY)
		pthread_cond_signal(&r->can_claim);
	else
		pthread_cond_signal(&r->can_emit);
	pthread_mutex_unlock(&r->mu);
}

static void
engine_item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->fd = -1;
	it->plan = -1;
}

static int
engine_open(int dirfd, const char *name, int follow)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
	    (follow ? 0 : O_NOFOLLOW), fd;

	fd = openat(dirfd, name, flags | O_NOATIME);
	if (fd == -1 && errno == EPERM)
		fd = openat(dirfd, name, flags);
	return fd;
}

static int
engine_has_needed_digests(const struct vg_scan *s,
    const struct scancache_entry *ce)
{
	return (!(s->need & IOC_NEED(VG_SHA256)) || ce->sha256 != NULL) &&
	    (!(s->need & IOC_NEED(VG_SHA1)) || ce->sha1 != NULL) &&
	    (!(s->need & IOC_NEED(VG_MD5)) || ce->md5 != NULL);
}

/* The walker's callback (producer thread). */
static int
engine_walk_cb(void *arg, const struct walk_entry *e)
{
	struct run *r = arg;
	struct vg_scan *s = r->s;
	const struct scancache_entry *ce = NULL;
	struct plan *p = NULL;
	struct item it;

	if (r->stop)
		return -1;
	switch (e->kind) {
	case WALK_DIR:
		if (s->o.progress) {
			pthread_mutex_lock(&r->mu);
			snprintf(r->curdir, sizeof(r->curdir), "%s", e->path);
			pthread_mutex_unlock(&r->mu);
		}
		return 0;
	case WALK_SKIP:
		/* In order with the files, so that the reporting thread
		 * names what was not examined where it was. */
		engine_item_init(&it);
		it.kind = IK_SKIP;
		it.state = IS_DONE;
		it.reason = e->reason;
		if (e->reason == WALK_R_DEPTH)
			it.path = xstrdup(e->path);
		engine_produce(r, &it);
		return 0;
	case WALK_ERROR:
		engine_item_init(&it);
		it.kind = IK_ERROR;
		it.state = IS_DONE;
		it.path = xstrdup(e->path);
		if (e->root && e->err == ENOENT) {
			it.err = EE_MISSING + 1;
			it.errmsg = xstrdup(_("no such file or folder"));
		} else {
			it.err = (e->err == ENOENT ? EE_VANISHED :
			    EE_UNREADABLE) + 1;
			it.errmsg = xasprintf("%s: %s", _(e->what),
			    vg_scan_strerror(e->err));
		}
		engine_produce(r, &it);
		return 0;
	case WALK_FILE:
		break;
	}
	if (s->o.max_size > 0 && (uint64_t)e->st.st_size > s->o.max_size) {
		engine_item_init(&it);
		it.kind = IK_SKIP;
		it.state = IS_DONE;
		it.reason = WALK_R_TOOBIG;
		it.path = xstrdup(e->path);
		engine_produce(r, &it);
		return 0;
	}
	engine_item_init(&it);
	it.path = xstrdup(e->path);
	it.st = e->st;
	__atomic_add_fetch(&r->found, 1, __ATOMIC_RELAXED);
	if (s->cache != NULL && !s->o.no_cache && !s->o.strings &&
	    (ce = scancache_get(s->cache, &e->st, s->pathkey ? e->path :
	    NULL)) != NULL &&
	    engine_has_needed_digests(s, ce) &&
	    (p = engine_plan(s, ce->ruleset)) != NULL &&
	    p->kind != PLAN_FULL) {
		it.ce = ce;
		it.plan = (int)(p - s->plans);
		if (p->kind == PLAN_COVERED) {
			it.kind = IK_CACHED;
			it.state = IS_DONE;
			engine_produce(r, &it);
			return 0;
		}
	}
	it.kind = IK_FILE;
	it.state = IS_READY;
	if ((it.fd = engine_open(e->dirfd, e->name, e->followed)) == -1) {
		it.state = IS_DONE;
		it.kind = IK_ERROR;
		it.err = (errno == ENOENT ? EE_VANISHED : EE_UNREADABLE) + 1;
		it.errmsg = xasprintf("%s: %s", _("open"),
		    vg_scan_strerror(errno));
	}
	engine_produce(r, &it);
	return 0;
}

static int
engine_pidcmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* Producer for processes: the given pids, or every one in /proc. */
static void
engine_list_procs(struct run *r)
{
	pid_t *pids = NULL, self = getpid();
	struct item it;
	struct dirent *de;
	int n = 0, i;
	DIR *d;
	char *end;
	long v;

	if (r->npids > 0) {
		pids = xcalloc(r->npids, sizeof(*pids));
		memcpy(pids, r->pids, r->npids * sizeof(*pids));
		n = r->npids;
	} else if ((d = opendir("/proc")) != NULL) {
		while ((de = readdir(d)) != NULL) {
			v = strtol(de->d_name, &end, 10);
			if (*end != '\0' || v <= 0 || v == self)
				continue;
			pids = xreallocarray(pids, n + 1, sizeof(*pids));
			pids[n++] = (pid_t)v;
		}
		closedir(d);
	}
	qsort(pids, n, sizeof(*pids), engine_pidcmp);
	for (i = 0; i < n && !r->stop; i++) {
		engine_item_init(&it);
		it.kind = IK_PROC;
		it.state = IS_READY;
		it.pid = pids[i];
		it.path = xasprintf("/proc/%ld", (long)pids[i]);
		engine_produce(r, &it);
	}
	free(pids);
}

static void *
engine_producer(void *arg)
{
	struct run *r = arg;
	struct vg_scan *s = r->s;
	struct walk_opts wo;
	dev_t own_dev[2];
	ino_t own_ino[2];
	struct stat st;
	int nown = 0;

	if (r->roots != NULL) {
		memset(&wo, 0, sizeof(wo));
		wo.excludes = s->o.excludes;
		wo.nexcludes = s->o.nexcludes;
		wo.follow = s->o.follow_symlinks;
		wo.cross_fs = s->o.cross_fs;
		if (s->ruledir != NULL && stat(s->ruledir, &st) == 0) {
			own_dev[nown] = st.st_dev;
			own_ino[nown++] = st.st_ino;
		}
		if (s->iocdir != NULL && stat(s->iocdir, &st) == 0) {
			own_dev[nown] = st.st_dev;
			own_ino[nown++] = st.st_ino;
		}
		wo.own_dev = own_dev;
		wo.own_ino = own_ino;
		wo.nown = nown;
		wo.cb = engine_walk_cb;
		wo.arg = r;
		wo.stop = &r->stop;
		walk_run(&wo, r->roots, r->nroots);
	} else
		engine_list_procs(r);
	pthread_mutex_lock(&r->mu);
	r->done = 1;
	pthread_cond_broadcast(&r->can_claim);
	pthread_cond_broadcast(&r->can_emit);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* ---- Workers ------------------------------------------------------- */

void
engine_add_hit(struct item *it, YR_RULE *rule, const struct ioc_entry *ioc,
    json_t *strings, int cached)
{
	struct hit *h;

	it->hits = xreallocarray(it->hits, it->nhits + 1, sizeof(*it->hits));
	h = &it->hits[it->nhits++];
	h->rule = rule;
	h->ioc = ioc;
	h->strings = strings;
	h->cached = cached;
}

/* Add every YARA match of the JSON list TEXT ([["ns","rule"],...]) that
 * the rule set still has, marked CACHED (1: rescan cache, 2: shared). */
static void
engine_restore_text(struct vg_scan *s, struct item *it, const char *text,
    int cached)
{
	json_t *a, *v;
	const char *ns, *id;
	YR_RULE *rule;
	size_t i;

	if (text == NULL || (a = json_loads(text, 0, NULL)) == NULL)
		return;
	json_array_foreach(a, i, v) {
		ns = json_string_value(json_array_get(v, 0));
		id = json_string_value(json_array_get(v, 1));
		if (ns != NULL && id != NULL &&
		    (rule = yara_find(s->set, ns, id)) != NULL)
			engine_add_hit(it, rule, NULL, NULL, cached);
	}
	json_decref(a);
}

static int
engine_yara_cb(YR_SCAN_CONTEXT *ctx, int msg, void *data, void *arg)
{
	struct worker *w = arg;
	YR_RULE *rule = data, *main;
	YR_STRING *string;
	YR_MATCH *m;
	json_t *strings = NULL;
	int n;

	if (msg != CALLBACK_MSG_RULE_MATCHING)
		return CALLBACK_CONTINUE;
	if (yara_is_prefilter(rule)) {
		w->prefiltered = 1;
		return CALLBACK_CONTINUE;
	}
	if (w->r->s->o.strings) {
		strings = json_array();
		yr_rule_strings_foreach(rule, string) {
			n = 0;
			yr_string_matches_foreach(ctx, string, m) {
				if (n++ >= ENGINE_MAXSTRINGS)
					break;
				json_array_append_new(strings, json_pack(
				    "{s:s, s:I, s:i}", "id",
				    string->identifier, "offset",
				    (json_int_t)(m->base + m->offset),
				    "length", (int)m->match_length));
			}
		}
	}
	/* Report the rule of the main set (deltas hold copies). */
	main = w->cur_set == w->r->s->set && !w->foreign ? rule :
	    yara_find(w->r->s->set, rule->ns->name, rule->identifier);
	if (main != NULL)
		engine_add_hit(w->cur, main, NULL, strings, 0);
	else
		json_decref(strings);
	return CALLBACK_CONTINUE;
}

/* File type from the first bytes (Loki/THOR "filetype" names). */
static const char *
engine_filetype(const uint8_t *p, size_t n)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*type;
	} t[] = {
		{ "MZ", 2, "EXE" },
		{ "\x7f" "ELF", 4, "ELF" },
		{ "\xcf\xfa\xed\xfe", 4, "MACH-O" },
		{ "\xce\xfa\xed\xfe", 4, "MACH-O" },
		{ "PK\x03\x04", 4, "ZIP" },
		{ "Rar!", 4, "RAR" },
		{ "7z\xbc\xaf\x27\x1c", 6, "7Z" },
		{ "\x1f\x8b", 2, "GZIP" },
		{ "%PDF", 4, "PDF" },
		{ "{\\rtf", 5, "RTF" },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "OLE" },
		{ "\x89PNG", 4, "PNG" },
		{ "\xff\xd8\xff", 3, "JPEG" },
		{ "GIF8", 4, "GIF" },
		{ "L\0\0\0\x01\x14\x02\0", 8, "LNK" },
		{ "MDMP", 4, "MDMP" },
		{ "MSCF", 4, "CAB" },
		{ "<?php", 5, "PHP" },
		{ "#!", 2, "SCRIPT" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (n >= t[i].len && memcmp(p, t[i].magic, t[i].len) == 0)
			return t[i].type;
	return "UNKNOWN";
}

static const char *
engine_owner(struct worker *w, uid_t uid)
{
	const char *name;

	if (w->owner[0] != '\0' && w->last_uid == uid)
		return w->owner;
	/* Never getpwuid_r(): NSS would load the host's modules. */
	if ((name = vg_user_name(uid)) != NULL)
		snprintf(w->owner, sizeof(w->owner), "%s", name);
	else
		snprintf(w->owner, sizeof(w->owner), "%lu",
		    (unsigned long)uid);
	w->last_uid = uid;
	return w->owner;
}

static int
engine_forced(const struct vg_scan *s, const char *name)
{
	size_t l = strlen(name);
	int i;

	for (i = 0; i < s->o.ndefines; i++)
		if (strncmp(s->o.defines[i], name, l) == 0 &&
		    s->o.defines[i][l] == '=')
			return 1;
	return 0;
}

/* filename, filepath (allocated) and extension of PATH. */
static void
engine_path_parts(const char *path, const char **basep, char **dirp,
    char *ext)
{
	const char *base, *slash, *dot;
	char *dir;
	size_t i;

	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	dir = slash != NULL ? xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : xstrdup("");
	ext[0] = '\0';
	if ((dot = strrchr(base, '.')) != NULL && dot != base &&
	    strlen(dot) < sizeof(ext)) {
		for (i = 0; dot[i] != '\0'; i++)
			ext[i] = (dot[i] >= 'A' && dot[i] <= 'Z') ?
			    dot[i] + 32 : dot[i];
		ext[i] = '\0';
	}
	*basep = base;
	*dirp = dir;
}

/* Set the per-file externals (those not forced by --define). */
static void
engine_externals(struct worker *w, YR_SCANNER *sc, const char *path,
    const char *type, uid_t uid)
{
	struct vg_scan *s = w->r->s;
	const char *base;
	char ext[64], *dir;

	engine_path_parts(path, &base, &dir, ext);
	if (!engine_forced(s, "filename"))
		yr_scanner_define_string_variable(sc, "filename", base);
	if (!engine_forced(s, "filepath"))
		yr_scanner_define_string_variable(sc, "filepath", dir);
	if (!engine_forced(s, "extension"))
		yr_scanner_define_string_variable(sc, "extension", ext);
	if (!engine_forced(s, "filetype"))
		yr_scanner_define_string_variable(sc, "filetype", type);
	if (!engine_forced(s, "owner"))
		yr_scanner_define_string_variable(sc, "owner",
		    engine_owner(w, uid));
	free(dir);
}

/*
 * Key of the values of the externals the rules read and --define does
 * not fix, for shared verdicts: "" when none (filetype comes from the
 * content, which the SHA-256 names already).
 */
static void
engine_ext_key(struct worker *w, struct item *it, uid_t uid)
{
	struct vg_scan *s = w->r->s;
	const char *base, *vals[YARA_NEXTERNALS] = { NULL };
	struct vg_hash *h = NULL;
	char ext[64], *dir;
	int i;

	engine_path_parts(it->path, &base, &dir, ext);
	vals[0] = base;
	vals[1] = dir;
	vals[2] = ext;
	vals[4] = engine_owner(w, uid);
	for (i = 0; i < YARA_NEXTERNALS; i++) {
		if (vals[i] == NULL || !(s->set->uses & (1u << i)) ||
		    engine_forced(s, yara_externals[i]))
			continue;
		if (h == NULL)
			h = vg_hash_new(VG_SHA256);
		vg_hash_update(h, yara_externals[i],
		    strlen(yara_externals[i]) + 1);
		vg_hash_update(h, vals[i], strlen(vals[i]) + 1);
	}
	if (h != NULL)
		vg_hash_final(h, it->ext);
	else
		it->ext[0] = '\0';
	free(dir);
}

static YR_SCANNER *
engine_scanner(struct worker *w, YR_RULES *rules)
{
	YR_SCANNER *sc;

	if (yr_scanner_create(rules, &sc) != ERROR_SUCCESS)
		fatal("%s", _("out of memory"));
	yr_scanner_set_callback(sc, engine_yara_cb, w);
	yara_scanner_defines(sc, w->r->s->o.defines, w->r->s->o.ndefines);
	/* Pauses for --cpu-limit count in libyara's (wall clock) timeout:
	 * it is stretched as the CPU share is cut. */
	yr_scanner_set_timeout(sc, w->r->s->o.cpu_limit > 0 &&
	    w->r->s->o.cpu_limit < 100 ? w->r->s->o.timeout * 100 /
	    w->r->s->o.cpu_limit : w->r->s->o.timeout);
	return sc;
}

static void
engine_digests(struct vg_scan *s, struct item *it, unsigned need,
    const uint8_t *data, size_t len, int fd)
{
	struct vg_hash *h[3] = { NULL, NULL, NULL };
	char *hex[3] = { it->md5, it->sha1, it->sha256 };
	uint8_t *chunk = NULL;
	ssize_t n;
	off_t off = 0;
	int a;

	(void)s;
	for (a = 0; a < 3; a++)
		if ((need & IOC_NEED(a)) && hex[a][0] == '\0')
			h[a] = vg_hash_new(a);
	if (h[0] == NULL && h[1] == NULL && h[2] == NULL)
		return;
	if (data != NULL) {
		for (a = 0; a < 3; a++)
			if (h[a] != NULL)
				vg_hash_update(h[a], data, len);
	} else {
		/* A mapped file: read it again rather than touch a map
		 * that may fault if the file shrank. */
		chunk = xmalloc(1 << 20);
		while ((n = pread(fd, chunk, 1 << 20, off)) > 0) {
			for (a = 0; a < 3; a++)
				if (h[a] != NULL)
					vg_hash_update(h[a], chunk, n);
			off += n;
		}
		free(chunk);
	}
	for (a = 0; a < 3; a++)
		if (h[a] != NULL)
			vg_hash_final(h[a], hex[a]);
}

void
engine_name_hit(const struct ioc_entry *e, void *arg)
{
	engine_add_hit(arg, NULL, e, NULL, 0);
}

void
engine_hash_hits(struct vg_scan *s, struct item *it)
{
	const struct ioc_entry *e;

	if (it->md5[0] && (e = ioc_match_hash(s->iocs, VG_MD5, it->md5)))
		engine_add_hit(it, NULL, e, NULL, 0);
	if (it->sha1[0] && (e = ioc_match_hash(s->iocs, VG_SHA1, it->sha1)))
		engine_add_hit(it, NULL, e, NULL, 0);
	if (it->sha256[0] &&
	    (e = ioc_match_hash(s->iocs, VG_SHA256, it->sha256)))
		engine_add_hit(it, NULL, e, NULL, 0);
}

static void
engine_fail(struct item *it, enum engine_err e, const char *msg)
{
	it->err = e + 1;
	free(it->errmsg);
	it->errmsg = xstrdup(msg);
}

static void
engine_yara_fail(struct item *it, YR_SCANNER *sc, int code)
{
	YR_RULE *rule;

	if (code == ERROR_SCAN_TIMEOUT) {
		rule = yr_scanner_last_error_rule(sc);
		it->err = EE_TIMEOUT + 1;
		free(it->errmsg);
		it->errmsg = rule != NULL ? xasprintf(_("timed out (rule %s "
		    "was running)"), rule->identifier) :
		    xstrdup(_("timed out"));
		return;
	}
	/* libyara's guard turns the SIGBUS of a mapped file cut short
	 * into this code. */
	engine_fail(it, code == ERROR_COULD_NOT_MAP_FILE ? EE_SHRUNK : EE_YARA,
	    _(yara_strerror(code)));
}

/* Scan LEN bytes at DATA with SC, this file's externals set first. */
static int
engine_yara(struct worker *w, YR_SCANNER *sc, int flags, const char *path,
    const char *type, uid_t uid, const uint8_t *data, size_t len)
{
	yr_scanner_set_flags(sc, flags);
	engine_externals(w, sc, path, type, uid);
	return yr_scanner_scan_mem(sc, data, len);
}

static void
engine_scan_file(struct worker *w, struct item *it)
{
	struct vg_scan *s = w->r->s;
	struct plan *p = it->plan >= 0 ? &s->plans[it->plan] : NULL;
	struct yara_set *set = s->set;
	YR_SCANNER *sc, **psc, **wsc;
	YR_RULES *whole = NULL;
	const uint8_t *data = NULL, *bytes;
	const char *type;
	uint8_t head[16];
	void *map = MAP_FAILED;
	const char *known;
	struct stat st;
	size_t len = 0, got = 0;
	ssize_t n;
	int rc, mz, flags = SCAN_FLAGS_REPORT_RULES_MATCHING;

	if (fstat(it->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		engine_fail(it, EE_UNREADABLE, _("not a regular file any "
		    "more"));
		goto out;
	}
	it->st = st;
	len = (size_t)st.st_size;
	if (len <= ENGINE_READMAX) {
		if (len + 1 > w->bufcap) {
			w->bufcap = len + 1 < 65536 ? 65536 : len + 1;
			free(w->buf);
			w->buf = xmalloc(w->bufcap);
		}
		while (got < len) {
			n = read(it->fd, w->buf + got, len - got);
			if (n == -1 && errno == EINTR)
				continue;
			if (n == -1) {
				engine_fail(it, EE_UNREADABLE,
				    vg_scan_strerror(errno));
				goto out;
			}
			if (n == 0)
				break;	/* shrank: scan what is there */
			got += (size_t)n;
		}
		len = got;
		data = w->buf;
		flags |= SCAN_FLAGS_NO_TRYCATCH;
		memcpy(head, data, len < 16 ? len : 16);
	} else {
		map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, it->fd, 0);
		if (map == MAP_FAILED) {
			engine_fail(it, EE_UNREADABLE,
			    vg_scan_strerror(errno));
			goto out;
		}
		madvise(map, len, MADV_SEQUENTIAL);
		memset(head, 0, sizeof(head));
		if (pread(it->fd, head, sizeof(head), 0) < 0)
			memset(head, 0, sizeof(head));
	}
	if (s->o.fast)
		flags |= SCAN_FLAGS_FAST_MODE;

	if (p != NULL && p->kind == PLAN_DELTA) {
		set = s->deltas[p->delta];
		if (w->dsc[p->delta] == NULL)
			w->dsc[p->delta] = engine_scanner(w, set->rules);
		sc = w->dsc[p->delta];
		psc = &w->dpsc[p->delta];
		wsc = &w->dwsc[p->delta];
	} else {
		sc = w->sc;
		psc = &w->psc;
		wsc = &w->wsc;
	}
	w->cur = it;
	w->cur_set = set;
	w->prefiltered = 0;
	w->foreign = 0;
	type = engine_filetype(head, len < 16 ? len : 16);
	bytes = data != NULL ? data : (const uint8_t *)map;
	mz = len >= 2 && head[0] == 'M' && head[1] == 'Z';
	/* A content another machine (or this one) scanned with the same
	 * rules and externals: its verdict, no scan. */
	if (s->verdicts != NULL && it->ce == NULL) {
		engine_digests(s, it, s->need | IOC_NEED(VG_SHA256), data,
		    len, it->fd);
		engine_ext_key(w, it, st.st_uid);
		if (it->sha256[0] != '\0' && verdicts_get(s->verdicts,
		    it->sha256, it->ext, &known)) {
			it->shared = 1;
			engine_restore_text(s, it, known, 2);
			ioc_match_path(s->iocs, it->path, engine_name_hit, it);
			engine_hash_hits(s, it);
			goto out;
		}
		it->share_new = it->sha256[0] != '\0';
	}
	/* A big MZ file needs the moved rules too: one pass with every
	 * rule is cheaper than two (yara-route.h). */
	if (mz && len >= ENGINE_WHOLEMIN && set->pe_rules != NULL &&
	    (*wsc != NULL || (whole = yara_set_whole(set, s->o.defines,
	    s->o.ndefines)) != NULL)) {
		if (*wsc == NULL)
			*wsc = engine_scanner(w, whole);
		sc = *wsc;
		w->foreign = 1;
		rc = engine_yara(w, sc, flags, it->path, type, st.st_uid,
		    bytes, len);
		__atomic_add_fetch(&s->whole_scans, 1, __ATOMIC_RELAXED);
		goto scanned;
	}
	rc = engine_yara(w, sc, flags, it->path, type, st.st_uid, bytes,
	    len);
	/* The moved rules (yara-route.h): only where they can match. */
	if (rc == ERROR_SUCCESS && set->pe_rules != NULL &&
	    (w->prefiltered || mz)) {
		if (*psc == NULL)
			*psc = engine_scanner(w, set->pe_rules);
		sc = *psc;
		rc = engine_yara(w, sc, flags, it->path, type, st.st_uid,
		    bytes, len);
		__atomic_add_fetch(&s->pe_scans, 1, __ATOMIC_RELAXED);
	}
scanned:
	it->scanned = 1;
	if (rc != ERROR_SUCCESS) {
		engine_yara_fail(it, sc, rc);
		goto out;
	}
	engine_digests(s, it, s->need, data, len, it->fd);
	ioc_match_path(s->iocs, it->path, engine_name_hit, it);
	engine_hash_hits(s, it);
	if (it->nhits > 0)
		engine_digests(s, it, IOC_NEED(VG_SHA256), data, len, it->fd);
out:
	if (map != MAP_FAILED)
		munmap(map, len);
	close(it->fd);
	it->fd = -1;
	it->st.st_size = (off_t)len;
}


/*
 * Why libyara could not read process PID: say what really failed, not a
 * guess. As root the cause is the kernel's (the process is not dumpable,
 * lives in another namespace, or Yama, lockdown or a security module
 * forbids it); WHY gets the text, in the catalog's language.
 */
static void
engine_attach_why(pid_t pid, char *why, size_t len)
{
	char path[64], buf[64];
	int fd, e;
	ssize_t n;

	if (kill(pid, 0) == -1 && errno == ESRCH) {
		snprintf(why, len, "%s", _("the process ended before it could "
		    "be read"));
		return;
	}
	if (geteuid() != 0) {
		snprintf(why, len, "%s", _("could not read the process's "
		    "memory: vigie must run as root to read other users' "
		    "processes"));
		return;
	}
	if ((fd = open("/proc/sys/kernel/yama/ptrace_scope",
	    O_RDONLY | O_CLOEXEC)) != -1) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n > 0 && buf[0] == '3') {
			snprintf(why, len, "%s", _("could not read the "
			    "process's memory: the kernel forbids it to every "
			    "program, root included (kernel.yama.ptrace_scope "
			    "= 3)"));
			return;
		}
	}
	if ((fd = open("/sys/kernel/security/lockdown",
	    O_RDONLY | O_CLOEXEC)) != -1) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (strstr(buf, "[confidentiality]") != NULL) {
			snprintf(why, len, "%s", _("could not read the "
			    "process's memory: the kernel is locked down "
			    "(lockdown=confidentiality)"));
			return;
		}
	}
	snprintf(path, sizeof path, "/proc/%ld/maps", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		e = errno;
		snprintf(why, len, _("could not read the process's memory, "
		    "although vigie runs as root: the kernel refused %s (%s); "
		    "the process may not be dumpable, may belong to another "
		    "namespace, or a security module forbids it"), path,
		    vg_scan_strerror(e));
		return;
	}
	close(fd);
	snprintf(why, len, "%s", _("could not read the process's memory, "
	    "although vigie runs as root: the kernel refused to let it "
	    "attach (a security module or a seccomp filter may forbid it)"));
}

static void
engine_scan_proc(struct worker *w, struct item *it)
{
	struct vg_scan *s = w->r->s;
	struct yara_set *set = s->set;
	YR_RULES *whole;
	char buf[4096], *p;
	YR_SCANNER *sc = w->sc, *use[2];
	ssize_t n;
	int fd, rc, i;
	struct stat st;

	p = xasprintf("/proc/%ld/exe", (long)it->pid);
	n = readlink(p, buf, sizeof(buf) - 1);
	free(p);
	it->exe = xstrndup(buf, n > 0 ? (size_t)n : 0);
	if (*it->exe != '\0') {
		free(it->path);
		it->path = xstrdup(it->exe);
	}
	p = xasprintf("/proc/%ld/cmdline", (long)it->pid);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	if (fd == -1) {
		engine_fail(it, EE_VANISHED, errno == ENOENT ?
		    _("no such process") : vg_scan_strerror(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0) {
		/* Kernel threads have no command line and no memory. */
		it->err = 0;
		it->kind = IK_ERROR;
		it->no_cache = 1;
		return;
	}
	for (p = buf; p < buf + n - 1; p++)
		if (*p == '\0')
			*p = ' ';
	buf[n] = '\0';
	it->cmdline = xstrdup(buf);
	p = xasprintf("/proc/%ld", (long)it->pid);
	if (stat(p, &st) == -1)
		st.st_uid = 0;
	free(p);
	w->cur = it;
	w->cur_set = set;
	w->foreign = 0;
	/* A process holds PE images anywhere in its memory, and megabytes
	 * of it: one pass with the rules unsplit (yara-route.h), or both
	 * sets if those cannot be had. */
	if (set->pe_rules != NULL && w->wsc == NULL &&
	    (whole = yara_set_whole(set, s->o.defines, s->o.ndefines)) != NULL)
		w->wsc = engine_scanner(w, whole);
	if (w->wsc != NULL) {
		use[0] = w->wsc;
		use[1] = NULL;
		w->foreign = 1;
	} else {
		use[0] = w->sc;
		if (set->pe_rules != NULL && w->psc == NULL)
			w->psc = engine_scanner(w, set->pe_rules);
		use[1] = w->psc;
	}
	for (i = 0, rc = ERROR_SUCCESS; i < 2 && rc == ERROR_SUCCESS; i++) {
		if ((sc = use[i]) == NULL)
			break;
		yr_scanner_set_flags(sc, SCAN_FLAGS_REPORT_RULES_MATCHING |
		    (w->r->s->o.fast ? SCAN_FLAGS_FAST_MODE : 0));
		engine_externals(w, sc, it->exe, "PROCESS", st.st_uid);
		rc = yr_scanner_scan_proc(sc, it->pid);
	}
	it->scanned = 1;
	if (rc == ERROR_COULD_NOT_ATTACH_TO_PROCESS) {
		char why[VG_ERRLEN];

		engine_attach_why(it->pid, why, sizeof why);
		engine_fail(it, EE_ATTACH, why);
	} else if (rc != ERROR_SUCCESS)
		engine_yara_fail(it, sc, rc);
}

/*
 * --cpu-limit: a thread of its own measures the process's CPU time
 * against the share allowed since the scan began and, when it is ahead,
 * makes every worker sleep where it is, even in the middle of a long
 * libyara scan: a signal whose handler sleeps (nanosleep is
 * async-signal-safe; it touches nothing else). A throttle between files
 * only would let a 200 MB file run at full speed.
 */
#define ENGINE_PAUSE_SIG	(SIGRTMIN + 3)
#define ENGINE_THROTTLE_TICK	20000000L	/* ns between measures */
#define ENGINE_PAUSE_MAX	0.5		/* s, one pause at most */

static volatile long engine_pause_ns;

static void
engine_pause_handler(int sig)
{
	struct timespec ts;
	long ns = engine_pause_ns;
	int e = errno;

	(void)sig;
	ts.tv_sec = ns / 1000000000L;
	ts.tv_nsec = ns % 1000000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
	errno = e;
}

static void
engine_sleep(double sec)
{
	struct timespec ts;

	ts.tv_sec = (time_t)sec;
	ts.tv_nsec = (long)((sec - ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void *
engine_throttler(void *arg)
{
	struct run *r = arg;
	struct vg_scan *s = r->s;
	struct timespec cpu;
	double used, allowed, share, pause;
	long ncpu;
	int i;

	if ((ncpu = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		ncpu = 1;
	share = ncpu * s->o.cpu_limit / 100.0;
	while (!r->throttle_stop) {
		engine_sleep(ENGINE_THROTTLE_TICK / 1e9);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		used = cpu.tv_sec + cpu.tv_nsec / 1e9;
		allowed = engine_elapsed(s) * share;
		if (used <= allowed)
			continue;
		pause = (used - allowed) / share;
		if (pause > ENGINE_PAUSE_MAX)
			pause = ENGINE_PAUSE_MAX;
		engine_pause_ns = (long)(pause * 1e9);
		/* A worker that has ended but is not joined yet takes the
		 * signal harmlessly (its id stays valid until joined). */
		for (i = 0; i < r->nstarted; i++)
			pthread_kill(r->workers[i].tid, ENGINE_PAUSE_SIG);
		engine_sleep(pause);
	}
	return NULL;
}

static void *
engine_worker(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;
	struct item *it;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		for (;;) {
			/* Every item before emitted is done (and its slot
			 * may hold a newer one). */
			if (r->claimed < r->emitted)
				r->claimed = r->emitted;
			while (r->claimed < r->produced &&
			    r->ring[r->claimed % r->cap].state != IS_READY)
				r->claimed++;
			if (r->claimed < r->produced || r->done)
				break;
			pthread_cond_wait(&r->can_claim, &r->mu);
		}
		if (r->claimed == r->produced) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		it = &r->ring[r->claimed++ % r->cap];
		it->state = IS_BUSY;
		pthread_mutex_unlock(&r->mu);

		if (r->stop) {
			if (it->fd >= 0)
				close(it->fd);
			it->fd = -1;
		} else if (it->kind == IK_PROC)
			engine_scan_proc(w, it);
		else
			engine_scan_file(w, it);

		pthread_mutex_lock(&r->mu);
		it->state = IS_DONE;
		pthread_cond_signal(&r->can_emit);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

static void
engine_item_free(struct item *it)
{
	int i;

	for (i = 0; i < it->nhits; i++)
		json_decref(it->hits[i].strings);
	free(it->hits);
	free(it->path);
	free(it->errmsg);
	free(it->exe);
	free(it->cmdline);
	if (it->fd >= 0)
		close(it->fd);
	memset(it, 0, sizeof(*it));
}

static void
engine_set_priority(struct vg_scan *s)
{
	/* Lowest best-effort I/O priority (ioprio_set(2)); with
	 * --cpu-limit also a lower CPU priority. Threads inherit both. */
#ifdef SYS_ioprio_set
	syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0,
	    (2 << 13) | 7 /* IOPRIO_CLASS_BE, level 7 */);
#endif
	if (s->o.cpu_limit > 0)
		setpriority(PRIO_PROCESS, 0, 10);
}

static int
engine_run(struct vg_scan *s, const char *const *roots, int nroots,
    const pid_t *pids, int npids, vg_scan_match_fn cb, void *arg,
    char *err)
{
	struct run r;
	struct item *it;
	pthread_t producer;
	struct timespec ts;
	struct sigaction sa;
	pthread_t throttler;
	int i, j, nstarted = 0, rc = -1, throttling = 0;

	memset(&r, 0, sizeof(r));
	r.s = s;
	r.roots = roots;
	r.nroots = nroots;
	r.pids = pids;
	r.npids = npids;
	r.cb = cb;
	r.arg = arg;
	r.cap = (size_t)s->threads * 32;
	if (r.cap < 128)
		r.cap = 128;
	r.ring = xcalloc(r.cap, sizeof(*r.ring));
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.can_produce, NULL);
	pthread_cond_init(&r.can_claim, NULL);
	pthread_cond_init(&r.can_emit, NULL);
	clock_gettime(CLOCK_MONOTONIC, &s->t0);
	engine_set_priority(s);

	r.workers = xcalloc(s->threads, sizeof(*r.workers));
	for (i = 0; i < s->threads; i++) {
		r.workers[i].r = &r;
		r.workers[i].sc = engine_scanner(&r.workers[i],
		    s->set->rules);
	}
	if (pthread_create(&producer, NULL, engine_producer, &r) != 0) {
		vg_seterr(err, "%s", _("could not start a thread"));
		goto out;
	}
	for (i = 0; i < s->threads; i++) {
		if (pthread_create(&r.workers[i].tid, NULL, engine_worker,
		    &r.workers[i]) != 0)
			break;
		nstarted++;
	}
	if (nstarted == 0) {
		vg_seterr(err, "%s", _("could not start a thread"));
		r.stop = 1;
		pthread_cond_broadcast(&r.can_produce);
	}
	r.nstarted = nstarted;
	if (nstarted > 0 && s->o.cpu_limit > 0 && s->o.cpu_limit < 100) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = engine_pause_handler;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		if (sigaction(ENGINE_PAUSE_SIG, &sa, NULL) == 0 &&
		    pthread_create(&throttler, NULL, engine_throttler,
		    &r) == 0)
			throttling = 1;
	}

	for (;;) {
		pthread_mutex_lock(&r.mu);
		while (nstarted > 0 && !(r.emitted < r.produced &&
		    r.ring[r.emitted % r.cap].state == IS_DONE) &&
		    !(r.done && r.emitted == r.produced)) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200000000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&r.can_emit, &r.mu, &ts);
			pthread_mutex_unlock(&r.mu);
			engine_tx_tick(s);
			engine_progress(&r);
			pthread_mutex_lock(&r.mu);
		}
		if (nstarted == 0 || (r.done && r.emitted == r.produced)) {
			pthread_mutex_unlock(&r.mu);
			break;
		}
		it = &r.ring[r.emitted % r.cap];
		pthread_mutex_unlock(&r.mu);

		if (!r.stop)
			engine_report(&r, it);
		engine_item_free(it);
		engine_tx_tick(s);
		engine_progress(&r);

		pthread_mutex_lock(&r.mu);
		r.emitted++;
		pthread_cond_signal(&r.can_produce);
		pthread_mutex_unlock(&r.mu);
	}
	if (throttling) {
		r.throttle_stop = 1;
		pthread_join(throttler, NULL);
	}
	pthread_join(producer, NULL);
	for (i = 0; i < nstarted; i++)
		pthread_join(r.workers[i].tid, NULL);
	/* Items left by a stop. */
	while (r.emitted < r.produced)
		engine_item_free(&r.ring[r.emitted++ % r.cap]);
	vg_progress_clear();
	engine_tx_commit(s);
	rc = nstarted > 0 ? 0 : -1;
	if (s->store_failed) {
		vg_seterr(err, _("the results could not be recorded: %s"),
		    s->store_err);
		rc = -1;
	} else if (r.cberr) {
		vg_seterr(err, "%s", _("the results could not be written"));
		rc = -1;
	}
out:
	s->c.seconds = engine_elapsed(s);
	for (i = 0; i < s->threads; i++) {
		if (r.workers[i].sc != NULL)
			yr_scanner_destroy(r.workers[i].sc);
		if (r.workers[i].psc != NULL)
			yr_scanner_destroy(r.workers[i].psc);
		if (r.workers[i].wsc != NULL)
			yr_scanner_destroy(r.workers[i].wsc);
		for (j = 0; j < ENGINE_MAXDELTAS; j++) {
			if (r.workers[i].dsc[j] != NULL)
				yr_scanner_destroy(r.workers[i].dsc[j]);
			if (r.workers[i].dpsc[j] != NULL)
				yr_scanner_destroy(r.workers[i].dpsc[j]);
			if (r.workers[i].dwsc[j] != NULL)
				yr_scanner_destroy(r.workers[i].dwsc[j]);
		}
		free(r.workers[i].buf);
	}
	free(r.workers);
	free(r.ring);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.can_produce);
	pthread_cond_destroy(&r.can_claim);
	pthread_cond_destroy(&r.can_emit);
	return rc;
}

int
vg_scan_files(struct vg_scan *s, const char *const *paths, int npaths,
    vg_scan_match_fn cb, void *arg, char *err)
{
	return engine_run(s, paths, npaths, NULL, 0, cb, arg, err);
}

int
vg_scan_procs(struct vg_scan *s, const pid_t *pids, int npids,
    vg_scan_match_fn cb, void *arg, char *err)
{
	return engine_run(s, NULL, 0, pids, npids, cb, arg, err);
}

void
vg_scan_get_counts(struct vg_scan *s, struct vg_scan_counts *c)
{
	int i;

	*c = s->c;
	c->skipped = 0;
	for (i = 0; i < WALK_R_COUNT; i++)
		c->skipped += s->skips[i];
}

json_t *
vg_scan_summary(struct vg_scan *s)
{
	struct vg_scan_counts c;
	json_t *o, *sk, *er;
	int i;

	vg_scan_get_counts(s, &c);
	sk = json_object();
	for (i = 0; i < WALK_R_COUNT; i++)
		if (s->skips[i] > 0)
			json_object_set_new(sk, engine_skip_names[i],
			    json_integer((json_int_t)s->skips[i]));
	er = json_object();
	for (i = 0; i < EE_COUNT; i++)
		if (s->errs[i] > 0)
			json_object_set_new(er, engine_err_names[i],
			    json_integer((json_int_t)s->errs[i]));
	o = json_object();
	json_object_set_new(o, "type", json_string("summary"));
	json_object_set_new(o, "files", json_integer((json_int_t)c.files));
	json_object_set_new(o, "scanned",
	    json_integer((json_int_t)c.scanned));
	json_object_set_new(o, "cached", json_integer((json_int_t)c.cached));
	json_object_set_new(o, "shared", json_integer((json_int_t)c.shared));
	json_object_set_new(o, "new_rules_only",
	    json_integer((json_int_t)s->delta));
	json_object_set_new(o, "processes",
	    json_integer((json_int_t)c.processes));
	json_object_set_new(o, "bytes", json_integer((json_int_t)c.bytes));
	json_object_set_new(o, "matched", json_integer(
	    (json_int_t)c.matched_files));
	json_object_set_new(o, "matches", json_integer((json_int_t)c.matches));
	json_object_set_new(o, "skipped", json_integer((json_int_t)c.skipped));
	json_object_set_new(o, "skipped_reasons", sk);
	json_object_set_new(o, "errors", json_integer((json_int_t)c.errors));
	json_object_set_new(o, "error_reasons", er);
	json_object_set_new(o, "seconds", json_real(c.seconds));
	json_object_set_new(o, "rules", json_integer(s->set->nrules));
	/* Rules using pe moved to their own set (docs/scan-routing.md),
	 * and the files they ran on. */
	json_object_set_new(o, "pe_routing", json_pack("{s:i, s:I, s:I}",
	    "rules", s->set->nmoved, "files", (json_int_t)__atomic_load_n(
	    &s->pe_scans, __ATOMIC_RELAXED), "whole", (json_int_t)
	    __atomic_load_n(&s->whole_scans, __ATOMIC_RELAXED)));
	json_object_set_new(o, "iocs", json_integer(ioc_count(s->iocs)));
	json_object_set_new(o, "threads", json_integer(s->threads));
	json_object_set_new(o, "rules_sha256", json_string(s->set->digest));
	json_object_set_new(o, "libyara", json_string(YR_VERSION));
	return o;
}

/* ---- For other modules --------------------------------------------- */

struct capture_ctx {
	FILE			*out;
	vg_scan_match_fn	 cb;
	void			*arg;
};

static int
engine_capture_cb(json_t *m, void *arg)
{
	struct capture_ctx *c = arg;
	char *line;

	if (c->out != NULL) {
		line = json_dumps(m, JSON_COMPACT);
		fprintf(c->out, "%s\n", line);
		free(line);
	}
	return c->cb != NULL ? c->cb(m, c->arg) : 0;
}

long
vg_scan_capture(const char *const *paths, int npaths, int processes,
    FILE *out, vg_scan_match_fn cb, void *arg,
    struct vg_scan_counts *counts, char *err)
{
	struct vg_scan_opts o;
	struct vg_scan *s = NULL;
	struct capture_ctx c = { out, cb, arg };
	long rc = -1;

	memset(&o, 0, sizeof(o));
	if (vg_scan_new(&o, 1, &s, err) == -1)
		return -1;
	if (npaths > 0 &&
	    vg_scan_files(s, paths, npaths, engine_capture_cb, &c, err) == -1)
		goto out;
	if (processes &&
	    vg_scan_procs(s, NULL, 0, engine_capture_cb, &c, err) == -1)
		goto out;
	if (out != NULL)
		fflush(out);
	rc = (long)s->c.matches;
	if (counts != NULL)
		vg_scan_get_counts(s, counts);
out:
	vg_scan_free(s);
	return rc;
}

/* ---- Words --------------------------------------------------------- */

char *
vg_scan_name_text(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t len = strlen(path), n, k;
	char *out, *o;

	o = out = xmalloc(len * 4 + 1);
	while (len > 0) {
		/* One valid UTF-8 sequence (no overlong form, no
		 * surrogate), or N = 0. */
		n = 0;
		if (*p < 0x80)
			n = 1;
		else if (*p >= 0xc2 && *p <= 0xdf)
			n = 2;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 3;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 4;
		if (n > len)
			n = 0;
		for (k = 1; k < n; k++)
			if ((p[k] & 0xc0) != 0x80)
				n = 0;
		if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) ||
		    (p[0] == 0xed && p[1] >= 0xa0)))
			n = 0;
		if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) ||
		    (p[0] == 0xf4 && p[1] >= 0x90)))
			n = 0;
		if (n == 1 && *p == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f)) ||
		    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			/* Invalid, or a control character (C1 too): the
			 * terminal must not interpret it. */
			if (n == 0)
				n = 1;
			if (*p == '\n')
				o += sprintf(o, "\\n");
			else if (*p == '\t')
				o += sprintf(o, "\\t");
			else
				for (k = 0; k < n; k++)
					o += sprintf(o, "\\x%02x", p[k]);
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	*o = '\0';
	return out;
}

const char *
vg_scan_strerror(int e)
{
	/* Our own words: libc's are English unless its translations are
	 * installed, and a French message must not end in English. */
	static const struct {
		int		 e;
		const char	*msg;
	} t[] = {
		{ EACCES, N_("permission denied") },
		{ EPERM, N_("operation not permitted") },
		{ ENOENT, N_("no such file or folder") },
		{ ENOTDIR, N_("not a folder") },
		{ EISDIR, N_("is a folder") },
		{ ELOOP, N_("too many levels of symbolic links") },
		{ ENAMETOOLONG, N_("name too long") },
		{ EIO, N_("input/output error") },
		{ ENXIO, N_("no such device") },
		{ ENODEV, N_("no such device") },
		{ ENOMEM, N_("out of memory") },
		{ EMFILE, N_("too many open files") },
		{ ENFILE, N_("too many open files in the system") },
		{ ETXTBSY, N_("file busy") },
		{ EBUSY, N_("device or resource busy") },
		{ EFBIG, N_("file too large") },
		{ EOVERFLOW, N_("file too large") },
		{ ENOSPC, N_("no space left on the device") },
		{ EROFS, N_("read-only file system") },
		{ EPIPE, N_("the reader of the output has gone (broken pipe)") },
		{ ESTALE, N_("stale network file handle") },
		{ EINVAL, N_("invalid argument") },
		{ EAGAIN, N_("resource temporarily unavailable") },
		{ EINTR, N_("interrupted") },
		{ EDQUOT, N_("disk quota exceeded") },
		{ ENOTCONN, N_("not connected") },
		{ ETIMEDOUT, N_("timed out") },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (t[i].e == e)
			return _(t[i].msg);
	return strerror(e);
}
