// Clock skew: a seeded offset and drift per node, within the run's knobs.
import type { Skew } from '../clock.js';
import type { Rng } from '../types.js';

export function sampleSkew(rng: Rng, maxOffsetMs: number, maxDriftPpm: number): Skew {
  if (maxOffsetMs <= 0 && maxDriftPpm <= 0) return { offsetMs: 0, driftPpm: 0 };
  return {
    offsetMs: Math.round((rng.float() * 2 - 1) * maxOffsetMs),
    driftPpm: Math.round((rng.float() * 2 - 1) * maxDriftPpm),
  };
}
