/*
 * config.h — `vigie scan config`: configuration checks written as data
 * (XML files in rules/checks/), a small set of evaluator kinds implemented in C,
 * and the readers of what they look at: Linux files under a root, the
 * Windows artifacts that rules/collect/ scripts gather (.reg exports,
 * secedit INF, gpresult XML, command outputs) and the registry hives of a
 * Windows disk mounted under Linux.
 *
 * One file per part, named after its prefix: config.c (the command),
 * config-check.c (check_*), config-eval.c (eval_*), config-decode.c
 * (decode_*), config-reg.c (reg_*), config-inf.c (inf_*),
 * config-gpresult.c (gpresult_*), config-cmdout.c (cmdout_*),
 * config-dpkg.c (dpkg_*), config-systemd.c (systemd_*), config-sysctl.c
 * (sysctl_*), config-kv.c (kv_*), config-linux.c (linux_*), config-hive.c
 * (hive_*).
 */
#ifndef VIGIE_CONFIG_H
#define VIGIE_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "vigie/buf.h"
#include "vigie/store.h"

/* The outcome of one test or one check. */
enum cfg_res {
	CFG_PASS,	/* the setting is as expected */
	CFG_FAIL,	/* it is not */
	CFG_NA,		/* cannot be told here: source absent, not applicable */
	CFG_ERROR,	/* the source is there but unreadable */
};

/* ---- Text as Windows writes it (config-decode.c) ----------------- */

/*
 * Decode BUF (LEN bytes) to UTF-8 with LF line ends: UTF-16 LE with or
 * without BOM, UTF-16 BE with BOM, UTF-8 with or without BOM, else the
 * OEM (CP850) or ANSI (CP1252) code page of French Windows. *ENC (may be
 * NULL) names what was found. Returns a NUL-terminated buffer owned by
 * the caller, its length in *outlen; never NULL.
 */
char	*decode_text(const void *buf, size_t len, size_t *outlen,
	    const char **enc);
/* UTF-16 LE (LEN bytes, stops at a NUL) to UTF-8; owned by the caller. */
char	*decode_utf16le(const void *buf, size_t len);
/* UTF-8 to UTF-16 LE with a final NUL; *outlen bytes; owned by caller. */
unsigned char *decode_to_utf16le(const char *s, size_t *outlen);
/* Whether BUF looks like UTF-16 LE text (BOM or zero high bytes). */
int	decode_is_utf16le(const void *buf, size_t len);

/* ---- The registry as data: .reg exports (config-reg.c) ----------- */

enum {
	REG_T_NONE = 0, REG_T_SZ = 1, REG_T_EXPAND_SZ = 2, REG_T_BINARY = 3,
	REG_T_DWORD = 4, REG_T_DWORD_BE = 5, REG_T_LINK = 6,
	REG_T_MULTI_SZ = 7, REG_T_QWORD = 11,
};

/* String data is kept as Windows stores it: UTF-16 LE with its NUL. */
struct reg_value {
	char		*name;		/* "" for the default value */
	uint32_t	 type;
	unsigned char	*data;
	size_t		 len;
};

struct reg_key {
	char		*path;		/* normalised: "HKLM\SYSTEM\..." */
	char		*origin;	/* where it was read: "reg/lsa.reg" */
	int		 absent;	/* "[-KEY]": known not to exist */
	int		 damaged;	/* its file broke off: values may miss */
	struct reg_value *values;
	size_t		 nvalues;
};

/* A set of keys; everything in it is owned by it. */
struct reg_db {
	struct reg_key	*keys;
	size_t		 nkeys;
	size_t		 cap;
	const char	*origin;	/* given to the keys added next */
	size_t		*slots;		/* hash of paths: index + 1, 0 free */
	size_t		 nslots;
};

void	reg_db_clear(struct reg_db *);
/*
 * Parse a .reg file ("Windows Registry Editor Version 5.00" or
 * "REGEDIT4"; already decoded to UTF-8 or raw, as read from disk) into
 * DB. NAME is used in messages. On error, returns -1 with err set to
 * "NAME:LINE: cause"; the keys read before the error stay in DB.
 */
int	reg_parse(struct reg_db *, const void *buf, size_t len,
	    const char *name, char *err);
/* Add or replace one value (DATA copied). */
void	reg_set(struct reg_db *, const char *key, const char *name,
	    uint32_t type, const void *data, size_t len);
/* Mark KEY present (no values) or known absent. */
struct reg_key *reg_key_add(struct reg_db *, const char *key);
/* Key by path (any case, long or short root names), or NULL. */
struct reg_key *reg_key_find(const struct reg_db *, const char *path);
const struct reg_value *reg_value_find(const struct reg_key *,
	    const char *name);
/* The key of DB that is PATH or its nearest parent (present or absent),
 * telling what DB knows about PATH; NULL if none. */
const struct reg_key *reg_cover(const struct reg_db *, const char *path);
/* Names of the direct subkeys of PATH present in DB (caller frees). */
char  **reg_subkeys(const struct reg_db *, const char *path, size_t *n);
/*
 * "HKEY_LOCAL_MACHINE\Foo\\Bar\" -> "HKLM\Foo\Bar"; roots HKLM, HKCU,
 * HKU, HKCR, HKCC; "MACHINE\" (secedit) is HKLM. Owned by the caller.
 */
char   *reg_path_norm(const char *path);
/*
 * The value as text: numbers in decimal, strings in UTF-8, multi-strings
 * joined with "|", binary in hex. Owned by the caller.
 */
char   *reg_value_text(const struct reg_value *);
/* A number from a DWORD/QWORD, or from a string holding one. */
int	reg_value_number(const struct reg_value *, int64_t *);
const char *reg_type_name(uint32_t);

/* ---- secedit /export INF files (config-inf.c) -------------------- */

struct inf_entry {
	char	*section;
	char	*key;
	char	*value;		/* quotes kept as written */
	long	 line;
};
struct inf {
	struct inf_entry *e;
	size_t		 n;
	char		**sections;
	size_t		 nsections;
};

/* Parse an INF file (UTF-16 or 8-bit). -1 with "NAME:LINE: cause". */
int	inf_parse(const void *buf, size_t len, const char *name,
	    struct inf *out, char *err);
void	inf_clear(struct inf *);
const struct inf_entry *inf_get(const struct inf *, const char *section,
	    const char *key);
int	inf_has_section(const struct inf *, const char *section);
/* Copy the [Registry Values] section into DB as HKLM\... values. */
void	inf_to_reg(const struct inf *, struct reg_db *);

/* ---- gpresult /x XML (config-gpresult.c) ------------------------- */

struct gpresult_entry {
	char	*kind;		/* "Account", "SecurityOptions", "Audit",
				   "Policy", "Registry" */
	char	*name;
	char	*value;
	int	 user;		/* from UserResults */
};
struct gpresult {
	struct gpresult_entry *e;
	size_t		 n;
	char		*computer;	/* the computer name, or NULL */
};

/* Parse through vg_xml_load_mem. -1 with err set for bad documents. */
int	gpresult_parse(const void *buf, size_t len, const char *name,
	    struct gpresult *out, char *err);
void	gpresult_clear(struct gpresult *);
const struct gpresult_entry *gpresult_get(const struct gpresult *,
	    const char *kind, const char *name);
/* Registry-based settings (security options, registry policies). */
void	gpresult_to_reg(const struct gpresult *, struct reg_db *);

/* ---- Command outputs kept as text (config-cmdout.c) -------------- */

struct cmdout {
	char	*text;		/* decoded UTF-8, owned */
	char   **lines;		/* into text, trailing spaces cut */
	size_t	 nlines;
};

void	cmdout_load(struct cmdout *, const void *buf, size_t len);
void	cmdout_clear(struct cmdout *);
/*
 * Split "Label    value", "Label: value" or "Label : value" into its
 * parts (pointers into a copy owned by the caller through *label). Returns
 * 0, or -1 when the line has no value.
 */
int	cmdout_split(const char *line, char **label, char **value);

/* ---- Why a collected file is missing (config-unavail.c) ----------- */

/* The reason line of FILE in unavailable.txt's bytes (caller frees,
 * cleaned for a terminal), or NULL. */
char	*unavail_parse(const void *buf, size_t len, const char *file);
/* The same, read from WINDIR/unavailable.txt (inside WINDIR). */
char	*unavail_reason(const char *windir, const char *file);
/* "FILE was not collected[: reason]" into D. */
void	unavail_not_collected(const char *windir, const char *file,
	    struct vg_buf *d);

/* ---- Key = value configuration files (config-kv.c) --------------- */

struct kv_opts {
	char		 sep;		/* ' ': whitespace, else '=' or ':' */
	int		 icase;		/* keys compared without case */
	int		 squash;	/* ... and without spaces ("smb.conf") */
	const char	*section;	/* "[section]" to read, or NULL */
	const char	*stop;		/* first word that ends the file
					   ("Match" in sshd_config) */
	int		 last;		/* last occurrence wins, not first */
};

struct kv_hit {
	char	*key;		/* as written in the file */
	char	*value;
	char	*file;		/* as given */
	long	 line;
};

/*
 * Look for KEY ("a|b" for synonyms) in FILES (read in order). Returns 1
 * with *hit filled (owned by the caller, kv_hit_clear), 0 when no file has
 * it, -1 with err set when a file cannot be read (missing files are
 * skipped).
 */
int	kv_find(char *const *files, const char *const *shown, size_t n,
	    const char *key, const struct kv_opts *, struct kv_hit *,
	    char *err);
void	kv_hit_clear(struct kv_hit *);

/* ---- Debian packages (config-dpkg.c) ----------------------------- */

struct dpkg_pkg {
	char	*name;
	char	*version;
	int	 installed;
};
struct dpkg_db {
	struct dpkg_pkg	*p;
	size_t		 n;
	/* paths owned by packages, from info/ *.list: a hash set */
	char		**files;
	size_t		 fcap;
	size_t		 nfiles;
	int		 files_loaded;
};

/* Parse a dpkg status file. */
void	dpkg_parse(struct dpkg_db *, const char *buf, size_t len);
/* ROOT/var/lib/dpkg/status: 0, 1 if absent, -1 on error. */
int	dpkg_load(struct dpkg_db *, const char *root, char *err);
const struct dpkg_pkg *dpkg_find(const struct dpkg_db *, const char *name);
/* Compare Debian versions (epoch:upstream-revision): <0, 0, >0. */
int	dpkg_vercmp(const char *a, const char *b);
/* Load ROOT/var/lib/dpkg/info/ *.list once. -1 with err set. */
int	dpkg_load_files(struct dpkg_db *, const char *root, char *err);
/* Whether PATH (as on the target, "/usr/bin/su") belongs to a package;
 * /bin and /usr/bin (and lib, sbin) are taken as one (merged /usr). */
int	dpkg_owns(const struct dpkg_db *, const char *path);
void	dpkg_clear(struct dpkg_db *);

/* ---- systemd units (config-systemd.c) ---------------------------- */

enum systemd_state { SD_ABSENT, SD_DISABLED, SD_ENABLED, SD_MASKED };
/* The state of UNIT under ROOT, from unit files and their links. */
enum systemd_state systemd_state(const char *root, const char *unit);
const char *systemd_state_name(enum systemd_state);
/* Unit files (ROOT-relative "/etc/systemd/system/x.service"), for
 * execpaths; caller frees the list and the strings. */
char  **systemd_units(const char *root, size_t *n);

/* ---- sysctl values (config-sysctl.c) ----------------------------- */

/*
 * The value of KEY ("net.ipv4.ip_forward"): from ROOT/proc/sys when
 * LIVE, else the last assignment in the sysctl.d files under ROOT.
 * Returns 1 with *value and *where (owned by the caller), 0 when not set,
 * -1 with err set.
 */
int	sysctl_get(const char *root, int live, const char *key, char **value,
	    char **where, char *err);

/* ---- Linux file-system probes (config-linux.c) ------------------- */

struct linux_search {
	const char	*dirs;		/* space-separated, target paths */
	char		 type;		/* 'f', 'd' or 0 for both */
	unsigned	 perm_any;	/* mode bits of which one is set */
	unsigned	 perm_none;	/* mode bits that must all be clear */
	int		 unowned;	/* only files no package owns */
	int		 xdev;		/* stay on one file system */
	int		 max;		/* stop after that many hits */
};
/*
 * Walk the directories under ROOT (symbolic links not followed; what
 * cannot be opened is skipped) and collect target paths (caller frees the
 * list and the strings) that match. DPKG is needed when unowned is set.
 * Returns the number of hits.
 */
int	linux_search(const char *root, const struct linux_search *,
	    const struct dpkg_db *, char ***hits);
/* Commands of cron tables and systemd units whose program or one of its
 * parent directories others can write. SOURCE: "cron" or "systemd". */
int	linux_execpaths(const char *root, const char *source, char ***hits,
	    char *err);
/* Sockets listening on every address (ROOT/proc/net/{tcp,tcp6,udp,
 * udp6}), as "tcp 0.0.0.0:25"; ports in ALLOW (space-separated) are
 * left out. Returns the count, 0 with *found 0 when /proc is absent. */
int	linux_listen(const char *root, const char *allow, char ***hits,
	    int *found, char *err);

/* ---- Windows registry hives (config-hive.c) ---------------------- */

struct hive_set;

struct sam_account {
	char		*name;
	uint32_t	 rid;
	uint32_t	 flags;		/* account control: 0x1 disabled */
	time_t		 last_logon;	/* 0: never */
	uint16_t	 logons;
	int		 admin;		/* member of Administrators */
};

/*
 * Open the hives of the Windows installation mounted at MOUNT (any case
 * of Windows/System32/config/{SYSTEM,SOFTWARE,SAM,SECURITY}, and
 * Users/ * /NTUSER.DAT). Missing SAM or SECURITY are tolerated; SYSTEM and
 * SOFTWARE are required. Caller frees with hive_close().
 */
int	hive_open(const char *mount, struct hive_set **out, char *err);
void	hive_close(struct hive_set *);
/* Open one hive file as the only one, for the tests and the fuzzer. */
int	hive_open_file(const char *path, const char *as, struct hive_set **,
	    char *err);
int	hive_nusers(const struct hive_set *);
/* What hive_open() could not read (a damaged NTUSER.DAT...), for the
 * report; owned by the set. */
const char *const *hive_notes(const struct hive_set *, int *n);
const char *hive_user_name(const struct hive_set *, int user);
/*
 * Find PATH ("HKLM\SYSTEM\CurrentControlSet\..."; for HKCU, in the hive
 * of USER). Returns 1 with *key (owned by the set) filled, 0 if the key
 * does not exist, -2 with err set when its hive is not there, -1 with err
 * set when the hive cannot be read.
 */
int	hive_key(struct hive_set *, const char *path, int user,
	    const struct reg_key **key, char *err);
/* Names of the subkeys of PATH (caller frees); -1 with err set. */
int	hive_subkeys(struct hive_set *, const char *path, int user,
	    char ***names, size_t *n, char *err);
/*
 * The SAM functions below return -2 with err set when the SAM hive is not
 * there (nothing to tell), -1 when it cannot be read.
 */
/* Members of Administrators (S-1-5-32-544) in the SAM; -1 with err. */
int	hive_admin_members(struct hive_set *, char *err);
/* Local accounts of the SAM (caller frees with hive_accounts_free). */
int	hive_accounts(struct hive_set *, struct sam_account **, size_t *n,
	    char *err);
void	hive_accounts_free(struct sam_account *, size_t n);
/* Account policy from the SAM, under secedit's names
 * (MinimumPasswordLength, LockoutBadCount...). 1, 0 unknown, -1. */
int	hive_policy(struct hive_set *, const char *name, int64_t *value,
	    char *err);
/* The computer name from the SYSTEM hive, or NULL (owned by the set). */
const char *hive_computer(struct hive_set *);

/* ---- Checks (config-check.c) ------------------------------------- */

struct check {
	char		*id;
	enum vg_severity severity;
	char		*platform;	/* "linux" or "windows" */
	char		*title;		/* in the current language */
	char		*rationale;
	char		*remediation;
	char		*anssi;		/* "17 29": hygiene-guide measures */
	char		*cis;		/* "4.5 4.8": CIS Controls v8 */
	xmlNodePtr	 applies;	/* test element or NULL */
	xmlNodePtr	 test;
	char		*file;
	long		 line;
};

struct check_set {
	struct check	*c;
	size_t		 n;
	xmlDocPtr	*docs;
	size_t		 ndocs;
};

/*
 * Load every *.xml of DIR (sorted), validated against SCHEMA, then
 * checked further (unique IDs, regular expressions that compile, known
 * operators). Returns -1 with err naming the file and line.
 */
int	check_load_dir(const char *dir, const char *schema,
	    struct check_set *, char *err);
int	check_load_file(const char *path, const char *schema,
	    struct check_set *, char *err);
void	check_set_free(struct check_set *);

/* ---- Evaluation (config-eval.c) ---------------------------------- */

enum cfg_target { CFG_LINUX, CFG_WINDOWS_DIR, CFG_WINDOWS_ROOT };

/* An artifact read once, on first use; its error is kept. */
struct cfg_artifact {
	const char	*name;		/* "secedit.inf" */
	int		 loaded;
	int		 present;
	char		*error;		/* NULL if read fine */
};

/* Everything a test may look at. Built by config.c, used by eval_*. */
struct cfg_ctx {
	enum cfg_target	 target;
	const char	*root;		/* Linux root or Windows mount */
	int		 live;		/* the running system */
	const char	*windir;	/* --windows DIR */
	time_t		 now;		/* reference time for ages */

	struct dpkg_db	 dpkg;
	int		 dpkg_state;	/* 0 not read, 1 read, 2 absent, -1 */
	char		*dpkg_err;

	/* --windows DIR */
	struct reg_db	 reg;		/* reg/ *.reg */
	struct reg_db	 polreg;	/* secedit + gpresult registry values */
	struct cfg_artifact a_reg, a_inf, a_gpr;
	struct inf	 inf;
	struct gpresult	 gpr;
	struct cfg_artifact *texts;	/* command outputs, one per file */
	struct cmdout	*cmdouts;
	size_t		 ntexts;

	/* --windows-root MOUNT */
	struct hive_set	*hives;
	char		*hive_err;
	struct sam_account *accounts;
	size_t		 naccounts;
	int		 accounts_state;	/* 0, 1 read, -1 error */
	char		*accounts_err;
};

void	eval_ctx_free(struct cfg_ctx *);
/*
 * Evaluate TEST (a test element of a check) and append to DETAIL what was
 * found, in the user's language.
 */
enum cfg_res eval_test(struct cfg_ctx *, xmlNodePtr test,
	    struct vg_buf *detail);
/* Static checks of a test element for check_load (err: cause only). */
int	eval_validate(xmlNodePtr test, char *err);
/* Whether NAME is an evaluator kind or a combination. */
int	eval_known(const char *name);
/* Read every artifact of ctx->windir now; returns one line each for the
 * report header (caller frees the list and the strings). In
 * config-windows.c. */
char  **eval_artifacts(struct cfg_ctx *, size_t *n);

/* Helpers the evaluators share with config-windows.c (config-eval.c):
 * S with glob's special characters escaped (caller frees); a regular
 * file read whole, or NULL with err set (ENOENT: *ABSENT set; SHOWN
 * names it in messages; caller frees). */
char	*config_eval_glob_escape(const char *s);
char	*config_eval_read_regular(const char *path, const char *shown,
	    size_t *len, int *absent, char *err);

/* ---- The sources of --windows (config-windows.c) ----------------- */

/* Load the .reg exports, secedit.inf and gpresult.xml of ctx->windir
 * once (no-op for other targets); errors are kept in the artifacts. */
void	config_windows_sources(struct cfg_ctx *);
/* One registry lookup in the artifacts: 1 value found (*V, *K, *SRC
 * point into the context), 0 known absent, -1 unknown (not collected),
 * -2 unknown (its export is damaged). */
int	config_windows_value(struct cfg_ctx *, const char *key,
	    const char *value, const struct reg_value **v,
	    const struct reg_key **k, const char **src);
/* The command output NAME (firewall.txt...), read on first use; owned by
 * the context, as *AP, its artifact. */
struct cmdout *config_windows_text(struct cfg_ctx *, const char *name,
	    struct cfg_artifact **ap);

/* ---- The results of the command (config.c; cmd-config.c runs it) - */

/* Hardening index 0..100 from the results, -1 if nothing was evaluated. */
int	config_index(const struct check *, const enum cfg_res *, size_t n);
int	config_weight(enum vg_severity);

/* One check's outcome; DETAIL (may be NULL) is owned by the caller's
 * array of results. */
struct config_result {
	const struct check	*c;
	enum cfg_res		 r;
	char			*detail;
};

/* The results as text for people (WHAT heads them; ARTS are notes about
 * the artifacts read; checks not applicable only with VERBOSE), in the
 * order failures first; RES itself is not reordered. */
void	config_print_text(const char *what, char **arts, size_t narts,
	    struct config_result *, size_t n, int index, int verbose);
/* The same as JSON Lines; ACCOUNTS (may be NULL) is borrowed. */
void	config_print_json(struct config_result *, size_t n, int index,
	    const char *target, const char *subject, char **arts,
	    size_t narts, json_t *accounts);
/* The local accounts of the SAM (--windows-root): one header line each
 * appended to *LINES (copies, the caller's), and a JSON array (a new
 * reference, the caller's). */
json_t	*config_accounts_report(struct cfg_ctx *, char ***lines, size_t *n);
/* `--list`: the checks of CS, of PLATFORM only when not NULL. */
void	config_print_list(const struct check_set *, const char *platform);
/* Record the results as one run of the findings model; 0 or -1 with
 * err set. */
int	config_store_results(const char *subject, struct config_result *,
	    size_t n, int index, char *err);

#endif
