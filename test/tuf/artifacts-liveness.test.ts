// The liveness checkers bite: a sled still holding an artifact of a pruned repo is a
// no-stale-artifacts violation until the next activation's config lets its reconciler delete it.
import { describe, expect, it } from 'vitest';
import { tufRepoPrune, updatesPutRepository } from '../../nexus/index.js';
import { noStaleArtifacts, replicasConverge } from '../../scenarios/checkers/index.js';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { World } from '../../sim/index.js';

describe('artifact liveness checkers', () => {
  it('no-stale-artifacts reports a sled holding a pruned hash, and clears once it is gone', async () => {
    const w = new World({ seed: 5 });
    const seen: Array<string | undefined> = [];
    let stale = '';
    let finished = false;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 2, nexus: 1, design: 'generation' });
      w.trace.subscribe((ev) => t.copies.observe(ev)); // what the runner's safety invariants do
      const check = noStaleArtifacts(t.copies);
      const converged = replicasConverge(t.copies);
      const n = t.rack.nexus[0];
      const repo = scenarioRepo(5, '17.0.0', 2);
      stale = repo.artifacts.map((a) => a.sha256).sort()[0]; // the checker reports the first in hash order
      const done = t.watch.completed(n);
      const { repoId } = await updatesPutRepository(n.process, repo);
      await done;
      await w.sched.sleep(5_000);
      await t.watch.activateAndWait(n);
      await w.sched.sleep(5_000);
      seen.push(check.atEnd!() as string | undefined, converged.atEnd!() as string | undefined);
      // Pruned in the DB, but no activation has pushed the new config: both sleds still hold it.
      await tufRepoPrune(n.process.db, n.process.clock.now(), repoId);
      seen.push(check.atEnd!() as string | undefined);
      await t.watch.activateAndWait(n);
      await w.sched.sleep(5_000);
      seen.push(check.atEnd!() as string | undefined);
    };
    body().then(
      () => (finished = true),
      (e) => ((finished = true), seen.push(`error: ${String(e)}`)),
    );
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    expect(seen).toHaveLength(4);
    const [beforePrune, convergedBefore, afterPrune, afterActivation] = seen;
    expect(beforePrune).toBeUndefined();
    expect(convergedBefore).toBeUndefined();
    expect(afterPrune).toMatch(new RegExp(`^sled-\\d still holds ${stale.slice(0, 12)}, which no present repo lists$`));
    expect(afterActivation).toBeUndefined();
    w.close();
  });
});
