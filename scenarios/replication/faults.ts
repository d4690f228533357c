// Swarm faults for the replication scenarios: the seed picks which faults a run gets (printed with
// the knobs) and when they strike. Each is one of the faults that matter to replication: a slow
// Nexus (DB and network latency on its node), a sled crash and restart, the loss of one M.2, a
// partition between a Nexus and some sleds, a failing repo depot. All stop at heal. Each but the
// depot is a named fault workload (scenarios/fault-workloads.ts) with knob-drawn parameters.
import type { Rng } from '../../sim/index.js';
import { runFault } from '../fault-workloads.js';
import type { Knobs } from '../types.js';
import type { TufRack } from './tuf-rack.js';

const P_FAULT = 0.4;

/** Draws the fault knobs; -1 means "not in this run". */
export function faultKnobs(rng: Rng, sleds: number, nexus: number): Knobs {
  const pick = (n: number) => (rng.chance(P_FAULT) ? rng.int(0, n) : -1);
  return {
    fault_slow_nexus: pick(nexus),
    slow_nexus_mean_ms: rng.int(50, 2001),
    fault_sled_crash: pick(sleds),
    sled_crash_at_ms: rng.int(0, 200),
    sled_down_ms: rng.int(1_000, 60_001),
    fault_m2_loss: pick(sleds),
    m2_loss_disk: rng.int(0, 2),
    m2_loss_at_ms: rng.int(0, 200),
    fault_partition_nexus: pick(nexus),
    partition_sleds: rng.int(1, Math.max(2, Math.ceil(sleds / 2))),
    fault_depot_failing: pick(sleds),
  };
}

/** Starts the knobs' faults now (some strike a little later); heal() in heal.ts undoes them. */
export function injectFaults(t: TufRack, k: Knobs): void {
  const { rack } = t;
  const world = rack.world;
  const slow = Number(k.fault_slow_nexus);
  if (slow >= 0) {
    const name = rack.nexus[slow].name;
    void runFault('slowNode', rack, { node: name, extra: { kind: 'exp', min: 0, mean: Number(k.slow_nexus_mean_ms) }, net: true, db: true });
  }
  const crash = Number(k.fault_sled_crash);
  if (crash >= 0) {
    world.sched.after(Number(k.sled_crash_at_ms), () => void runFault('attrition', rack, { sled: crash, downMs: Number(k.sled_down_ms) }));
  }
  const m2 = Number(k.fault_m2_loss);
  if (m2 >= 0) {
    world.sched.after(Number(k.m2_loss_at_ms), () => void runFault('m2Loss', rack, { sled: m2, disk: Number(k.m2_loss_disk) }));
  }
  const part = Number(k.fault_partition_nexus);
  if (part >= 0) {
    const cut = rack.sleds.slice(0, Number(k.partition_sleds)).map((_, i) => `sled-${i}`);
    void runFault('clogging', rack, { nexus: rack.nexus[part].name, sleds: cut, bothWays: true });
  }
  const depot = Number(k.fault_depot_failing);
  if (depot >= 0) rack.sleds[depot].setDepotFailing(true);
}
