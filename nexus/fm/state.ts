// Per-incarnation FM state of one Nexus: the designs it runs and the sitrep its loader published
// (omicron's watch<Option<Arc<(SitrepVersion, Sitrep)>>>). Lost on crash, rebuilt by the loader.
import type { NexusProcess } from '../process.js';
import type { FmConfigView } from './config.js';
import type { AlertDesign, LoadedSitrep, ReadDesign } from './types.js';

export interface FmOptions {
  readDesign: ReadDesign;
  alertDesign: AlertDesign;
}

export interface FmState {
  opts: FmOptions;
  loaded: LoadedSitrep | undefined;
  /** When the loader published `loaded` (this Nexus's clock). */
  loadedAt: number;
  /** The FM config fm_config_loader published (omicron's watch<Option<FmConfigView>>): undefined
   * until its first successful load, and what fm_analysis and the history pruner act on. */
  config: FmConfigView | undefined;
  /** When `config` last changed (the loader's `time_loaded`), ISO. */
  configTimeLoaded: string;
}

export const FM_STATE_KEY = 'fm';

export function fmState(p: NexusProcess, opts?: FmOptions): FmState {
  return p.local<FmState>(FM_STATE_KEY, () => {
    if (!opts) throw new Error('fm plugin not booted on this Nexus');
    return { opts, loaded: undefined, loadedAt: 0, config: undefined, configTimeLoaded: '' };
  });
}

/** An alert request's identity and content in one comparable string. */
export function alertRequestContent(r: { id: string; alert_class: string; payload: string }): string {
  return `${r.id} ${r.alert_class} ${r.payload}`;
}

/** What a published sitrep looks like in the trace (and what checkers compare). */
export interface SitrepSummary {
  sitrep_id: string;
  version: number;
  parent_sitrep_id: string | null;
  alert_generation: number;
  support_bundle_generation: number;
  case_ids: string[];
  alert_request_ids: string[];
  alert_request_content: string[];
  bundle_request_ids: string[];
}

export function sitrepSummary(l: LoadedSitrep): SitrepSummary {
  const s = l.sitrep;
  return {
    sitrep_id: s.metadata.id,
    version: l.version.version,
    parent_sitrep_id: s.metadata.parent_sitrep_id,
    alert_generation: s.metadata.alert_generation,
    support_bundle_generation: s.metadata.support_bundle_generation,
    case_ids: s.cases.map((c) => c.id),
    alert_request_ids: s.alert_requests.map((r) => r.id),
    alert_request_content: s.alert_requests.map(alertRequestContent),
    bundle_request_ids: s.support_bundle_requests.map((r) => r.id),
  };
}
