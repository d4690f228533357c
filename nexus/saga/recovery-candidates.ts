// Steps (a) and (b) of a saga recovery pass (omicron nexus/src/app/background/tasks/saga_recovery.rs
// `activate_internal`): list the running/unwinding sagas assigned to this SEC, and only *then*
// drain the ids of sagas this process started (`update_started_sagas`), even if the listing
// failed. The order is the safety: `saga_prepare` announces a saga before its row exists, so a
// listing that shows the row was taken after the announcement, and the drain that follows it
// sees the id. Draining first would let a saga created during the listing look like one to
// recover. A module of its own so a test can swap the order (test/saga/oracle-bites.test.ts).
import type { NexusProcess } from '../process.js';
import { sagaListRecoveryCandidates } from './datastore.js';
import type { Sec } from './executor.js';
import type { SagaRow } from './types.js';

export interface PassInputs {
  /** The listing, or undefined if it failed (then `listError` says why). */
  rows: SagaRow[] | undefined;
  listError: unknown;
  /** Sagas this process started since the last drain. */
  started: string[];
  /** Sagas whose insert was in flight when the listing began (the listing may miss their rows). */
  insertsInFlight?: ReadonlySet<string>;
}

export async function listThenDrainStarted(p: NexusProcess, sec: Sec): Promise<PassInputs> {
  let rows: SagaRow[] | undefined;
  let listError: unknown;
  const insertsInFlight = sec.insertsInFlight();
  try {
    rows = await sagaListRecoveryCandidates(p.db, p.id);
  } catch (err) {
    listError = err;
  }
  return { rows, listError, started: sec.drainStarted(), insertsInFlight };
}
