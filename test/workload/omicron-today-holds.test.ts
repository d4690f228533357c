// omicron-today must hold beyond the 40 seeds rack-workload.test.ts sweeps with its marks: seeds
// 101-200 (the first hundred of the README's 10,000-seed bench, which all held), and seed 8730. In a file of its
// own so the two sweeps run on both CI workers.
import { describe, it } from 'vitest';
import { rackWorkload } from '../../scenarios/workload/rack-workload.js';
import { expectVerdict } from '../support/verdicts.js';

describe('rack-workload omicron-today over a second seed range', () => {
  it('holds over seeds 101-200', () => expectVerdict(rackWorkload, 'omicron-today', { from: 101, seeds: 100 }), 300_000);

  // The update storm that hung the session-4 bench: 17 uploads behind a stalled activation on a
  // laggy Nexus, the last one waiting on the full replication channel under its request's hold.
  it('holds on seed 8730, and finishes', () => expectVerdict(rackWorkload, 'omicron-today', { from: 8730, seeds: 1 }), 120_000);
});
