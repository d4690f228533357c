import { describe, expect, it } from 'vitest';
import { deletedBundleVisible } from '../../scenarios/deleted-bundle-visible.js';
import { expectVerdict } from '../support/verdicts.js';

describe('deleted-bundle-visible', () => {
  it('filtered-readers never hand out a deleted bundle', async () => {
    await expectVerdict(deletedBundleVisible, 'filtered-readers', { seeds: 60 });
  });

  it('unfiltered-readers (PR #10368 as written) are caught handing one out, reproducibly', async () => {
    const results = await expectVerdict(deletedBundleVisible, 'unfiltered-readers', { seeds: 8, invariant: 'deleted-bundle-never-handed-out' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3);
  });
});
