// The saga_recovery background task (nexus/src/app/background/tasks/saga_recovery.rs). Each
// pass: (a) list running/unwinding sagas assigned to this SEC, (b) *then* drain the sagas this
// process started, (c) plan, (d) recover serially from each saga's log, (e) abandon sagas whose
// recovery failed permanently (`unrecoverable`, conditional on current_sec), then check that the
// sagas inferred done are done in the SEC.
import type { BackgroundTaskDef } from '../bgtask/index.js';
import { iso } from '../db/time.js';
import type { NexusProcess } from '../process.js';
import { sagaContext, SAGA_RECOVERY_PERIOD_MS } from './context.js';
import { sagaAbandon, sagaFetchLog, sagaListRecoveryCandidates } from './datastore.js';
import { PermanentRecoveryError } from './executor.js';
import { applyPass, planRecovery } from './recovery-plan.js';
import { pushCapped, type RecoveryReport } from './recovery-report.js';

export const SAGA_RECOVERY_TASK = 'saga_recovery';

export function sagaRecoveryTask(p: NexusProcess): BackgroundTaskDef<RecoveryReport> {
  return {
    name: SAGA_RECOVERY_TASK,
    description: 'recovers sagas assigned to this Nexus',
    periodMs: SAGA_RECOVERY_PERIOD_MS,
    activate: () => recoveryPass(p),
  };
}

export async function recoveryPass(p: NexusProcess): Promise<RecoveryReport> {
  const { sec, rest, report } = sagaContext(p);
  const trace = (k: string, d: Record<string, unknown>) => p.ctx.trace(k, d);
  let rows;
  try {
    rows = await sagaListRecoveryCandidates(p.db, p.id);
  } catch (err) {
    report.last_pass = { Failed: { message: err instanceof Error ? err.message : String(err) } };
    return structuredClone(report);
  }
  for (const id of sec.drainStarted()) {
    rest.sagaStarted(id);
    report.ntotal_started++;
  }
  const plan = planRecovery(rest.sagas, rows);
  p.trace('saga_recovery.plan', {
    needs_recovery: plan.needsRecovery.map((r) => r.id),
    skipped_running: plan.skippedRunning,
    maybe_done: plan.maybeDone,
    inferred_done: plan.inferredDone,
  });

  const recovered: string[] = [];
  let nfailed = 0;
  for (const row of plan.needsRecovery) {
    try {
      const log = await sagaFetchLog(p.db, row.id);
      sec.resume(row, log);
      recovered.push(row.id);
      report.ntotal_recovered++;
      pushCapped(report.recent_recoveries, { time: iso(p.clock.now()), saga_id: row.id });
      p.trace('saga.recovered', { saga: row.id, sec: p.id, adopt_generation: row.adopt_generation, log_events: log.length });
    } catch (err) {
      nfailed++;
      report.ntotal_failures++;
      const permanent = err instanceof PermanentRecoveryError;
      const message = err instanceof Error ? err.message : String(err);
      pushCapped(report.recent_failures, { time: iso(p.clock.now()), saga_id: row.id, current_sec: row.current_sec, kind: permanent ? 'permanent' : 'transient', message });
      p.trace('saga.recovery_failed', { saga: row.id, permanent, message });
      if (permanent) await sagaAbandon(p.db, trace, p.clock.now(), p.id, row.id, 'unrecoverable', message);
    }
  }

  // recovery_check_done: a saga inferred done must be done in the SEC.
  for (const id of plan.inferredDone) {
    const v = sec.view(id);
    if (!v) report.ntotal_sec_errors_missing++;
    else if (v.state !== 'succeeded' && v.state !== 'failed') report.ntotal_sec_errors_bad_state++;
  }
  report.ntotal_finished += plan.inferredDone.length;
  applyPass(rest, plan, recovered);
  report.last_pass = {
    Success: {
      nfound: plan.needsRecovery.length + plan.skippedRunning.length,
      nrecovered: recovered.length,
      nfailed,
      nskipped: plan.skippedRunning.length,
      nremoved: plan.inferredDone.length,
    },
  };
  return structuredClone(report);
}
