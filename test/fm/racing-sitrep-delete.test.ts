import { describe, expect, it } from 'vitest';
import { racingSitrepDelete } from '../../scenarios/racing-sitrep-delete.js';
import { expectVerdict } from '../support/verdicts.js';

describe('racing-sitrep-delete', () => {
  it('metadata-last (omicron today) never publishes a torn sitrep', async () => {
    await expectVerdict(racingSitrepDelete, 'metadata-last', { seeds: 50 });
  });

  it('transaction never publishes a torn sitrep', async () => {
    await expectVerdict(racingSitrepDelete, 'transaction', { seeds: 50 });
  });

  it('naive is caught publishing a torn sitrep, reproducibly', async () => {
    const results = await expectVerdict(racingSitrepDelete, 'naive', { seeds: 15, invariant: 'loaded-sitrep-matches-inserted' });
    // Found on a good fraction of seeds, not a lucky one.
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(5);
  });
});
