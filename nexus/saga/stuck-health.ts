// The stuck-saga health check (omicron nexus/src/app/update.rs, an input of
// `/v1/system/update/status` contact_support): done at request time against the saga table, no
// inventory copy. "Now" is the checking Nexus's clock view, so its skew shows.
import { iso } from '../db/time.js';
import type { NexusProcess } from '../process.js';
import { sagaListRunningOrUnwindingOlderThan, STUCK_SAGA_LIMIT } from './datastore.js';
import type { SagaRow } from './types.js';

export interface StuckSaga {
  name: string;
  id: string;
  state: string;
  creator: string;
  current_sec: string | null;
  time_created: string;
}

export interface StuckSagaReport {
  checked_at: string;
  threshold_ms: number;
  limit: number;
  stuck_sagas: StuckSaga[];
}

export async function checkStuckSagas(p: NexusProcess, thresholdMs: number): Promise<StuckSagaReport> {
  const now = p.clock.now();
  const rows = await sagaListRunningOrUnwindingOlderThan(p.db, now - thresholdMs, (found: SagaRow[]) =>
    // Emitted at the instant of the query so a checker can compare with the table itself.
    p.ctx.trace('saga.stuck_check', { sec: p.id, now_ms: now, threshold_ms: thresholdMs, stuck: found.map((r) => r.id) }),
  );
  return {
    checked_at: iso(now),
    threshold_ms: thresholdMs,
    limit: STUCK_SAGA_LIMIT,
    stuck_sagas: rows.map((r) => ({ name: r.name, id: r.id, state: r.saga_state, creator: r.creator, current_sec: r.current_sec, time_created: r.time_created })),
  };
}
