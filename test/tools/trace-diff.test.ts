import { describe, expect, it } from 'vitest';
import { rackSmoke } from '../../scenarios/rack-smoke.js';
import { runScenario } from '../../scenarios/runner.js';
import { firstDivergence } from '../../scenarios/tools/trace-diff.js';

describe('trace-diff', () => {
  it('finds nothing between two runs of one seed', async () => {
    const a = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    const b = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    expect(firstDivergence(a.trace!, b.trace!)).toBeUndefined();
  });

  it('points at the first event where two runs part ways, with the shared events before it', async () => {
    const a = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    const b = await runScenario(rackSmoke, { seed: 6, keepTrace: true });
    const d = firstDivergence(a.trace!, b.trace!)!;
    expect(d).toBeDefined();
    expect(a.trace!.slice(0, d.index)).toEqual(b.trace!.slice(0, d.index));
    expect(d.a[0]).toBe(a.trace![d.index]);
    expect(d.b[0]).toBe(b.trace![d.index]);
    expect(d.a[0]).not.toBe(d.b[0]);
  });

  it('a trace that is a prefix of the other diverges where it ends', () => {
    const d = firstDivergence(['x', 'y'], ['x', 'y', 'z'])!;
    expect(d.index).toBe(2);
    expect(d.a).toEqual([]);
    expect(d.b).toEqual(['z']);
    expect(d.before).toEqual(['x', 'y']);
  });
});
