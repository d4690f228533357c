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

/** omicron `SledUpdate`: what `upsert_sled` builds from a `SledAgentInfo`. */
export interface SledRegistration {
  id: string;
  rackId: string;
  serial: string;
  part: string;
  revision: number;
  isScrimlet: boolean;
  usableHardwareThreads: number;
  usablePhysicalRam: number;
  reservoirSize: number;
  cpuFamily: string;
  ip: string;
  port: number;
  repoDepotPort: number;
  /** `SledAgentInfo.generation`: the sled agent's own count of what it told Nexus. */
  sledAgentGen: number;
}

/** omicron `CP_SERVICES_RESERVED_ADDRESSES` (common/src/address.rs). */
const CP_SERVICES_RESERVED_ADDRESSES = 0xffff;

/** `SledUpdate::into_insertable`: the sled's IP with its last segment set to the reserved count. */
export function lastUsedAddress(ip: string): string {
  const [head, tail = ''] = ip.split('::');
  const split = (x: string) => (x === '' ? [] : x.split(':'));
  const h = split(head);
  const t = split(tail);
  const segs = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  segs[7] = CP_SERVICES_RESERVED_ADDRESSES.toString(16);
  return segs.map((x) => parseInt(x, 16).toString(16)).join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
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
        `INSERT INTO sled (id, time_created, time_modified, rcgen, rack_id, is_scrimlet, serial_number, part_number, revision,
           usable_hardware_threads, usable_physical_ram, reservoir_size, ip, port, last_used_address, sled_policy, sled_state,
           sled_agent_gen, repo_depot_port, cpu_family)
         VALUES (@id, @now, @now, 1, @rackId, @isScrimlet, @serial, @part, @revision, @usableHardwareThreads, @usablePhysicalRam,
           @reservoirSize, @ip, @port, @lastUsedAddress, 'in_service', 'active', @sledAgentGen, @repoDepotPort, @cpuFamily)
         ON CONFLICT (id) DO UPDATE SET time_modified = @now, ip = @ip, port = @port,
           repo_depot_port = @repoDepotPort, rack_id = @rackId, is_scrimlet = @isScrimlet,
           usable_hardware_threads = @usableHardwareThreads, usable_physical_ram = @usablePhysicalRam,
           reservoir_size = @reservoirSize, cpu_family = @cpuFamily, sled_agent_gen = @sledAgentGen
         WHERE sled.sled_agent_gen < @sledAgentGen AND sled.sled_state != 'decommissioned'
         RETURNING id`,
      )
      .get({ ...s, isScrimlet: s.isScrimlet ? 1 : 0, lastUsedAddress: lastUsedAddress(s.ip), now: iso(nowMs) });
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
  is_scrimlet: number;
  serial_number: string;
  part_number: string;
  revision: number;
  usable_hardware_threads: number;
  usable_physical_ram: number;
  reservoir_size: number;
  cpu_family: string;
}

export function sledGet(db: Db, id: string): Promise<SledAgentKnown | undefined> {
  return db.step('sled_get', (sql) =>
    sql
      .prepare(
        `SELECT ip, port, repo_depot_port, sled_agent_gen, sled_state, is_scrimlet, serial_number, part_number, revision,
           usable_hardware_threads, usable_physical_ram, reservoir_size, cpu_family
         FROM sled WHERE id = ? AND time_deleted IS NULL`,
      )
      .get(id) as SledAgentKnown | undefined,
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

/** The lockstep API's `SledPolicy` (externally tagged by `kind`), from the DB's `sled_policy`. */
export type SledPolicy = { kind: 'in_service'; provision_policy: 'provisionable' | 'non_provisionable' } | { kind: 'expunged' };

export function sledPolicyOf(dbPolicy: string): SledPolicy {
  if (dbPolicy === 'expunged') return { kind: 'expunged' };
  return { kind: 'in_service', provision_policy: dbPolicy === 'no_provision' ? 'non_provisionable' : 'provisionable' };
}

/** omicron's `Display for SledPolicy` (nexus/types/versions/src/impls/sled.rs). */
function policyText(dbPolicy: string): string {
  return dbPolicy === 'expunged' ? 'expunged' : dbPolicy === 'no_provision' ? 'not provisionable' : 'in service';
}

export type ExpungeOutcome = { kind: 'expunged'; previous: SledPolicy } | { kind: 'not-found' } | { kind: 'invalid'; message: string };

/**
 * `sled_set_policy_to_expunged` (nexus/db-queries/src/db/datastore/sled.rs, `sled_set_policy_impl`
 * with `ValidateTransition::Yes`): in one transaction, update the policy only from an in-service
 * policy and the `active` state. Nothing updated but the row already expunged and active is the
 * idempotent case (returns "expunged"); anything else is `TransitionError::InvalidTransition`,
 * a 409 with its Display text. omicron also expunges the sled's physical disks, which the
 * simulator does not model.
 */
export function sledSetPolicyToExpunged(db: Db, nowMs: number, id: string): Promise<ExpungeOutcome> {
  return db.tx('sled_set_policy_to_expunged', (sql) => {
    const found = sql.prepare('SELECT sled_policy, sled_state FROM sled WHERE id = ? AND time_deleted IS NULL').get(id) as
      | { sled_policy: string; sled_state: string }
      | undefined;
    if (!found) return { kind: 'not-found' };
    const updated = sql
      .prepare(
        `UPDATE sled SET sled_policy = 'expunged', time_modified = ?
         WHERE id = ? AND time_deleted IS NULL AND sled_policy IN ('in_service', 'no_provision') AND sled_state = 'active'`,
      )
      .run(iso(nowMs), id).changes;
    if (updated === 1 || (found.sled_policy === 'expunged' && found.sled_state === 'active')) {
      return { kind: 'expunged', previous: sledPolicyOf(found.sled_policy) };
    }
    return {
      kind: 'invalid',
      message: `sled id ${id} has current policy "${policyText(found.sled_policy)}" and state "${found.sled_state}" and the transition to policy "expunged" is not permitted`,
    };
  });
}
