// Garbage collection of what guards against resurrection.
// generation-marker (omicron fm_rendezvous_gc.rs, PR #10762): delete marker R if the executing
// sitrep S still exists, S does not request R's alert, and R.created_at_generation <
// S.alert_generation. "S still exists" matters: once S's child rows are gone, "S does not
// request R" would be vacuously true for every marker.
// The tombstone design's sweep is in tombstone.ts.
import type { Db, Sqlite } from '../../sim/index.js';
import type { MarkerGcStatus } from './types.js';
import { q } from './stmt.js';

/** omicron's SQL_BATCH_SIZE, the page size of fm_rendezvous_gc.rs's sweep. */
export const MARKER_GC_BATCH_SIZE = 1000;

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
