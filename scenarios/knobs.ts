// Swarm knobs shared by every scenario: the seed picks the network and DB latency envelopes, the
// drop rate and the clock skew, so different seeds explore different timing worlds.
import { type Distribution, type Rng, type WorldOptions } from '../sim/index.js';
import type { Knobs } from './types.js';

export interface BaseKnobRanges {
  maxNetMs?: [number, number];
  maxDbMs?: [number, number];
  maxDrop?: number;
  maxSkewMs?: number;
}

export function baseKnobs(rng: Rng, r: BaseKnobRanges = {}): Knobs {
  const [nLo, nHi] = r.maxNetMs ?? [2, 20];
  const [dLo, dHi] = r.maxDbMs ?? [1, 8];
  const netMax = rng.int(nLo, nHi + 1);
  const dbMax = rng.int(dLo, dHi + 1);
  return {
    net_latency_max_ms: netMax,
    db_latency_max_ms: dbMax,
    drop_probability: r.maxDrop ? Math.round(rng.float() * r.maxDrop * 1000) / 1000 : 0,
    clock_skew_max_ms: r.maxSkewMs ? rng.int(0, r.maxSkewMs + 1) : 0,
  };
}

export function netLatency(k: Knobs): Distribution {
  return { kind: 'uniform', min: 1, max: Number(k.net_latency_max_ms) };
}

export function dbLatency(k: Knobs): Distribution {
  return { kind: 'uniform', min: 1, max: Number(k.db_latency_max_ms) };
}

/** World options for a run with these knobs. */
export function worldOptions(seed: number, k: Knobs): WorldOptions {
  return { seed, netLatency: netLatency(k), dbLatency: dbLatency(k), dropProbability: Number(k.drop_probability ?? 0) };
}
