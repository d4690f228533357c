// The scenario x variant verdicts over a fixed seed range: fixed designs hold on every seed;
// known-buggy ones are caught by the named invariant, and the first failing seed reproduces
// (expectVerdict re-runs it and compares trace hash and violations).
import { describe, it } from 'vitest';
import { replication } from '../../scenarios/replication/replication.js';
import { expectVerdict } from '../support/verdicts.js';

describe('replication', () => {
  // Small rack so the swarm faults (slow Nexus, sled crash, M.2 loss, partition, failing depot) bite.
  it('generation holds', async () => {
    await expectVerdict(replication, 'generation', { seeds: 16, sleds: 4 });
  });
  it('generation holds on a 3-sled rack (every sled needed for min_sled_replication)', async () => {
    await expectVerdict(replication, 'generation', { seeds: 3, sleds: 3 });
  });
  it('v1-delete holds', async () => {
    await expectVerdict(replication, 'v1-delete', { seeds: 16, sleds: 4 });
  });
});
