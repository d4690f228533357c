// A saga whose recovery fails transiently stays a recovery candidate (omicron
// saga_recovery.rs `abandon_non_transient_failed_sagas`: only a non-transient failure, as
// RecoveryFailureKind::classify says, abandons the saga). Nexus 0 creates a demo saga, crashes
// and restarts; the restarted Nexus's first log fetch fails once because the pool has no DB
// connection to give (ServiceUnavailable, the one error omicron retries; a query error would be an
// InternalError, permanent, and the saga abandoned, as in omicron), so the
// boot pass fails to recover the saga; the next pass must recover it, and it completes. Judged by
// the checker `every-saga-ends-done` over the saga table (every saga here is runnable).
// A module of its own so oracle-bites can import it afresh under a mutant.
import { SAGA_RECOVERY_TASK, ServiceUnavailableError } from '../../nexus/index.js';
import { everySagaEndsDone } from '../../scenarios/checkers/index.js';
import type { Db } from '../../sim/index.js';
import { sagaWorld, settle } from './fixture.js';

export interface TransientOutcome {
  /** The boot pass's failure, as the trace records it (permanent or not). */
  failures: { permanent: boolean; message: string }[];
  abandoned: string[];
  /** `every-saga-ends-done`'s verdict over the saga table once the saga was driven to its end. */
  endDone: string | undefined;
}

export async function transientRecoveryFailure(): Promise<TransientOutcome> {
  let failNextFetch = false;
  const wrapDb = (db: Db): Db => ({
    step: (label, fn) =>
      db.step(label, (sql) => {
        if (label === 'saga_fetch_log' && failNextFetch) {
          failNextFetch = false;
          throw new ServiceUnavailableError('Failed to access DB connection: Timeout');
        }
        return fn(sql);
      }),
    tx: (label, fn) => db.tx(label, fn),
  });
  const f = await sagaWorld({ wrapDb });
  const n = f.nexus[0];
  const endDone = everySagaEndsDone(f.world.sql);
  await settle(f.world, async () => {
    await n.start();
    const { saga_id, demo_saga_id } = await f.omdb.demoCreate(n);
    await f.omdb.ctx.clock.sleep(100);
    f.world.faults.crash(n.name);
    n.crash();
    await f.omdb.ctx.clock.sleep(1_000);
    failNextFetch = true;
    f.world.faults.restart(n.name);
    await n.start(); // the boot pass runs: its log fetch fails
    await f.omdb.activateAndWait(n, SAGA_RECOVERY_TASK); // a later pass (activated, as reassignment would)
    // Drive the saga to its end if anyone runs it; an abandoned saga is run by no one.
    if ((f.world.sql.prepare('SELECT saga_state FROM saga WHERE id = ?').get(saga_id) as { saga_state: string }).saga_state !== 'abandoned') {
      await f.omdb.completeWhenWaiting(n, demo_saga_id);
      await f.omdb.awaitSagaState(n, saga_id, 'succeeded');
    }
  });
  const trace = f.world.trace.lines!.map((l) => JSON.parse(l) as Record<string, unknown>);
  const verdict = await endDone.atEnd!();
  f.world.close();
  return {
    failures: trace.filter((e) => e.kind === 'saga.recovery_failed').map((e) => ({ permanent: e.permanent as boolean, message: e.message as string })),
    abandoned: trace.filter((e) => e.kind === 'saga.abandoned').map((e) => e.saga as string),
    endDone: verdict,
  };
}
