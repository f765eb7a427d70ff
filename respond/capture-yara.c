/*
 * capture-yara.c — the optional last step: the shipped YARA rules and
 * IOC lists run over the memory of every process and over the files the
 * capture listed (recent files, temporary folders), through the scan
 * module's vg_scan_capture() (include/vigie/scan.h). It runs after
 * everything else has been collected: collect first, analyse later.
 * Matches are written as JSON lines, hashed like every artifact.
 *
 * vigie's own files are not scanned (they hold the strings the rules look
 * for): its data folder with the compiled-rules cache and the store, the
 * shipped rules, the capture folder, the signing key and the binary; the
 * manifest lists them under the step's stats (not_scanned).
 *
 * The scan module keeps a cache of compiled rules in the user's data
 * folder, which is on the examined disk: this step points XDG_DATA_HOME
 * into /proc, where nothing can be created, so the cache is neither read
 * nor written (the step runs in its own process; nothing else sees it).
 * The module's messages about single files and processes (vanished,
 * unreadable) go to stderr: they are kept in a memfd and saved as the
 * artifact messages.txt instead of filling the responder's screen.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/scan.h"
#include "vigie/util.h"
#include "vigie/capture.h"

/* Files of the capture whose records list paths worth scanning. */
static const char *const yara_lists[] = {
	"06-files/recent.jsonl", "06-files/listings/tmp.jsonl",
	"06-files/listings/var-tmp.jsonl", "06-files/listings/dev-shm.jsonl",
};

struct yara_paths {
	char	**v;
	int	  n;
};

/* The regular files named in one of our own JSON Lines artifacts. */
static void
yara_read_list(struct capture_ctx *ctx, const char *rel,
    struct yara_paths *p)
{
	json_t		*j;
	const char	*path, *type;
	char		*buf = NULL, *line, *next;
	size_t		 cap = 0, used = 0;
	ssize_t		 n;
	int		 fd;
	char		 e[VG_ERRLEN];

	if ((fd = capture_open_beneath(ctx->dirfd, rel, O_RDONLY, 0,
	    ctx->opts->out, e)) == -1)
		return;
	for (;;) {
		if (cap - used < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = xreallocarray(buf, cap, 1);
		}
		if ((n = read(fd, buf + used, cap - used - 1)) <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (buf == NULL)
		return;
	buf[used] = '\0';
	for (line = buf; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if ((j = json_loads(line, 0, NULL)) == NULL)
			continue;
		path = json_string_value(json_object_get(j, "path"));
		type = json_string_value(json_object_get(j, "type"));
		if (path != NULL && type != NULL && strcmp(type, "file") == 0) {
			p->v = xreallocarray(p->v, p->n + 1, sizeof(char *));
			p->v[p->n++] = xstrdup(path);
		}
		json_decref(j);
	}
	free(buf);
}

/*
 * What the YARA step does not scan: vigie's own files, which hold the
 * very strings the rules look for (the compiled-rules cache, the rule
 * sources, the store), the capture folder and the signing key. Each is
 * a real path (symbolic links resolved) kept with a trailing '/', or a
 * file name for single files; the list goes into the manifest.
 */
struct yara_skip {
	char	**v;
	int	  n;
};

static void
skip_add(struct yara_skip *k, const char *path, int dir)
{
	char	*real;

	if (path == NULL || (real = realpath(path, NULL)) == NULL)
		return;
	k->v = xreallocarray(k->v, k->n + 1, sizeof(char *));
	k->v[k->n++] = dir && strcmp(real, "/") != 0 ?
	    xasprintf("%s/", real) : xstrdup(real);
	free(real);
}

static void
skip_init(struct capture_ctx *ctx, struct yara_skip *k)
{
	const char	*db;
	char		*p;

	p = vg_user_dir();		/* cache/rules, vigie.db */
	skip_add(k, p, 1);
	free(p);
	p = vg_data_path("yara");	/* the shipped rules and IOC lists */
	if ((db = strrchr(p, '/')) != NULL) {
		p[db - p] = '\0';
		skip_add(k, p, 1);
	}
	free(p);
	if ((db = getenv("VIGIE_DB")) != NULL && *db != '\0')
		skip_add(k, db, 0);
	skip_add(k, ctx->opts->out, 1);
	if (ctx->opts->key != NULL)
		skip_add(k, ctx->opts->key, 0);
	else if ((p = realpath(ctx->opts->out, NULL)) != NULL) {
		char *slash = strrchr(p, '/'), *key;
		if (slash != NULL) {
			*slash = '\0';
			key = xasprintf("%s/%s", p, CAPTURE_KEYNAME);
			skip_add(k, key, 0);
			free(key);
		}
		free(p);
	}
	skip_add(k, "/proc/self/exe", 0);
}

/* Whether PATH is one of the skipped places (its real path). */
static int
skip_has(const struct yara_skip *k, const char *path)
{
	char	*real;
	size_t	 n;
	int	 i, hit = 0;

	if ((real = realpath(path, NULL)) == NULL)
		return 0;	/* gone: the scan will say so */
	for (i = 0; i < k->n && !hit; i++) {
		n = strlen(k->v[i]);
		if (k->v[i][n - 1] == '/')
			hit = strncmp(real, k->v[i], n) == 0;
		else	/* a file and its -wal, -shm, -journal */
			hit = strncmp(real, k->v[i], n) == 0 &&
			    (real[n] == '\0' || real[n] == '-');
	}
	free(real);
	return hit;
}

static int
yara_match(json_t *match, void *arg)
{
	json_incref(match);
	return artifact_json(arg, match) == 0 ? 0 : -1;
}

int
capture_yara_step(struct capture_ctx *ctx, char *err)
{
	struct vg_scan_counts	 c;
	struct yara_paths	 p;
	struct yara_skip	 skip;
	struct artifact		*a;
	json_t			*excluded;
	int64_t			 nskipped = 0;
	int			 o;
	char			 e2[VG_ERRLEN] = "";
	size_t			 i;
	long			 n;
	int			 k, rc = 0, mfd = -1, saved = -1;

	memset(&p, 0, sizeof(p));
	memset(&c, 0, sizeof(c));
	memset(&skip, 0, sizeof(skip));
	skip_init(ctx, &skip);
	for (i = 0; i < sizeof(yara_lists) / sizeof(yara_lists[0]); i++)
		yara_read_list(ctx, yara_lists[i], &p);
	for (k = 0, o = 0; k < p.n; k++) {
		if (skip_has(&skip, p.v[k])) {
			free(p.v[k]);
			nskipped++;
		} else
			p.v[o++] = p.v[k];
	}
	p.n = o;
	excluded = json_array();
	for (k = 0; k < skip.n; k++)
		json_array_append_new(excluded, vg_json_str(skip.v[k]));
	capture_send(ctx, json_pack("{s:s, s:o, s:I}", "t", "stats",
	    "not_scanned", excluded, "not_scanned_files",
	    (json_int_t)nskipped));
	/* No compiled-rules cache on the examined disk (see the top). */
	setenv("XDG_DATA_HOME", "/proc/vigie-capture-no-cache", 1);
	if ((a = artifact_open(ctx, "matches.jsonl", "YARA rules and IOC "
	    "lists over process memory and the files listed by the files "
	    "step", err)) == NULL)
		goto out;
	/* The scan module's messages, kept (see the top). */
	if ((mfd = memfd_create("vigie-yara-messages", MFD_CLOEXEC)) != -1) {
		fflush(stderr);
		saved = dup(STDERR_FILENO);
		dup2(mfd, STDERR_FILENO);
	}
	n = vg_scan_capture((const char *const *)p.v, p.n, 1, NULL,
	    yara_match, a, &c, err);
	if (n == -1)
		rc = -1;
	if (artifact_close(a, n == -1, rc == -1 ? e2 : err) == -1)
		rc = -1;
	if (mfd != -1) {
		fflush(stderr);
		if (saved != -1) {
			dup2(saved, STDERR_FILENO);
			close(saved);
		}
		if (lseek(mfd, 0, SEEK_END) > 0 &&
		    lseek(mfd, 0, SEEK_SET) == 0 &&
		    artifact_copy_fd(ctx, mfd, "messages of the scan module",
		    "messages.txt", 0, NULL, e2) == -1)
			capture_warn(ctx, "%s", e2);
		close(mfd);
	}
	capture_send(ctx, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
	    "t", "stats", "files", (json_int_t)c.scanned, "processes",
	    (json_int_t)c.processes, "bytes", (json_int_t)c.bytes,
	    "matches", (json_int_t)c.matches, "errors",
	    (json_int_t)c.errors, "skipped", (json_int_t)c.skipped));
out:
	for (k = 0; k < p.n; k++)
		free(p.v[k]);
	free(p.v);
	for (k = 0; k < skip.n; k++)
		free(skip.v[k]);
	free(skip.v);
	return rc;
}
