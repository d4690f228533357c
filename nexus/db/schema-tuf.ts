// TUF repo tables (omicron dbinit.sql), trimmed. As at b848b6df85, nothing makes (kind, name, version)
// unique: an artifact is its hash, and datastore-tuf-insert.ts enforces omicron's hash rule. tuf_generation is a singleton seeded (TRUE, 1);
// target_release starts, as in omicron, with generation 1 'unspecified' (its time is a fixed
// epoch here: DDL has no simulated clock).
export const TUF_SCHEMA = `
CREATE TABLE IF NOT EXISTS tuf_repo (
  id TEXT PRIMARY KEY,
  time_created TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  targets_role_version INTEGER NOT NULL,
  valid_until TEXT NOT NULL,
  system_version TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  time_pruned TEXT
);
CREATE TABLE IF NOT EXISTS tuf_artifact (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  time_created TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  artifact_size INTEGER NOT NULL,
  generation_added INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tuf_artifact_sha256 ON tuf_artifact (sha256);
CREATE TABLE IF NOT EXISTS tuf_repo_artifact (
  tuf_repo_id TEXT NOT NULL,
  tuf_artifact_id TEXT NOT NULL,
  PRIMARY KEY (tuf_repo_id, tuf_artifact_id)
);
CREATE TABLE IF NOT EXISTS tuf_generation (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation INTEGER NOT NULL
);
INSERT OR IGNORE INTO tuf_generation (singleton, generation) VALUES (1, 1);
CREATE TABLE IF NOT EXISTS target_release (
  generation INTEGER PRIMARY KEY,
  time_requested TEXT NOT NULL,
  release_source TEXT NOT NULL CHECK (release_source IN ('unspecified', 'system_version')),
  tuf_repo_id TEXT,
  CHECK ((release_source != 'system_version' AND tuf_repo_id IS NULL) OR (release_source = 'system_version' AND tuf_repo_id IS NOT NULL))
);
INSERT OR IGNORE INTO target_release (generation, time_requested, release_source, tuf_repo_id) VALUES (1, '1970-01-01T00:00:00.000Z', 'unspecified', NULL);
`;
