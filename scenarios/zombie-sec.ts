// zombie-sec: Nexus 2 runs a multi-node demo saga; the operator completes its wait, then Nexus 2
// is cut off from Nexus 1 and the operator (but still reaches the DB, slowly) and expunged. Blueprint
// execution on Nexus 1 reassigns the saga and recovers it, while Nexus 2 keeps executing it.
// unfenced (omicron today): node-event writes are not conditional on the SEC, so both SECs write
// the log and run the saga's next nodes. fenced: every write checks current_sec and
// adopt_generation; Nexus 2's first write after the adoption is rejected and it stops.
import { reassignSagasFromExpunged, sagaPlugin, startDemoSaga, type Fencing } from '../nexus/index.js';
import { actionInOneSec, logWrittenByCurrentSec, sagasEndDone } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient, OMDB_NODE } from './saga-client.js';
import { omdbViewsText, sagaLogText } from './saga-report.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const zombieSec: ScenarioDef = {
  name: 'zombie-sec',
  summary: 'an expunged Nexus that keeps running writes the saga log and runs actions alongside the SEC that adopted its saga',
  variants: ['unfenced', 'fenced'],
  expected: { unfenced: 'caught', fenced: 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minSleds: 0, minNexus: 2 },
  knobs: (rng) => ({
    ...baseKnobs(rng, { maxSkewMs: 2_000 }),
    step_ms: rng.int(200, 3_000),
    nexus2_db_slow_ms: rng.int(50, 3_000),
    expunge_after_ms: rng.int(0, 15_000),
  }),

  async setup({ world, sleds, nexus, knobs, variant }) {
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin({ fencing: variant as Fencing })], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    const omdb = LockstepClient.onWorld(world);
    const [n1, n2] = rack.nexus;
    let ids = { saga_id: '', demo_saga_id: '' };
    let moved = 0;
    let views = '';
    const slow = Number(knobs.nexus2_db_slow_ms);

    const script = defineScript('zombie-sec', [
      {
        name: 'nexus-2-starts-a-multi-node-saga',
        run: async () => {
          ids = await startDemoSaga(n2.process, 'demo_steps', { step_ms: Number(knobs.step_ms) });
          await omdb.ctx.clock.sleep(1_000);
        },
      },
      {
        name: 'nexus-2-slows-and-demo-completes',
        run: async () => {
          world.dbLatency.setSlow(n2.name, { kind: 'uniform', min: Math.ceil(slow / 2), max: slow });
          const a = await omdb.demoComplete(n2, ids.demo_saga_id);
          if (a.status !== 204) throw new Error(`demo-complete on ${n2.name}: ${a.status}`);
        },
      },
      {
        name: 'partition-and-expunge-nexus-2',
        run: async () => {
          world.net.partition.isolateFrom(n2.name, [n1.name, OMDB_NODE]);
          world.emit('script', 'fault.partition', { node: n2.name, from: [n1.name, OMDB_NODE] });
          await omdb.ctx.clock.sleep(Number(knobs.expunge_after_ms));
        },
      },
      {
        name: 'nexus-1-reassigns-sagas',
        run: async () => {
          moved = (await reassignSagasFromExpunged(n1.process, [{ id: n2.id, generation: n2.opts.generation }])).reassigned;
        },
      },
      {
        name: 'operator-finishes-on-nexus-1',
        run: async () => {
          if (moved === 0) return; // Nexus 2 finished the saga before it was expunged
          for (let i = 0; i < 300; i++) {
            const a = await omdb.saga(n1, ids.saga_id);
            if (a.status === 200 && a.body!.state === 'succeeded') return;
            // Recovered at its wait node: complete it (404 until the wait is registered).
            if (a.status === 200) await omdb.demoComplete(n1, ids.demo_saga_id);
            await omdb.ctx.clock.sleep(1_000);
          }
          throw new Error(`saga ${ids.saga_id} never succeeded on ${n1.name}`);
        },
      },
      {
        name: 'heal-stop-nexus-2',
        run: async () => {
          views = omdbViewsText(world, rack.nexus); // both SECs' views before Nexus 2 is stopped
          rack.crashNexus(1);
          rack.healNetwork();
          await omdb.ctx.clock.sleep(10_000);
        },
      },
    ]);

    return {
      script,
      invariants: [actionInOneSec(), logWrittenByCurrentSec(), sagasEndDone(world.sql)],
      // On a violation the run stops early: then the views are taken where it stopped.
      report: () => [sagaLogText(world, rack.nexus, ids.saga_id), '', views || omdbViewsText(world, rack.nexus)].join('\n'),
    };
  },
};
