// `omdb db saga running` (nexus/db/omdb-db-sagas.ts) against omdb's db/saga.rs: running sagas
// only, in id order, psql-style table, times with milliseconds and Z, "-" for no SEC.
import { describe, expect, it } from 'vitest';
import { DB_SAGAS_RUNNING_QUERY, applySchema, omdbDbSagasRunning, psqlTable, sagaCreate, type DbSagaRow } from '../../nexus/index.js';
import { untilSettled, world } from '../support/world.js';

const S1 = '00000000-0000-4000-8000-0000000000a1';
const S2 = '00000000-0000-4000-8000-0000000000a2';
const S3 = '00000000-0000-4000-8000-0000000000a3';
const SEC = 'bbbbbbbb-0000-4000-8000-000000000001';

describe('omdb db saga running', () => {
  it('lists the running sagas a real saga_create wrote, in id order, as omdb prints them', async () => {
    const w = world();
    applySchema(w.sql);
    const db = w.db('nexus');
    const dag = { name: 'demo', params: {}, nodes: [] };
    await untilSettled(w, async () => {
      await sagaCreate(db, () => {}, Date.UTC(2026, 10, 23, 12, 0, 0, 250), { id: S2, creator: SEC, dag, incarnation: 1 });
      await sagaCreate(db, () => {}, Date.UTC(2026, 10, 23, 12, 0, 1, 0), { id: S1, creator: SEC, dag, incarnation: 1 });
      await sagaCreate(db, () => {}, Date.UTC(2026, 10, 23, 12, 0, 2, 0), { id: S3, creator: SEC, dag, incarnation: 1 });
    });
    w.sql.prepare("UPDATE saga SET saga_state = 'done' WHERE id = ?").run(S3);
    w.sql.prepare('UPDATE saga SET current_sec = NULL WHERE id = ?').run(S2);
    const rows = w.sql.prepare(DB_SAGAS_RUNNING_QUERY).all() as DbSagaRow[];
    expect(omdbDbSagasRunning(rows).join('\n')).toBe(
      [
        ' id                                   | current_sec                          | time_created             | name | state   ',
        '--------------------------------------+--------------------------------------+--------------------------+------+---------',
        ` ${S1} | ${SEC} | 2026-11-23T12:00:01.000Z | demo | Running `,
        ` ${S2} | -                                    | 2026-11-23T12:00:00.250Z | demo | Running `,
      ].join('\n'),
    );
  });

  it('an empty list is the header and rule alone', () => {
    expect(psqlTable(['id', 'state'], [])).toEqual([' id | state ', '----+-------']);
  });
});
