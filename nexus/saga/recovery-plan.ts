// The recovery plan (omicron crate nexus-saga-recovery): which sagas a pass must recover, which
// are already running here, and which have finished. A saga this process started but that the
// DB listing did not show is only *maybe* done: it may have been started after the listing. It
// is inferred done only if it is absent again on the next pass.
import type { SagaRow } from './types.js';

export type KnownState = 'running' | 'maybe_done';

/** What recovery remembers between passes: sagas known to be running in this process. */
export class RestState {
  readonly sagas = new Map<string, KnownState>();

  sagaStarted(id: string): void {
    this.sagas.set(id, 'running');
  }
}

export interface RecoveryPlan {
  /** In the DB, assigned to us, not known to be running here. */
  needsRecovery: SagaRow[];
  /** In the DB and already running here. */
  skippedRunning: string[];
  /** Known here but absent from the DB listing for the first time. */
  maybeDone: string[];
  /** Absent from the DB listing for the second pass in a row: finished. */
  inferredDone: string[];
}

/**
 * `insertsInFlight` (the `in-flight-creates-kept` fix; omicron passes none): sagas whose insert
 * had not returned when the listing began. Missing from that listing says nothing about them, so
 * they stay maybe done instead of being inferred done.
 */
export function planRecovery(known: ReadonlyMap<string, KnownState>, dbSagas: readonly SagaRow[], insertsInFlight?: ReadonlySet<string>): RecoveryPlan {
  const inDb = new Set(dbSagas.map((r) => r.id));
  const plan: RecoveryPlan = { needsRecovery: [], skippedRunning: [], maybeDone: [], inferredDone: [] };
  for (const id of [...known.keys()].sort()) {
    if (inDb.has(id)) plan.skippedRunning.push(id);
    else if (known.get(id) === 'running' || insertsInFlight?.has(id)) plan.maybeDone.push(id);
    else plan.inferredDone.push(id);
  }
  for (const row of dbSagas) if (!known.has(row.id)) plan.needsRecovery.push(row);
  return plan;
}

/** Folds a finished pass into the rest state. */
export function applyPass(rest: RestState, plan: RecoveryPlan, recovered: readonly string[]): void {
  for (const id of plan.skippedRunning) rest.sagas.set(id, 'running');
  for (const id of plan.maybeDone) rest.sagas.set(id, 'maybe_done');
  for (const id of plan.inferredDone) rest.sagas.delete(id);
  for (const id of recovered) rest.sagas.set(id, 'running');
}
