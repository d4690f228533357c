// rack-workload verdicts: omicron-today holds over a CI seed range, and each buggy design set is
// caught by its own race's invariant within its CI range — the same seeds draw the same operations
// under every variant; nothing is aimed at a race. Windows come from `pnpm scenario rack-workload
// --variant V --seeds 100 --json` (README, "The rack workload"): where the variant fails often, a
// window in which most seeds fail, so a change of timing elsewhere does not lose the catch; the
// rare ones (a few failing seeds in 100-200) are a window of one failing seed, and say so.
import { describe, expect, it } from 'vitest';
import { DESIGN_VARIANTS } from '../../scenarios/workload/designs.js';
import { rackWorkload } from '../../scenarios/workload/rack-workload.js';
import { MIXES, mixFor, workloadFor, type Op } from '../../scenarios/workload/ops.js';
import { expectVerdict } from '../support/verdicts.js';

const T = 240_000;

describe('rack-workload', () => {
  it('the workload is data: the same seed draws the same JSON operations, another seed others', () => {
    const a = workloadFor(5, { sleds: 6, nexus: 3 });
    expect(JSON.parse(JSON.stringify(a))).toEqual(workloadFor(5, { sleds: 6, nexus: 3 }));
    expect(a).not.toEqual(workloadFor(6, { sleds: 6, nexus: 3 }));
    expect(a.every((op, i) => i === 0 || a[i - 1].at <= op.at)).toBe(true);
  });

  it('each seed draws an operation mix, and a storm seed is heavy in its family', () => {
    const share = (mix: string, kinds: string[]) => {
      const ops: Op[] = [];
      for (let seed = 1; seed <= 300; seed++) if (mixFor(seed) === mix) ops.push(...workloadFor(seed, { sleds: 6, nexus: 3 }));
      return ops.filter((o) => kinds.includes(o.kind)).length / ops.length;
    };
    expect(new Set(Array.from({ length: 60 }, (_, i) => mixFor(i + 1)))).toEqual(new Set(MIXES));
    const tuf = ['upload', 'prune'];
    const saga = ['saga-create', 'saga-complete', 'nexus-expunge', 'blueprint-execute'];
    const fm = ['ereport', 'fm-burst', 'alert-delete', 'bundle-op'];
    expect(share('update-storm', tuf)).toBeGreaterThan(2 * share('blend', tuf));
    expect(share('saga-storm', saga)).toBeGreaterThan(2 * share('blend', saga));
    expect(share('fm-storm', fm)).toBeGreaterThan(1.5 * share('blend', fm));
  });

  it('omicron-today holds, and its runs reach the states the fixes exist for', async () => {
    const results = await expectVerdict(rackWorkload, 'omicron-today', { seeds: 40 });
    const reached = new Set(results.flatMap((r) => r.marks));
    for (const m of ['tuf.local-repo-dropped', 'tuf.repo-pruned', 'sagas.zone-ready-for-cleanup', 'fm.parent-not-current', 'fm.sitrep-gc-deleted', 'fm.stale-insert-refused', 'fm.rendezvous-error', 'faults.nexus-crash'])
      expect(reached, m).toContain(m);
  }, T);

  // From seeds 1-50 of every variant (1-200 for any-expunged), on the workload with its per-seed
  // operation mix (README, "The rack workload").
  const CI: Array<[variant: string, invariant: string, from: number, seeds: number]> = [
    // Frequent (20-56% of seeds): every seed of the window fails.
    ['send-before-insert', 'no-total-loss', 47, 3],
    ['default-zero', 'replicas-converge', 31, 3],
    ['naive-alert-insert', 'deleted-alert-never-recreated', 17, 2],
    // 8% of seeds: two failing seeds in the window.
    ['naive-sitrep-read', 'loaded-sitrep-matches-inserted', 17, 2],
    ['tombstone', 'markers-bounded-after-heal', 40, 2],
    // Rare (1-5% of seeds): a window of one failing seed, the cheapest such seed.
    ['tombstone-unfiltered-readers', 'deleted-bundle-never-handed-out', 40, 1], // 1 of seeds 1-100 after the FM config loader merged (was 44)
    ['v1-delete', 'never-backwards', 49, 1],
    ['any-expunged', 'log-written-by-current-sec', 125, 1],
  ];
  for (const [variant, invariant, from, seeds] of CI) {
    it(`${variant} is caught by ${invariant} within seeds ${from}-${from + seeds - 1}`, async () => {
      expect(DESIGN_VARIANTS[variant].caughtBy).toContain(invariant);
      await expectVerdict(rackWorkload, variant, { from, seeds, invariant });
    }, T);
  }
});
