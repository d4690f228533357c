// The reconfigurator as the saga scenarios drive it: the target blueprint starts with every Nexus
// zone in service; the planner (run by a live Nexus) expunges a zone, and later checks inventory to
// mark it ready for cleanup. Inventory's answer is the zone's real state: whether its Nexus
// process is running (the sled agent stopping the zone is `rack.crashNexus`).
import { addNexusZones, nexusZoneCheckReadyForCleanup, nexusZoneExpunge, type Nexus } from '../nexus/index.js';
import type { World } from '../sim/index.js';

export function blueprintWithAllNexus(world: World, nexus: readonly Nexus[]): void {
  addNexusZones(world.sql, nexus.map((n) => ({ id: n.id, generation: n.opts.generation })));
}

export function plannerExpunges(planner: Nexus, zone: Nexus): Promise<void> {
  const p = planner.process;
  return nexusZoneExpunge(p.db, (k, d) => p.ctx.trace(k, d), zone.id);
}

/** The planner's cleanup check after an inventory collection; true if the zone is now ready. */
export function plannerChecksCleanup(planner: Nexus, zone: Nexus): Promise<boolean> {
  const p = planner.process;
  return nexusZoneCheckReadyForCleanup(p.db, (k, d) => p.ctx.trace(k, d), zone.id, { zoneRunning: zone.running });
}
