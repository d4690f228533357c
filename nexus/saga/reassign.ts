// Blueprint execution's "Reassign sagas" step (nexus/reconfigurator/execution/src/sagas.rs), run
// by a live Nexus: unfinished sagas of expunged Nexus zones of *this* Nexus generation move to this
// SEC (and saga recovery is activated if any moved); running/unwinding sagas of expunged zones of
// an older generation are abandoned as `orphaned`. Which expunged zones count is the plugin's
// ReassignRule: omicron takes only zones the blueprint marks ready for cleanup (confirmed shut
// down), since `sagas_reassign_sec` is only safe if the old SEC is no longer running.
import type { TraceFn } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import { sagaContext } from './context.js';
import { sagasAbandonOrphans, sagasReassignSec } from './datastore.js';
import { findExpungedNexusIds } from './nexus-zones.js';
import { SAGA_RECOVERY_TASK } from './recovery-task.js';

export interface ReassignResult {
  reassigned: number;
  orphaned: number;
  needsSagaRecovery: boolean;
}

export async function reassignSagasFromExpunged(p: NexusProcess): Promise<ReassignResult> {
  const trace: TraceFn = (k, d) => p.ctx.trace(k, d);
  const rule = sagaContext(p).opts.reassignment;
  const { same, older } = await findExpungedNexusIds(p.db, p.id, rule);
  const reassigned = await sagasReassignSec(p.db, trace, p.clock.now(), same, p.id);
  const orphaned = await sagasAbandonOrphans(p.db, trace, p.clock.now(), older);
  const needsSagaRecovery = reassigned > 0;
  p.trace('blueprint.reassign_sagas', { rule, from: same, orphans_of: older, reassigned, orphaned, needs_saga_recovery: needsSagaRecovery });
  if (needsSagaRecovery) p.tasks.activate(SAGA_RECOVERY_TASK);
  return { reassigned, orphaned, needsSagaRecovery };
}
