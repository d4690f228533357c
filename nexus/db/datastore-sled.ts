// Sled rows: upsert on registration, list for background tasks.
import type { Db } from '../../sim/index.js';
import { iso } from './time.js';

export interface SledRow {
  id: string;
  ip: string;
  port: number;
  repo_depot_port: number;
  sled_policy: string;
  sled_state: string;
  serial_number: string;
}

export interface SledRegistration {
  id: string;
  rackId: string;
  serial: string;
  ip: string;
  port: number;
  repoDepotPort: number;
}

export function sledUpsert(db: Db, nowMs: number, s: SledRegistration): Promise<void> {
  return db.step('sled_upsert', (sql) => {
    sql
      .prepare(
        `INSERT INTO sled (id, time_created, time_modified, rack_id, serial_number, ip, port, repo_depot_port)
         VALUES (@id, @now, @now, @rackId, @serial, @ip, @port, @repoDepotPort)
         ON CONFLICT (id) DO UPDATE SET time_modified = @now, ip = @ip, port = @port,
           repo_depot_port = @repoDepotPort, sled_agent_gen = sled_agent_gen + 1`,
      )
      .run({ ...s, now: iso(nowMs) });
  });
}

/** `SledFilter::TufArtifactReplication` and friends: in service and active, ordered by id. */
export function sledListInService(db: Db): Promise<SledRow[]> {
  return db.step('sled_list', (sql) =>
    sql
      .prepare(
        `SELECT id, ip, port, repo_depot_port, sled_policy, sled_state, serial_number FROM sled
         WHERE time_deleted IS NULL AND sled_policy != 'expunged' AND sled_state = 'active' ORDER BY id`,
      )
      .all() as SledRow[],
  );
}
