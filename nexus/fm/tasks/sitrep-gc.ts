// fm_sitrep_history_pruner (600 s, and whenever fm_config_loader publishes) drops history beyond
// the loaded config's threshold, activating fm_sitrep_gc (600 s) after each batch; GC deletes
// orphaned sitreps in two phases (see ../gc.ts). Statuses in omicron's shapes.
import type { NexusProcess } from '../../process.js';
import { fmSitrepGcOrphans, fmSitrepHistoryPrune, HISTORY_PRUNE_BATCH_SIZE } from '../gc.js';
import { resolve } from '../config.js';
import { fmState } from '../state.js';
import type { SitrepGcStatus, SitrepHistoryPrunerStatus } from '../types.js';
import { FM_SITREP_GC } from './names.js';

export const FM_SITREP_GC_PERIOD_MS = 600_000;
export const FM_HISTORY_PRUNE_PERIOD_MS = 600_000;

export async function historyPruneActivate(p: NexusProcess): Promise<SitrepHistoryPrunerStatus> {
  const view = fmState(p).config;
  if (!view) return 'WaitingForConfig';
  const r = await fmSitrepHistoryPrune(p.db, resolve(view.config).history_pruning_threshold, () => p.tasks.activate(FM_SITREP_GC));
  return { Activated: { cfg: view.config, batch_size: HISTORY_PRUNE_BATCH_SIZE, ...r } };
}

export async function sitrepGcActivate(p: NexusProcess): Promise<SitrepGcStatus> {
  const st = await fmSitrepGcOrphans(p.db);
  p.trace('fm.sitrep_gc.done', { orphaned_sitreps_deleted: st.orphaned_sitreps_deleted });
  return st;
}
