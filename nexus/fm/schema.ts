// Fault-management tables (omicron dbinit.sql, RFD 603), trimmed to what the simulator uses.
// Every sitrep child row is keyed by sitrep_id (a full copy per sitrep); no foreign keys, as in
// omicron. UUIDs are TEXT, timestamps ISO-8601 TEXT, INT8 is INTEGER.
export const FM_SCHEMA = `
CREATE TABLE IF NOT EXISTS fm_sitrep (
  id TEXT PRIMARY KEY,
  parent_sitrep_id TEXT,            -- may dangle (the parent can be GC'd)
  inv_collection_id TEXT NOT NULL,
  time_created TEXT NOT NULL,
  creator_id TEXT NOT NULL,
  comment TEXT NOT NULL,
  next_inv_min_time_started TEXT,
  alert_generation INTEGER NOT NULL,
  support_bundle_generation INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS fm_sitrep_history (
  version INTEGER PRIMARY KEY,      -- max version = the current sitrep
  sitrep_id TEXT NOT NULL,
  time_made_current TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS fm_sitrep_history_sitrep ON fm_sitrep_history (sitrep_id);
CREATE TABLE IF NOT EXISTS fm_case (
  id TEXT NOT NULL,
  sitrep_id TEXT NOT NULL,
  de TEXT NOT NULL CHECK (de IN ('power_shelf', 'physical_disk', 'saga')),
  created_sitrep_id TEXT NOT NULL,
  closed_sitrep_id TEXT,
  comment TEXT NOT NULL,
  PRIMARY KEY (sitrep_id, id)
);
-- Carried forward (same id, same requested_sitrep_id) into child sitreps while the case lives.
CREATE TABLE IF NOT EXISTS fm_alert_request (
  id TEXT NOT NULL,
  sitrep_id TEXT NOT NULL,
  requested_sitrep_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  alert_class TEXT NOT NULL,
  payload TEXT NOT NULL,            -- JSONB
  comment TEXT NOT NULL,
  alert_version INTEGER NOT NULL CHECK (alert_version >= 0),
  PRIMARY KEY (sitrep_id, id)
);
CREATE TABLE IF NOT EXISTS fm_support_bundle_request (
  id TEXT NOT NULL,
  sitrep_id TEXT NOT NULL,
  requested_sitrep_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY (sitrep_id, id)
);
-- Overrides of the FM config (omicron's fm_config): empty = the default config; the highest version
-- is the current one. A NULL setting means "this release's default".
CREATE TABLE IF NOT EXISTS fm_config (
  version INTEGER PRIMARY KEY,
  comment TEXT NOT NULL,
  time_modified TEXT NOT NULL,
  analysis_enabled INTEGER,         -- BOOL
  sitrep_limit INTEGER,
  history_pruning_threshold INTEGER,
  CONSTRAINT versions_are_positive CHECK (version > 0),
  CONSTRAINT comment_required CHECK (comment != '' AND comment != ' '),
  CONSTRAINT sitrep_limit_validity CHECK (sitrep_limit IS NULL OR (sitrep_limit >= 5 AND sitrep_limit <= 5000)),
  CONSTRAINT history_pruning_threshold_validity CHECK (
    history_pruning_threshold IS NULL OR (history_pruning_threshold <= 5000 AND history_pruning_threshold >= 2)),
  CONSTRAINT history_limit_is_less_than_sirep_limit CHECK (
    (history_pruning_threshold IS NULL OR sitrep_limit IS NULL) OR history_pruning_threshold < sitrep_limit)
);
-- Resurrection-guard marker (PR #10564): one per resource the rendezvous created.
CREATE TABLE IF NOT EXISTS rendezvous_alert_created (
  alert_id TEXT PRIMARY KEY,
  created_at_generation INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rendezvous_support_bundle_created (
  support_bundle_id TEXT PRIMARY KEY,
  created_at_generation INTEGER NOT NULL
);
-- time_deleted exists only for the tombstone design (PR #10368, closed unmerged: omicron's alert
-- table has NO time_deleted column). The other designs never set it.
CREATE TABLE IF NOT EXISTS alert (
  id TEXT PRIMARY KEY,
  time_created TEXT NOT NULL,
  time_modified TEXT NOT NULL,
  alert_class TEXT NOT NULL,
  payload TEXT NOT NULL,
  time_dispatched TEXT,
  num_dispatched INTEGER NOT NULL DEFAULT 0,
  case_id TEXT,
  alert_version INTEGER NOT NULL,
  time_deleted TEXT
);
-- The tombstone design's single progress tracker (PR #10368 on its branch a14affff83, migration
-- fm-resource-deletion/up05-06; never merged, NOT in omicron): the newest sitrep version any
-- Nexus has fully processed. Seeded at version 0, so the version guard passes for every sitrep
-- until some rendezvous pass completes without error.
CREATE TABLE IF NOT EXISTS fm_rendezvous_progress (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  latest_processed_sitrep_version INTEGER NOT NULL
);
INSERT OR IGNORE INTO fm_rendezvous_progress (singleton, latest_processed_sitrep_version) VALUES (1, 0);
-- Support bundles, trimmed: omicron places a bundle on a debug dataset of an in-service sled; here
-- the row names the sled, and creation fails when no sled is in service.
CREATE TABLE IF NOT EXISTS support_bundle (
  id TEXT PRIMARY KEY,
  time_created TEXT NOT NULL,
  reason_for_creation TEXT NOT NULL,
  sled_id TEXT NOT NULL,
  state TEXT NOT NULL,
  assigned_nexus TEXT,
  user_comment TEXT,
  fm_case_id TEXT,
  time_deleted TEXT                 -- PR #10368 only (fm-resource-deletion/up02): FM bundles' tombstone
);
-- Diagnosis input, trimmed from omicron's ereport table: the scenario injects reports here; a
-- 'resolved' class closes the case for that part.
CREATE TABLE IF NOT EXISTS ereport (
  id TEXT PRIMARY KEY,
  time_collected TEXT NOT NULL,
  class TEXT NOT NULL,
  part_serial TEXT NOT NULL,
  de TEXT NOT NULL,
  wants_bundle INTEGER NOT NULL DEFAULT 0,
  marked_seen_in TEXT
);
`;
