// How a sled agent tells Nexus about itself (omicron sled-agent/src/nexus.rs, NexusNotifierTask):
// one request per tick of a 2 s interval, one outstanding at a time. It first GETs what Nexus knows
// (404: nothing); then, unless that is already identical, POSTs its info with generation known+1
// (1 when Nexus had no row): the whole `SledAgentInfo` (address, role, baseboard, hardware sizes, CPU
// family) as omicron's `get_sled_agent_info` builds it. Any failure forgets what it knew, so the next tick GETs again. A
// decommissioned sled stops. omicron retries forever; the simulation gives up after a bound so a
// run cannot hang on a Nexus that never answers.
import { API_VERSION_HEADER, errorCode, type ClientTimeouts, type NodeContext } from '../sim/index.js';
import type { SledAgentInfo } from './types/index.js';

/** omicron `RETRY_TIMEOUT` of the notifier's interval. */
export const REGISTER_RETRY_MS = 2000;
export const REGISTER_MAX_TRIES = 60;
/** The sled agent's Nexus client is built with reqwest's defaults (`make_nexus_client_with_port`):
 * no connect or request timeout. */
const NEXUS_CLIENT_TIMEOUTS: ClientTimeouts = {};
/** The nexus-internal version the sled agent's generated client speaks (openapi/nexus-internal 1.0.0). */
const NEXUS_INTERNAL_HEADERS = { [API_VERSION_HEADER]: '1.0.0' } as const;

export type { SledAgentInfo };
/** What the sled reports, before the notifier sets the generation (omicron `GetSledAgentInfo`). */
export type SledAgentReport = Omit<SledAgentInfo, 'generation' | 'decommissioned'>;

/** omicron compares the whole struct (`info == *known`), its generation set to the known one. */
function sameInfo(a: SledAgentInfo, b: SledAgentInfo): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with keys sorted at every level, so field order on the wire does not matter. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

/** What the notifier learned from Nexus: nothing yet, "no row", or the row's info. */
type Known = undefined | { kind: 'not-found' } | { kind: 'found'; info: SledAgentInfo };

export type NotifyOutcome = 'registered' | 'decommissioned' | 'gave-up';

export async function notifyNexusAboutSelf(
  ctx: NodeContext,
  nexusUrl: string,
  sledId: string,
  current: () => SledAgentReport,
): Promise<NotifyOutcome> {
  const url = `${nexusUrl.replace(/\/+$/, '')}/sled-agents/${sledId}`;
  let known: Known;
  const start = ctx.clock.now();
  for (let attempt = 1; attempt <= REGISTER_MAX_TRIES; attempt++) {
    // Ticks fall at fixed times (MissedTickBehavior::Delay keeps the phase while requests are short).
    const tick = start + (attempt - 1) * REGISTER_RETRY_MS;
    if (ctx.clock.now() < tick) await ctx.clock.sleep(tick - ctx.clock.now());
    let outcome: string;
    try {
      if (known === undefined) {
        const res = await ctx.fetch(url, { headers: NEXUS_INTERNAL_HEADERS, timeouts: NEXUS_CLIENT_TIMEOUTS });
        if (res.ok) known = { kind: 'found', info: (await res.json()) as SledAgentInfo };
        else if (res.status === 404) known = { kind: 'not-found' };
        outcome = res.ok || res.status === 404 ? 'got' : `GET status ${res.status}`;
        if (known) {
          if (known.kind === 'found' && known.info.decommissioned) {
            ctx.trace('sled.decommissioned', { nexus: nexusUrl });
            return 'decommissioned';
          }
          continue; // the PUT goes out at the next tick
        }
      } else {
        const mine = current();
        if (known.kind === 'found' && sameInfo({ ...mine, generation: known.info.generation, decommissioned: false }, known.info)) {
          ctx.trace('sled.registered', { sled_id: sledId, nexus: nexusUrl, attempt, generation: known.info.generation, sent: false });
          return 'registered'; // Nexus already has exactly this: nothing to send
        }
        const info: SledAgentInfo = { ...mine, generation: known.kind === 'found' ? known.info.generation + 1 : 1, decommissioned: false };
        const res = await ctx.fetch(url, { method: 'POST', headers: { ...NEXUS_INTERNAL_HEADERS, 'content-type': 'application/json' }, body: JSON.stringify(info), timeouts: NEXUS_CLIENT_TIMEOUTS });
        if (res.ok) {
          ctx.trace('sled.registered', { sled_id: sledId, nexus: nexusUrl, attempt, generation: info.generation, sent: true });
          return 'registered';
        }
        known = undefined;
        outcome = `POST status ${res.status}`;
      }
    } catch (err) {
      known = undefined;
      outcome = errorCode(err);
    }
    if (attempt < REGISTER_MAX_TRIES) ctx.trace('sled.register-retry', { nexus: nexusUrl, attempt, outcome });
  }
  ctx.trace('sled.register-failed', { nexus: nexusUrl, tries: REGISTER_MAX_TRIES });
  return 'gave-up';
}
