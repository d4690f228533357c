import { describe, expect, it } from 'vitest';
import { racingSitrepDelete } from '../../scenarios/racing-sitrep-delete.js';
import { expectVerdict } from '../support/verdicts.js';

// 50 seeds take about 40 s of CPU; a busy 2-core machine can stretch that past the default 120 s.
const T = 240_000;

describe('racing-sitrep-delete', () => {
  it('metadata-last (omicron today) never publishes a torn sitrep', async () => {
    await expectVerdict(racingSitrepDelete, 'metadata-last', { seeds: 60 });
  }, T);

  it('transaction never publishes a torn sitrep', async () => {
    await expectVerdict(racingSitrepDelete, 'transaction', { seeds: 60 });
  }, T);

  it('naive is caught publishing a torn sitrep, reproducibly', async () => {
    const results = await expectVerdict(racingSitrepDelete, 'naive', { seeds: 15, invariant: 'loaded-sitrep-matches-inserted' });
    // Found on a good fraction of seeds, not a lucky one.
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(5);
  });
});
