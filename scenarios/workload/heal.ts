// The workload's heal phase: every fault stops (network, DB latency, partitions, crashed sleds and
// Nexus restart, M.2s are replaced, depots and bundle capacity recover), an expunged zone is
// stopped, confirmed and its sagas reassigned, the operator completes every open demo saga, and
// every Nexus runs its tasks a few times. Liveness invariants are checked after this.
import { FM_RENDEZVOUS, FM_SITREP_LOAD, reassignSagasFromExpunged, TUF_TASK_NAME } from '../../nexus/index.js';
import { activateAll, settleFm } from '../fm-support.js';
import { plannerChecksCleanup } from '../saga-blueprint.js';
import { restoreBundleCapacity, type WorkloadExecutor } from './exec.js';

const ROUNDS = 3;
const ROUND_GAP_MS = 30_000;
const SAGA_TRIES = 120;

export async function healWorkload(x: WorkloadExecutor): Promise<void> {
  const { rack, state } = x;
  const world = rack.world;
  rack.healNetwork();
  restoreBundleCapacity(rack, state);
  for (let i = 0; i < rack.sleds.length; i++) {
    const name = `sled-${i}`;
    if (world.faults.isDown(name)) await rack.restartSled(i);
    for (let d = 0; d < 2; d++) world.faults.m2Replaced(name, d);
    rack.sleds[i].setDepotFailing(false);
  }
  for (let j = 0; j < rack.nexus.length; j++) {
    state.crashedNexus.delete(j);
    if (!state.expunged.has(j) && !rack.nexus[j].running) await rack.restartNexus(j);
  }
  const live = rack.nexus.filter((_, j) => !state.expunged.has(j));
  for (const j of state.expunged) {
    if (rack.nexus[j].running) rack.crashNexus(j);
    await plannerChecksCleanup(live[0], rack.nexus[j]);
  }
  if (state.expunged.size > 0) await reassignSagasFromExpunged(live[0].process);
  await completeSagas(x);
  for (let r = 0; r < ROUNDS; r++) {
    activateAll(live, TUF_TASK_NAME);
    activateAll(live, FM_SITREP_LOAD);
    await world.sched.sleep(ROUND_GAP_MS);
    activateAll(live, FM_RENDEZVOUS);
    await world.sched.sleep(ROUND_GAP_MS);
  }
  await settleFm(world, live);
}

/** The operator completes each open demo saga through the Nexus that is its SEC now. */
async function completeSagas(x: WorkloadExecutor): Promise<void> {
  const world = x.rack.world;
  for (let i = 0; i < SAGA_TRIES; i++) {
    const open = world.sql.prepare("SELECT id, saga_dag FROM saga WHERE saga_state NOT IN ('done', 'abandoned')").all() as { id: string; saga_dag: string }[];
    if (open.length === 0) return;
    for (const { id, saga_dag } of open) {
      // The demo saga id from the saga's own params: a create whose Nexus crashed before it
      // answered left a saga the workload never heard of (omdb nexus sagas show has it too).
      const demoId = (JSON.parse(saga_dag) as { params?: { id?: string } }).params?.id;
      const n = x.currentSec(id);
      if (demoId && n) await x.omdb.tryCall(n, 'POST', `/demo-saga/${demoId}/complete`);
    }
    await world.sched.sleep(1_000);
  }
}
