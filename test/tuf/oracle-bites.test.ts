// The oracle bites: each realistic one-line change to a replication mechanism, applied by wrapping
// the mechanism's export (test/support/mutant.ts) and never by touching a checker, is caught by a
// scripted scenario's invariants, by the invariant of its own race. Seed counts cover the first
// failing seed with margin (measured over 20 seeds, uploads through the external API: min-sled
// 4/20 from seed 2, drain 19/20 from seed 1 (11/20 before repo 19 was sent at the activation's start), 409 ignored 7/20 from seed 6).
import { describe, it } from 'vitest';
import type { ScenarioDef } from '../../scenarios/types.js';
import { loadMutant, type Patch } from '../support/mutant.js';
import { expectVerdict } from '../support/verdicts.js';

type Common = typeof import('../../nexus/tuf/activation-common.js');
const common = (f: (o: Common) => Partial<Common>): Record<string, Patch> => ({ 'nexus/tuf/activation-common.ts': (o) => f(o as unknown as Common) as Record<string, unknown> });

/** The scenario as the mutant runs it, with the shipped design now expected to be caught. */
async function mutated(modules: Record<string, Patch>, file: string, name: string, variant: string): Promise<ScenarioDef> {
  const def = (await loadMutant<Record<string, ScenarioDef>>(modules, `scenarios/replication/${file}`))[name];
  return { ...def, expected: { ...def.expected, [variant]: 'caught' } };
}

describe('replication mutants', () => {
  it('dropping the local copy once one sled holds each artifact (min_sled_replication ignored) is caught by local-dropped-only-when-replicated', async () => {
    // `presence.sleds.size < min` with min 1: a repo is kept only while no sled has an artifact.
    const def = await mutated(common((o) => ({ attachAndCleanUpLocal: (p, s, inv) => o.attachAndCleanUpLocal(p, s, inv, 1) })), 'replication.ts', 'replication', 'generation');
    await expectVerdict(def, 'generation', { seeds: 8, sleds: 4, invariant: 'local-dropped-only-when-replicated' });
  });

  it('keeping the local copy until more than min_sled_replication sleds hold it (`<` -> `<=`) is caught on a 3-sled rack by no-local-repo-kept', async () => {
    const def = await mutated(common((o) => ({ attachAndCleanUpLocal: (p, s, inv, min) => o.attachAndCleanUpLocal(p, s, inv, min + 1) })), 'replication.ts', 'replication', 'generation');
    await expectVerdict(def, 'generation', { seeds: 2, sleds: 3, invariant: 'no-local-repo-kept' });
  });

  it('draining the upload channel after the config read (just before the local cleanup) is caught by local-dropped-only-when-replicated', async () => {
    const def = await mutated(
      common((o) => ({ drainChannel: () => undefined, attachAndCleanUpLocal: (p, s, inv, min) => (o.drainChannel(s), o.attachAndCleanUpLocal(p, s, inv, min)) })),
      'upload-race.ts',
      'uploadRace',
      'insert-then-send',
    );
    await expectVerdict(def, 'insert-then-send', { seeds: 4, invariant: 'local-dropped-only-when-replicated' });
  });

  it('going on after a sled answered the config PUT with 409 CONFIG_GENERATION (the Nexus-side abort lost) is caught by no-writes-on-superseded-config', async () => {
    const def = await mutated(common(() => ({ isConfigGenerationConflict: () => false })), 'slow-nexus.ts', 'slowNexusDeletesFreshArtifacts', 'generation');
    await expectVerdict(def, 'generation', { seeds: 8, invariant: 'no-writes-on-superseded-config' });
  });
});
