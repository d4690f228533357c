// fm_analysis (120 s, and whenever the sitrep or config loader publishes): diagnose the ereports
// against the loaded sitrep and commit a child sitrep if anything changed (omicron fm_analysis.rs
// at b848b6df85). Waits for fm_config_loader's first load (`WaitingForConfig`), stops when the
// config disables it, refuses at sitrep_limit (LimitReached), and from 80% of it reclaims capacity
// and goes on. Its status has omicron's FmAnalysisStatus shape.
// Deviation: reads the ereport table directly instead of an inventory collection (so there is no
// inventory outcome and `inv_collection_id` is null), and uses the Nexus clock as the reference time.
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { buildSitrep, RESOLVED_CLASS, type Ereport } from '../builder.js';
import { fmSitrepInsert, ParentNotCurrent } from '../commit.js';
import { resolve } from '../config.js';
import { fmState } from '../state.js';
import type { AnalysisOutcome, FmAnalysisStatus, SitrepCapacity } from '../types.js';
import { q } from '../stmt.js';
import { FM_HISTORY_PRUNE, FM_SITREP_GC, FM_SITREP_LOAD } from './names.js';

export const FM_ANALYSIS_PERIOD_MS = 120_000;

/** The ereport classes the simulator's diagnosis consumes (builder.ts): a fault, and its resolution. */
export const KNOWN_EREPORT_CLASSES = ['hw.fault', RESOLVED_CLASS];

export async function analysisActivate(p: NexusProcess): Promise<FmAnalysisStatus> {
  const st = fmState(p);
  const parent = st.loaded?.sitrep;
  const base = { parent_sitrep_id: parent?.metadata.id ?? null, inv_collection_id: null, known_classes: [...KNOWN_EREPORT_CLASSES] };
  const view = st.config;
  if (!view) return { ...base, outcome: 'WaitingForConfig', warnings: [] };
  const cfg = resolve(view.config);
  if (!cfg.analysis_enabled) return { ...base, outcome: { Disabled: view.source }, warnings: [] };
  const warnings: string[] = [];
  let ereports: Ereport[];
  try {
    ereports = await p.db.step('ereport_list', (sql) => q(sql, 'SELECT id, class, part_serial, de, wants_bundle FROM ereport ORDER BY id').all() as Ereport[]);
  } catch (err) {
    return { ...base, outcome: { PreparationError: `failed to load new ereports: ${String(err)}` }, warnings };
  }
  const startTime = iso(p.clock.now());
  const sitrep = buildSitrep({ parent, ereports, rng: p.rng('fm/builder'), creatorId: p.id, now: startTime });
  const ran = (outcome: AnalysisOutcome, capacity: SitrepCapacity | null): FmAnalysisStatus => ({
    ...base,
    outcome: { RanAnalysis: { prep_status: { warnings: [] }, analysis_status: { start_time: startTime, end_time: startTime, outcome, capacity } } },
    warnings,
  });
  if (!sitrep) return ran('Unchanged', null);
  let count: number;
  try {
    count = await p.db.step('fm_sitrep_count', (sql) => (q(sql, 'SELECT COUNT(*) AS n FROM fm_sitrep').get() as { n: number }).n);
  } catch (err) {
    return ran({ Error: `failed to check sitrep limit: ${String(err)}` }, null);
  }
  // omicron's `reclaim_capacity`: history pruning frees versions, GC collects orphans.
  const reclaim = () => {
    p.tasks.activate(FM_HISTORY_PRUNE);
    p.tasks.activate(FM_SITREP_GC);
  };
  if (count >= cfg.sitrep_limit) {
    reclaim();
    return ran({ LimitReached: { limit: cfg.sitrep_limit } }, null);
  }
  // check_sitrep_limit: at 80% (and 95%, with a warning) of the limit it also reclaims, and
  // analysis carries on. Integer percent, as SitrepCapacity::usage_percent.
  const capacity = { count, limit: cfg.sitrep_limit };
  const percent = Math.floor((count * 100) / cfg.sitrep_limit);
  if (percent >= 95) warnings.push(`sitrep count (${count}) at ${percent}% of limit (${cfg.sitrep_limit})`);
  if (percent >= 80) reclaim();
  const sitrepId = sitrep.metadata.id;
  try {
    // The history statement's event is a DB fact: emitted even if this incarnation has since died.
    await fmSitrepInsert(p.db, sitrep, () => p.clock.now(), (kind, data) => p.ctx.trace(kind, data));
    p.tasks.activate(FM_SITREP_LOAD);
    return ran({ Committed: { sitrep_id: sitrepId } }, capacity);
  } catch (err) {
    if (err instanceof ParentNotCurrent) {
      p.trace('fm.sitrep.parent_not_current', { sitrep_id: sitrepId, parent_sitrep_id: sitrep.metadata.parent_sitrep_id });
      // Behind: load the newer sitrep, and collect the orphan this insert left.
      p.tasks.activate(FM_SITREP_LOAD);
      p.tasks.activate(FM_SITREP_GC);
      return ran({ NotCommitted: { sitrep_id: sitrepId } }, capacity);
    }
    return ran({ CommitFailed: { sitrep_id: sitrepId, error: String(err) } }, capacity);
  }
}
