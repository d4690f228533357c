// The target blueprint's Nexus zones, as much of it as saga reassignment reads (omicron
// nexus/types/src/deployment.rs: BlueprintZoneDisposition, `expunged_nexus_zones_ready_for_cleanup`).
// A zone is in service or expunged; an expunged zone becomes `ready_for_cleanup` only when the
// planner has seen inventory report it no longer running (planner.rs
// `check_zones_eligible_for_cleanup`). Until then it "could be running", and its sagas stay put.
import type { Db, Sqlite } from '../../sim/index.js';
import type { TraceFn } from './datastore.js';

export const NEXUS_ZONE_SCHEMA = `
CREATE TABLE IF NOT EXISTS bp_nexus_zone (
  id TEXT PRIMARY KEY,
  nexus_generation INTEGER NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('in_service', 'expunged')),
  ready_for_cleanup INTEGER NOT NULL DEFAULT 0 CHECK (ready_for_cleanup IN (0, 1)),
  CHECK (disposition = 'expunged' OR ready_for_cleanup = 0)
);
`;

/** Which expunged Nexus zones give up their sagas: omicron's rule (confirmed shut down), or
 * every expunged zone at once (no cleanup guard; the design zombie-sec catches). */
export type ReassignRule = 'ready-for-cleanup' | 'any-expunged';

export interface NexusZone {
  id: string;
  generation: number;
}

/** The blueprint the rack starts from: every Nexus zone in service (RSS's job in omicron). */
export function addNexusZones(sql: Sqlite, zones: readonly NexusZone[]): void {
  const ins = sql.prepare(`INSERT INTO bp_nexus_zone (id, nexus_generation, disposition) VALUES (?, ?, 'in_service')`);
  for (const z of zones) ins.run(z.id, z.generation);
}

/** The planner expunges a zone. It may keep running until its sled shuts it down. */
export function nexusZoneExpunge(db: Db, trace: TraceFn, id: string): Promise<void> {
  return db.step('bp_nexus_zone_expunge', (sql) => {
    const r = sql.prepare(`UPDATE bp_nexus_zone SET disposition = 'expunged' WHERE id = ? AND disposition = 'in_service'`).run(id);
    if (r.changes > 0) trace('blueprint.zone_expunged', { zone: id });
  });
}

/**
 * The planner's cleanup check for one expunged zone, given what the latest inventory says about
 * it: only a zone inventory reports as not running is marked ready for cleanup. Returns whether
 * the zone is now ready for cleanup.
 */
export function nexusZoneCheckReadyForCleanup(db: Db, trace: TraceFn, id: string, inventory: { zoneRunning: boolean }): Promise<boolean> {
  return db.step('bp_nexus_zone_check_cleanup', (sql) => {
    const row = sql.prepare('SELECT disposition, ready_for_cleanup FROM bp_nexus_zone WHERE id = ?').get(id) as
      | { disposition: string; ready_for_cleanup: number }
      | undefined;
    if (!row || row.disposition !== 'expunged') return false;
    if (row.ready_for_cleanup === 1) return true;
    if (inventory.zoneRunning) {
      trace('blueprint.zone_cleanup_check', { zone: id, ready_for_cleanup: false, reason: 'inventory reports the zone running' });
      return false;
    }
    sql.prepare('UPDATE bp_nexus_zone SET ready_for_cleanup = 1 WHERE id = ?').run(id);
    trace('blueprint.zone_cleanup_check', { zone: id, ready_for_cleanup: true });
    return true;
  });
}

export interface ExpungedNexusIds {
  /** Same Nexus generation as the caller: their sagas are reassigned. */
  same: string[];
  /** Older generation: their unfinished sagas are orphans. */
  older: string[];
}

/**
 * `find_expunged_nexus_ids` (nexus/reconfigurator/execution/src/sagas.rs) for both filters: the
 * caller's generation comes from the blueprint (an error if it is not there, as
 * `find_generation_for_self`); under `ready-for-cleanup` only confirmed-shut-down zones count.
 */
export function findExpungedNexusIds(db: Db, selfId: string, rule: ReassignRule): Promise<ExpungedNexusIds> {
  return db.step('bp_find_expunged_nexus', (sql) => {
    const self = sql.prepare('SELECT nexus_generation FROM bp_nexus_zone WHERE id = ?').get(selfId) as { nexus_generation: number } | undefined;
    if (!self) throw new Error(`Nexus ${selfId} is not a Nexus zone of the target blueprint`);
    const guard = rule === 'ready-for-cleanup' ? 'AND ready_for_cleanup = 1' : '';
    const rows = sql.prepare(`SELECT id, nexus_generation FROM bp_nexus_zone WHERE disposition = 'expunged' ${guard} ORDER BY id`).all() as {
      id: string;
      nexus_generation: number;
    }[];
    return {
      same: rows.filter((r) => r.nexus_generation === self.nexus_generation && r.id !== selfId).map((r) => r.id),
      older: rows.filter((r) => r.nexus_generation < self.nexus_generation).map((r) => r.id),
    };
  });
}
