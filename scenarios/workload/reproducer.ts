// A reproducer file: the run's identity (scenario, variant, seed, shape) and its operation list,
// plus what it did when written (the invariant it broke and the trace hash), so a replay can be
// checked against it. Plain JSON, written by --shrink and read by --replay.
import { readFileSync } from 'node:fs';
import { writeAtomic } from '../cli/paths.js';
import type { Op } from './ops.js';
import { UsageError } from '../cli/usage-error.js';

export interface Reproducer {
  scenario: 'rack-workload';
  variant: string;
  seed: number;
  sleds: number;
  nexus: number;
  /** The invariant the run broke (the first violation), or null if it passed. */
  invariant: string | null;
  traceHash: string;
  /** Operations in the seed's original workload, before shrinking. */
  originalOps: number;
  ops: Op[];
}

export function writeReproducer(file: string, r: Reproducer): void {
  writeAtomic(file, JSON.stringify(r, null, 2) + '\n');
}

export function readReproducer(file: string): Reproducer {
  let r: Reproducer;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as Reproducer;
  } catch (err) {
    throw new UsageError(`--replay ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (r?.scenario !== 'rack-workload' || !Array.isArray(r.ops)) throw new UsageError(`--replay ${file} is not a rack-workload reproducer`);
  return r;
}
