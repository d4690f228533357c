// fm_sitrep_load (15 s): publish the current sitrep (omicron fm_sitrep_load.rs, `load_if_needed`).
// Same id as loaded -> no-op; a lower version than loaded or "some -> none" -> Error, keep the old
// one. One read per activation and no retry: a NotFound from `fm_sitrep_read` (the current sitrep
// vanished between reading its version and its rows, i.e. a newer one was made current and this
// one pruned and collected) is a task Error, and the old sitrep stays loaded until the next
// activation (the 15 s period, or a poke from fm_rendezvous). `fm_sitrep_read_current`'s retry loop
// exists in omicron's datastore but the loader does not use it.
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { fmCurrentSitrepVersion, fmSitrepRead, fmSitrepReadCurrentTx, SitrepNotFound } from '../read.js';
import { fmState, sitrepSummary } from '../state.js';
import type { LoadedSitrep, SitrepLoadStatus, SitrepVersion } from '../types.js';
import { FM_ANALYSIS, FM_RENDEZVOUS, FM_SITREP_GC } from './names.js';

export const FM_SITREP_LOAD_PERIOD_MS = 15_000;

export async function sitrepLoadActivate(p: NexusProcess): Promise<SitrepLoadStatus> {
  const st = fmState(p);
  // omicron stamps `time_loaded` at the start of the activation, also when nothing changed.
  const timeLoaded = iso(p.clock.now());
  let version: SitrepVersion | undefined;
  let got: LoadedSitrep | undefined;
  try {
    if (st.opts.readDesign === 'transaction') {
      got = await fmSitrepReadCurrentTx(p.db);
      version = got?.version;
    } else {
      version = await fmCurrentSitrepVersion(p.db);
    }
    const verdict = compare(st.loaded, version, timeLoaded);
    if (verdict) return verdict;
    if (!got) got = { version: version!, sitrep: await fmSitrepRead(p.db, st.opts.readDesign, version!.sitrep_id) };
  } catch (err) {
    if (err instanceof SitrepNotFound) {
      p.trace('fm.sitrep.read_not_found', { sitrep_id: err.sitrepId, version: version?.version ?? null });
      return { Error: `failed to read current sitrep ${err.sitrepId} (v${version?.version ?? '?'}): ${err.message}` };
    }
    return { Error: String(err) };
  }
  st.loaded = got;
  st.loadedAt = p.clock.now();
  p.trace('fm.sitrep.loaded', sitrepSummary(got));
  // Publishing on the sitrep watch channel: the tasks that watch it (omicron's init.rs: fm_analysis,
  // fm_rendezvous, fm_sitrep_gc) get a `dependency` activation.
  for (const t of [FM_ANALYSIS, FM_RENDEZVOUS, FM_SITREP_GC]) if (p.tasks.has(t)) p.tasks.dependencyChanged(t);
  return loadedStatus(got.version, timeLoaded);
}

function loadedStatus(v: SitrepVersion, timeLoaded: string): SitrepLoadStatus {
  return { Loaded: { version: { id: v.sitrep_id, version: v.version, time_made_current: v.time_made_current }, time_loaded: timeLoaded } };
}

/** A status to return now without reading, or undefined to go on and read `version`. */
function compare(loaded: LoadedSitrep | undefined, version: SitrepVersion | undefined, timeLoaded: string): SitrepLoadStatus | undefined {
  if (!version) return loaded ? { Error: 'current sitrep went from some to none' } : 'NoSitrep';
  if (!loaded) return undefined;
  if (version.sitrep_id === loaded.sitrep.metadata.id) return loadedStatus(loaded.version, timeLoaded);
  if (version.version < loaded.version.version) {
    return { Error: `current version ${version.version} is older than loaded version ${loaded.version.version}` };
  }
  return undefined;
}
