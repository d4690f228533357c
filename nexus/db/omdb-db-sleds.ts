// `omdb db sleds` (omicron dev-tools/omdb/src/bin/omdb/db.rs `cmd_db_sleds`, `SledRow`, at
// b848b6df85; sample in dev-tools/omdb/tests/successes.out): the commissioned sleds (state
// active, any policy; `-F in-service` narrows to in-service policies), in id order, as a tabled
// table with an empty style and one space of padding. BP AVAIL comes from omicron's
// `rendezvous_sled_bp_availability` table, which the simulator does not have, so every row shows
// omdb's "(missing)" — what omdb prints for a sled absent from that table.
import { table, type OmdbOutput } from '../saga/omdb.js';

/** The `sled` columns the view reads (omicron's names). */
export interface DbSledRow {
  id: string;
  serial_number: string;
  ip: string;
  port: number;
  is_scrimlet: number;
  sled_policy: string;
  sled_state: string;
}

export type DbSledsFilter = 'commissioned' | 'in-service';

/** The SELECT for a filter (`SledFilter::matches_policy` / `matches_state`). */
export function dbSledsQuery(filter: DbSledsFilter): string {
  const policy = filter === 'in-service' ? " AND sled_policy IN ('in_service', 'no_provision')" : '';
  return `SELECT id, serial_number, ip, port, is_scrimlet, sled_policy, sled_state FROM sled
          WHERE time_deleted IS NULL AND sled_state = 'active'${policy} ORDER BY id`;
}

/** `Display for SledPolicy` (nexus/types/versions/src/impls/sled.rs). */
const POLICY: Record<string, string> = { in_service: 'in service', no_provision: 'not provisionable', expunged: 'expunged' };

export function omdbDbSleds(rows: readonly DbSledRow[], filterGiven: boolean): OmdbOutput {
  const stderr = filterGiven ? [] : ['note: listing all commissioned sleds (use -F to filter, e.g. -F in-service)'];
  const cells = rows.map((s) => [
    s.serial_number,
    `[${s.ip}]:${s.port}`,
    s.is_scrimlet ? 'scrimlet' : '-',
    POLICY[s.sled_policy] ?? s.sled_policy,
    s.sled_state,
    '(missing)',
    s.id,
  ]);
  return { stderr, stdout: table(['SERIAL', 'IP', 'ROLE', 'POLICY', 'STATE', 'BP AVAIL', 'ID'], cells, { padLeft: 1 }) };
}
