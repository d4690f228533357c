import { describe, expect, it } from 'vitest';
import { applyPass, planRecovery, recoveryPass, RestState, sagaContext, startDemoSaga, type SagaRow } from '../../nexus/index.js';
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
