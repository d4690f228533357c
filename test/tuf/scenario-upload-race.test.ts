// The scenario x variant verdicts over a fixed seed range: fixed designs hold on every seed;
// known-buggy ones are caught by the named invariant, and the first failing seed reproduces
// (expectVerdict re-runs it and compares trace hash and violations).
import { describe, it } from 'vitest';
import { uploadRace } from '../../scenarios/replication/upload-race.js';
import { expectVerdict } from '../support/verdicts.js';

describe('upload-race', () => {
  it('insert-then-send holds', async () => {
    await expectVerdict(uploadRace, 'insert-then-send', { seeds: 30 });
  });
  it('send-before-insert is caught by no-total-loss', async () => {
    await expectVerdict(uploadRace, 'send-before-insert', { seeds: 8, invariant: 'no-total-loss' });
  });
});
