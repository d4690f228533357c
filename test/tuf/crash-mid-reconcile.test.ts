// A sled that crashes in the middle of its delete pass keeps the rest of the pruned artifacts after
// it restarts: omicron's sled agent runs no pass at boot (the reconciler waits for a config change)
// and Nexus re-PUTs the same generation, which is no change. no-stale-artifacts reports it until a
// new generation (here, another upload) reaches the sled and its reconciler finishes the job.
import { describe, expect, it } from 'vitest';
import { tufRepoPrune, updatesPutRepository } from '../../nexus/index.js';
import { noStaleArtifacts } from '../../scenarios/checkers/index.js';
import { buildTufRack, scenarioRepo, type TufRack } from '../../scenarios/replication/tuf-rack.js';
import { World, type TraceEvent } from '../../sim/index.js';
import { DELETE_MS_PER_FILE } from '../../agents/index.js';

async function uploadAndReplicate(t: TufRack, version: string, artifacts: number): Promise<string> {
  const n = t.rack.nexus[0];
  const done = t.watch.completed(n);
  const { repoId } = await updatesPutRepository(n.process, scenarioRepo(7, version, artifacts));
  await done;
  await t.rack.world.sched.sleep(5_000);
  await t.watch.activateAndWait(n);
  await t.rack.world.sched.sleep(5_000);
  return repoId;
}

/** Crashes sled-0 at its first reconciler removal and restarts it `downMs` later (1 ms: inside the
 * pass's next 2 ms step; otherwise once the activation finished); returns what no-stale-artifacts
 * says after the same generation is re-PUT, and after the next generation. */
async function crashMidPass(downMs: number): Promise<{ seen: Array<string | undefined>; gens: Array<number | undefined> }> {
    const w = new World({ seed: 7 });
    const seen: Array<string | undefined> = [];
    const gens: Array<number | undefined> = [];
    let finished = false;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 3, nexus: 1, design: 'generation' });
      w.trace.subscribe((ev) => t.copies.observe(ev));
      const check = noStaleArtifacts(t.copies);
      const n = t.rack.nexus[0];
      const old = await uploadAndReplicate(t, '17.0.0', 6);
      await uploadAndReplicate(t, '18.0.0', 2);
      // sled-0 crashes at its first reconciler removal (12 files to go at 2 ms each).
      const quick = downMs < DELETE_MS_PER_FILE;
      const crashed = t.watch.waitFor('sled-0 reconciling', (ev: TraceEvent) => ev.node === 'sled-0' && ev.kind === 'artifact.removed' && ev.why === 'reconciler', undefined, () => {
        t.rack.crashSled(0);
        if (quick) void w.sched.sleep(downMs).then(() => t.rack.restartSled(0));
      });
      await tufRepoPrune(n.process.db, n.process.clock.now(), old);
      await t.watch.activateAndWait(n);
      await crashed;
      if (!quick) {
        await w.sched.sleep(downMs);
        await t.rack.restartSled(0);
      }
      gens.push(t.rack.sleds[0].config()?.generation);
      // Nexus pushes the same generation again: idempotent, no pass.
      await t.watch.activateAndWait(n);
      await w.sched.sleep(5_000);
      seen.push(check.atEnd!() as string | undefined);
      // A new upload is a new generation: the sled's reconciler runs and removes the leftovers.
      await uploadAndReplicate(t, '19.0.0', 1);
      gens.push(t.rack.sleds[0].config()?.generation);
      seen.push(check.atEnd!() as string | undefined);
    };
    body().then(
      () => (finished = true),
      (e) => ((finished = true), seen.push(`error: ${String(e)}`)),
    );
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    w.close();
    return { seen, gens };
}

describe('sled crash in the middle of a delete pass', () => {
  it('leaves pruned artifacts on disk, unlisted, until the next generation', async () => {
    const { seen, gens } = await crashMidPass(1_000);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^sled-0 still holds [0-9a-f]{12}, which no present repo lists$/);
    expect(seen[1]).toBeUndefined();
    expect(gens).toEqual([4, 5]); // uploads 17 and 18 (2, 3), the prune (4), upload 19 (5)
  });

  it('the pass of the crashed boot does not go on after an immediate restart', async () => {
    // Restarted 1 ms after the crash, inside the pass (2 ms per file): omicron's reconciler task died with
    // the process, so the leftovers stay until the next generation. Kills the reconciler's
    // per-step boot check dropped (the old pass would then finish the job under the new boot).
    const { seen, gens } = await crashMidPass(1);
    expect(seen[0]).toMatch(/^sled-0 still holds [0-9a-f]{12}, which no present repo lists$/);
    expect(seen[1]).toBeUndefined();
    expect(gens).toEqual([4, 5]);
  });
});
