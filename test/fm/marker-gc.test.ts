import { describe, expect, it } from 'vitest';
import { alertDelete, alertMarkerGc, deleteMarkerBatch, fmRendezvousAlertCreate, type Sitrep } from '../../nexus/index.js';
import { onVirtualTime } from '../support/world.js';
import { child, commit, count, ereport, fixture, type Fixture } from './fixture.js';

const NOW = '2026-01-01T00:00:00.000Z';

function marker(f: Fixture, alertId: string, gen: number) {
  f.w.sql.prepare('INSERT INTO rendezvous_alert_created (alert_id, created_at_generation) VALUES (?, ?)').run(alertId, gen);
}
const markers = (f: Fixture) => (f.w.sql.prepare('SELECT alert_id FROM rendezvous_alert_created ORDER BY alert_id').all() as { alert_id: string }[]).map((r) => r.alert_id);

/** s1 requests alert A (gen 1); the next closes the case and opens B; the last drops the closed
 *  case (its requests go with it), so it requests only B at a later generation. */
async function twoSitreps(f: Fixture): Promise<[Sitrep, Sitrep]> {
  const s1 = child(f, undefined, [ereport('a')]);
  await commit(f, s1);
  const ers = [ereport('a'), ereport('a', 'resolved'), ereport('b')];
  const closing = child(f, s1, ers);
  await commit(f, closing);
  const s2 = child(f, closing, ers);
  await commit(f, s2);
  return [s1, s2];
}

describe('alert marker GC: delete R iff S exists, S does not request R, R.gen < S.alert_generation', () => {
  it('deletes a marker when every clause holds', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const [s1, s2] = await twoSitreps(f);
      marker(f, s1.alert_requests[0].id, 1);
      const st = await alertMarkerGc(f.db, s2.metadata.id, s2.metadata.alert_generation);
      expect(st).toEqual({ rows_deleted: 1, batches: 1, errors: [] });
      expect(markers(f)).toEqual([]);
    });
  });

  it('keeps it when the executing sitrep no longer exists (its requests cannot be consulted)', async () => {
    const f = fixture();
    const [s1, s2] = await onVirtualTime(f.w, () => twoSitreps(f));
    marker(f, s1.alert_requests[0].id, 1);
    f.w.sql.prepare('DELETE FROM fm_sitrep WHERE id = ?').run(s2.metadata.id);
    f.w.sql.prepare('DELETE FROM fm_alert_request WHERE sitrep_id = ?').run(s2.metadata.id);
    expect(deleteMarkerBatch(f.w.sql, s2.metadata.id, s2.metadata.alert_generation, 100)).toBe(0);
    expect(markers(f)).toEqual([s1.alert_requests[0].id]);
  });

  it('keeps it while the executing sitrep still requests the alert', async () => {
    const f = fixture();
    const [, s2] = await onVirtualTime(f.w, () => twoSitreps(f));
    const b = s2.alert_requests[0].id;
    marker(f, b, 1);
    expect(deleteMarkerBatch(f.w.sql, s2.metadata.id, s2.metadata.alert_generation, 100)).toBe(0);
    expect(markers(f)).toEqual([b]);
  });

  it('keeps it when it was created at the executing sitrep\'s generation or later', async () => {
    const f = fixture();
    const [s1, s2] = await onVirtualTime(f.w, () => twoSitreps(f));
    marker(f, s1.alert_requests[0].id, s2.metadata.alert_generation);
    expect(deleteMarkerBatch(f.w.sql, s2.metadata.id, s2.metadata.alert_generation, 100)).toBe(0);
    // An older executing sitrep (lower generation) never collects a newer marker either.
    expect(deleteMarkerBatch(f.w.sql, s1.metadata.id, s1.metadata.alert_generation, 100)).toBe(0);
  });
});

describe('SitrepGuardedInsert (one atomic step, CTE guard order)', () => {
  it('creates alert + marker, then AlreadyExists via the marker, StaleSitrep once the generation moved', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const req = s1.alert_requests[0];
      const args = { req, caseId: req.case_id, sitrepId: s1.metadata.id, sitrepVersion: 1, alertGeneration: 1, now: NOW };
      expect(await fmRendezvousAlertCreate(f.db, 'generation-marker', args)).toBe('Created');
      expect(markers(f)).toEqual([req.id]);
      expect(await alertDelete(f.db, 'generation-marker', req.id, NOW, f.emit)).toBe(true);
      // Deleted, but the marker stays: the current sitrep may not put it back.
      expect(await fmRendezvousAlertCreate(f.db, 'generation-marker', args)).toBe('AlreadyExists');
      expect(count(f, 'SELECT COUNT(*) AS n FROM alert')).toBe(0);
      // The case closes (generation 2) and the marker is collected: the old sitrep is now stale.
      const closing = child(f, s1, [ereport('a'), ereport('a', 'resolved')]);
      await commit(f, closing);
      const s2 = child(f, closing, [ereport('a'), ereport('a', 'resolved')]);
      await commit(f, s2);
      await alertMarkerGc(f.db, s2.metadata.id, s2.metadata.alert_generation);
      expect(markers(f)).toEqual([]);
      expect(await fmRendezvousAlertCreate(f.db, 'generation-marker', args)).toBe('StaleSitrep');
      expect(count(f, 'SELECT COUNT(*) AS n FROM alert')).toBe(0);
    });
  });

  it('naive re-creates a deleted alert', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const req = s1.alert_requests[0];
      const args = { req, caseId: req.case_id, sitrepId: s1.metadata.id, sitrepVersion: 1, alertGeneration: 1, now: NOW };
      expect(await fmRendezvousAlertCreate(f.db, 'naive', args)).toBe('Created');
      await alertDelete(f.db, 'naive', req.id, NOW, f.emit);
      expect(await fmRendezvousAlertCreate(f.db, 'naive', args)).toBe('Created');
    });
  });

  // fm_rendezvous_gc.rs pages by SQL_BATCH_SIZE (1000); a full page means another page. No
  // scenario makes 1000 markers, so only this gives the page loop's mutants a chance.
  it('pages through more markers than one batch holds', async () => {
    const OMICRON_SQL_BATCH_SIZE = 1000;
    const n = OMICRON_SQL_BATCH_SIZE + 1;
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const [, s2] = await twoSitreps(f);
      f.w.sql.transaction(() => {
        for (let i = 0; i < n; i++) marker(f, `old-${String(i).padStart(4, '0')}`, 0);
      })();
      const st = await alertMarkerGc(f.db, s2.metadata.id, s2.metadata.alert_generation);
      expect(st).toEqual({ rows_deleted: n, batches: 2, errors: [] });
      expect(markers(f)).toEqual([]);
    });
  });
});
