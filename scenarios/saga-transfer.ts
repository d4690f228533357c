// saga-transfer: a demo saga is created on Nexus 2; the planner expunges Nexus 2's zone, but
// blueprint execution on Nexus 1 leaves the saga alone while the zone could still be running
// (omicron reassigns only from zones ready for cleanup); the sled stops Nexus 2, inventory confirms
// it, the planner marks the zone ready for cleanup, and the next execution reassigns the saga
// (current_sec -> Nexus 1, adopt_generation + 1) and activates saga recovery there; Nexus 1 resumes
// it; demo-complete on Nexus 1; it succeeds.
import { omdbBackgroundTaskShow, omdbSagasList, omdbTerminal, reassignSagasFromExpunged, sagaPlugin, SAGA_RECOVERY_TASK, type SagaRow } from '../nexus/index.js';
import { blueprintWithAllNexus, plannerChecksCleanup, plannerExpunges } from './saga-blueprint.js';
import { actionInOneSec, logWrittenByCurrentSec, sagasEndDone } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient, lockstepUrl } from './saga-client.js';
import { sagaLogText } from './saga-report.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const sagaTransfer: ScenarioDef = {
  name: 'saga-transfer',
  summary: 'an expunged Nexus\'s unfinished saga is reassigned to a live Nexus, recovered there and completed',
  variants: ['default'],
  expected: { default: 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minSleds: 0, minNexus: 2 },
  knobs: (rng) => ({ ...baseKnobs(rng, { maxSkewMs: 2_000 }), stop_after_ms: rng.int(500, 3_000), inventory_after_ms: rng.int(5_000, 30_000) }),

  async setup({ world, sleds, nexus, knobs }) {
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin()], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    blueprintWithAllNexus(world, rack.nexus);
    const omdb = LockstepClient.onWorld(world);
    const [n1, n2] = rack.nexus;
    let ids = { saga_id: '', demo_saga_id: '' };
    let moved = 0;
    const texts: string[] = [];
    const row = () => world.sql.prepare('SELECT * FROM saga WHERE id = ?').get(ids.saga_id) as SagaRow | undefined;

    const script = defineScript('saga-transfer', [
      {
        name: 'create-demo-saga-on-nexus-2',
        run: async () => {
          ids = await omdb.demoCreate(n2);
          await omdb.ctx.clock.sleep(Number(knobs.stop_after_ms));
        },
      },
      {
        name: 'expunge-nexus-2-while-it-runs',
        run: async () => {
          await plannerExpunges(n1, n2);
          const early = (await reassignSagasFromExpunged(n1.process)).reassigned;
          if (early !== 0) throw new Error(`reassignment moved ${early} sagas from a zone that could still be running`);
        },
      },
      { name: 'sled-stops-nexus-2', run: async () => { rack.crashNexus(1); await omdb.ctx.clock.sleep(Number(knobs.inventory_after_ms)); } },
      {
        name: 'planner-marks-nexus-2-ready-for-cleanup',
        run: async () => {
          if (!(await plannerChecksCleanup(n1, n2))) throw new Error(`${n2.name} not ready for cleanup after it stopped`);
        },
      },
      {
        name: 'nexus-1-reassigns-sagas',
        run: async () => {
          moved = (await reassignSagasFromExpunged(n1.process)).reassigned;
          if (moved !== 1) throw new Error(`reassignment moved ${moved} sagas, expected 1`);
        },
      },
      { name: 'demo-complete-on-nexus-1', run: () => omdb.completeWhenWaiting(n1, ids.demo_saga_id) },
      {
        name: 'saga-succeeds-on-nexus-1',
        run: async () => {
          await omdb.awaitSagaState(n1, ids.saga_id, 'succeeded');
          const r = row()!;
          texts.push(`saga ${r.id}: state ${r.saga_state}, creator ${r.creator} (${n2.name}), current_sec ${r.current_sec} (${n1.name}), adopt_generation ${r.adopt_generation}`, '');
          texts.push(`$ omdb nexus sagas list   (${n1.name})`, omdbTerminal(omdbSagasList(await omdb.sagas(n1), lockstepUrl(n1))), '');
          texts.push(`$ omdb nexus background-tasks show saga_recovery   (${n1.name})`, omdbBackgroundTaskShow(await omdb.bgtask(n1, SAGA_RECOVERY_TASK), omdb.ctx.clock.now()));
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      invariants: [
        actionInOneSec(),
        logWrittenByCurrentSec(),
        sagasEndDone(world.sql),
        {
          name: 'saga-transferred',
          kind: 'liveness',
          description: 'the saga ends done with current_sec = Nexus 1 and adopt_generation 2',
          atEnd() {
            const r = row();
            if (!r) return 'saga row missing';
            if (r.current_sec !== n1.id || r.adopt_generation !== 2 || r.saga_state !== 'done') return `saga row: current_sec ${r.current_sec}, adopt_generation ${r.adopt_generation}, state ${r.saga_state}`;
            return undefined;
          },
        },
      ],
      report: () => [sagaLogText(world, rack.nexus, ids.saga_id), '', ...texts].join('\n'),
    };
  },
};
