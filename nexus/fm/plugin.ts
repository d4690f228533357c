// The FM capability of a Nexus: its per-incarnation state, background tasks (registered in
// omicron's order, with its descriptions and periods: nexus/src/app/background/init.rs and
// nexus/examples/config.toml at b848b6df85) and the lockstep FM config routes.
import { iso } from '../db/time.js';
import type { NexusPlugin } from '../process.js';
import { fmConfigRoutes } from './config-routes.js';
import { fmState, type FmOptions } from './state.js';
import { analysisActivate, FM_ANALYSIS_PERIOD_MS } from './tasks/analysis.js';
import { configLoadActivate, FM_CONFIG_LOAD_PERIOD_MS } from './tasks/config-load.js';
import { FM_ANALYSIS, FM_CONFIG_LOAD, FM_HISTORY_PRUNE, FM_RENDEZVOUS, FM_SITREP_GC, FM_SITREP_LOAD } from './tasks/names.js';
import { FM_RENDEZVOUS_PERIOD_MS, rendezvousActivate } from './tasks/rendezvous.js';
import { FM_HISTORY_PRUNE_PERIOD_MS, FM_SITREP_GC_PERIOD_MS, historyPruneActivate, sitrepGcActivate } from './tasks/sitrep-gc.js';
import { FM_SITREP_LOAD_PERIOD_MS, sitrepLoadActivate } from './tasks/sitrep-load.js';

export function fmPlugin(opts: FmOptions): NexusPlugin {
  return {
    name: 'fm',
    boot(p) {
      // The config loader's `time_loaded` starts at its construction (`Utc::now()` in `new`).
      fmState(p, opts).configTimeLoaded = iso(p.clock.now());
      p.lockstepRoutes.push(fmConfigRoutes);
      const t = (name: string, description: string, periodMs: number, activate: () => Promise<unknown>) => p.tasks.register({ name, description, periodMs, activate });
      t(FM_CONFIG_LOAD, 'loads the current fault management configuration from the database', FM_CONFIG_LOAD_PERIOD_MS, () => configLoadActivate(p));
      t(FM_SITREP_LOAD, 'loads the current fault management situation report from the database', FM_SITREP_LOAD_PERIOD_MS, () => sitrepLoadActivate(p));
      t(FM_ANALYSIS, 'performs fault management analysis and updates the sitrep', FM_ANALYSIS_PERIOD_MS, () => analysisActivate(p));
      t(FM_RENDEZVOUS, 'updates externally visible database tables to match the current fault management sitrep', FM_RENDEZVOUS_PERIOD_MS, () => rendezvousActivate(p));
      t(FM_HISTORY_PRUNE, 'maintains the configured limit on the fault management sitrep history table by deleting the oldest entries', FM_HISTORY_PRUNE_PERIOD_MS, () => historyPruneActivate(p));
      t(FM_SITREP_GC, 'garbage collects fault management situation reports', FM_SITREP_GC_PERIOD_MS, () => sitrepGcActivate(p));
    },
  };
}
