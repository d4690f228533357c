// A seed whose run throws (a rack-sim bug, not a verdict) is named, in the worker pool and in
// process alike, so the user can re-run that one seed. Here the bug is provoked by handing
// rack-workload a workload that is not a list of operations.
import { describe, expect, it } from 'vitest';
import { SeedCrash, sweepSeeds } from '../../scenarios/cli/sweep.js';
import { findScenario } from '../../scenarios/registry.js';

const def = findScenario('rack-workload')!;

describe('a crashing seed in a sweep', () => {
  it.each([
    ['the worker pool', 2, [5, 6, 7, 8, 9, 10, 11, 12]],
    ['this process', 1, [5]],
  ])('in %s, the error names the scenario, variant and seed, and keeps the cause', async (_where, jobs, seeds) => {
    const err = await sweepSeeds(def, { seeds, jobs, variant: 'v1-delete', workload: 42, onResult() {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeedCrash);
    const crash = err as SeedCrash;
    expect(crash.seed).toBe(5);
    expect(crash.message).toBe('seed 5 of rack-workload (variant v1-delete) crashed: ops.map is not a function or its return value is not iterable');
    expect(String((crash.cause as Error).stack)).toContain('TypeError');
  }, 60_000);
});
