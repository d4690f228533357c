// Shrinking with fast-check: the property "this seed's run with these ops does not break invariant
// I" is checked with the seed's own failing workload as fc.check's example, and fast-check's
// shrinkers cut it down while the same invariant still breaks. The world's seed stays fixed, so
// each candidate is one deterministic run. Three passes, each fast-check's own shrinker:
//  1. whole operations: `fc.subarray` of the list (its shrinker drops leading runs of ops, then
//     keeps the head and recurses into the rest);
//  2. the same over the list reversed (ops run in time order whatever the array order, so this
//     drops the trailing ops pass 1 always keeps);
//  3. time offsets: each op's `at` shrinks towards 0 (`fc.integer` up to its current value).
// Each pass stops at the wall-clock budget (fast-check's interruptAfterTimeLimit); the best failing
// list so far is kept.
import fc from 'fast-check';
import { runScenario, type RunResult } from '../runner.js';
import { rackWorkload } from './rack-workload.js';
import { workloadFor, type Op } from './ops.js';
import type { Reproducer } from './reproducer.js';

export interface ShrinkOptions {
  seed: number;
  variant: string;
  sleds?: number;
  nexus?: number;
  /** Wall-clock budget for shrinking, all passes together; the best so far is kept. */
  budgetMs?: number;
  /** Skip pass 3 (time offsets). */
  keepTimes?: boolean;
  onStep?: (ops: number, runs: number) => void;
}

export const DEFAULT_SHRINK_BUDGET_MS = 300_000;

export function runWorkload(seed: number, variant: string, sleds: number, nexus: number, ops: Op[]): Promise<RunResult> {
  return runScenario(rackWorkload, { seed, variant, sleds, nexus, workload: ops });
}

const firstViolation = (r: RunResult) => r.violations[0]?.invariant ?? null;
const byTime = (ops: readonly Op[]) => [...ops].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));

/** Shrinks the seed's failing workload to a small list breaking the same invariant. */
export async function shrinkSeed(o: ShrinkOptions): Promise<Reproducer> {
  const sleds = o.sleds ?? rackWorkload.defaults.sleds;
  const nexus = o.nexus ?? rackWorkload.defaults.nexus;
  const original = workloadFor(o.seed, { sleds, nexus });
  const first = await runWorkload(o.seed, o.variant, sleds, nexus, original);
  const invariant = firstViolation(first);
  if (invariant === null) throw new Error(`seed ${o.seed} (${o.variant}) does not fail: nothing to shrink`);
  const deadline = Date.now() + (o.budgetMs ?? DEFAULT_SHRINK_BUDGET_MS);
  let runs = 0;
  let best: Op[] = original;
  const breaks = async (ops: Op[]): Promise<boolean> => {
    runs++;
    const sorted = byTime(ops);
    const r = await runWorkload(o.seed, o.variant, sleds, nexus, sorted);
    const same = r.violations.some((v) => v.invariant === invariant);
    if (same && sorted.length <= best.length) {
      best = sorted;
      o.onStep?.(sorted.length, runs);
    }
    return same;
  };
  // One fast-check pass: `example` fails (it is the best so far); fast-check shrinks it.
  const pass = async <T>(arb: fc.Arbitrary<T>, example: T, toOps: (t: T) => Op[]): Promise<void> => {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await fc.check(
      fc.asyncProperty(arb, async (t) => !(await breaks(toOps(t)))),
      { examples: [[example]], numRuns: 1, interruptAfterTimeLimit: left, markInterruptAsFailure: false },
    );
  };
  await pass(fc.subarray(best, { minLength: 1 }), best, (ops) => ops);
  const reversed = [...best].reverse();
  await pass(fc.subarray(reversed, { minLength: 1 }), reversed, (ops) => ops);
  if (!o.keepTimes) {
    const ops = best;
    const timed = fc.tuple(...ops.map((op) => fc.record(timeShrinking(op)))) as unknown as fc.Arbitrary<Op[]>;
    await pass(timed, ops, (t) => t);
  }
  const final = await runWorkload(o.seed, o.variant, sleds, nexus, best);
  return { scenario: 'rack-workload', variant: o.variant, seed: o.seed, sleds, nexus, invariant: firstViolation(final), traceHash: final.traceHash, originalOps: original.length, ops: best };
}

/** An op whose time shrinks towards 0; every other field is a constant (it does not shrink). */
function timeShrinking(op: Op): Record<string, fc.Arbitrary<unknown>> {
  return Object.fromEntries(Object.entries(op).map(([k, v]) => [k, k === 'at' ? fc.integer({ min: 0, max: op.at }) : fc.constant(v)]));
}
