// alert-create-race: omicron's one-statement SitrepGuardedInsert (and the tombstone design's
// guarded insert) keep a deleted alert deleted while a laggy Nexus's creation is in progress; the
// naive plain insert brings it back. The split guard/insert mutant is in oracle-bites.test.ts.
import { describe, it } from 'vitest';
import { alertCreateRace } from '../../scenarios/alert-create-race.js';
import { expectVerdict } from '../support/verdicts.js';

describe('alert-create-race', () => {
  it('generation-marker holds', () => expectVerdict(alertCreateRace, 'generation-marker', { seeds: 60 }), 120_000);
  it('tombstone holds', () => expectVerdict(alertCreateRace, 'tombstone', { seeds: 60 }), 120_000);
  it('naive is caught by deleted-alert-never-recreated', () => expectVerdict(alertCreateRace, 'naive', { seeds: 3, invariant: 'deleted-alert-never-recreated' }), 120_000);
});
