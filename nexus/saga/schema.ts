// `saga` and `saga_node_event`, after omicron's dbinit.sql. CockroachDB enums become CHECKs; the
// abandon columns are all set iff the saga is abandoned, as omicron's CHECK constraint says. The
// blueprint's Nexus zones (nexus-zones.ts) come along: reassignment reads them.
import { NEXUS_ZONE_SCHEMA } from './nexus-zones.js';

export const SAGA_SCHEMA = `
CREATE TABLE IF NOT EXISTS saga (
  id TEXT PRIMARY KEY,
  creator TEXT NOT NULL,
  time_created TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(name) <= 128),
  saga_dag TEXT NOT NULL,
  saga_state TEXT NOT NULL CHECK (saga_state IN ('running', 'unwinding', 'done', 'abandoned')),
  current_sec TEXT,
  adopt_generation INTEGER NOT NULL,
  adopt_time TEXT NOT NULL,
  abandon_time TEXT,
  abandon_reason TEXT CHECK (abandon_reason IS NULL OR abandon_reason IN ('omdb', 'unrecoverable', 'orphaned')),
  abandon_comment TEXT,
  CHECK (
    (saga_state = 'abandoned' AND abandon_time IS NOT NULL AND abandon_reason IS NOT NULL AND abandon_comment IS NOT NULL)
    OR (saga_state != 'abandoned' AND abandon_time IS NULL AND abandon_reason IS NULL AND abandon_comment IS NULL)
  )
);
CREATE UNIQUE INDEX IF NOT EXISTS lookup_saga_by_sec ON saga (current_sec, id) WHERE saga_state != 'done';
CREATE TABLE IF NOT EXISTS saga_node_event (
  saga_id TEXT NOT NULL,
  node_id INTEGER NOT NULL,
  event_type TEXT NOT NULL CHECK (event_type IN ('started', 'succeeded', 'failed', 'undo_started', 'undo_finished')),
  data TEXT,
  event_time TEXT NOT NULL,
  creator TEXT NOT NULL,
  PRIMARY KEY (saga_id, node_id, event_type)
);
${NEXUS_ZONE_SCHEMA}`;
