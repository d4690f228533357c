// repo-depot-port-zero: the sled rows come from a schema migration, not from registration: the
// `repo_depot_port` column is added with a column default and every existing row takes it. With
// 12348 (REPO_DEPOT_PORT) copy-from-depot reaches the source sled's depot; with 0 every copy
// targets port 0, the connection is refused at the source, and replication never converges beyond
// the sleds Nexus PUT to directly.
import { REPO_DEPOT_PORT } from '../../agents/index.js';
import { SLED_SCHEMA_FOR_MIGRATION, iso, lastUsedAddress } from '../../nexus/index.js';
import { baseKnobs } from '../knobs.js';
import { sledIp } from '../rack.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { uploadReplicateHealSteps } from './steps.js';
import { buildTufRack, scenarioRepo, type TufRack } from './tuf-rack.js';

const SETTLE_MS = 1_000;
const GAP_MS = 10_000;

/** Rows as an older schema held them (no repo_depot_port), then the migration adds the column. */
export function migrateSledRows(t: Pick<TufRack, 'rack'>, columnDefault: number): void {
  const sql = t.rack.world.sql;
  const now = iso(t.rack.world.now);
  sql.exec('DROP TABLE sled');
  sql.exec(SLED_SCHEMA_FOR_MIGRATION.before);
  const insert = sql.prepare(
    `INSERT INTO sled (id, time_created, time_modified, rcgen, rack_id, is_scrimlet, serial_number, part_number, revision,
       usable_hardware_threads, usable_physical_ram, reservoir_size, ip, port, last_used_address, cpu_family)
     VALUES (?, ?, ?, 1, ?, 0, ?, 'sim', 0, 128, ?, 0, ?, ?, ?, 'amd_milan')`,
  );
  t.rack.sleds.forEach((s, i) =>
    insert.run(s.sledId, now, now, t.rack.rackId, `sim-${i}`, 2 ** 40, sledIp(i), s.sledAgentPort, lastUsedAddress(sledIp(i))),
  );
  sql.exec(SLED_SCHEMA_FOR_MIGRATION.addRepoDepotPort(columnDefault));
  t.rack.world.emit('rack', 'db.migrated', { column: 'sled.repo_depot_port', default: columnDefault });
}

export const repoDepotPortZero: ScenarioDef = {
  name: 'repo-depot-port-zero',
  summary: 'sled rows from a migration carry the repo_depot_port column default; 0 makes every depot copy fail',
  variants: ['default-12348', 'default-zero'],
  expected: { 'default-12348': 'holds', 'default-zero': 'caught' },
  defaults: { sleds: 5, nexus: 2 },
  limits: { minSleds: 1, minNexus: 1 },
  knobs: (rng) => ({ ...baseKnobs(rng), artifacts: rng.int(2, 5) }),

  async setup({ world, sleds, nexus, variant, knobs, seed }) {
    const t = await buildTufRack(world, { sleds, nexus, design: 'generation', register: false, startNexus: false });
    migrateSledRows(t, variant === 'default-zero' ? 0 : REPO_DEPOT_PORT);
    for (const n of t.rack.nexus) await n.start();
    const uploader = t.rack.nexus[0];
    const repo = scenarioRepo(seed, '18.0.0', Number(knobs.artifacts));
    const script = defineScript('repo-depot-port-zero', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      ...uploadReplicateHealSteps(t, uploader, repo, { gapMs: GAP_MS, convergeRounds: 2 }),
    ]);
    return { script, invariants: t.invariants };
  },
};
