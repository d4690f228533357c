import { describe, expect, it } from 'vitest';
import { tombstoneEarlySweep } from '../../scenarios/tombstone-early-sweep.js';
import { expectVerdict } from '../support/verdicts.js';

describe('tombstone-early-sweep', () => {
  it('generation-marker (omicron today): the laggy Nexus\'s old-generation insert is refused', async () => {
    await expectVerdict(tombstoneEarlySweep, 'generation-marker', { seeds: 60 });
  });

  it('tombstone (PR #10368) is caught: pruned history empties the sweep\'s NOT EXISTS and the alert comes back', async () => {
    const results = await expectVerdict(tombstoneEarlySweep, 'tombstone', { seeds: 6, invariant: 'deleted-alert-never-recreated' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3);
  });
});
