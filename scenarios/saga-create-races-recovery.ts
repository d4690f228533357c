// saga-create-races-recovery: the operator creates demo sagas on a Nexus while saga recovery runs
// there (omdb activates the task within 15 ms either side of each creation, both real requests),
// with DB latency drawn per statement. A pass must never resume a saga its own process is running.
// announce-first (omicron): `saga_prepare` (nexus/src/app/saga.rs) sends the id to the recovery
// task before Steno inserts the row, and the pass (saga_recovery.rs `activate_internal`) lists the
// DB before it drains those ids, so a pass that lists the row knows the saga runs here.
// insert-first: the row is inserted before the id is sent; a pass can list the row and drain
// before the id arrives, and then "recovers" the saga its creator runs (Steno refuses the second
// copy: the running saga is abandoned as unrecoverable, or the creation request fails).
import { sagaPlugin, SAGA_RECOVERY_TASK, type CreateOrder } from '../nexus/index.js';
import { actionInOneSec, everySagaEndsDone, logWrittenByCurrentSec, recoveryResumesOnlyForeignSagas } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient } from './saga-client.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

const ROUNDS = 8;

export const sagaCreateRacesRecovery: ScenarioDef = {
  name: 'saga-create-races-recovery',
  summary: 'demo sagas created while saga recovery runs on the same Nexus: no pass resumes a saga its creator runs',
  variants: ['announce-first', 'insert-first'],
  expected: { 'announce-first': 'holds', 'insert-first': 'caught' },
  defaults: { sleds: 0, nexus: 1 },
  limits: { minSleds: 0, minNexus: 1 },
  knobs: (rng) => baseKnobs(rng, { maxDbMs: [4, 15] }),

  async setup({ world, sleds, nexus, knobs, variant }) {
    const createOrder = variant as CreateOrder;
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin({ createOrder })], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    const omdb = LockstepClient.onWorld(world);
    const n = rack.nexus[0];
    const offsets = world.rng.fork('script/offsets');
    const created: { saga_id: string; demo_saga_id: string }[] = [];

    const script = defineScript('saga-create-races-recovery', [
      // The boot pass is over before the race: from here passes run only when omdb asks (the
      // periodic one is 10 min away).
      { name: 'boot-recovery-pass', run: async () => void (await omdb.activateAndWait(n, SAGA_RECOVERY_TASK)) },
      {
        name: 'create-sagas-while-recovery-runs',
        run: async () => {
          for (let i = 0; i < ROUNDS; i++) {
            const d = offsets.int(-15, 16);
            await Promise.all([
              (async () => {
                await omdb.ctx.clock.sleep(Math.max(0, -d));
                // A failed creation is not thrown here: the invariant names what happened.
                const a = await omdb.tryCall<{ saga_id: string; demo_saga_id: string }>(n, 'POST', '/demo-saga');
                if (a.status === 200 && a.body) created.push(a.body);
              })(),
              (async () => {
                await omdb.ctx.clock.sleep(Math.max(0, d));
                await omdb.activate(n, [SAGA_RECOVERY_TASK]);
              })(),
            ]);
            await omdb.ctx.clock.sleep(offsets.int(100, 300));
          }
        },
      },
      {
        name: 'complete-every-saga',
        run: async () => {
          for (const ids of created) {
            await omdb.completeWhenWaiting(n, ids.demo_saga_id);
            await omdb.awaitSagaState(n, ids.saga_id, 'succeeded');
          }
        },
      },
      {
        name: 'two-recovery-passes',
        run: async () => {
          await omdb.activateAndWait(n, SAGA_RECOVERY_TASK);
          await omdb.activateAndWait(n, SAGA_RECOVERY_TASK);
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      invariants: [recoveryResumesOnlyForeignSagas(), actionInOneSec(), logWrittenByCurrentSec(), everySagaEndsDone(world.sql)],
    };
  },
};
