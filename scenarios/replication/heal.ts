// The heal phase every replication scenario ends with: faults stop (network, DB latency, crashed
// sleds restart, failed M.2s are replaced, depots recover), then every Nexus runs the task a few
// times, spaced so copies land in between. Liveness invariants are checked after this.
import type { TufRack } from './tuf-rack.js';

export const CONVERGE_ROUNDS = 3;
export const ROUND_GAP_MS = 30_000;

export async function healFaults(t: TufRack, depotFailing: readonly number[] = []): Promise<void> {
  const { rack } = t;
  rack.healNetwork();
  const world = rack.world;
  for (let i = 0; i < rack.sleds.length; i++) {
    const name = `sled-${i}`;
    if (world.faults.isDown(name)) await rack.restartSled(i);
    for (let d = 0; d < 2; d++) world.faults.m2Replaced(name, d);
  }
  for (const i of depotFailing) if (i >= 0) rack.sleds[i].setDepotFailing(false);
}

export async function converge(t: TufRack, rounds = CONVERGE_ROUNDS): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    await Promise.all(t.rack.nexus.filter((n) => n.running).map((n) => t.watch.activateAndWait(n)));
    await t.rack.world.sched.sleep(ROUND_GAP_MS);
  }
}
