// Latency distributions, sampled from a seeded stream, in whole virtual milliseconds.
import type { Rng } from '../types.js';

export type Distribution =
  | { kind: 'const'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  /** min plus an exponential tail: most messages fast, a few slow (heavy-ish tail). */
  | { kind: 'exp'; min: number; mean: number };

export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'const':
      return d.ms;
    case 'uniform':
      return Math.round(d.min + rng.float() * (d.max - d.min));
    case 'exp':
      return Math.round(d.min - Math.log(1 - rng.float()) * Math.max(0, d.mean - d.min));
  }
}

export function describe(d: Distribution): string {
  switch (d.kind) {
    case 'const':
      return `${d.ms}ms`;
    case 'uniform':
      return `uniform(${d.min}..${d.max}ms)`;
    case 'exp':
      return `exp(min ${d.min}ms, mean ${d.mean}ms)`;
  }
}
