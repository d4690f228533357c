// Blueprint execution's "Reassign sagas" step (nexus/reconfigurator/execution/src/sagas.rs), run
// by a live Nexus: unfinished sagas of expunged Nexus zones of *this* Nexus generation move to this
// SEC (and saga recovery is activated if any moved); running/unwinding sagas of expunged zones of
// an older generation are abandoned as `orphaned`.
import type { NexusProcess } from '../process.js';
import { sagasAbandonOrphans, sagasReassignSec } from './datastore.js';
import { SAGA_RECOVERY_TASK } from './recovery-task.js';

export interface ExpungedNexus {
  id: string;
  generation: number;
}

export interface ReassignResult {
  reassigned: number;
  orphaned: number;
  needsSagaRecovery: boolean;
}

export async function reassignSagasFromExpunged(p: NexusProcess, expunged: readonly ExpungedNexus[]): Promise<ReassignResult> {
  const trace = (k: string, d: Record<string, unknown>) => p.ctx.trace(k, d);
  const gen = p.identity.generation;
  const same = expunged.filter((e) => e.generation === gen && e.id !== p.id).map((e) => e.id);
  const older = expunged.filter((e) => e.generation < gen).map((e) => e.id);
  const reassigned = await sagasReassignSec(p.db, trace, p.clock.now(), same, p.id);
  const orphaned = await sagasAbandonOrphans(p.db, trace, p.clock.now(), older);
  const needsSagaRecovery = reassigned > 0;
  p.trace('blueprint.reassign_sagas', { from: same, orphans_of: older, reassigned, orphaned, needs_saga_recovery: needsSagaRecovery });
  if (needsSagaRecovery) p.tasks.activate(SAGA_RECOVERY_TASK);
  return { reassigned, orphaned, needsSagaRecovery };
}
