// Every TUF replication scenario x variant gives its expected verdict over a fixed seed range:
// fixed designs hold on every seed; known-buggy ones are caught by the named invariant, and the
// first failing seed reproduces (expectVerdict re-runs it and compares trace hash and violations).
import { describe, expect, it } from 'vitest';
import { repoDepotPortZero } from '../../scenarios/replication/repo-depot-port-zero.js';
import { replication } from '../../scenarios/replication/replication.js';
import { slowNexusDeletesFreshArtifacts } from '../../scenarios/replication/slow-nexus.js';
import { uploadRace } from '../../scenarios/replication/upload-race.js';
import { expectVerdict } from '../support/verdicts.js';

describe('replication', () => {
  // Small rack so the swarm faults (slow Nexus, sled crash, M.2 loss, partition, failing depot) bite.
  it('generation holds', async () => {
    await expectVerdict(replication, 'generation', { seeds: 6, sleds: 4 });
  });
  it('v1-delete holds', async () => {
    await expectVerdict(replication, 'v1-delete', { seeds: 6, sleds: 4 });
  });
});

describe('slow-nexus-deletes-fresh-artifacts', () => {
  it('generation holds: the slow Nexus gets 409 CONFIG_GENERATION (or a newer listing) and aborts', async () => {
    await expectVerdict(slowNexusDeletesFreshArtifacts, 'generation', { seeds: 15 });
  });
  it('v1-delete is caught by never-backwards', async () => {
    const results = await expectVerdict(slowNexusDeletesFreshArtifacts, 'v1-delete', { seeds: 6, invariant: 'never-backwards' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3); // a good fraction, not a fluke
  });
});

describe('upload-race', () => {
  it('insert-then-send holds', async () => {
    await expectVerdict(uploadRace, 'insert-then-send', { seeds: 12 });
  });
  it('send-before-insert is caught by no-total-loss', async () => {
    await expectVerdict(uploadRace, 'send-before-insert', { seeds: 8, invariant: 'no-total-loss' });
  });
});

describe('repo-depot-port-zero', () => {
  it('default-12348 holds', async () => {
    await expectVerdict(repoDepotPortZero, 'default-12348', { seeds: 4 });
  });
  it('default-zero is caught by replicas-converge', async () => {
    await expectVerdict(repoDepotPortZero, 'default-zero', { seeds: 2, invariant: 'replicas-converge' });
  });
});
