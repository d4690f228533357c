// fm_sitrep_history_pruner (600 s) drops history beyond the threshold and activates fm_sitrep_gc
// (600 s), which deletes orphaned sitreps in two phases (see ../gc.ts).
import type { NexusProcess } from '../../process.js';
import { fmSitrepGcOrphans, fmSitrepHistoryPrune } from '../gc.js';
import { selectConfig } from '../rows.js';
import type { HistoryPruneStatus, SitrepGcStatus } from '../types.js';
import { FM_SITREP_GC } from './names.js';

export const FM_SITREP_GC_PERIOD_MS = 600_000;

export async function historyPruneActivate(p: NexusProcess): Promise<HistoryPruneStatus> {
  const cfg = await p.db.step('fm_config_read', (sql) => selectConfig(sql));
  const st = await fmSitrepHistoryPrune(p.db, cfg.history_pruning_threshold);
  if (st.history_rows_deleted > 0) p.tasks.activate(FM_SITREP_GC);
  return st;
}

export async function sitrepGcActivate(p: NexusProcess): Promise<SitrepGcStatus> {
  const st = await fmSitrepGcOrphans(p.db);
  p.trace('fm.sitrep_gc.done', { orphaned_sitreps_deleted: st.orphaned_sitreps_deleted });
  return st;
}
