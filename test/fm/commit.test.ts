import { describe, expect, it } from 'vitest';
import { fmSitrepGcOrphans, fmSitrepHistoryPrune, fmSitrepRead, ParentNotCurrent, SitrepNotFound } from '../../nexus/index.js';
import { onVirtualTime } from '../support/world.js';
import { child, commit, count, ereport, fixture } from './fixture.js';

describe('fm_sitrep_insert', () => {
  it('makes the first sitrep current with alert_generation 1, then children of the current sitrep', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      expect(s1.metadata.alert_generation).toBe(1);
      expect((await commit(f, s1)).version).toBe(1);
      const s2 = child(f, s1, [ereport('a'), ereport('b')]);
      expect(s2.metadata.alert_generation).toBe(2);
      // The carried-forward request keeps its id and requested_sitrep_id.
      const carried = s2.alert_requests.find((r) => r.id === s1.alert_requests[0].id);
      expect(carried?.requested_sitrep_id).toBe(s1.metadata.id);
      expect((await commit(f, s2)).version).toBe(2);
      expect(f.events.map((e) => [e.kind, e.version, e.parent_sitrep_id])).toEqual([
        ['fm.sitrep.made_current', 1, null],
        ['fm.sitrep.made_current', 2, s1.metadata.id],
      ]);
    });
  });

  it('bumps alert_generation iff the alert request set changed (bundles have their own generation)', () => {
    const f = fixture();
    const s1 = child(f, undefined, [ereport('a')]);
    expect([s1.metadata.alert_generation, s1.metadata.support_bundle_generation]).toEqual([1, 1]);
    // Same case, now asking for a bundle: alert requests unchanged, bundle requests changed.
    const s2 = child(f, s1, [ereport('a'), { ...ereport('a'), wants_bundle: 1 }]);
    expect(s2.alert_requests.map((r) => r.id)).toEqual(s1.alert_requests.map((r) => r.id));
    expect([s2.metadata.alert_generation, s2.metadata.support_bundle_generation]).toEqual([1, 2]);
    // Nothing new: no sitrep at all.
    expect(() => child(f, s2, [ereport('a'), { ...ereport('a'), wants_bundle: 1 }])).toThrow('diagnosis changed nothing');
    // The case closes: the closing sitrep still carries it and its requests (omicron's builder).
    const s3 = child(f, s2, [ereport('a'), ereport('a', 'resolved')]);
    expect(s3.alert_requests.map((r) => r.id)).toEqual(s1.alert_requests.map((r) => r.id));
    expect([s3.metadata.alert_generation, s3.metadata.support_bundle_generation]).toEqual([1, 2]);
    // The next sitrep drops the closed case and with it the requests.
    const s4 = child(f, s3, [ereport('a'), ereport('a', 'resolved')]);
    expect(s4.alert_requests).toEqual([]);
    expect([s4.metadata.alert_generation, s4.metadata.support_bundle_generation]).toEqual([2, 3]);
  });

  it('rejects a sitrep whose parent is not current, leaves it as an orphan, and GC collects it', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const winner = child(f, s1, [ereport('a'), ereport('b')]);
      const loser = child(f, s1, [ereport('a'), ereport('c')]);
      await commit(f, winner);
      await expect(commit(f, loser)).rejects.toBeInstanceOf(ParentNotCurrent);
      // The orphan: metadata and children written, no history row.
      expect(count(f, 'SELECT COUNT(*) AS n FROM fm_sitrep WHERE id = ?', loser.metadata.id)).toBe(1);
      expect(count(f, 'SELECT COUNT(*) AS n FROM fm_case WHERE sitrep_id = ?', loser.metadata.id)).toBe(2);
      expect(count(f, 'SELECT COUNT(*) AS n FROM fm_sitrep_history WHERE sitrep_id = ?', loser.metadata.id)).toBe(0);

      const gc = await fmSitrepGcOrphans(f.db);
      expect(gc.orphaned_sitreps_deleted).toBe(1);
      expect(gc.child_tables.fm_case.rows_deleted).toBe(2);
      expect(gc.child_tables.fm_alert_request.rows_deleted).toBe(2);
      for (const t of ['fm_sitrep WHERE id', 'fm_case WHERE sitrep_id', 'fm_alert_request WHERE sitrep_id']) {
        expect(count(f, `SELECT COUNT(*) AS n FROM ${t} = ?`, loser.metadata.id)).toBe(0);
      }
      // The current sitrep and its parent (still in history) are untouched.
      expect(count(f, 'SELECT COUNT(*) AS n FROM fm_sitrep')).toBe(2);
    });
  });

  it('GC spares a sitrep mid-commit (parent current) and deletes pruned history in two phases', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const s2 = child(f, s1, [ereport('a'), ereport('b')]);
      await commit(f, s2);
      const s3 = child(f, s2, [ereport('a'), ereport('b'), ereport('c')]);
      await commit(f, s3);
      // Metadata of a sitrep being written whose parent is current: GC must not touch it.
      const mid = child(f, s3, [ereport('a'), ereport('b'), ereport('c'), ereport('d')]);
      f.w.sql.prepare("INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment, alert_generation, support_bundle_generation) VALUES (?, ?, 'inv', 't', 'n', 'mid', 1, 1)").run(mid.metadata.id, s3.metadata.id);

      const pruned = await fmSitrepHistoryPrune(f.db, 2);
      expect(pruned.pruned).toEqual({ batches: 1, total: 1, versions: { start: 1, end: 1 } });
      expect(pruned.outcome).toEqual({ Pruned: { count: 2 } });
      const gc = await fmSitrepGcOrphans(f.db);
      expect(gc.orphaned_sitreps_deleted).toBe(1); // s1 only
      expect(count(f, 'SELECT COUNT(*) AS n FROM fm_sitrep WHERE id = ?', mid.metadata.id)).toBe(1);
      await expect(fmSitrepRead(f.db, 'metadata-last', s1.metadata.id)).rejects.toBeInstanceOf(SitrepNotFound);
      expect((await fmSitrepRead(f.db, 'naive', s3.metadata.id)).cases).toHaveLength(3);
    });
  });
});
