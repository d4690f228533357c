// The sitrep checkers read the DB, so a history row written around the guarded commit (no guard,
// no fm.sitrep.made_current event) is still seen.
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventMap, TraceKind } from '../../sim/index.js';
import { sitrepSummary, type Sitrep } from '../../nexus/index.js';
import { loadedSitrepMatchesInserted, parentCurrentWhenMadeCurrent, SitrepLedger } from '../../scenarios/checkers/index.js';
import { onVirtualTime } from '../support/world.js';
import { child, commit, ereport, fixture, type Fixture } from './fixture.js';

const step = { t: 0, node: 'nexus-0', kind: 'db.step', label: 'x' } as TraceEvent;

/** A history row inserted directly, as a commit that skipped the parent guard and the emit would. */
function rawHistory(f: Fixture, version: number, sitrepId: string) {
  f.w.sql.prepare("INSERT INTO fm_sitrep_history (version, sitrep_id, time_made_current) VALUES (?, ?, 't')").run(version, sitrepId);
}

describe('parent-current-when-made-current (from the DB)', () => {
  it('holds for guarded commits and catches an unguarded history insert with a stale parent', async () => {
    const f = fixture();
    const inv = parentCurrentWhenMadeCurrent(f.w.sql);
    await onVirtualTime(f.w, async () => {
      const s1 = child(f, undefined, [ereport('a')]);
      await commit(f, s1);
      expect(inv.onEvent!(step)).toBeUndefined();
      await commit(f, child(f, s1, [ereport('a'), ereport('b')]));
      expect(inv.onEvent!(step)).toBeUndefined();
      // A sibling of the current sitrep (parent s1, no longer current): its commit is refused ...
      const loser = child(f, s1, [ereport('a'), ereport('c')]);
      await expect(commit(f, loser)).rejects.toThrow('parent-not-current');
      expect(inv.onEvent!(step)).toBeUndefined();
      // ... but a history insert that skipped the guard (and emitted nothing) is caught.
      rawHistory(f, 3, loser.metadata.id);
      expect(f.events.filter((e) => e.sitrep_id === loser.metadata.id)).toEqual([]);
      expect(inv.onEvent!(step)).toMatch(new RegExp(`sitrep ${loser.metadata.id} made current \\(version 3\\) with parent ${s1.metadata.id}, but .* was current`));
    });
  });

  it('catches a version gap and a history row without metadata', async () => {
    const f = fixture();
    const inv = parentCurrentWhenMadeCurrent(f.w.sql);
    const s1 = child(f, undefined, [ereport('a')]);
    await onVirtualTime(f.w, () => commit(f, s1));
    const s2 = child(f, s1, [ereport('a'), ereport('b')]);
    f.w.sql.prepare("INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment, alert_generation, support_bundle_generation) VALUES (?, ?, 'inv', 't', 'n', 'c', 2, 1)").run(s2.metadata.id, s1.metadata.id);
    rawHistory(f, 3, s2.metadata.id);
    expect(inv.onEvent!(step)).toBe(`sitrep ${s2.metadata.id} got history version 3, expected 2`);

    const g = fixture();
    const inv2 = parentCurrentWhenMadeCurrent(g.w.sql);
    rawHistory(g, 1, 'no-such-sitrep');
    expect(inv2.onEvent!(step)).toBe('sitrep no-such-sitrep was made current (version 1) with no fm_sitrep row');
  });
});

describe('loaded-sitrep-matches-inserted', () => {
  it('compares alert request content, not only ids', async () => {
    const f = fixture();
    const s1 = child(f, undefined, [ereport('a')]);
    const v = await onVirtualTime(f.w, () => commit(f, s1));
    const inv = loadedSitrepMatchesInserted(new SitrepLedger(f.w.sql));
    const ev = <K extends TraceKind>(kind: K, data: Partial<TraceEventMap[K]>) => ({ t: 0, node: 'nexus-1', kind, ...data }) as TraceEvent;
    expect(inv.onEvent!(ev('fm.sitrep.made_current', { sitrep_id: s1.metadata.id }))).toBeUndefined();
    const published = (s: Sitrep) => ev('fm.sitrep.loaded', sitrepSummary({ version: v, sitrep: s }));
    expect(inv.onEvent!(published(s1))).toBeUndefined();
    const req = s1.alert_requests[0];
    const wrongPayload: Sitrep = { ...s1, alert_requests: [{ ...req, payload: '{"part_serial":"b"}' }] };
    expect(inv.onEvent!(published(wrongPayload))).toMatch(/published a torn sitrep .*: alert_request_content: inserted/);
  });
});
