import { describe, expect, it } from 'vitest';
import { tombstoneGcStall } from '../../scenarios/tombstone-gc-stall.js';
import { expectVerdict } from '../support/verdicts.js';

describe('tombstone-gc-stall', () => {
  it('generation-marker (omicron today) keeps collecting markers behind a failing subtask', async () => {
    await expectVerdict(tombstoneGcStall, 'generation-marker', { seeds: 60 });
  });

  it('tombstone is caught: the single progress tracker never advances, tombstones pile up', async () => {
    const results = await expectVerdict(tombstoneGcStall, 'tombstone', { seeds: 4, invariant: 'markers-bounded-after-heal' });
    for (const r of results) {
      const v = r.violations.find((x) => x.invariant === 'markers-bounded-after-heal');
      // One tombstone per dismissed alert of a closed case: grows with the churn, never collected.
      expect(v?.message).toMatch(new RegExp(`0 marker\\(s\\) \\+ ${r.config.churn_cases} tombstone\\(s\\) > 1 live`));
    }
  });
});
