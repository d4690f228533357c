// The scenario x variant verdicts over a fixed seed range: the generation design holds on every
// seed, and each seed shows why (the slow Nexus's activation aborts); v1-delete is caught by
// never-backwards and the first failing seed reproduces (expectVerdict re-runs it).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../scenarios/runner.js';
import { slowNexusDeletesFreshArtifacts } from '../../scenarios/replication/slow-nexus.js';
import type { TraceEvent, TraceEventOf } from '../../sim/index.js';
import { expectVerdict } from '../support/verdicts.js';

// Seed 8 is the first whose slow Nexus aborts on a newer listing rather than a 409.
const GENERATION_SEEDS = 8;
/** The slow Nexus: the scenario's A is the rack's first Nexus. */
const SLOW = 'nexus-0';

/** The `lifetime:` counter `name` of `nexus`'s task in the scenario's omdb report. */
function lifetimeCounter(report: string, nexus: string, name: string): number {
  const section = report.split(/^(?=nexus-\d+:$)/m).find((s) => s.startsWith(`${nexus}:`)) ?? '';
  const m = section.split('    lifetime:')[1]?.match(new RegExp(`^ {6}${name}: +(\\d+)$`, 'm'));
  if (!m) throw new Error(`no lifetime ${name} for ${nexus} in the report`);
  return Number(m[1]);
}

describe('slow-nexus-deletes-fresh-artifacts', () => {
  it('generation holds: the slow Nexus gets 409 CONFIG_GENERATION (or a newer listing) and aborts', async () => {
    let listedNewerSeeds = 0;
    for (let seed = 1; seed <= GENERATION_SEEDS; seed++) {
      const r = await runScenario(slowNexusDeletesFreshArtifacts, { seed, variant: 'generation', keepTrace: true });
      expect(r.violations.map((v) => `${v.invariant}: ${v.message}`), `seed ${seed}`).toEqual([]);
      expect(r.verdict).toBe('pass');
      const events = r.trace!.map((l) => JSON.parse(l) as TraceEvent);
      const slowAt = events.findIndex((e) => e.node === SLOW && e.kind === 'fault.slow');
      const aborted = events.filter((e, i): e is TraceEventOf<'tuf.activation'> => i > slowAt && e.node === SLOW && e.kind === 'tuf.activation' && e.outcome === 'aborted');
      expect(slowAt, `seed ${seed}: ${SLOW} turned slow`).toBeGreaterThanOrEqual(0);
      expect(aborted.length, `seed ${seed}: an activation of the slow ${SLOW} aborted`).toBeGreaterThan(0);
      // A listing at an older generation counts as a failed list, as in omicron.
      const listedNewer = aborted.filter((e) => !String(e.reason).includes('has a newer config')).length; // not the 409
      if (listedNewer === 0) continue;
      listedNewerSeeds++;
      expect(lifetimeCounter(r.report!, SLOW, 'list err'), `seed ${seed}`).toBeGreaterThanOrEqual(listedNewer);
    }
    expect(listedNewerSeeds, 'some seed aborts on a newer listing').toBeGreaterThan(0);
  });
  it('generation holds over a wider range (far sleds included)', async () => {
    await expectVerdict(slowNexusDeletesFreshArtifacts, 'generation', { seeds: 60 });
  });
  it('v1-delete is caught by never-backwards', async () => {
    const results = await expectVerdict(slowNexusDeletesFreshArtifacts, 'v1-delete', { seeds: 6, invariant: 'never-backwards' });
    expect(results.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3); // a good fraction, not a fluke
  });
});
