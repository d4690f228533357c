import { describe, expect, it } from 'vitest';
import { alertResurrection } from '../../scenarios/alert-resurrection.js';
import { expectVerdict } from '../support/verdicts.js';

describe('alert-resurrection', () => {
  it('generation-marker (omicron today) never re-creates a deleted alert and collects its markers', async () => {
    await expectVerdict(alertResurrection, 'generation-marker', { seeds: 60 });
  });

  it('tombstone never re-creates a deleted alert and collects its tombstones', async () => {
    await expectVerdict(alertResurrection, 'tombstone', { seeds: 60 });
  });

  it('naive is caught: the laggy Nexus re-creates the deleted alert, reproducibly', async () => {
    const results = await expectVerdict(alertResurrection, 'naive', { seeds: 8, invariant: 'deleted-alert-never-recreated' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3);
  });
});
