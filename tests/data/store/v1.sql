-- The store as schema version 1 shipped (lib/store-schema.c, entry 1),
-- with a little data: the fixture of tests/e2e/0004. Never edit: it is
-- history.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE commune (id INTEGER PRIMARY KEY, name TEXT UNIQUE,
  created TEXT NOT NULL);
CREATE TABLE profile (commune_id INTEGER NOT NULL
  REFERENCES commune(id) ON DELETE CASCADE, key TEXT NOT NULL,
  value TEXT NOT NULL, updated TEXT NOT NULL,
  PRIMARY KEY (commune_id, key));
CREATE TABLE run (id INTEGER PRIMARY KEY,
  commune_id INTEGER REFERENCES commune(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, subject TEXT, started TEXT NOT NULL, ended TEXT,
  status TEXT NOT NULL DEFAULT 'running', stats TEXT);
CREATE INDEX run_commune ON run(commune_id, kind, started);
CREATE TABLE finding (id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  source TEXT NOT NULL, ref TEXT NOT NULL, status TEXT NOT NULL,
  severity TEXT NOT NULL, subject TEXT, title TEXT, detail TEXT,
  remediation TEXT, lang TEXT NOT NULL, time TEXT NOT NULL, data TEXT);
CREATE INDEX finding_run ON finding(run_id);
INSERT INTO commune VALUES (1, 'Commune-Ancienne', '2026-01-05T10:00:00Z');
INSERT INTO meta VALUES ('current_commune', '1');
INSERT INTO profile VALUES (1, 'mayor.phone', '02 99 00 00 00',
  '2026-01-05T10:00:00Z');
INSERT INTO run VALUES (1, 1, 'scan.mail', 'commune.fr',
  '2026-01-05T10:00:00Z', '2026-01-05T10:00:05Z', 'done', NULL);
INSERT INTO finding VALUES (1, 1, 'scan.mail', 'mail.dmarc.policy', 'warn',
  'medium', 'commune.fr', 'DMARC p=none', NULL, NULL, 'fr',
  '2026-01-05T10:00:04Z', NULL);
PRAGMA user_version = 1;
