// The CI suite's verdict check for one scenario variant over a seed range:
// - `holds`: no seed may fail;
// - `caught`: some seed must fail, and re-running the first failing seed reproduces the same
//   violation and the same trace hash.
import { expect } from 'vitest';
import { runScenario, type RunResult } from '../../scenarios/runner.js';
import type { ScenarioDef } from '../../scenarios/types.js';

export interface VerdictOptions {
  seeds: number;
  from?: number;
  sleds?: number;
  nexus?: number;
  /** The invariant a `caught` variant must violate (checks the race is found by the right oracle). */
  invariant?: string;
}

export async function sweep(def: ScenarioDef, variant: string, o: VerdictOptions): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < o.seeds; i++) {
    results.push(await runScenario(def, { seed: (o.from ?? 1) + i, variant, sleds: o.sleds, nexus: o.nexus }));
  }
  return results;
}

export async function expectVerdict(def: ScenarioDef, variant: string, o: VerdictOptions): Promise<RunResult[]> {
  const expected = def.expected[variant];
  expect(expected, `${def.name} has no variant ${variant}`).toBeDefined();
  const results = await sweep(def, variant, o);
  const failures = results.filter((r) => r.verdict === 'fail');
  if (expected === 'holds') {
    const detail = failures.map((r) => `seed ${r.seed}: ${r.violations.map((v) => `${v.invariant}: ${v.message}`).join('; ')}`);
    expect(detail, `${def.name}/${variant} must hold on every seed`).toEqual([]);
  } else {
    expect(failures.length, `${def.name}/${variant} must be caught within ${o.seeds} seeds`).toBeGreaterThan(0);
    const first = failures[0];
    if (o.invariant) expect(first.violations.map((v) => v.invariant)).toContain(o.invariant);
    const again = await runScenario(def, { seed: first.seed, variant, sleds: o.sleds, nexus: o.nexus });
    expect(again.verdict).toBe('fail');
    expect(again.traceHash).toBe(first.traceHash);
    expect(again.violations.map(({ invariant, atMs, message }) => ({ invariant, atMs, message }))).toEqual(
      first.violations.map(({ invariant, atMs, message }) => ({ invariant, atMs, message })),
    );
  }
  return results;
}
