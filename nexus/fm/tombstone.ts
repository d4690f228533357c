// The tombstone design as PR #10368 wrote it on its branch (a14affff83; closed unmerged):
// - `fm_rendezvous_progress_advance` (datastore/fm.rs): tracker := GREATEST(tracker, version),
//   so concurrent advances commute and a lower version is a no-op;
// - the version guard (sitrep_version_guard.rs, `SitrepVersionGuardedInsert`): an FM insert is
//   stale only if the tracker is AHEAD of the caller's sitrep version (tracker <= caller passes);
// - the sweep (`fm_tombstone_sweep_body!`): hard-delete a row iff it is tombstoned, FM-originated
//   (its case column is set), and NO `fm_case` row of its case joins an `fm_sitrep_history` row
//   at version >= tracker. One unbatched DELETE per table (the PR runs it in a transaction only
//   to allow the full scan).
// The sweep reads history: once history pruning removes the rows at and above the tracker that
// carried a case, NOT EXISTS is vacuously true (scenarios/tombstone-early-sweep.ts).
import type { Db, Sqlite, TraceFn } from '../../sim/index.js';
import { q } from './stmt.js';

export function selectTracker(sql: Sqlite): number {
  return (q(sql, 'SELECT latest_processed_sitrep_version AS v FROM fm_rendezvous_progress WHERE singleton = 1').get() as { v: number }).v;
}

/** The guard CTE: true when the insert may proceed (the tracker is not ahead of `version`). */
export function versionGuardPasses(sql: Sqlite, version: number): boolean {
  return selectTracker(sql) <= version;
}

/** Returns the tracker after the update. */
export async function fmRendezvousProgressAdvance(db: Db, version: number): Promise<number> {
  return db.step('fm_rendezvous_progress_advance', (sql) =>
    (
      q(sql, 'UPDATE fm_rendezvous_progress SET latest_processed_sitrep_version = MAX(latest_processed_sitrep_version, ?) WHERE singleton = 1 RETURNING latest_processed_sitrep_version AS v')
        .get(version) as { v: number }
    ).v,
  );
}

/** Which table a sweep collects, and the column naming the resource's FM case. */
const SWEPT = { alert: 'case_id', support_bundle: 'fm_case_id' } as const;
export type SweptTable = keyof typeof SWEPT;

export function tombstoneSweepStatement(sql: Sqlite, table: SweptTable, emit?: (ids: string[]) => void): number {
  const caseCol = SWEPT[table];
  const gone = q(sql,
    `DELETE FROM ${table} WHERE time_deleted IS NOT NULL AND ${caseCol} IS NOT NULL
       AND NOT EXISTS (
         SELECT 1 FROM fm_case c JOIN fm_sitrep_history h ON h.sitrep_id = c.sitrep_id
         WHERE c.id = ${table}.${caseCol}
           AND h.version >= (SELECT latest_processed_sitrep_version FROM fm_rendezvous_progress WHERE singleton = 1))
     RETURNING id`,
  ).all() as { id: string }[];
  if (gone.length > 0) emit?.(gone.map((r) => r.id).sort());
  return gone.length;
}

/** `fm_alert_tombstone_sweep` / `fm_support_bundle_tombstone_sweep`: rows hard-deleted. */
export async function fmTombstoneSweep(db: Db, table: SweptTable, emit: TraceFn): Promise<number> {
  // The event is emitted inside the statement, so checkers see the hard delete when it happened.
  return db.tx(`fm_${table}_tombstone_sweep`, (sql) =>
    tombstoneSweepStatement(sql, table, (ids) => emit('fm.tombstone.swept', { table, ids, tracker: selectTracker(sql) })),
  );
}
