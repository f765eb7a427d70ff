/*
 * store.h — the per-user SQLite database: opening, migrations,
 * transactions, the commune and its profile, and the findings model that
 * every scan and capture writes and every report reads.
 *
 * One database per user: --db, else VIGIE_DB, else
 * $XDG_DATA_HOME/vigie/vigie.db (~/.local/share/vigie/vigie.db). Created
 * 0600, WAL journal, foreign keys on, busy_timeout set. The schema is
 * versioned with PRAGMA user_version; migrations run forward only, each in
 * its own transaction. SQL goes through prepared statements only.
 */
#ifndef VIGIE_STORE_H
#define VIGIE_STORE_H

#include <stdint.h>
#include <sqlite3.h>

struct vg_store;

/*
 * Open (creating if needed) and migrate the store at PATH, or at the
 * default location when PATH is NULL. On success *out is owned by the
 * caller, who releases it with vg_store_close().
 */
int		 vg_store_open(const char *path, struct vg_store **out,
		    char *err);
/*
 * Open the default store only if it exists already: returns 1 (and *out
 * NULL) when there is none, so that commands with an optional record
 * (`respond verify` on a police workstation) leave no file behind.
 */
int		 vg_store_open_existing(struct vg_store **out, char *err);
void		 vg_store_close(struct vg_store *);
sqlite3		*vg_store_db(struct vg_store *);
const char	*vg_store_path(struct vg_store *);

/* The schema version this binary migrates to. */
int		 vg_store_schema_version(void);

/*
 * Transactions. vg_store_begin() starts an IMMEDIATE transaction;
 * vg_store_commit() commits it; vg_store_rollback() undoes it and never
 * fails. Every write happens between begin and commit.
 */
int		 vg_store_begin(struct vg_store *, char *err);
int		 vg_store_commit(struct vg_store *, char *err);
void		 vg_store_rollback(struct vg_store *);

/*
 * Prepare SQL on the store. The statement is owned by the caller
 * (sqlite3_finalize). Returns NULL with err set on failure.
 */
sqlite3_stmt	*vg_store_prepare(struct vg_store *, const char *sql,
		    char *err);
/* Bind a copy of TEXT to parameter I of ST, or SQL NULL if TEXT is NULL. */
void		 vg_store_bind_text(sqlite3_stmt *, int i, const char *text);

/*
 * The text of column I of ST's current row, or NULL for SQL NULL: the one
 * way to read a text column. Owned by SQLite: valid until the next step,
 * reset or finalize of ST; copy it (vg_strdup_null) to keep it.
 */
const char	*vg_store_col(sqlite3_stmt *, int i);

/* Fill err with the SQLite message for the last failed call, prefixed. */
void		 vg_store_seterr(struct vg_store *, char *err,
		    const char *what);

/*
 * Run one statement that returns no rows, binding the text arguments
 * that follow SQL to ?1, ?2... in order; the list ends with a NULL
 * pointer (so SQL NULL cannot be bound here: use vg_store_prepare).
 */
int		 vg_store_exec(struct vg_store *, char *err, const char *sql,
		    ...) __attribute__((sentinel));

/*
 * Migrations. Each module that owns tables gives its schema: the steps
 * that create or change them, each tagged with the schema version it
 * belongs to, in a `const struct vg_schema` beside the code that uses the
 * tables. vg_store_schemas[] (modules.c) lists the schemas in a fixed
 * order. The store applies the versions it lacks in increasing
 * order, each in its own transaction; a version's steps run in the order
 * of that list. Version N of the schema is the result of every step up to
 * N; versions have no gaps. A change to a table is a new step with the
 * next version number; a step that has shipped is never edited.
 */
struct vg_schema_step {
	int		 version;	/* 1, 2...; 0 ends the list */
	const char	*sql;		/* one or more statements */
};
struct vg_schema {
	const char			*module;	/* who owns the tables */
	const struct vg_schema_step	*steps;		/* ends with { 0 } */
};
/*
 * The schemas in the order their steps run, ending with NULL: the
 * program's list, in modules.c. Static.
 */
extern const struct vg_schema *const vg_store_schemas[];
/* The schema of meta, commune and profile (lib/profile.c). */
extern const struct vg_schema vg_profile_schema;

/* ---- The commune and its profile ---------------------------------- */

/*
 * Find the commune to work on: the one called NAME if not NULL (with
 * CREATE, created and made current when missing), else the only one or
 * the current one (the last selected by `vigie profile set name`). With
 * CREATE, a missing commune is created (unnamed). Returns -1 with err
 * set if none can be chosen. Commands call vg_commune_current()
 * (vigie.h), which passes --commune.
 */
int		 vg_commune_choose(struct vg_store *, const char *name,
		    int create, int64_t *id, char *err);

enum vg_profile_type {
	VG_PT_TEXT,
	VG_PT_INSEE,	/* 5 characters: digits, or 2A/2B for Corsica */
	VG_PT_INT,
	VG_PT_EMAIL,
	VG_PT_PHONE,
	VG_PT_DATE,	/* YYYY-MM-DD */
	VG_PT_HOURS,	/* a whole number of hours */
};

struct vg_profile_key {
	const char		*key;	/* "mayor.phone" */
	const char		*label;	/* N_("Mayor — phone") */
	enum vg_profile_type	 type;
};

/* The known keys, in display order; the table is static. */
const struct vg_profile_key	*vg_profile_keys(int *n);
const struct vg_profile_key	*vg_profile_key(const char *key);

/*
 * Read one value. *value is NULL when unset, else owned by the caller
 * (free). Returns -1 with err set for unknown keys or store errors.
 */
int		 vg_profile_get(struct vg_store *, int64_t commune,
		    const char *key, char **value, char *err);
/*
 * Whether VALUE is valid for profile KEY: the one check of a profile value
 * (and of a commune name), wherever it comes from (command line, TUI,
 * bundle). Empty is valid (it unsets) but for "name". -1 with err set.
 */
int		 vg_profile_check(const char *key, const char *value,
		    char *err);
/* Check VALUE against the key's type and store it (empty VALUE unsets). */
int		 vg_profile_set(struct vg_store *, int64_t commune,
		    const char *key, const char *value, char *err);

/* The findings model (runs and their findings): vigie/findings.h. */
#include "vigie/findings.h"

#endif
