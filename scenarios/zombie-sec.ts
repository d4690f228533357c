// zombie-sec: Nexus 2 runs a multi-node demo saga; the operator completes its wait, then Nexus 2
// is cut off from Nexus 1 and the operator (but still reaches the DB, slowly) and the planner
// expunges its zone; its next pass checks the zone against inventory (still running: not ready for
// cleanup). Blueprint execution on Nexus 1 reassigns sagas from expunged Nexus zones;
// later the sled stops Nexus 2, inventory sees it gone, the planner marks the zone ready for
// cleanup and blueprint execution runs again.
// ready-for-cleanup (omicron today, nexus/reconfigurator/execution/src/sagas.rs): only zones
// confirmed shut down give up their sagas, so the saga stays with Nexus 2 while it runs; it either
// finishes there or moves once Nexus 2 is gone and completes on Nexus 1.
// any-expunged: no cleanup guard; the saga moves while Nexus 2 still runs it, and node-event writes
// are not conditional on the SEC, so both SECs write the log and run the saga's next nodes.
// fenced: any-expunged's reassignment, but every write checks current_sec and adopt_generation;
// Nexus 2's first write after the adoption is rejected and it stops.
import { reassignSagasFromExpunged, sagaPlugin, startDemoSaga, type Fencing, type ReassignRule, type SagaRow } from '../nexus/index.js';
import { actionInOneSec, logWrittenByCurrentSec, recoveryResumesOnlyForeignSagas, sagasEndDone } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { blueprintWithAllNexus, plannerChecksCleanup, plannerExpunges } from './saga-blueprint.js';
import { LockstepClient, OMDB_NODE } from './saga-client.js';
import { omdbViewsText, sagaLogText } from './saga-report.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

const DESIGNS: Record<string, { reassignment: ReassignRule; fencing: Fencing }> = {
  'ready-for-cleanup': { reassignment: 'ready-for-cleanup', fencing: 'unfenced' },
  'any-expunged': { reassignment: 'any-expunged', fencing: 'unfenced' },
  fenced: { reassignment: 'any-expunged', fencing: 'fenced' },
};

export const zombieSec: ScenarioDef = {
  name: 'zombie-sec',
  summary: 'an expunged Nexus that keeps running: its saga moves only once it is confirmed shut down (omicron), or at once and then both SECs run it',
  variants: ['ready-for-cleanup', 'any-expunged', 'fenced'],
  expected: { 'ready-for-cleanup': 'holds', 'any-expunged': 'caught', fenced: 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minSleds: 0, minNexus: 2 },
  knobs: (rng) => ({
    ...baseKnobs(rng, { maxSkewMs: 2_000 }),
    step_ms: rng.int(200, 3_000),
    nexus2_db_slow_ms: rng.int(50, 3_000),
    expunge_after_ms: rng.int(0, 15_000),
    shutdown_after_ms: rng.int(0, 20_000),
    // Inventory sees the zone gone well after the sled stopped it: longer than any statement
    // Nexus 2 had in flight (at most 2 x nexus2_db_slow_ms) takes to land.
    inventory_after_ms: rng.int(6_000, 60_000),
  }),

  async setup({ world, sleds, nexus, knobs, variant }) {
    const design = DESIGNS[variant];
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin(design)], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    blueprintWithAllNexus(world, rack.nexus);
    const omdb = LockstepClient.onWorld(world);
    const [n1, n2] = rack.nexus;
    let ids = { saga_id: '', demo_saga_id: '' };
    let views = '';
    const slow = Number(knobs.nexus2_db_slow_ms);
    const row = () => world.sql.prepare('SELECT * FROM saga WHERE id = ?').get(ids.saga_id) as SagaRow | undefined;

    // The operator drives a saga Nexus 1 now owns to the end (it may be recovered at its wait node).
    const finishOnNexus1 = async () => {
      for (let i = 0; i < 300; i++) {
        const r = row();
        if (!r || r.current_sec !== n1.id || r.saga_state === 'done') return;
        const a = await omdb.saga(n1, ids.saga_id);
        if (a.status === 200 && a.body!.state.state === 'succeeded') return;
        if (a.status === 200) await omdb.demoComplete(n1, ids.demo_saga_id); // 404 until the wait is registered
        await omdb.ctx.clock.sleep(1_000);
      }
      throw new Error(`saga ${ids.saga_id} never succeeded on ${n1.name}`);
    };

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
          world.faults.slow(n2.name, { kind: 'uniform', min: Math.ceil(slow / 2), max: slow }, { db: true });
          const a = await omdb.demoComplete(n2, ids.demo_saga_id);
          if (a.status !== 204) throw new Error(`demo-complete on ${n2.name}: ${a.status}`);
        },
      },
      {
        name: 'partition-and-expunge-nexus-2',
        run: async () => {
          world.faults.partition(n2.name, [n1.name, OMDB_NODE]);
          await plannerExpunges(n1, n2);
          await omdb.ctx.clock.sleep(Number(knobs.expunge_after_ms));
        },
      },
      // The planner's next pass checks the expunged zone against inventory, which still sees it
      // running: the zone must not be marked ready for cleanup (the guard the next step relies on).
      { name: 'planner-checks-cleanup-while-nexus-2-runs', run: async () => void (await plannerChecksCleanup(n1, n2)) },
      { name: 'nexus-1-executes-blueprint', run: async () => void (await reassignSagasFromExpunged(n1.process)) },
      { name: 'operator-finishes-on-nexus-1', run: finishOnNexus1 },
      {
        name: 'sled-stops-nexus-2',
        run: async () => {
          await omdb.ctx.clock.sleep(Number(knobs.shutdown_after_ms));
          views = omdbViewsText(world, rack.nexus); // both SECs' views before Nexus 2 is stopped
          rack.crashNexus(1);
          await omdb.ctx.clock.sleep(Number(knobs.inventory_after_ms));
        },
      },
      {
        name: 'planner-marks-nexus-2-ready-for-cleanup',
        run: async () => {
          if (!(await plannerChecksCleanup(n1, n2))) throw new Error(`${n2.name} not ready for cleanup after it stopped`);
        },
      },
      { name: 'nexus-1-executes-blueprint-again', run: async () => void (await reassignSagasFromExpunged(n1.process)) },
      { name: 'operator-finishes-on-nexus-1-after-cleanup', run: finishOnNexus1 },
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          await omdb.ctx.clock.sleep(10_000);
        },
      },
    ]);

    return {
      script,
      invariants: [actionInOneSec(), logWrittenByCurrentSec(), recoveryResumesOnlyForeignSagas(), sagasEndDone(world.sql)],
      // On a violation the run stops early: then the views are taken where it stopped.
      report: () => [sagaLogText(world, rack.nexus, ids.saga_id), '', views || omdbViewsText(world, rack.nexus)].join('\n'),
    };
  },
};
