// Sled rows: conditional upsert on registration, lookup for the sled agent's notifier, list for
// background tasks (omicron nexus/db-queries/src/db/datastore/sled.rs).
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
  /** `SledAgentInfo.generation`: the sled agent's own count of what it told Nexus. */
  sledAgentGen: number;
}

/** What `sled_upsert` refused: the row has a generation at least as new, or is decommissioned. */
export class SledUpsertRejected extends Error {
  constructor(sledId: string) {
    // omicron: diesel's NotFound from the filtered upsert, as `public_error_from_diesel_create` words it.
    super(`Unknown diesel error creating Sled called "${sledId}": Record not found`);
    this.name = 'SledUpsertRejected';
  }
}

/**
 * `sled_upsert`: insert, or update only when the stored `sled_agent_gen` is older than the one sent
 * and the sled is not decommissioned (`.filter(sled_agent_gen.lt(..)).filter(sled_state.ne(..))`).
 * A filtered-out update returns no row, which omicron surfaces as an error.
 */
export function sledUpsert(db: Db, nowMs: number, s: SledRegistration): Promise<void> {
  return db.step('sled_upsert', (sql) => {
    const row = sql
      .prepare(
        `INSERT INTO sled (id, time_created, time_modified, rack_id, serial_number, ip, port, repo_depot_port, sled_agent_gen)
         VALUES (@id, @now, @now, @rackId, @serial, @ip, @port, @repoDepotPort, @sledAgentGen)
         ON CONFLICT (id) DO UPDATE SET time_modified = @now, ip = @ip, port = @port,
           repo_depot_port = @repoDepotPort, rack_id = @rackId, sled_agent_gen = @sledAgentGen
         WHERE sled.sled_agent_gen < @sledAgentGen AND sled.sled_state != 'decommissioned'
         RETURNING id`,
      )
      .get({ ...s, now: iso(nowMs) });
    if (!row) throw new SledUpsertRejected(s.id);
  });
}

/** What Nexus knows of a sled agent (`sled_agent_get`): undefined when there is no row. */
export interface SledAgentKnown {
  ip: string;
  port: number;
  repo_depot_port: number;
  sled_agent_gen: number;
  sled_state: string;
}

export function sledGet(db: Db, id: string): Promise<SledAgentKnown | undefined> {
  return db.step('sled_get', (sql) =>
    sql.prepare('SELECT ip, port, repo_depot_port, sled_agent_gen, sled_state FROM sled WHERE id = ? AND time_deleted IS NULL').get(id) as
      | SledAgentKnown
      | undefined,
  );
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
