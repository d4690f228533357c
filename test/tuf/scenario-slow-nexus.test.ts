// The scenario x variant verdicts over a fixed seed range: fixed designs hold on every seed;
// known-buggy ones are caught by the named invariant, and the first failing seed reproduces
// (expectVerdict re-runs it and compares trace hash and violations).
import { describe, expect, it } from 'vitest';
import { slowNexusDeletesFreshArtifacts } from '../../scenarios/replication/slow-nexus.js';
import { expectVerdict } from '../support/verdicts.js';

describe('slow-nexus-deletes-fresh-artifacts', () => {
  it('generation holds: the slow Nexus gets 409 CONFIG_GENERATION (or a newer listing) and aborts', async () => {
    await expectVerdict(slowNexusDeletesFreshArtifacts, 'generation', { seeds: 10 });
  });
  it('v1-delete is caught by never-backwards', async () => {
    const results = await expectVerdict(slowNexusDeletesFreshArtifacts, 'v1-delete', { seeds: 6, invariant: 'never-backwards' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3); // a good fraction, not a fluke
  });
});
