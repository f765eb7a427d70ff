/*
 * store-schema.c — the store's tables, as an ordered list of migrations.
 * Version N of the schema is the result of the first N entries. Append
 * new entries at the end; never edit one that has shipped. Each module
 * owns its entries (see docs/formats/store.md).
 */
#include "vigie/vigie.h"
#include "vigie/store.h"

const struct vg_migration vg_migrations[] = {
	/* 1: the commune, its profile, and the findings of every source. */
	{ "core",
	  "CREATE TABLE meta ("
	  "  key TEXT PRIMARY KEY,"
	  "  value TEXT NOT NULL);"
	  "CREATE TABLE commune ("
	  "  id INTEGER PRIMARY KEY,"
	  "  name TEXT UNIQUE,"
	  "  created TEXT NOT NULL);"
	  "CREATE TABLE profile ("
	  "  commune_id INTEGER NOT NULL"
	  "    REFERENCES commune(id) ON DELETE CASCADE,"
	  "  key TEXT NOT NULL,"
	  "  value TEXT NOT NULL,"
	  "  updated TEXT NOT NULL,"
	  "  PRIMARY KEY (commune_id, key));"
	  "CREATE TABLE run ("
	  "  id INTEGER PRIMARY KEY,"
	  "  commune_id INTEGER REFERENCES commune(id) ON DELETE CASCADE,"
	  "  kind TEXT NOT NULL,"
	  "  subject TEXT,"
	  "  started TEXT NOT NULL,"
	  "  ended TEXT,"
	  "  status TEXT NOT NULL DEFAULT 'running',"
	  "  stats TEXT);"
	  "CREATE INDEX run_commune ON run(commune_id, kind, started);"
	  "CREATE TABLE finding ("
	  "  id INTEGER PRIMARY KEY,"
	  "  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,"
	  "  source TEXT NOT NULL,"
	  "  ref TEXT NOT NULL,"
	  "  status TEXT NOT NULL,"
	  "  severity TEXT NOT NULL,"
	  "  subject TEXT,"
	  "  title TEXT,"
	  "  detail TEXT,"
	  "  remediation TEXT,"
	  "  lang TEXT NOT NULL,"
	  "  time TEXT NOT NULL,"
	  "  data TEXT);"
	  "CREATE INDEX finding_run ON finding(run_id);" },
	/* scan files: the rescan cache (scan/scancache.c). A rule set is
	 * recorded once with its units (namespace -> digest) so a rescan
	 * after new rules scans with those only. */
	{ "scan",
	  "CREATE TABLE scan_ruleset ("
	  "  id INTEGER PRIMARY KEY,"
	  "  digest TEXT NOT NULL,"
	  "  mode TEXT NOT NULL,"
	  "  units TEXT NOT NULL,"
	  "  UNIQUE (digest, mode));"
	  "CREATE TABLE scan_cache ("
	  "  host TEXT NOT NULL,"
	  "  dev INTEGER NOT NULL,"
	  "  ino INTEGER NOT NULL,"
	  "  size INTEGER NOT NULL,"
	  "  mtime_ns INTEGER NOT NULL,"
	  "  ctime_ns INTEGER NOT NULL,"
	  "  ruleset INTEGER NOT NULL REFERENCES scan_ruleset(id),"
	  "  sha256 TEXT,"
	  "  sha1 TEXT,"
	  "  md5 TEXT,"
	  "  matches TEXT,"
	  "  scanned TEXT NOT NULL,"
	  "  PRIMARY KEY (host, dev, ino));" },
	/* assess: questionnaires as asked, assessments and their answers. */
	{ "assess",
	  "CREATE TABLE assess_questionnaire ("
	  "  id INTEGER PRIMARY KEY,"
	  "  qid TEXT NOT NULL,"
	  "  version TEXT NOT NULL,"
	  "  sha256 TEXT NOT NULL UNIQUE,"
	  "  source TEXT,"
	  "  xml BLOB NOT NULL,"
	  "  added TEXT NOT NULL);"
	  "CREATE TABLE assessment ("
	  "  id INTEGER PRIMARY KEY,"
	  "  commune_id INTEGER NOT NULL"
	  "    REFERENCES commune(id) ON DELETE CASCADE,"
	  "  questionnaire_id INTEGER NOT NULL"
	  "    REFERENCES assess_questionnaire(id),"
	  "  mode TEXT NOT NULL CHECK (mode IN ('full', 'quick')),"
	  "  source TEXT NOT NULL,"
	  "  started TEXT NOT NULL,"
	  "  updated TEXT NOT NULL,"
	  "  finished TEXT);"
	  "CREATE INDEX assessment_commune ON assessment(commune_id, id);"
	  "CREATE TABLE assess_answer ("
	  "  assessment_id INTEGER NOT NULL"
	  "    REFERENCES assessment(id) ON DELETE CASCADE,"
	  "  question TEXT NOT NULL,"
	  "  value TEXT,"
	  "  note TEXT,"
	  "  later INTEGER NOT NULL DEFAULT 0,"
	  "  updated TEXT NOT NULL,"
	  "  PRIMARY KEY (assessment_id, question));" },
	/* The commune dossier: what each dossier showed, so the next one
	 * can say what changed since (report/dossier.c). */
	{ "report",
	  "CREATE TABLE dossier ("
	  "  id INTEGER PRIMARY KEY,"
	  "  commune_id INTEGER NOT NULL"
	  "    REFERENCES commune(id) ON DELETE CASCADE,"
	  "  created TEXT NOT NULL,"
	  "  snapshot TEXT NOT NULL);"
	  "CREATE INDEX dossier_commune ON dossier(commune_id, id);" },
	/* Incidents and their timeline (respond/incident.c). Times are
	 * UTC seconds; conditions are 'yes', 'no' or 'unknown'. */
	{ "respond.incident",
	  "CREATE TABLE incident ("
	  "  id INTEGER PRIMARY KEY,"
	  "  commune INTEGER NOT NULL"
	  "    REFERENCES commune(id) ON DELETE CASCADE,"
	  "  t0 INTEGER NOT NULL,"
	  "  opened INTEGER NOT NULL,"
	  "  closed INTEGER,"
	  "  personal_data TEXT NOT NULL DEFAULT 'unknown'"
	  "    CHECK (personal_data IN ('yes', 'no', 'unknown')),"
	  "  high_risk TEXT NOT NULL DEFAULT 'unknown'"
	  "    CHECK (high_risk IN ('yes', 'no', 'unknown')),"
	  "  insured TEXT NOT NULL DEFAULT 'unknown'"
	  "    CHECK (insured IN ('yes', 'no', 'unknown')),"
	  "  ransomware TEXT NOT NULL DEFAULT 'unknown'"
	  "    CHECK (ransomware IN ('yes', 'no', 'unknown')),"
	  "  nis2 TEXT NOT NULL DEFAULT 'no'"
	  "    CHECK (nis2 IN ('yes', 'no', 'unknown')),"
	  "  what TEXT,"
	  "  data TEXT,"
	  "  people INTEGER,"
	  "  records INTEGER);"
	  "CREATE INDEX incident_commune ON incident(commune, closed);"
	  "CREATE TABLE incident_event ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident INTEGER NOT NULL"
	  "    REFERENCES incident(id) ON DELETE CASCADE,"
	  "  at INTEGER NOT NULL,"
	  "  recorded INTEGER NOT NULL,"
	  "  kind TEXT NOT NULL CHECK (kind IN"
	  "    ('open', 'log', 'done', 'undo', 'set', 'close')),"
	  "  step TEXT,"
	  "  text TEXT,"
	  "  author TEXT);"
	  "CREATE INDEX incident_event_incident"
	  "  ON incident_event(incident, at, id);" },
	/* scan files (issue 21): the rescan cache is keyed by the path too
	 * when the rules read it (filename, filepath, extension); the old
	 * rows could be shared by hard links or stale after a folder was
	 * renamed, so they go. scan_verdict: the opt-in verdicts shared
	 * between the commune's machines, keyed by content (SHA-256), the
	 * rule set and the values of the externals the rules read. */
	{ "scan",
	  "DROP TABLE scan_cache;"
	  "DELETE FROM scan_ruleset;"
	  "CREATE TABLE scan_cache ("
	  "  host TEXT NOT NULL,"
	  "  dev INTEGER NOT NULL,"
	  "  ino INTEGER NOT NULL,"
	  "  path BLOB NOT NULL DEFAULT x'',"
	  "  size INTEGER NOT NULL,"
	  "  mtime_ns INTEGER NOT NULL,"
	  "  ctime_ns INTEGER NOT NULL,"
	  "  ruleset INTEGER NOT NULL REFERENCES scan_ruleset(id),"
	  "  sha256 TEXT,"
	  "  sha1 TEXT,"
	  "  md5 TEXT,"
	  "  matches TEXT,"
	  "  scanned TEXT NOT NULL,"
	  "  PRIMARY KEY (host, dev, ino, path));"
	  "CREATE TABLE scan_verdict ("
	  "  sha256 TEXT NOT NULL,"
	  "  rules TEXT NOT NULL,"
	  "  externals TEXT NOT NULL,"
	  "  size INTEGER NOT NULL,"
	  "  matches TEXT,"
	  "  host TEXT NOT NULL,"
	  "  added TEXT NOT NULL,"
	  "  PRIMARY KEY (sha256, rules, externals));" },
};

const int vg_migrations_count =
    (int)(sizeof vg_migrations / sizeof vg_migrations[0]);
