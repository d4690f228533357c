// A Nexus that crashes while its upload handler awaits a DB step: the handler never resumes (its
// Lifetime drops the step's result), and the operator's PUT fails with a reset at the crash, as a
// killed process's socket does. Found by the audit of the seed-8730 fix: the step's end took the
// request's hold back just before its result was dropped, and the clock stopped for good (the
// operator sets no deadline, so it would have waited for ever too).
import { describe, expect, it } from 'vitest';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { UpdateOperator } from '../../scenarios/update-operator.js';
import { World, type TraceEvent } from '../../sim/index.js';

describe('a Nexus crashing while an upload handler awaits a DB step', () => {
  it('the operator sees a reset at the crash, and the run goes on', async () => {
    const w = new World({ seed: 4 });
    const events: TraceEvent[] = [];
    let finished = false;
    let failure: unknown;
    let outcome = '';
    let crashedAt = 0;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 3, nexus: 1, design: 'generation' });
      const n = t.rack.nexus[0];
      w.trace.subscribe((ev) => {
        events.push(ev);
        if (ev.kind === 'tuf.upload_started' && n.running) {
          crashedAt = w.now;
          t.rack.crashNexus(0); // mid-handler: its tuf_repo insert is in flight
        }
      });
      outcome = await UpdateOperator.onWorld(w).upload(n, scenarioRepo(1, '1.0.0', 1)).then(
        () => 'answered',
        (e: unknown) => `failed: ${String(e)}`,
      );
      await w.sched.sleep(1_000);
    };
    body().then(
      () => (finished = true),
      (e) => ((finished = true), (failure = e)),
    );
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    expect(failure).toBeUndefined();
    expect(outcome).toMatch(/^failed/);
    const failed = events.flatMap((e) => (e.kind === 'http.failed' && e.node === 'operator' ? [[e.error, e.t]] : []));
    expect(failed).toEqual([['ECONNRESET', crashedAt]]);
    w.close();
  });
});


