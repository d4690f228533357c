// fm_analysis (120 s, and whenever the loader publishes): diagnose the ereports against the loaded
// sitrep and commit a child sitrep if anything changed. Refuses at sitrep_limit (LimitReached);
// from 80% of it, reclaims capacity and goes on.
// Deviation: reads the ereport table directly instead of an inventory collection, and uses the
// Nexus clock as the reference time.
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { buildSitrep, type Ereport } from '../builder.js';
import { fmSitrepInsert, ParentNotCurrent } from '../commit.js';
import { selectConfig } from '../rows.js';
import { fmState } from '../state.js';
import type { AnalysisStatus } from '../types.js';
import { q } from '../stmt.js';
import { FM_HISTORY_PRUNE, FM_SITREP_GC, FM_SITREP_LOAD } from './names.js';

export const FM_ANALYSIS_PERIOD_MS = 120_000;

export async function analysisActivate(p: NexusProcess): Promise<AnalysisStatus> {
  const st = fmState(p);
  const cfg = await p.db.step('fm_config_read', (sql) => selectConfig(sql));
  if (!cfg.analysis_enabled) return { kind: 'Disabled' };
  const parent = st.loaded?.sitrep;
  const ereports = await p.db.step('ereport_list', (sql) =>
    q(sql, 'SELECT id, class, part_serial, de, wants_bundle FROM ereport ORDER BY id').all() as Ereport[],
  );
  const sitrep = buildSitrep({ parent, ereports, rng: p.rng('fm/builder'), creatorId: p.id, now: iso(p.clock.now()) });
  if (!sitrep) return { kind: 'Unchanged', parent_sitrep_id: parent?.metadata.id ?? null };
  const count = await p.db.step('fm_sitrep_count', (sql) => (q(sql, 'SELECT COUNT(*) AS n FROM fm_sitrep').get() as { n: number }).n);
  // omicron's `reclaim_capacity`: history pruning frees versions, GC collects orphans.
  const reclaim = () => {
    p.tasks.activate(FM_HISTORY_PRUNE);
    p.tasks.activate(FM_SITREP_GC);
  };
  if (count >= cfg.sitrep_limit) {
    reclaim();
    return { kind: 'LimitReached', sitreps: count, limit: cfg.sitrep_limit };
  }
  // check_sitrep_limit (fm_analysis.rs, b848b6df85): at 80% (and 95%) of the limit it also reclaims,
  // and analysis carries on. Integer percent, as SitrepCapacity::usage_percent.
  if (Math.floor((count * 100) / cfg.sitrep_limit) >= 80) reclaim();
  try {
    // The history statement's event is a DB fact: emitted even if this incarnation has since died.
    const v = await fmSitrepInsert(p.db, sitrep, () => p.clock.now(), (kind, data) => p.ctx.trace(kind, data));
    p.tasks.activate(FM_SITREP_LOAD);
    return { kind: 'Committed', sitrep_id: v.sitrep_id, version: v.version };
  } catch (err) {
    if (err instanceof ParentNotCurrent) {
      p.trace('fm.sitrep.parent_not_current', { sitrep_id: sitrep.metadata.id, parent_sitrep_id: sitrep.metadata.parent_sitrep_id });
      // Behind: load the newer sitrep, and collect the orphan this insert left (fm_analysis.rs).
      p.tasks.activate(FM_SITREP_LOAD);
      p.tasks.activate(FM_SITREP_GC);
      return { kind: 'ParentNotCurrent', sitrep_id: sitrep.metadata.id };
    }
    return { kind: 'Error', message: String(err) };
  }
}
