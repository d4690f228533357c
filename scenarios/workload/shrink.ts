// Shrinking with fast-check: the property "this seed's run with these ops does not break invariant
// I" is checked on the seed's own workload (fc.check draws the same first value as workloadFor), and
// fast-check's shrinker then removes and simplifies operations while the same invariant still
// breaks. The world's seed stays fixed, so each candidate is one deterministic run.
import fc from 'fast-check';
import { runScenario, type RunResult } from '../runner.js';
import { rackWorkload } from './rack-workload.js';
import { workloadArb, workloadFor, type Op } from './ops.js';
import type { Reproducer } from './reproducer.js';

export interface ShrinkOptions {
  seed: number;
  variant: string;
  sleds?: number;
  nexus?: number;
  /** Wall-clock budget for shrinking (fast-check's interruptAfterTimeLimit); the best so far is kept. */
  budgetMs?: number;
  onStep?: (ops: number, runs: number) => void;
}

export function runWorkload(seed: number, variant: string, sleds: number, nexus: number, ops: Op[]): Promise<RunResult> {
  return runScenario(rackWorkload, { seed, variant, sleds, nexus, workload: ops });
}

const firstViolation = (r: RunResult) => r.violations[0]?.invariant ?? null;

/** Shrinks the seed's failing workload to a minimal list breaking the same invariant. */
export async function shrinkSeed(o: ShrinkOptions): Promise<Reproducer> {
  const sleds = o.sleds ?? rackWorkload.defaults.sleds;
  const nexus = o.nexus ?? rackWorkload.defaults.nexus;
  const original = workloadFor(o.seed, { sleds, nexus });
  const first = await runWorkload(o.seed, o.variant, sleds, nexus, original);
  const invariant = firstViolation(first);
  if (invariant === null) throw new Error(`seed ${o.seed} (${o.variant}) does not fail: nothing to shrink`);
  let runs = 0;
  let best: Op[] = original;
  const out = await fc.check(
    fc.asyncProperty(workloadArb({ sleds, nexus }), async (ops) => {
      runs++;
      const r = await runWorkload(o.seed, o.variant, sleds, nexus, ops);
      const same = r.violations.some((v) => v.invariant === invariant);
      if (same && ops.length <= best.length) {
        best = ops;
        o.onStep?.(ops.length, runs);
      }
      return !same;
    }),
    { seed: o.seed, numRuns: 1, interruptAfterTimeLimit: o.budgetMs ?? 300_000, markInterruptAsFailure: false },
  );
  // fc.check's first draw is the seed's workload; if it were not, the property may not fail at all.
  const shrunk = (out.counterexample?.[0] as Op[] | undefined) ?? best;
  const final = await runWorkload(o.seed, o.variant, sleds, nexus, shrunk);
  return { scenario: 'rack-workload', variant: o.variant, seed: o.seed, sleds, nexus, invariant: firstViolation(final), traceHash: final.traceHash, originalOps: original.length, ops: shrunk };
}
