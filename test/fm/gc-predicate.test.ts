// fm_sitrep_gc phase 1 with delete_orphaned_sitrep_metadata.sql's predicate: a sitrep not in
// history goes if it is a root while some sitrep is current, or its parent `!=` the current one;
// with no current sitrep `!=` is NULL (CockroachDB and SQLite alike) and the row stays.
import { describe, expect, it } from 'vitest';
import { fmSitrepGcOrphans } from '../../nexus/index.js';
import { onVirtualTime } from '../support/world.js';
import { count, fixture, type Fixture } from './fixture.js';

function sitrep(f: Fixture, id: string, parent: string | null) {
  f.w.sql
    .prepare("INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment, alert_generation, support_bundle_generation) VALUES (?, ?, 'inv', 't', 'n', 'c', 1, 1)")
    .run(id, parent);
}
const left = (f: Fixture) => (f.w.sql.prepare('SELECT id FROM fm_sitrep ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe('fm_sitrep_gc orphan predicate', () => {
  it('keeps every sitrep while history is empty, even one with a (dangling) parent', async () => {
    const f = fixture();
    sitrep(f, 'root', null);
    sitrep(f, 'child-of-gone', 'gone');
    await onVirtualTime(f.w, () => fmSitrepGcOrphans(f.db));
    expect(left(f)).toEqual(['child-of-gone', 'root']);
  });

  it('with a current sitrep: deletes roots and children of non-current parents, keeps children of the current one', async () => {
    const f = fixture();
    sitrep(f, 'cur', null);
    f.w.sql.prepare("INSERT INTO fm_sitrep_history (version, sitrep_id, time_made_current) VALUES (1, 'cur', 't')").run();
    sitrep(f, 'lost-root', null);
    sitrep(f, 'mid-commit', 'cur');
    sitrep(f, 'stale-child', 'gone');
    const st = await onVirtualTime(f.w, () => fmSitrepGcOrphans(f.db));
    expect(st.orphaned_sitreps_deleted).toBe(2);
    expect(left(f)).toEqual(['cur', 'mid-commit']);
  });

  // omicron pages the sweep by SQL_BATCH_SIZE (1000, nexus/db-queries/src/db/datastore/mod.rs):
  // a pass must keep paging while a page comes back full, in both phases. No scenario makes 1000
  // orphans, so only this test gives a page-loop mutant (one page only, `<` -> `<=`) a chance.
  it('pages through more orphans than one batch holds, in both phases', async () => {
    const OMICRON_SQL_BATCH_SIZE = 1000;
    const n = OMICRON_SQL_BATCH_SIZE + 1;
    const f = fixture();
    sitrep(f, 'cur', null);
    f.w.sql.prepare("INSERT INTO fm_sitrep_history (version, sitrep_id, time_made_current) VALUES (1, 'cur', 't')").run();
    const kase = f.w.sql.prepare("INSERT INTO fm_case (id, sitrep_id, de, created_sitrep_id, comment) VALUES ('c', ?, 'power_shelf', ?, 'x')");
    f.w.sql.transaction(() => {
      for (let i = 0; i < n; i++) {
        const id = `orphan-${String(i).padStart(4, '0')}`;
        sitrep(f, id, 'gone');
        kase.run(id, id);
      }
    })();
    const st = await onVirtualTime(f.w, () => fmSitrepGcOrphans(f.db));
    expect(st.orphaned_sitreps_deleted).toBe(n);
    expect(st.sitrep_metadata_batches).toBe(2);
    expect(st.child_tables.fm_case).toEqual({ rows_deleted: n, batches: 2 });
    expect(left(f)).toEqual(['cur']);
    expect(count(f, 'SELECT COUNT(*) AS n FROM fm_case')).toBe(0);
  });
});
