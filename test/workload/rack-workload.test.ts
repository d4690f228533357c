// rack-workload verdicts: omicron-today holds over a CI seed range, and each buggy design set is
// caught by its own race's invariant within its CI range — the same seeds draw the same operations
// under every variant; nothing is aimed at a race. Ranges are the first failing seed measured with
// `pnpm scenario rack-workload --variant V --seeds 100` (README, "The rack workload"); a variant
// whose first failure lies further out is checked from a window that starts a few seeds before it.
import { describe, expect, it } from 'vitest';
import { DESIGN_VARIANTS } from '../../scenarios/workload/designs.js';
import { rackWorkload } from '../../scenarios/workload/rack-workload.js';
import { workloadFor } from '../../scenarios/workload/ops.js';
import { expectVerdict } from '../support/verdicts.js';

const T = 240_000;

describe('rack-workload', () => {
  it('the workload is data: the same seed draws the same JSON operations, another seed others', () => {
    const a = workloadFor(5, { sleds: 6, nexus: 3 });
    expect(JSON.parse(JSON.stringify(a))).toEqual(workloadFor(5, { sleds: 6, nexus: 3 }));
    expect(a).not.toEqual(workloadFor(6, { sleds: 6, nexus: 3 }));
    expect(a.every((op, i) => i === 0 || a[i - 1].at <= op.at)).toBe(true);
  });

  it('omicron-today holds, and its runs reach the states the fixes exist for', async () => {
    const results = await expectVerdict(rackWorkload, 'omicron-today', { seeds: 8 });
    const reached = new Set(results.flatMap((r) => r.marks));
    for (const m of ['tuf.local-repo-dropped', 'tuf.repo-pruned', 'sagas.zone-ready-for-cleanup', 'fm.parent-not-current', 'fm.sitrep-gc-deleted', 'faults.nexus-crash'])
      expect(reached, m).toContain(m);
  }, T);

  const CI: Array<[variant: string, invariant: string, from: number, seeds: number]> = [
    ['send-before-insert', 'no-total-loss', 1, 1],
    ['default-zero', 'replicas-converge', 1, 1],
    ['naive-alert-insert', 'deleted-alert-never-recreated', 1, 6],
    // Rare ones (1-2 in 100 seeds): a window ending at the first failing seed measured.
    ['v1-delete', 'never-backwards', 44, 3],
    ['any-expunged', 'log-written-by-current-sec', 24, 3],
    ['tombstone-unfiltered-readers', 'deleted-bundle-never-handed-out', 33, 3],
  ];
  for (const [variant, invariant, from, seeds] of CI) {
    it(`${variant} is caught by ${invariant} within seeds ${from}-${from + seeds - 1}`, async () => {
      expect(DESIGN_VARIANTS[variant].caughtBy).toContain(invariant);
      await expectVerdict(rackWorkload, variant, { from, seeds, invariant });
    }, T);
  }
});
