// Creating the alert an alert request asks for, per design.
// - naive: a plain insert (ON CONFLICT DO NOTHING); deletion is a hard delete, so any Nexus still
//   executing a sitrep that requests the alert puts it back.
// - tombstone (PR #10368 on its branch a14affff83, closed unmerged; datastore/alert.rs
//   `alert_create` with `Some(sitrep_version)`): the version guard (stale only if the progress
//   tracker is ahead of the caller's sitrep version, tombstone.ts) then insert ON CONFLICT DO
//   NOTHING; a deleted alert keeps its row with time_deleted set, so the conflict stops
//   re-creation until the sweep hard-deletes the tombstone.
// - generation-marker (omicron today, `SitrepGuardedInsert`, PR #10564): see guardedInsert.
// SQLite has no CTE with INSERT side effects, so each guarded insert is ONE atomic Db step (db.tx)
// evaluating the CTE's guards in the CTE's order.
import type { Db, Sqlite } from '../../sim/index.js';
import { selectCurrentVersion } from './rows.js';
import type { AlertDesign, AlertRequest } from './types.js';
import { q } from './stmt.js';
import { versionGuardPasses } from './tombstone.js';

export type AlertCreateOutcome = 'Created' | 'AlreadyExists' | 'StaleSitrep';

export interface AlertCreateArgs {
  req: AlertRequest;
  caseId: string;
  sitrepId: string;
  /** The caller's sitrep's history version (the tombstone design's guard compares it). */
  sitrepVersion: number;
  alertGeneration: number;
  now: string;
}

export async function fmRendezvousAlertCreate(db: Db, design: AlertDesign, a: AlertCreateArgs): Promise<AlertCreateOutcome> {
  switch (design) {
    case 'naive':
      return db.step('alert_create', (sql) => (insertAlert(sql, a) ? 'Created' : 'AlreadyExists'));
    case 'tombstone':
      return db.tx('alert_create.version_guarded', (sql) => {
        if (!versionGuardPasses(sql, a.sitrepVersion)) return 'StaleSitrep';
        return insertAlert(sql, a) ? 'Created' : 'AlreadyExists';
      });
    case 'generation-marker':
      return db.tx('fm_rendezvous_alert_create', (sql) => guardedInsert(sql, a));
  }
}

/**
 * The SitrepGuardedInsert CTE, clause by clause:
 *   latest_history     -> the current sitrep id (max history version)
 *   stale_guard        -> its alert_generation must equal ours, else 'stale generation' (StaleSitrep)
 *   prior_marker_guard -> no rendezvous_alert_created row for this id, else 'marker already exists'
 *   new_resource       -> INSERT INTO alert ... ON CONFLICT (id) DO NOTHING RETURNING *
 *   new_marker         -> INSERT the marker (id, generation) only if new_resource returned a row
 */
export function guardedInsert(sql: Sqlite, a: AlertCreateArgs): AlertCreateOutcome {
  const latest = selectCurrentVersion(sql);
  const currentGen = latest
    ? (q(sql, 'SELECT alert_generation AS g FROM fm_sitrep WHERE id = ?').get(latest.sitrep_id) as { g: number } | undefined)?.g
    : undefined;
  if (currentGen !== a.alertGeneration) return 'StaleSitrep';
  if (q(sql, 'SELECT 1 FROM rendezvous_alert_created WHERE alert_id = ?').get(a.req.id)) return 'AlreadyExists';
  if (!insertAlert(sql, a)) return 'AlreadyExists';
  q(sql, 'INSERT INTO rendezvous_alert_created (alert_id, created_at_generation) VALUES (?, ?) ON CONFLICT DO NOTHING').run(a.req.id, a.alertGeneration);
  return 'Created';
}

function insertAlert(sql: Sqlite, a: AlertCreateArgs): boolean {
  const r = q(sql, 
      `INSERT INTO alert (id, time_created, time_modified, alert_class, payload, time_dispatched, num_dispatched, case_id, alert_version)
       VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .run(a.req.id, a.now, a.now, a.req.alert_class, a.req.payload, a.caseId, a.req.alert_version);
  return r.changes === 1;
}
