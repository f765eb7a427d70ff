/*
 * capture.h — `vigie respond capture`, `verify` and `custody`: evidence
 * taken from a live machine in order of volatility, sealed (SHA-256 of
 * every artifact, a signed manifest, SHA256SUMS) and followed by a
 * hash-chained custody log.
 *
 * The module is split in four:
 *   capture*.c   the command, the step registry and the steps themselves;
 *                each step runs in a child process with a time limit and
 *                writes artifacts through the artifact writer, which hashes
 *                while it writes;
 *   seal*.c      SHA256SUMS, manifest.json, Ed25519 keys and signatures,
 *                the tar.gz archive;
 *   custody*.c   DIR/custody.db, the hash chain, `vigie respond custody`;
 *   verify*.c    `vigie respond verify`.
 * The layout of DIR and the formats are described in docs/formats/capture.md.
 */
#ifndef VIGIE_CAPTURE_H
#define VIGIE_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <jansson.h>
#include <sqlite3.h>

#define CAPTURE_FORMAT	"vigie-capture-1"

/* Fixed names in DIR. */
#define CAPTURE_MANIFEST	"manifest.json"
#define CAPTURE_SIGNATURE	"manifest.json.sig"
#define CAPTURE_PUBKEY		"signing-key.pub"
#define CAPTURE_SUMS		"SHA256SUMS"
#define CAPTURE_CUSTODY		"custody.db"
#define CAPTURE_KEYNAME		"vigie-signing.key"

/* ==== Options and steps (capture.c) ================================== */

enum capture_profile { CAPTURE_QUICK, CAPTURE_FULL };

struct capture_opts {
	const char	 *out;		/* DIR */
	const char	 *case_id;	/* may be NULL */
	const char	 *examiner;
	const char	 *note;
	const char	 *clock_ref;	/* time read on a phone, as typed */
	const char	 *same_disk;	/* --allow-same-disk REASON */
	const char	 *key;		/* --key PATH, NULL for the default */
	const char	 *archive;	/* tar.gz path, NULL for none */
	const char	 *steps;	/* --steps LIST, NULL for all */
	const char	 *proc;		/* "/proc", or VIGIE_CAPTURE_PROC */
	enum capture_profile profile;
	int		  recent_days;	/* files modified in the last N days */
	int		  yara;		/* --yara (the full profile implies it) */
	int		  time_limit;	/* seconds per step; 0: step default */
	uint64_t	  hash_max;	/* larger files listed, not hashed */
	uint64_t	  copy_max;	/* larger files copied truncated */
	char		**collect;	/* --collect PATH, ncollect of them */
	int		  ncollect;
};

struct capture_ctx;

/*
 * One capture step. The registry, capture_steps[] in capture.c, lists
 * them in order of volatility; adding a step is one function and one
 * line there. RUN executes in a child process: it writes artifacts
 * under its own folder DIR/DIR_NAME, reports what failed on single items
 * with capture_warn() and returns -1 with err set only when the step as a
 * whole could not be done.
 */
struct capture_step {
	const char	*name;		/* "processes": for --steps */
	const char	*dir;		/* "02-processes" */
	const char	*title;		/* N_("Processes") */
	int		 volatile_;	/* part of the volatile tier */
	int		 limit;		/* default time limit, seconds */
	int		(*run)(struct capture_ctx *, char *err);
};
extern const struct capture_step capture_steps[];

/* What a step sees. Set up by the runner before RUN is called. */
struct capture_ctx {
	const struct capture_opts *opts;
	const struct capture_step *step;
	int		 dirfd;		/* DIR, opened O_DIRECTORY */
	int		 report;	/* pipe to the parent */
	dev_t		 out_dev;	/* DIR itself: never walked into */
	ino_t		 out_ino;
	pid_t		 collector;	/* the vigie process that runs it all */
	time_t		 boot_time;	/* from the btime line of PROC/stat */
	long		 hz;		/* clock ticks per second */
	uint64_t	 warnings;
};

/* 1 when built by `make static` (-DVG_STATIC). */
int	capture_static_build(void);

/*
 * Report a problem with one item ("/proc/42/maps: permission denied");
 * the step goes on. Goes into the manifest under the step.
 */
void	capture_warn(struct capture_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Send one message (a JSON object, stolen) to the parent process. */
void	capture_send(struct capture_ctx *, json_t *msg);

/* PROC/REL ("/proc" + "/42/stat"), owned by the caller (free). */
char	*capture_proc(struct capture_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* The steps, one file each (capture-*.c). */
int	clock_step(struct capture_ctx *, char *err);
int	proc_step(struct capture_ctx *, char *err);
int	net_step(struct capture_ctx *, char *err);
int	sessions_step(struct capture_ctx *, char *err);
int	system_step(struct capture_ctx *, char *err);
int	files_step(struct capture_ctx *, char *err);
int	files_logs_step(struct capture_ctx *, char *err);
int	files_collect_step(struct capture_ctx *, char *err);
int	capture_yara_step(struct capture_ctx *, char *err);

/* ==== Reading evidence (capture-read.c) ============================== */

/*
 * Open PATH read-only for evidence: O_NOATIME when the kernel allows it
 * (falls back without it on EPERM), O_CLOEXEC, and O_NOFOLLOW when
 * NOFOLLOW is set. Returns the descriptor or -1 with errno set.
 */
int	 read_open(const char *path, int nofollow);
int	 read_openat(int dirfd, const char *name, int nofollow);

/*
 * Read the whole of PATH, at most MAX bytes (files of /proc report no
 * size, so it reads to the end). Returns a NUL-terminated buffer owned
 * by the caller (free) with its length in *len, or NULL with errno set.
 * *truncated (if not NULL) tells whether MAX cut it.
 */
char	*read_all(const char *path, size_t max, size_t *len, int *truncated);

/* The target of the link PATH, owned by the caller, or NULL (errno). */
char	*read_link(const char *path);

/*
 * Hash FD (from its current offset) to the end, or at most MAX bytes
 * when MAX > 0. Fills HEX (65 bytes) and *size (bytes hashed); returns
 * 0, or -1 with errno set.
 */
int	 read_hash_fd(int fd, uint64_t max, char hex[65], uint64_t *size);

/* Users of PROC-independent /etc/passwd: name of UID, or NULL. */
struct read_user {
	char	*name;
	uid_t	 uid;
	gid_t	 gid;
	char	*home;
	char	*shell;
};
/* Parse /etc/passwd (ROOT-relative path given); caller frees with
 * read_users_free(). Never NULL: an unreadable file gives no users. */
struct read_user *read_users(const char *path, int *n);
void	 read_users_free(struct read_user *, int n);
const char *read_user_name(const struct read_user *, int n, uid_t uid);

/* ==== Writing artifacts (capture-artifact.c) ========================= */

/*
 * Open REL strictly beneath the capture folder DIRFD: every component is
 * opened from its parent with O_NOFOLLOW, so no link (planted while the
 * capture runs) is ever followed. With O_CREAT in FLAGS the folders of
 * REL are created by this process, and one that already exists without
 * having been made by it is refused. OUT names DIR in messages. Returns
 * a descriptor (O_CLOEXEC) or -1 with err set.
 */
int		 capture_open_beneath(int dirfd, const char *rel, int flags,
		    mode_t mode, const char *out, char *err);

struct artifact;

/*
 * Create the artifact NAME (relative to the step's folder; '/' makes
 * sub-folders, other unsafe bytes are %-encoded) under DIR, 0600 with
 * O_EXCL, and start its SHA-256. SOURCE says where it was read from.
 * Returns NULL with err set. Close it with artifact_close().
 */
struct artifact	*artifact_open(struct capture_ctx *, const char *name,
		    const char *source, char *err);
int		 artifact_write(struct artifact *, const void *, size_t);
int		 artifact_printf(struct artifact *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Write VALUE as one compact JSON line; steals the reference. */
int		 artifact_json(struct artifact *, json_t *value);
/* Finish the hash, close, and report the artifact to the parent. With
 * PARTIAL the artifact is known to be incomplete (a cut copy). Frees A
 * in every case. Returns -1 with err set if a write had failed. */
int		 artifact_close(struct artifact *, int partial, char *err);

/*
 * Copy the file SRC into the artifact NAME, hashing as it copies, at most
 * MAX bytes (0: no limit; a cut copy is marked partial). SRC is opened
 * with read_open(SRC, NOFOLLOW). A missing SRC returns 1 quietly (no
 * artifact); other failures return -1 with err set. *sha (65 bytes, may
 * be NULL) receives the hash of what was copied.
 */
int		 artifact_copy(struct capture_ctx *, const char *src,
		    const char *name, int nofollow, uint64_t max, char *sha,
		    char *err);
/* The same from an open descriptor (read to the end or MAX). */
int		 artifact_copy_fd(struct capture_ctx *, int fd,
		    const char *source, const char *name, uint64_t max,
		    char *sha, char *err);

/*
 * Copy the folder SRC, recursively, into PREFIX/...: regular files only,
 * every file at most MAX bytes; symbolic links are never followed but
 * listed in PREFIX/symlinks.jsonl; other file systems and DIR itself are
 * not entered. A missing SRC returns 1; items that fail are warnings.
 */
int		 artifact_copy_tree(struct capture_ctx *, const char *src,
		    const char *prefix, uint64_t max, char *err);

/* NAME made safe for DIR: [A-Za-z0-9._+,=@~-] kept, '/' kept (when
 * SLASHES), "..", leading dots of components and the rest %-encoded.
 * Owned by the caller. */
char		*artifact_safe_name(const char *name, int slashes);

/* ==== Parsers shared with the unit tests ============================= */

/* One line of /proc/net/tcp, tcp6, udp, udp6 (not the header). */
struct net_inet {
	int		 family;	/* AF_INET or AF_INET6 */
	char		 local[64], remote[64];	/* printable addresses */
	unsigned	 lport, rport;
	unsigned	 state;		/* TCP_ESTABLISHED... */
	uid_t		 uid;
	uint64_t	 inode;
};
int		 net_parse_inet(const char *line, int family,
		    struct net_inet *);
const char	*net_tcp_state(unsigned state);	/* "LISTEN"... */

/* One line of /proc/net/route (IPv4) or /proc/net/ipv6_route (not the
 * header): the route's destination with its prefix length, gateway,
 * interface, flags (RTF_UP...) and metric. */
struct net_route {
	int		 family;	/* AF_INET or AF_INET6 */
	char		 dest[64], gateway[64];
	unsigned	 prefix;
	char		 iface[32];
	unsigned	 flags;
	unsigned long	 metric;
};
int		 net_parse_route(const char *line, int family,
		    struct net_route *);

/* ==== What UAC has (capture-uac.c) =================================== */

/* A process for the tree: its pid, its parent and its name. */
struct proc_node {
	int	pid, ppid;
	char	name[64];
};
/* process-tree.txt from V (sorted in place). */
void	uac_proc_tree(struct capture_ctx *, struct proc_node *v, int n);
/* hidden-pids.json: kill(pid, 0) over 1..pid_max against PIDS (sorted,
 * the /proc listing). Only against the real /proc. */
void	uac_hidden_pids(struct capture_ctx *, const int *pids, int npids);
/* sysctl.txt, kmsg.txt, packages/, containers/ in the system step. */
void	uac_system(struct capture_ctx *);
/* Each paragraph of a dpkg status file: FN(package, status, version,
 * architecture, ARG), fields NULL when absent. Returns how many. */
typedef void (*uac_pkg_fn)(const char *, const char *, const char *,
    const char *, void *);
int	uac_dpkg_parse(const char *buf, size_t len, uac_pkg_fn fn, void *arg);

/* Fields of /proc/PID/stat; COMM is copied into comm (at most 63). */
struct proc_stat {
	int		 pid, ppid;
	char		 comm[64];
	char		 state;
	uint64_t	 starttime;	/* clock ticks after boot */
	uint64_t	 vsize;
	int64_t		 rss;		/* pages */
	long		 threads;
};
int		 proc_parse_stat(const char *buf, struct proc_stat *);

/*
 * A utmp/wtmp/btmp record (glibc x86_64 layout, 384 bytes) as JSON:
 * type, pid, line, user, host, address, time. Returns a new reference or
 * NULL if BUF is shorter than one record.
 */
#define SESSIONS_UTMP_SIZE	384
json_t		*sessions_utmp_json(const void *buf, size_t len);

/* ==== Seal (seal.c) ================================================== */

/* One line of SHA256SUMS. */
struct seal_sum {
	char	 sha256[65];
	char	*path;
};
/*
 * Parse SHA256SUMS text (coreutils format: "HEX  NAME" or "HEX *NAME",
 * a leading backslash for escaped names). Paths that leave DIR (absolute,
 * "..") are refused. On success *sums (n entries) is owned by the caller
 * (seal_sums_free). Returns -1 with err "SHA256SUMS:LINE: cause".
 */
int	 seal_sums_parse(const char *buf, size_t len, struct seal_sum **sums,
	    int *n, char *err);
void	 seal_sums_free(struct seal_sum *, int n);
/* One line for PATH (already safe: see artifact_safe_name). Caller frees. */
char	*seal_sums_line(const char *sha256, const char *path);

/* An artifact as the manifest lists it. */
struct seal_artifact {
	char		*path;
	char		 sha256[65];
	uint64_t	 size;
	int		 partial;
};
struct seal_manifest {
	json_t			*root;		/* the whole document */
	struct seal_artifact	*artifacts;
	int			 nartifacts;
	char			 custody_head[65];	/* "" if absent */
	int64_t			 custody_entries;
};
/*
 * Parse and check manifest.json: format, artifact list (path, size,
 * sha256), custody anchor. Owned by the caller (seal_manifest_free).
 */
int	 seal_manifest_parse(const char *buf, size_t len,
	    struct seal_manifest *, char *err);
void	 seal_manifest_free(struct seal_manifest *);

/*
 * The signing key. seal_key_load() reads an Ed25519 private key from
 * PATH (PEM); if PATH does not exist and CREATE is set, it generates one
 * and writes it 0600 with O_EXCL (*created set). The PEM bytes are wiped
 * from memory after use. The key is owned by the caller (EVP_PKEY_free).
 */
struct evp_pkey_st;
struct evp_pkey_st *seal_key_load(const char *path, int create,
		    int *created, char *err);
/* The public key as PEM text (caller frees) and its fingerprint:
 * SHA-256 of the 32 raw public key bytes, hex. */
char	*seal_pubkey_pem(struct evp_pkey_st *, char fpr[65], char *err);
/* Sign DATA: 64 bytes into SIG. */
int	 seal_sign(struct evp_pkey_st *, const void *data, size_t len,
	    unsigned char sig[64], char *err);
/* Check SIG over DATA with the PEM public key PUB; 0 good, -1 with err. */
int	 seal_verify(const char *pub, size_t publen, const void *data,
	    size_t len, const unsigned char *sig, size_t siglen,
	    char fpr[65], char *err);

/*
 * Pack DIR into the tar.gz ARCHIVE (created 0600, O_EXCL) with
 * libarchive; SHA is the archive's SHA-256, computed while writing.
 */
int	 seal_archive(const char *dir, const char *archive, char sha[65],
	    uint64_t *size, char *err);

/* ==== Custody log (custody.c) ======================================== */

struct custody_entry {
	int64_t	 seq;
	char	*time;		/* UTC, ISO 8601 */
	int64_t	 mono_ns;	/* CLOCK_BOOTTIME of the machine that wrote */
	char	*actor;
	char	*action;	/* capture.start, capture.step, seal, note... */
	char	*object;	/* what the action is about, may be "" */
	char	*object_sha256;	/* may be "" */
	char	*detail;
	char	 prev[65];
	char	 hash[65];
};

/*
 * Open DIR/custody.db; with CREATE the file is created (O_EXCL, 0600)
 * with its table. The handle is owned by the caller (sqlite3_close).
 * Without CREATE the database is opened read-write only when WRITE.
 */
sqlite3	*custody_open(const char *dir, int create, int write, char *err);

/*
 * The custody log of the Windows collector, DIR/custody.jsonl (no SQLite
 * there): custody-jsonl.c reads it into an in-memory database of the
 * same table, so custody_check() and verify treat both alike. With
 * WRITE, entries added to that database are appended to the file.
 * custody_open() falls back on it when DIR has no custody.db.
 */
#define CAPTURE_CUSTODY_JSONL	"custody.jsonl"
int	 custody_jsonl_exists(const char *dir);
sqlite3	*custody_jsonl_open(const char *dir, int write, char *err);
/*
 * Append an entry (fields may be NULL for ""), in one transaction,
 * linked to the last one. HASH (65 bytes, may be NULL) receives its hash.
 */
int	 custody_add(sqlite3 *, const char *actor, const char *action,
	    const char *object, const char *object_sha256,
	    const char *detail, char *hash, char *err);
/* The hash an entry must have (the chain's definition). */
void	 custody_entry_hash(const struct custody_entry *, char hex[65]);

/* A problem found in the chain. */
struct custody_problem {
	int64_t	 seq;		/* the entry, or 0 for the whole log */
	char	*text;		/* translated sentence, caller frees */
};
/*
 * Read every entry in seq order and check the chain: each stored hash
 * against its recomputed value, each prev against the entry before,
 * numbering without gaps. Entries (may be NULL) and problems are owned by
 * the caller (custody_entries_free, custody_problems_free). Returns -1
 * with err only when the log cannot be read at all.
 */
int	 custody_check(sqlite3 *, struct custody_entry **entries, int *n,
	    struct custody_problem **problems, int *nproblems, char *err);
void	 custody_entries_free(struct custody_entry *, int n);
void	 custody_problems_free(struct custody_problem *, int n);

/* ==== Verification (verify.c) ======================================== */

enum verify_kind {
	VERIFY_MISSING,		/* listed artifact absent */
	VERIFY_ALTERED,		/* hash or size differs */
	VERIFY_EXTRA,		/* file not listed anywhere */
	VERIFY_SUMS,		/* SHA256SUMS and manifest disagree */
	VERIFY_MANIFEST,	/* manifest unreadable or inconsistent */
	VERIFY_SIGNATURE,	/* signature or public key */
	VERIFY_CUSTODY,		/* custody log */
};
struct verify_problem {
	enum verify_kind kind;
	char		*path;		/* may be NULL */
	char		*text;		/* translated sentence */
};
struct verify_result {
	struct verify_problem	*problems;
	int			 nproblems;
	int			 nartifacts;	/* checked */
	uint64_t		 bytes;		/* hashed */
	int			 unsealed;	/* no manifest, signature
						   nor SHA256SUMS: the
						   capture never ended */
	char			 fingerprint[65];	/* signing key */
	char			 custody_head[65];
	int64_t			 custody_entries;
};
/*
 * Check DIR: manifest signature, SHA256SUMS against the manifest and the
 * files, extra files, the custody chain and its anchor in the manifest,
 * and, when HEAD is not NULL, that the chain contains the entry HEAD.
 * Returns 0 when the checks ran (problems listed in *res, owned by the
 * caller: verify_result_free), -1 with err when DIR cannot be read.
 */
int	 verify_dir(const char *dir, const char *head, const char *pubkey,
	    struct verify_result *res, char *err);
void	 verify_result_free(struct verify_result *);
const char *verify_kind_name(enum verify_kind);

#endif
