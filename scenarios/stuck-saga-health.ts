// stuck-saga-health: the stuck-saga health check, done at request time against the saga table.
// A saga left over from an older Nexus (unwinding, of a saga type this Nexus cannot run) fails
// recovery permanently and is abandoned (`unrecoverable`), so it is not reported forever
// (omicron issue #10531). A demo saga left running is reported once it is older than the
// threshold by the checking Nexus's clock (checked at 13 and 17 min: clocks skew by up to a minute each), and no longer after
// demo-complete. A second leftover, unwinding and two hours old, is reported stuck until recovery
// abandons it (the report covers unwinding sagas, not only running ones).
import { iso, sagaPlugin, SAGA_RECOVERY_TASK, stuckSagasText, type SagaRow } from '../nexus/index.js';
import { SIM_EPOCH_MS } from '../sim/index.js';
import { sagasEndDone, stuckIffOld } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient } from './saga-client.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const stuckSagaHealth: ScenarioDef = {
  name: 'stuck-saga-health',
  summary: 'running/unwinding sagas older than the threshold are reported stuck; an unrecoverable one is abandoned, not reported forever',
  variants: ['threshold-15m'],
  expected: { 'threshold-15m': 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minSleds: 0, minNexus: 2 },
  knobs: (rng) => baseKnobs(rng, { maxSkewMs: 60_000 }),

  async setup({ world, sleds, nexus, knobs, variant }) {
    // The variant names omicron's threshold; the Nexus runs with the code's default.
    void variant;
    const rack = await Rack.build(world, {
      sleds,
      nexus,
      plugins: [sagaPlugin()],
      maxSkewMs: Number(knobs.clock_skew_max_ms),
      startNexus: false,
      register: false,
    });
    const [n1, n2] = rack.nexus;
    // A leftover from an older Nexus, adopted by Nexus 1: unwinding, of a saga type nothing runs.
    const created = iso(SIM_EPOCH_MS - 2 * 3_600_000);
    const insertLeftover = (id: string) =>
      world.sql
        .prepare(
          `INSERT INTO saga (id, creator, time_created, name, saga_dag, saga_state, current_sec, adopt_generation, adopt_time)
           VALUES (?, ?, ?, 'instance_migrate_v0', '{"name":"instance_migrate_v0","params":{},"nodes":["migrate"]}', 'unwinding', ?, 2, ?)`,
        )
        .run(id, world.rng.fork('fixtures').uuid(), created, n1.id, created);
    const leftover = world.rng.fork('fixtures').uuid();
    insertLeftover(leftover);
    const laterLeftover = world.rng.fork('fixtures/later').uuid();
    for (const n of rack.nexus) await n.start();
    const omdb = LockstepClient.onWorld(world);
    let ids = { saga_id: '', demo_saga_id: '' };
    const texts: string[] = [];
    const at = (ms: number) => omdb.ctx.clock.sleep(Math.max(0, SIM_EPOCH_MS + ms - world.now));
    const check = async (label: string, expected: string[]) => {
      const r = await omdb.stuckSagas(n1);
      texts.push(`$ GET /health/stuck-sagas   (${n1.name}, ${label})`, stuckSagasText(r), '');
      const got = r.stuck_sagas.map((s) => s.id).sort();
      if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) throw new Error(`${label}: stuck sagas [${got.join(', ')}], expected [${expected.join(', ')}]`);
    };

    const script = defineScript('stuck-saga-health', [
      {
        name: 'recovery-abandons-the-unrecoverable-saga',
        run: async () => {
          await omdb.activateAndWait(n1, SAGA_RECOVERY_TASK);
          const row = world.sql.prepare('SELECT saga_state, abandon_reason FROM saga WHERE id = ?').get(leftover) as SagaRow;
          if (row.saga_state !== 'abandoned' || row.abandon_reason !== 'unrecoverable') throw new Error(`leftover saga is ${row.saga_state}/${row.abandon_reason}`);
        },
      },
      {
        // Another one left behind (inserted now, as another Nexus's hand-off would): reported while
        // it is unwinding, until the next recovery pass abandons it.
        name: 'unwinding-leftover-reported-until-abandoned',
        run: async () => {
          insertLeftover(laterLeftover);
          await check('unwinding leftover', [laterLeftover]);
          await omdb.activateAndWait(n1, SAGA_RECOVERY_TASK);
          await check('leftover abandoned', []);
        },
      },
      { name: 'demo-saga-on-nexus-2', run: async () => { ids = await omdb.demoCreate(n2); } },
      { name: 'check-at-10m', run: async () => { await at(10 * 60_000); await check('10m after creation', []); } },
      { name: 'check-at-13m', run: async () => { await at(13 * 60_000); await check('13m after creation', []); } },
      { name: 'check-at-17m', run: async () => { await at(17 * 60_000); await check('17m after creation', [ids.saga_id]); } },
      { name: 'check-at-20m', run: async () => { await at(20 * 60_000); await check('20m after creation', [ids.saga_id]); } },
      {
        name: 'demo-complete-then-check',
        run: async () => {
          await omdb.completeWhenWaiting(n2, ids.demo_saga_id);
          await omdb.awaitSagaState(n2, ids.saga_id, 'succeeded');
          await check('after demo-complete', []);
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      invariants: [stuckIffOld(world.sql, (node) => world.node(node).clock.now()), sagasEndDone(world.sql)],
      report: () => texts.join('\n'),
    };
  },
};
