// A config PUT that fails with anything but 409 CONFIG_GENERATION skips that sled, not the
// activation (omicron tuf_artifact_replication.rs: only the generation conflict is a Break; any
// other error leaves the sled treated as holding nothing). A sled with both M.2s dead answers every
// config PUT with 503 (no update dataset) for as long as it runs, so if such an error aborted the
// activation, no artifact would ever reach the healthy sleds. The check is on the sleds' holdings,
// not on the task's own account of the activation.
import { describe, expect, it } from 'vitest';
import { updatesPutRepository } from '../../nexus/index.js';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { World } from '../../sim/index.js';

describe('replication past a sled whose config PUT fails', () => {
  it('activations replicate to the healthy sleds while a diskless sled answers 503', async () => {
    const w = new World({ seed: 3 });
    const onSleds: number[][] = [];
    /** Config PUTs to the diskless sled, by request id, and the statuses they got. */
    const configPuts = new Set<number>();
    const statuses: number[] = [];
    let finished = false;
    let failure: unknown;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 3, nexus: 1, design: 'generation' });
      w.trace.subscribe((ev) => {
        t.copies.observe(ev);
        if (ev.kind === 'http.sent' && ev.to === 'sled-2' && ev.method === 'PUT' && String(ev.url).endsWith('/artifacts-config')) configPuts.add(ev.req as number);
        if (ev.kind === 'http.response' && configPuts.has(ev.req as number)) statuses.push(ev.status as number);
      });
      for (const disk of [0, 1]) {
        w.faults.m2Lost('sled-2', disk);
        t.rack.sleds[2].noticeDiskLoss(disk);
      }
      const n = t.rack.nexus[0];
      const repo = scenarioRepo(3, '17.0.0', 3);
      const done = t.watch.completed(n);
      await updatesPutRepository(n.process, repo);
      await done;
      await t.watch.activateAndWait(n);
      await w.sched.sleep(10_000);
      onSleds.push(repo.artifacts.map((a) => t.copies.onSleds(a.sha256)));
    };
    body().then(
      () => (finished = true),
      (e) => ((finished = true), (failure = e)),
    );
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    expect(failure).toBeUndefined();
    // The diskless sled refused every config PUT with 503, and still every artifact reached both
    // M.2s of both healthy sleds: 2 sleds x 2 datasets.
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect(onSleds).toEqual([[4, 4, 4]]);
    w.close();
  });
});
