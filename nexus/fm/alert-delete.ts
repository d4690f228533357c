// An operator deleting (dismissing) an alert. NOT in omicron yet: there is no alert delete path
// there (no datastore delete, no DELETE /v1/alerts/{id}); the marker guard is forward-looking for
// exactly this. The scenarios model it so the resurrection race can be exercised.
import type { Db, TraceFn } from '../../sim/index.js';
import type { AlertDesign } from './types.js';
import { q } from './stmt.js';

/** True if a live alert was deleted. */
export async function alertDelete(db: Db, design: AlertDesign, alertId: string, now: string, emit: Emit): Promise<boolean> {
  return db.step(design === 'tombstone' ? 'alert_delete.tombstone' : 'alert_delete', (sql) => {
    const deleted =
      design === 'tombstone'
        ? // PR #10368 `alert_delete`: tombstone an FM alert (case_id set); otherwise hard-delete a
          // non-FM one. (Two statements there; one step here, the second only if the first did nothing.)
          q(sql, 'UPDATE alert SET time_deleted = ?, time_modified = ? WHERE id = ? AND case_id IS NOT NULL AND time_deleted IS NULL').run(now, now, alertId).changes === 1 ||
          q(sql, 'DELETE FROM alert WHERE id = ? AND case_id IS NULL').run(alertId).changes === 1
        : // naive and generation-marker hard-delete; with markers, rendezvous_alert_created stays
          // behind and keeps the alert from coming back.
          q(sql, 'DELETE FROM alert WHERE id = ?').run(alertId).changes === 1;
    // Inside the statement, so checkers see the deletion at the instant it happened.
    if (deleted) emit('fm.alert.operator_deleted', { alert_id: alertId, design });
    return deleted;
  });
}

type Emit = TraceFn;
