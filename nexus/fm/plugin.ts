// The FM capability of a Nexus: its per-incarnation state and background tasks.
import type { NexusPlugin } from '../process.js';
import { fmState, type FmOptions } from './state.js';
import { analysisActivate, FM_ANALYSIS_PERIOD_MS } from './tasks/analysis.js';
import { FM_ANALYSIS, FM_HISTORY_PRUNE, FM_RENDEZVOUS, FM_SITREP_GC, FM_SITREP_LOAD } from './tasks/names.js';
import { FM_RENDEZVOUS_PERIOD_MS, rendezvousActivate } from './tasks/rendezvous.js';
import { FM_SITREP_GC_PERIOD_MS, historyPruneActivate, sitrepGcActivate } from './tasks/sitrep-gc.js';
import { FM_SITREP_LOAD_PERIOD_MS, sitrepLoadActivate } from './tasks/sitrep-load.js';

export function fmPlugin(opts: FmOptions): NexusPlugin {
  return {
    name: 'fm',
    boot(p) {
      fmState(p, opts);
      p.tasks.register({ name: FM_SITREP_LOAD, description: 'loads the current fault management situation report', periodMs: FM_SITREP_LOAD_PERIOD_MS, activate: () => sitrepLoadActivate(p) });
      p.tasks.register({ name: FM_ANALYSIS, description: 'diagnoses ereports and writes new sitreps', periodMs: FM_ANALYSIS_PERIOD_MS, activate: () => analysisActivate(p) });
      p.tasks.register({ name: FM_RENDEZVOUS, description: 'creates the alerts and support bundles the current sitrep requests', periodMs: FM_RENDEZVOUS_PERIOD_MS, activate: () => rendezvousActivate(p) });
      p.tasks.register({ name: FM_HISTORY_PRUNE, description: 'prunes old sitrep history', periodMs: FM_SITREP_GC_PERIOD_MS, activate: () => historyPruneActivate(p) });
      p.tasks.register({ name: FM_SITREP_GC, description: 'deletes orphaned sitreps', periodMs: FM_SITREP_GC_PERIOD_MS, activate: () => sitrepGcActivate(p) });
    },
  };
}
