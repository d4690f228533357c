// The saga_recovery background task (nexus/src/app/background/tasks/saga_recovery.rs
// `activate_internal`), in omicron's order: (a) list running/unwinding sagas assigned to this SEC,
// (b) *then* drain the sagas this process started, even if the listing failed (a failed pass
// still counts them, `Report::update_after_failure`), (c) plan, (d) check that sagas inferred done
// are done in the SEC (`recovery_check_done`), (e) recover serially from each saga's log,
// (f) fold the pass into the rest state, (g) abandon sagas whose recovery failed permanently
// (`unrecoverable`, conditional on current_sec), (h) update the report (`update_after_pass`).
import type { TraceFn } from '../../sim/index.js';
import type { BackgroundTaskDef } from '../bgtask/index.js';
import { iso } from '../db/time.js';
import type { NexusProcess } from '../process.js';
import { sagaContext, SAGA_RECOVERY_PERIOD_MS } from './context.js';
import { sagaAbandon, sagaFetchLog } from './datastore.js';
import { classifyRecoveryFailure } from './executor.js';
import { listThenDrainStarted } from './recovery-candidates.js';
import { applyPass, planRecovery } from './recovery-plan.js';
import { pushCapped, type RecoveryFailure, type RecoveryReport, type RecoverySuccess } from './recovery-report.js';

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
  const { sec, rest, report, opts } = sagaContext(p);
  const trace: TraceFn = (k, d) => p.ctx.trace(k, d);
  const { rows, listError, started, insertsInFlight } = await listThenDrainStarted(p, sec);
  for (const id of started) rest.sagaStarted(id);
  report.ntotal_started += started.length;
  if (rows === undefined) {
    const message = `listing in-progress sagas for saga recovery: ${listError instanceof Error ? listError.message : String(listError)}`;
    report.last_pass = { Failed: { message } };
    p.trace('saga_recovery.failed', { message, nstarted: started.length });
    return structuredClone(report);
  }

  const plan = planRecovery(rest.sagas, rows, opts.doneInference === 'in-flight-creates-kept' ? insertsInFlight : undefined);
  p.trace('saga_recovery.plan', {
    needs_recovery: plan.needsRecovery.map((r) => r.id),
    skipped_running: plan.skippedRunning,
    maybe_done: plan.maybeDone,
    inferred_done: plan.inferredDone,
  });

  // recovery_check_done: a saga inferred done must be done in the SEC.
  for (const id of plan.inferredDone) {
    const v = sec.view(id);
    if (!v) report.ntotal_sec_errors_missing++;
    else if (v.state !== 'succeeded' && v.state !== 'failed') report.ntotal_sec_errors_bad_state++;
  }

  const recovered: RecoverySuccess[] = [];
  const failed: RecoveryFailure[] = [];
  for (const row of plan.needsRecovery) {
    try {
      const log = await sagaFetchLog(p.db, row.id);
      sec.resume(row, log);
      recovered.push({ time: iso(p.clock.now()), saga_id: row.id });
      p.trace('saga.recovered', { saga: row.id, sec: p.id, adopt_generation: row.adopt_generation, log_events: log.length });
    } catch (err) {
      const permanent = classifyRecoveryFailure(err) === 'permanent';
      const message = err instanceof Error ? err.message : String(err);
      failed.push({ time: iso(p.clock.now()), saga_id: row.id, current_sec: row.current_sec, kind: permanent ? 'permanent' : 'transient', message });
      p.trace('saga.recovery_failed', { saga: row.id, permanent, message });
    }
  }
  applyPass(rest, plan, recovered.map((r) => r.saga_id));
  const lastPass = {
    nfound: plan.needsRecovery.length + plan.skippedRunning.length,
    nrecovered: recovered.length,
    nfailed: failed.length,
    nskipped: plan.skippedRunning.length,
    nremoved: plan.inferredDone.length,
  };
  // A transient failure stays a candidate for the next pass; a permanent one is abandoned.
  for (const f of failed) if (f.kind === 'permanent') await sagaAbandon(p.db, trace, p.clock.now(), p.id, f.saga_id, 'unrecoverable', f.message);

  report.last_pass = { Success: lastPass };
  for (const r of recovered) pushCapped(report.recent_recoveries, r);
  for (const f of failed) pushCapped(report.recent_failures, f);
  report.ntotal_recovered += recovered.length;
  report.ntotal_failures += failed.length;
  report.ntotal_finished += plan.inferredDone.length;
  return structuredClone(report);
}
