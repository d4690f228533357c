// fm_config_loader (15 s, omicron fm_config_load.rs at b848b6df85): publish the current FM config,
// the latest fm_config override or the default when there is none. A change publishes on the
// config watch channel, which fm_analysis and fm_sitrep_history_pruner watch (init.rs), so they get
// a `dependency` activation. An override the loader cannot convert keeps the config it has, or
// falls back to the default if it has none, so FM is never left without a config.
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { defaultFmConfigView, sameView, type FmConfigView } from '../config.js';
import { fmConfigGetLatest, isInvalid, rowToView } from '../config-db.js';
import { fmState } from '../state.js';
import type { CurrentFmConfig, FmConfigLoadStatus } from '../types.js';
import { FM_ANALYSIS, FM_HISTORY_PRUNE } from './names.js';

export const FM_CONFIG_LOAD_PERIOD_MS = 15_000;

export async function configLoadActivate(p: NexusProcess): Promise<FmConfigLoadStatus> {
  const st = fmState(p);
  let row;
  try {
    row = await p.db.step('fm_config_get_latest', (sql) => fmConfigGetLatest(sql));
  } catch (err) {
    // The datastore maps it with `public_error_from_diesel(e, ErrorHandler::Server)`, an
    // `InternalError` whose Display is this; the cause is SQLite's message, not CockroachDB's.
    return { Error: `Internal Error: unexpected database error: ${err instanceof Error ? err.message : String(err)}` };
  }
  const view = row ? rowToView(row) : defaultFmConfigView();
  if (isInvalid(view)) {
    // `InlineErrorChain` of the conversion's `Error::InvalidValue`: its Display, not the HTTP
    // `unsupported value for "…"` text the lockstep routes answer with.
    const error = `Invalid Value: ${view.label}, ${view.message}`;
    const fallback: CurrentFmConfig = st.config
      ? { config: st.config, updated: false, time_loaded: st.configTimeLoaded }
      : updateIfChanged(p, defaultFmConfigView());
    return { LatestConfigInvalid: { error, fallback } };
  }
  return { Loaded: updateIfChanged(p, view) };
}

function updateIfChanged(p: NexusProcess, config: FmConfigView): CurrentFmConfig {
  const st = fmState(p);
  const updated = st.config === undefined || !sameView(st.config, config);
  if (updated) {
    st.config = config;
    st.configTimeLoaded = iso(p.clock.now());
    p.trace('fm.config.loaded', { source: config.source.type === 'default' ? 'default' : `v${config.source.version}` });
    for (const t of [FM_ANALYSIS, FM_HISTORY_PRUNE]) if (p.tasks.has(t)) p.tasks.dependencyChanged(t);
  }
  return { config, time_loaded: st.configTimeLoaded, updated };
}
