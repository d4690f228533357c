// Garbage collection of what guards against resurrection.
// generation-marker (omicron fm_rendezvous_gc.rs, PR #10762): delete marker R if the executing
// sitrep S still exists, S does not request R's alert, and R.created_at_generation <
// S.alert_generation. "S still exists" matters: once S's child rows are gone, "S does not
// request R" would be vacuously true for every marker.
// tombstone (PR #10368, never merged): a tombstoned alert row may go once the single progress
// tracker (fm_rendezvous_progress) records that EVERY rendezvous subtask completed for a sitrep
// version V, and no sitrep of version >= V requests the alert. One failing subtask stalls it.
import type { Db, Sqlite } from '../../sim/index.js';
import type { MarkerGcStatus } from './types.js';
import { q } from './stmt.js';

export const MARKER_GC_BATCH_SIZE = 100;

export async function alertMarkerGc(db: Db, sitrepId: string, alertGeneration: number): Promise<MarkerGcStatus> {
  const st: MarkerGcStatus = { rows_deleted: 0, batches: 0, errors: [] };
  for (;;) {
    const n = await db.step('rendezvous_alert_marker_gc', (sql) => deleteMarkerBatch(sql, sitrepId, alertGeneration, MARKER_GC_BATCH_SIZE));
    st.batches++;
    st.rows_deleted += n;
    if (n < MARKER_GC_BATCH_SIZE) return st;
  }
}

export function deleteMarkerBatch(sql: Sqlite, sitrepId: string, alertGeneration: number, limit: number): number {
  return q(sql, 
      `DELETE FROM rendezvous_alert_created WHERE alert_id IN (
         SELECT m.alert_id FROM rendezvous_alert_created m
         WHERE EXISTS (SELECT 1 FROM fm_sitrep s WHERE s.id = @sitrep)
           AND NOT EXISTS (SELECT 1 FROM fm_alert_request r WHERE r.sitrep_id = @sitrep AND r.id = m.alert_id)
           AND m.created_at_generation < @gen
         ORDER BY m.alert_id LIMIT @limit)`,
    )
    .run({ sitrep: sitrepId, gen: alertGeneration, limit }).changes;
}

export async function tombstoneGc(db: Db): Promise<MarkerGcStatus> {
  const st: MarkerGcStatus = { rows_deleted: 0, batches: 0, errors: [] };
  for (;;) {
    const n = await db.step('alert_tombstone_gc', (sql) => deleteTombstoneBatch(sql, MARKER_GC_BATCH_SIZE));
    st.batches++;
    st.rows_deleted += n;
    if (n < MARKER_GC_BATCH_SIZE) return st;
  }
}

export function deleteTombstoneBatch(sql: Sqlite, limit: number): number {
  return q(sql, 
      `DELETE FROM alert WHERE id IN (
         SELECT a.id FROM alert a, fm_rendezvous_progress p
         WHERE a.time_deleted IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM fm_alert_request r JOIN fm_sitrep_history h ON h.sitrep_id = r.sitrep_id
                           WHERE h.version >= p.sitrep_version AND r.id = a.id)
         ORDER BY a.id LIMIT ?)`,
    )
    .run(limit).changes;
}

/** The tracker only moves forward. */
export async function advanceProgress(db: Db, version: number, sitrepId: string): Promise<void> {
  await db.step('fm_rendezvous_progress.advance', (sql) =>
    q(sql, 
        `INSERT INTO fm_rendezvous_progress (singleton, sitrep_version, sitrep_id) VALUES (1, @version, @sitrep)
         ON CONFLICT (singleton) DO UPDATE SET sitrep_version = @version, sitrep_id = @sitrep WHERE sitrep_version < @version`,
      )
      .run({ version, sitrep: sitrepId }),
  );
}
