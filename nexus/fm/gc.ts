// Sitrep deletion in production (omicron): the history pruner drops the oldest history rows
// beyond history_pruning_threshold, then `fm_sitrep_gc_orphans` deletes in two phases with NO
// wrapping transaction: phase 1 the metadata of sitreps not in history whose parent is not current
// (delete_orphaned_sitrep_metadata.sql: a sitrep whose parent is current may be mid-commit),
// phase 2 child rows whose sitrep_id has no fm_sitrep row. Each batch is its own Db step.
// Batches are omicron's SQL_BATCH_SIZE (nexus/db-queries/src/db/datastore/mod.rs), which
// fm_sitrep_gc and fm_sitrep_history_pruner both use.
import type { Db } from '../../sim/index.js';
import { CHILD_TABLES } from './rows.js';
import type { HistoryPrunerActivated, SitrepGcStatus, SitrepsPruned } from './types.js';
import { q } from './stmt.js';

export const SITREP_GC_BATCH_SIZE = 1000;
export const HISTORY_PRUNE_BATCH_SIZE = 1000;

/** One batch: the history count when nothing is left to prune, else the versions it deleted. */
type PruneBatch = { n: 0; count: number } | { n: number; oldest: number; newest: number };

/** `fm_sitrep_history_prune` in batches until the history is within `threshold`; the pruner's
 * `SitrepsPruned` and `Outcome` (omicron fm_sitrep_history_pruner.rs). `onBatch` runs after each
 * batch that deleted rows (the pruner activates GC there). */
export async function fmSitrepHistoryPrune(db: Db, threshold: number, onBatch: () => void = () => {}): Promise<Pick<HistoryPrunerActivated, 'pruned' | 'outcome'>> {
  const pruned: SitrepsPruned = { batches: 0, total: 0, versions: null };
  for (;;) {
    let b: PruneBatch;
    try {
      b = await db.step('fm_sitrep_history_prune', (sql): PruneBatch => {
        const total = (q(sql, 'SELECT COUNT(*) AS n FROM fm_sitrep_history').get() as { n: number }).n;
        const excess = Math.min(HISTORY_PRUNE_BATCH_SIZE, total - threshold);
        if (excess <= 0) return { n: 0, count: total };
        const doomed = q(sql, 'SELECT version FROM fm_sitrep_history ORDER BY version ASC LIMIT ?').all(excess) as { version: number }[];
        const n = q(sql, 'DELETE FROM fm_sitrep_history WHERE version IN (SELECT version FROM fm_sitrep_history ORDER BY version ASC LIMIT ?)').run(excess).changes;
        return { n, oldest: doomed[0].version, newest: doomed[doomed.length - 1].version };
      });
    } catch (err) {
      return { pruned, outcome: { Error: String(err) } };
    }
    if (!('oldest' in b)) return { pruned, outcome: pruned.total === 0 ? { NotPruned: { count: b.count } } : { Pruned: { count: b.count } } };
    pruned.batches++;
    pruned.total += b.n;
    pruned.versions = { start: pruned.versions?.start ?? b.oldest, end: b.newest };
    onBatch();
  }
}

export async function fmSitrepGcOrphans(db: Db): Promise<SitrepGcStatus> {
  const st: SitrepGcStatus = { orphaned_sitreps_deleted: 0, sitrep_metadata_batches: 0, batch_size: SITREP_GC_BATCH_SIZE, child_tables: {}, errors: [] };
  // Phase 1: metadata, with delete_orphaned_sitrep_metadata.sql's predicate as written: a root
  // sitrep (NULL parent) goes only once some sitrep is current, and `parent != current` is NULL,
  // so keeps the row, when no sitrep is current (empty history), as CockroachDB's `!=` does.
  // (SQLite's `IS NOT` would have deleted those.)
  for (;;) {
    const n = await db.step('fm_sitrep_gc.metadata', (sql) =>
      q(sql, 
          `WITH current AS (SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1)
           DELETE FROM fm_sitrep WHERE id IN (
             SELECT s.id FROM fm_sitrep s
             WHERE NOT EXISTS (SELECT 1 FROM fm_sitrep_history h WHERE h.sitrep_id = s.id)
               AND ((s.parent_sitrep_id IS NULL AND (SELECT sitrep_id FROM current) IS NOT NULL)
                    OR s.parent_sitrep_id != (SELECT sitrep_id FROM current))
             ORDER BY s.id LIMIT ?)`,
        )
        .run(SITREP_GC_BATCH_SIZE).changes,
    );
    st.sitrep_metadata_batches++;
    st.orphaned_sitreps_deleted += n;
    if (n < SITREP_GC_BATCH_SIZE) break;
  }
  // Phase 2: children with no metadata row, table by table.
  for (const table of CHILD_TABLES) {
    const t = (st.child_tables[table] = { rows_deleted: 0, batches: 0 });
    for (;;) {
      const n = await db.step(`fm_sitrep_gc.${table}`, (sql) =>
        q(sql, 
            `DELETE FROM ${table} WHERE rowid IN (
               SELECT c.rowid FROM ${table} c WHERE NOT EXISTS (SELECT 1 FROM fm_sitrep s WHERE s.id = c.sitrep_id) LIMIT ?)`,
          )
          .run(SITREP_GC_BATCH_SIZE).changes,
      );
      t.batches++;
      t.rows_deleted += n;
      if (n < SITREP_GC_BATCH_SIZE) break;
    }
  }
  return st;
}
