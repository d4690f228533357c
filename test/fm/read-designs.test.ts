// The three read designs against one interleaving: a slow reader starts reading sitrep S, then a
// fast deleter prunes S from history and runs both GC phases before the reader's next statement.
import { describe, expect, it } from 'vitest';
import { applySchema, fmSitrepGcOrphans, fmSitrepRead, fmSitrepReadCurrentTx, SitrepNotFound, type ReadDesign, type Sitrep } from '../../nexus/index.js';
import { onVirtualTime, world } from '../support/world.js';
import { child, commit, ereport, fixture, type Fixture } from './fixture.js';

async function readWhileDeleted(design: ReadDesign): Promise<Sitrep | 'not-found'> {
  const w = world({ dbLatency: { kind: 'const', ms: 1 } });
  applySchema(w.sql);
  w.dbLatency.setSlow('reader', { kind: 'const', ms: 20 });
  const f: Fixture = { w, db: w.db('writer'), rng: w.rng.fork('test'), events: [], emit: () => {} };
  const reader = w.db('reader');
  return onVirtualTime(w, async () => {
    const s1 = child(f, undefined, [ereport('a')]);
    await commit(f, s1);
    await commit(f, child(f, s1, [ereport('a'), ereport('b')]));
    const read = fmSitrepRead(reader, design, s1.metadata.id).catch((e) => {
      if (e instanceof SitrepNotFound) return 'not-found' as const;
      throw e;
    });
    // The reader's first statement lands at +21 ms; the deletion runs between +22 and +35 ms.
    await w.sched.sleep(21);
    await f.db.step('prune', (sql) => sql.prepare('DELETE FROM fm_sitrep_history WHERE sitrep_id = ?').run(s1.metadata.id));
    const gc = await fmSitrepGcOrphans(f.db);
    expect(gc.orphaned_sitreps_deleted).toBe(1);
    return read;
  });
}

describe('sitrep read designs under a concurrent delete', () => {
  it('naive publishes metadata with its children missing (torn)', async () => {
    const got = await readWhileDeleted('naive');
    expect(got).not.toBe('not-found');
    const s = got as Sitrep;
    expect(s.metadata.alert_generation).toBe(1);
    expect(s.cases).toEqual([]); // inserted with one case
  });

  it('metadata-last reports NotFound instead', async () => {
    expect(await readWhileDeleted('metadata-last')).toBe('not-found');
  });

  it('transaction sees the sitrep whole (it ran before the delete)', async () => {
    const got = (await readWhileDeleted('transaction')) as Sitrep;
    expect(got.cases).toHaveLength(1);
    expect(got.alert_requests).toHaveLength(1);
  });
});

describe('sitrep read designs: a sitrep that is not there at all', () => {
  // No delete races here: the id was never committed (or is long gone), so there is nothing to
  // tear, and every design must answer NotFound rather than a sitrep without metadata.
  it.each(['naive', 'metadata-last', 'transaction'] as const)('%s reports NotFound', async (design) => {
    const f = fixture();
    const got = await onVirtualTime(f.w, async () => {
      await commit(f, child(f, undefined, [ereport('a')]));
      return fmSitrepRead(f.db, design, 'no-such-sitrep').catch((e) => e);
    });
    expect(got).toBeInstanceOf(SitrepNotFound);
  });
});

describe('the transaction design\'s current read', () => {
  it('is empty before any sitrep is current, then the version and the whole sitrep', async () => {
    const f = fixture();
    const [before, after] = await onVirtualTime(f.w, async () => {
      const before = await fmSitrepReadCurrentTx(f.db);
      await commit(f, child(f, undefined, [ereport('a')]));
      return [before, await fmSitrepReadCurrentTx(f.db)] as const;
    });
    expect(before).toBeUndefined();
    expect(after?.version.version).toBe(1);
    expect(after?.sitrep.cases).toHaveLength(1);
  });
});
