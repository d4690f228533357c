// `omdb db sleds` (nexus/db/omdb-db-sleds.ts) against omdb's db.rs `cmd_db_sleds` and the
// successes.out sample: whole-block text over rows a real registration wrote, and the filters.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applySchema, dbSledsQuery, omdbDbSleds, sledUpsert, type DbSledRow } from '../../nexus/index.js';
import { untilSettled, world } from '../support/world.js';

const A = '0c7011f7-a4bf-4daf-90cc-1c2410103300';
const B = '0c7011f7-a4bf-4daf-90cc-1c2410103301';
const C = '0c7011f7-a4bf-4daf-90cc-1c2410103302';

async function rows(filter: 'commissioned' | 'in-service'): Promise<DbSledRow[]> {
  const w = world();
  applySchema(w.sql);
  const db = w.db('omdb');
  const reg = (id: string, serial: string, ip: string, isScrimlet: boolean) =>
    sledUpsert(db, w.now, {
      id, rackId: 'r', serial, part: '913-0000019', revision: 0, isScrimlet, usableHardwareThreads: 128, usablePhysicalRam: 2 ** 40,
      reservoirSize: 0, cpuFamily: 'amd_milan', ip, port: 12345, repoDepotPort: 12348, sledAgentGen: 1,
    });
  await untilSettled(w, async () => {
    await reg(B, 'BRM02', 'fd00:1122:3344:102::1', false);
    await reg(A, 'BRM01', 'fd00:1122:3344:101::1', true);
    await reg(C, 'BRM03', 'fd00:1122:3344:103::1', false);
  });
  w.sql.prepare("UPDATE sled SET sled_policy = 'expunged' WHERE id = ?").run(B);
  w.sql.prepare("UPDATE sled SET sled_state = 'decommissioned' WHERE id = ?").run(C);
  return w.sql.prepare(dbSledsQuery(filter)).all() as DbSledRow[];
}

describe('omdb db sleds', () => {
  it('lists commissioned sleds in id order, with omdb\'s note, columns and "(missing)" BP AVAIL', async () => {
    const o = omdbDbSleds(await rows('commissioned'), false);
    expect(o.stderr).toEqual(['note: listing all commissioned sleds (use -F to filter, e.g. -F in-service)']);
    expect(o.stdout.join('\n')).toBe(
      [
        ' SERIAL  IP                             ROLE      POLICY      STATE   BP AVAIL   ID                                   ',
        ' BRM01   [fd00:1122:3344:101::1]:12345  scrimlet  in service  active  (missing)  0c7011f7-a4bf-4daf-90cc-1c2410103300 ',
        ' BRM02   [fd00:1122:3344:102::1]:12345  -         expunged    active  (missing)  0c7011f7-a4bf-4daf-90cc-1c2410103301 ',
      ].join('\n'),
    );
  });

  it('-F in-service drops the expunged sled and prints no note', async () => {
    const o = omdbDbSleds(await rows('in-service'), true);
    expect(o.stderr).toEqual([]);
    expect(o.stdout.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['BRM01']);
  });

  it('the query runs on a plain SQLite file as the live omdb opens it', () => {
    const sql = new Database(':memory:');
    applySchema(sql);
    expect(sql.prepare(dbSledsQuery('commissioned')).all()).toEqual([]);
    expect(omdbDbSleds([], false).stdout).toEqual([' SERIAL  IP  ROLE  POLICY  STATE  BP AVAIL  ID ']);
  });
});
