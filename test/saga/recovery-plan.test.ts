import { describe, expect, it } from 'vitest';
import { addNexusZones, applyPass, nexusZoneCheckReadyForCleanup, nexusZoneExpunge, planRecovery, reassignSagasFromExpunged, recoveryPass, RestState, sagaContext, startDemoSaga, type SagaRow } from '../../nexus/index.js';
import type { Db } from '../../sim/index.js';
import { sagaWorld, settle } from './fixture.js';

const row = (id: string): SagaRow =>
  ({ id, creator: 'c', time_created: '', name: 'demo', saga_dag: '{}', saga_state: 'running', current_sec: 'me', adopt_generation: 1, adopt_time: '' }) as SagaRow;

describe('recovery plan', () => {
  it('recovers DB sagas it does not know and skips the ones it runs', () => {
    const rest = new RestState();
    rest.sagaStarted('b');
    const plan = planRecovery(rest.sagas, [row('a'), row('b')]);
    expect(plan.needsRecovery.map((r) => r.id)).toEqual(['a']);
    expect(plan.skippedRunning).toEqual(['b']);
    expect(plan.maybeDone).toEqual([]);
    expect(plan.inferredDone).toEqual([]);
  });

  it('a saga started after the DB listing is only maybe done on the first pass', () => {
    const rest = new RestState();
    const listed: SagaRow[] = []; // (a) the listing ran before the saga was inserted
    rest.sagaStarted('s'); // (b) then the drain sees it started
    const first = planRecovery(rest.sagas, listed);
    expect(first.maybeDone).toEqual(['s']);
    expect(first.inferredDone).toEqual([]);
    applyPass(rest, first, []);
    // Next pass finds it in the DB: it is running here, not done.
    const second = planRecovery(rest.sagas, [row('s')]);
    expect(second.skippedRunning).toEqual(['s']);
    expect(second.needsRecovery).toEqual([]);
    applyPass(rest, second, []);
    // Once it is absent twice in a row it is inferred done.
    const third = planRecovery(rest.sagas, []);
    applyPass(rest, third, []);
    expect(third.maybeDone).toEqual(['s']);
    const fourth = planRecovery(rest.sagas, []);
    expect(fourth.inferredDone).toEqual(['s']);
    applyPass(rest, fourth, []);
    expect(rest.sagas.size).toBe(0);
  });

  it('in-flight-creates-kept: a saga whose insert was in flight at the listing stays maybe done, however many passes miss it', () => {
    const rest = new RestState();
    rest.sagaStarted('s');
    const inFlight = new Set(['s']);
    for (let pass = 0; pass < 3; pass++) {
      const plan = planRecovery(rest.sagas, [], inFlight);
      expect(plan).toMatchObject({ maybeDone: ['s'], inferredDone: [] });
      applyPass(rest, plan, []);
    }
    // Its insert has returned: the next listing shows it running; had it finished since, the two
    // listings after the insert would infer it done, as omicron does.
    expect(planRecovery(rest.sagas, [row('s')], new Set()).skippedRunning).toEqual(['s']);
    expect(planRecovery(rest.sagas, [], new Set()).inferredDone).toEqual(['s']);
  });

  it('the race end to end: a saga created while the pass lists the DB is not inferred done', async () => {
    let raceSaga: string | undefined;
    let armed = false;
    let start: (() => Promise<void>) | undefined;
    // The listing statement runs, then a saga is created and its start reported before the pass
    // drains sagas-started: the order that makes a just-started saga look finished.
    const wrapDb = (db: Db): Db => ({
      step: async (label, fn) => {
        const out = await db.step(label, fn);
        if (label === 'saga_list_recovery_candidates' && armed) {
          armed = false;
          await start!();
        }
        return out;
      },
      tx: (label, fn) => db.tx(label, fn),
    });
    const f = await sagaWorld({ wrapDb });
    const n = f.nexus[0];
    await settle(f.world, async () => {
      await n.start();
      await f.omdb.activateAndWait(n, 'saga_recovery');
      start = async () => {
        raceSaga = (await startDemoSaga(n.process)).saga_id;
      };
      armed = true;
      const report = await recoveryPass(n.process);
      expect(raceSaga).toBeDefined();
      expect(f.world.sql.prepare('SELECT saga_state FROM saga WHERE id = ?').get(raceSaga)).toEqual({ saga_state: 'running' });
      expect(report.ntotal_finished).toBe(0);
      expect(report.last_pass).toMatchObject({ Success: { nremoved: 0, nrecovered: 0 } });
      // The next pass sees it in the DB, running here: skipped, not recovered twice.
      const next = await recoveryPass(n.process);
      expect(next.last_pass).toMatchObject({ Success: { nfound: 1, nskipped: 1, nrecovered: 0, nremoved: 0 } });
      expect(sagaContext(n.process).sec.view(raceSaga!)?.state).toBe('running');
    });
    f.world.close();
  });
});

describe('recovery from the node-event log', () => {
  it('a restarted Nexus resumes its saga where the log left off: completed nodes are not re-run', async () => {
    const f = await sagaWorld();
    const n = f.nexus[0];
    await settle(f.world, async () => {
      await n.start();
      const { saga_id, demo_saga_id } = await startDemoSaga(n.process, 'demo_steps', { step_ms: 1_000 });
      await f.omdb.demoComplete(n, demo_saga_id);
      // Let node 0 and node 1 finish, then crash in the middle of node 2.
      await f.omdb.ctx.clock.sleep(1_500);
      f.world.faults.crash(n.name);
      n.crash();
      f.world.faults.restart(n.name);
      await n.start();
      await f.omdb.awaitSagaState(n, saga_id, 'succeeded');
      const started = f.world.trace.lines!.map((l) => JSON.parse(l)).filter((e) => e.kind === 'saga.action_started' && e.saga === saga_id);
      const runs = started.map((e) => e.node_id);
      // Nodes 0 and 1 ran once; node 2 was in flight at the crash and ran again; node 3 once.
      expect(runs).toEqual([0, 1, 2, 2, 3]);
      const report = sagaContext(n.process).report;
      expect(report.ntotal_recovered).toBe(1);
    });
    f.world.close();
  });
});

describe('reassignment on expungement', () => {
  const trace = () => undefined;

  it('moves unfinished sagas of a same-generation expunged Nexus once it is ready for cleanup, and abandons orphans of older ones', async () => {
    const f = await sagaWorld({ nexus: 2 });
    const [n1, n2] = f.nexus;
    const old = '11111111-1111-4111-8111-111111111111';
    addNexusZones(f.world.sql, [
      { id: n1.id, generation: 1 },
      { id: n2.id, generation: 1 },
      { id: old, generation: 0 },
    ]);
    await settle(f.world, async () => {
      await n1.start();
      await n2.start();
      const a = await startDemoSaga(n2.process);
      const b = await startDemoSaga(n2.process);
      const db = n1.process.db;
      // Expunged but still running: inventory says so, the zone is not ready, nothing moves.
      await nexusZoneExpunge(db, trace, n2.id);
      expect(await nexusZoneCheckReadyForCleanup(db, trace, n2.id, { zoneRunning: n2.running })).toBe(false);
      expect(await reassignSagasFromExpunged(n1.process)).toEqual({ reassigned: 0, orphaned: 0, needsSagaRecovery: false });
      f.world.faults.crash(n2.name);
      n2.crash();
      expect(await nexusZoneCheckReadyForCleanup(db, trace, n2.id, { zoneRunning: n2.running })).toBe(true);
      // Same generation, ready for cleanup: both move to n1 (adopt_generation 2) and are recovered there.
      const moved = await reassignSagasFromExpunged(n1.process);
      expect(moved).toEqual({ reassigned: 2, orphaned: 0, needsSagaRecovery: true });
      const rows = f.world.sql.prepare('SELECT id, current_sec, adopt_generation FROM saga ORDER BY id').all();
      expect(rows).toEqual([a.saga_id, b.saga_id].sort().map((id) => ({ id, current_sec: n1.id, adopt_generation: 2 })));
      await f.omdb.awaitSagaState(n1, a.saga_id, 'running');
      await f.omdb.completeWhenWaiting(n1, a.demo_saga_id);
      await f.omdb.awaitSagaState(n1, a.saga_id, 'succeeded');
      // Older generation: an unfinished saga of an expunged Nexus of generation 0 is orphaned, but
      // only once that zone too is ready for cleanup.
      f.world.sql
        .prepare(`INSERT INTO saga (id, creator, time_created, name, saga_dag, saga_state, current_sec, adopt_generation, adopt_time)
                  VALUES ('22222222-2222-4222-8222-222222222222', ?, 't', 'demo', '{}', 'running', ?, 1, 't')`)
        .run(old, old);
      await nexusZoneExpunge(db, trace, old);
      expect(await reassignSagasFromExpunged(n1.process)).toEqual({ reassigned: 0, orphaned: 0, needsSagaRecovery: false });
      expect(await nexusZoneCheckReadyForCleanup(db, trace, old, { zoneRunning: false })).toBe(true);
      const older = await reassignSagasFromExpunged(n1.process);
      expect(older).toEqual({ reassigned: 0, orphaned: 1, needsSagaRecovery: false });
      expect(f.world.sql.prepare('SELECT saga_state, abandon_reason FROM saga WHERE current_sec = ?').get(old)).toEqual({ saga_state: 'abandoned', abandon_reason: 'orphaned' });
      expect(f.world.sql.prepare('SELECT saga_state FROM saga WHERE id = ?').get(a.saga_id)).toEqual({ saga_state: 'done' });
      expect(f.world.sql.prepare('SELECT saga_state FROM saga WHERE id = ?').get(b.saga_id)).toEqual({ saga_state: 'running' });
    });
    f.world.close();
  });

  it('any-expunged takes sagas from a zone that is still running; a Nexus missing from the blueprint cannot reassign', async () => {
    const f = await sagaWorld({ nexus: 3, reassignment: 'any-expunged' });
    const [n1, n2, n3] = f.nexus;
    addNexusZones(f.world.sql, [
      { id: n1.id, generation: 1 },
      { id: n2.id, generation: 1 },
    ]);
    await settle(f.world, async () => {
      for (const n of f.nexus) await n.start();
      const a = await startDemoSaga(n2.process);
      await nexusZoneExpunge(n1.process.db, trace, n2.id);
      expect(n2.running).toBe(true);
      expect(await reassignSagasFromExpunged(n1.process)).toEqual({ reassigned: 1, orphaned: 0, needsSagaRecovery: true });
      expect(f.world.sql.prepare('SELECT current_sec FROM saga WHERE id = ?').get(a.saga_id)).toEqual({ current_sec: n1.id });
      await expect(reassignSagasFromExpunged(n3.process)).rejects.toThrow(/not a Nexus zone of the target blueprint/);
    });
    f.world.close();
  });
});
