// The scenario x variant verdicts over a fixed seed range: fixed designs hold on every seed;
// known-buggy ones are caught by the named invariant, and the first failing seed reproduces
// (expectVerdict re-runs it and compares trace hash and violations).
import { describe, it } from 'vitest';
import { repoDepotPortZero } from '../../scenarios/replication/repo-depot-port-zero.js';
import { expectVerdict } from '../support/verdicts.js';

describe('repo-depot-port-zero', () => {
  it('default-12348 holds', async () => {
    await expectVerdict(repoDepotPortZero, 'default-12348', { seeds: 40 });
  });
  it('default-zero is caught by replicas-converge', async () => {
    await expectVerdict(repoDepotPortZero, 'default-zero', { seeds: 2, invariant: 'replicas-converge' });
  });
});
