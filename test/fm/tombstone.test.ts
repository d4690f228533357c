// PR #10368 as written on its branch (a14affff83): the tracker seeded at 0 and advanced with
// GREATEST, the version guard (stale only if the tracker is ahead of the caller), the sweep keyed
// by the alert's (bundle's) case through fm_case and fm_sitrep_history, and history pruning's
// effect on that sweep (the review's "asterisk").
import { describe, expect, it } from 'vitest';
import { alertDelete, fmRendezvousAlertCreate, fmRendezvousProgressAdvance, fmSitrepGcOrphans, fmSitrepHistoryPrune, fmTombstoneSweep, selectTracker } from '../../nexus/index.js';
import { onVirtualTime } from '../support/world.js';
import { child, commit, count, ereport, fixture, type Fixture } from './fixture.js';

const NOW = '2026-01-01T00:00:00.000Z';
const sweep = (f: Fixture) => fmTombstoneSweep(f.db, 'alert', f.emit);
const tombstones = (f: Fixture) => count(f, 'SELECT COUNT(*) AS n FROM alert WHERE time_deleted IS NOT NULL');
const live = (f: Fixture) => count(f, 'SELECT COUNT(*) AS n FROM alert WHERE time_deleted IS NULL');

describe('tombstone design (PR #10368 branch)', () => {
  it('tracker starts at 0 and only grows (GREATEST)', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      expect(selectTracker(f.w.sql)).toBe(0);
      expect(await fmRendezvousProgressAdvance(f.db, 5)).toBe(5);
      expect(await fmRendezvousProgressAdvance(f.db, 3)).toBe(5);
      expect(await fmRendezvousProgressAdvance(f.db, 9)).toBe(9);
    });
  });

  it('guard passes while tracker <= caller version; sweep waits for the case to leave history >= tracker', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const req = s1.alert_requests[0];
      const onS1 = { req, caseId: req.case_id, sitrepId: s1.metadata.id, sitrepVersion: 1, alertGeneration: 1, now: NOW };
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('Created');
      expect(await alertDelete(f.db, 'tombstone', req.id, NOW, f.emit)).toBe(true);
      expect(tombstones(f)).toBe(1);
      // The tombstone's conflict stops re-creation while the guard passes.
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('AlreadyExists');
      // v2 closes the case and still carries it (closed_sitrep_id set); v3 drops it.
      const s2 = child(f, s1, [ereport('a'), ereport('a', 'resolved')]);
      await commit(f, s2);
      await commit(f, child(f, s2, [ereport('a'), ereport('a', 'resolved')]));
      // Not "current" but "tracker ahead": s1 is no longer current, the tracker is still 0.
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('AlreadyExists');
      expect(await sweep(f)).toBe(0); // case in v1 >= 0
      await fmRendezvousProgressAdvance(f.db, 1);
      expect(await sweep(f)).toBe(0); // case in v1 >= 1
      await fmRendezvousProgressAdvance(f.db, 2);
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('StaleSitrep');
      expect(await sweep(f)).toBe(0); // the closing sitrep v2 >= 2 still carries the case
      await fmRendezvousProgressAdvance(f.db, 3);
      expect(await sweep(f)).toBe(1);
      expect(f.events.filter((e) => e.kind === 'fm.tombstone.swept')).toEqual([{ kind: 'fm.tombstone.swept', table: 'alert', ids: [req.id], tracker: 3 }]);
    });
  });

  it('the asterisk: history pruning below the tracker empties the sweep NOT EXISTS, and the guard lets the old sitrep back in', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      const req = s1.alert_requests[0];
      const onS1 = { req, caseId: req.case_id, sitrepId: s1.metadata.id, sitrepVersion: 1, alertGeneration: 1, now: NOW };
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('Created');
      await fmRendezvousProgressAdvance(f.db, 1); // a clean pass on v1; then the tracker stalls
      await alertDelete(f.db, 'tombstone', req.id, NOW, f.emit);
      const s2 = child(f, s1, [ereport('a'), ereport('a', 'resolved')]);
      await commit(f, s2);
      const s3 = child(f, s2, [ereport('a'), ereport('a', 'resolved'), ereport('b')]);
      await commit(f, s3);
      await commit(f, child(f, s3, [ereport('a'), ereport('a', 'resolved'), ereport('b'), ereport('c')]));
      // Without pruning the tracker's own row (v1) and the closing v2 still carry the case: kept.
      expect(await sweep(f)).toBe(0);
      // Keeps v3 and v4, neither of which carries the case; drops v1, the row the tracker refers to.
      await fmSitrepHistoryPrune(f.db, 2);
      await fmSitrepGcOrphans(f.db);
      expect(await sweep(f)).toBe(1); // hard-deleted at once
      expect(await fmRendezvousAlertCreate(f.db, 'tombstone', onS1)).toBe('Created'); // 1 <= 1
      expect(live(f)).toBe(1);
    });
  });

  it('alert_delete tombstones an FM alert and hard-deletes a non-FM one', async () => {
    const f = fixture();
    await onVirtualTime(f.w, async () => {
      f.w.sql.prepare("INSERT INTO alert (id, time_created, time_modified, alert_class, payload, case_id, alert_version) VALUES ('fm', 't', 't', 'c', '{}', 'case', 0), ('op', 't', 't', 'c', '{}', NULL, 0)").run();
      expect(await alertDelete(f.db, 'tombstone', 'fm', NOW, f.emit)).toBe(true);
      expect(await alertDelete(f.db, 'tombstone', 'op', NOW, f.emit)).toBe(true);
      expect(f.w.sql.prepare('SELECT id, time_deleted FROM alert').all()).toEqual([{ id: 'fm', time_deleted: NOW }]);
      expect(await alertDelete(f.db, 'tombstone', 'fm', NOW, f.emit)).toBe(false);
    });
  });
});
