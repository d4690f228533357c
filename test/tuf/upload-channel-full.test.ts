// omicron's upload handler hands the repo to the replication task over `mpsc::channel(16)` and
// awaits `send`: with sixteen repos waiting behind an activation in flight, the seventeenth upload
// blocks until the task drains the channel. The handler runs under the fabric's hold (the clock
// stops while a request is served), so a wait the task must end has to let the clock run; seed
// 8730 of rack-workload hung forever on exactly this (an update storm on a laggy Nexus).
import { describe, expect, it } from 'vitest';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { UpdateOperator } from '../../scenarios/update-operator.js';
import { World, type TraceEvent } from '../../sim/index.js';

/** omicron nexus/src/app/mod.rs: `mpsc::channel(16)`; the test's own copy. */
const CHANNEL_CAPACITY = 16;
const sleds = (n: number) => Array.from({ length: n }, (_, i) => `sled-${i}`);

describe('an upload that finds the replication channel full', () => {
  it('waits for the task to drain it, then is answered, while the clock runs', async () => {
    const w = new World({ seed: 4 });
    const events: TraceEvent[] = [];
    const statuses: string[] = [];
    let finished = false;
    let failure: unknown;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 3, nexus: 1, design: 'generation' });
      w.trace.subscribe((ev) => events.push(ev));
      const n = t.rack.nexus[0];
      const op = UpdateOperator.onWorld(w);
      // The first upload's activation drains its repo, then stalls on the held sled links, so the
      // next uploads wait in the channel.
      w.faults.hold('nexus-0', sleds(t.rack.sleds.length));
      await op.upload(n, scenarioRepo(1, '1.0.0', 1));
      const more = Array.from({ length: CHANNEL_CAPACITY + 1 }, (_, i) => op.upload(n, scenarioRepo(2 + i, `2.0.${i}`, 1)));
      await w.sched.sleep(5_000);
      w.faults.release('nexus-0', sleds(t.rack.sleds.length));
      for (const r of await Promise.all(more)) statuses.push(r.status);
    };
    body().then(
      () => (finished = true),
      (e) => ((finished = true), (failure = e)),
    );
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    expect(failure).toBeUndefined();
    expect(statuses).toEqual(Array(CHANNEL_CAPACITY + 1).fill('inserted'));
    // Exactly one upload waited: its repo was inserted (handed to `send`) before the hold ended,
    // and it was answered only after a later activation of the task started (and drained).
    const at = (pred: (e: TraceEvent) => boolean) => events.findIndex(pred);
    const released = at((e) => e.kind === 'fault.release');
    const insertedBefore = events.filter((e, i) => i < released && e.kind === 'tuf.repo_inserted').length;
    expect(insertedBefore).toBe(1 + CHANNEL_CAPACITY + 1);
    const answers = events.filter((e) => e.kind === 'http.response' && e.node === 'operator');
    expect(answers).toHaveLength(1 + CHANNEL_CAPACITY + 1);
    expect(answers.filter((e) => events.indexOf(e) < released)).toHaveLength(1 + CHANNEL_CAPACITY);
    const lastAnswer = events.indexOf(answers[answers.length - 1]);
    const laterActivation = events.findIndex((e, i) => i > released && e.kind === 'bgtask.started' && e.task === 'tuf_artifact_replication');
    expect(laterActivation).toBeGreaterThan(released);
    expect(lastAnswer).toBeGreaterThan(laterActivation);
    w.close();
  });
});
