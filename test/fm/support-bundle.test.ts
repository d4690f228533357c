// The support-bundle datastore of PR #10368: an FM bundle is tombstoned on delete; readers that
// skip tombstones ('filtered') and readers as the branch wrote them ('unfiltered').
import { describe, expect, it } from 'vitest';
import {
  supportBundleDelete,
  supportBundleFailExpunged,
  supportBundleList,
  supportBundleListAssignedToNexus,
  supportBundleUpdate,
  supportBundleUpdateUserComment,
  type ReaderFilter,
} from '../../nexus/index.js';
import { onVirtualTime } from '../support/world.js';
import { fixture, type Fixture } from './fixture.js';

function bundle(f: Fixture, id: string, caseId: string | null, state = 'destroying') {
  f.w.sql
    .prepare("INSERT INTO support_bundle (id, time_created, reason_for_creation, sled_id, state, assigned_nexus, fm_case_id) VALUES (?, 't', 'r', 'sled', ?, 'nexus-a', ?)")
    .run(id, state, caseId);
}

async function readAll(f: Fixture, filter: ReaderFilter): Promise<string[][]> {
  return [
    (await supportBundleList(f.db, filter, f.emit)).map((b) => b.id),
    (await supportBundleListAssignedToNexus(f.db, filter, 'nexus-a', ['destroying'], f.emit)).map((b) => b.id),
    (await supportBundleUpdate(f.db, filter, 'fm', 'failed', f.emit)).kind === 'NotFound' ? [] : ['fm'],
    (await supportBundleUpdateUserComment(f.db, filter, 'fm', 'c', f.emit)) ? ['fm'] : [],
    await supportBundleFailExpunged(f.db, filter, 'nexus-b', ['nexus-a'], f.emit),
  ];
}

describe('support bundles under PR #10368', () => {
  it('delete tombstones an FM bundle, hard-deletes a non-FM one, refuses a live one', async () => {
    const f = fixture();
    bundle(f, 'fm', 'case-1');
    bundle(f, 'op', null);
    bundle(f, 'busy', 'case-2', 'active');
    await onVirtualTime(f.w, async () => {
      expect(await supportBundleDelete(f.db, 'tombstone', 'fm', 'now', f.emit)).toBe(true);
      expect(await supportBundleDelete(f.db, 'tombstone', 'op', 'now', f.emit)).toBe(true);
      await expect(supportBundleDelete(f.db, 'tombstone', 'busy', 'now', f.emit)).rejects.toThrow(/state active/);
    });
    expect(f.w.sql.prepare('SELECT id, time_deleted FROM support_bundle ORDER BY id').all()).toEqual([
      { id: 'busy', time_deleted: null },
      { id: 'fm', time_deleted: 'now' },
    ]);
  });

  it('unfiltered readers hand the tombstoned bundle out; filtered ones do not', async () => {
    for (const [filter, want] of [
      ['unfiltered', [['fm'], ['fm'], ['fm'], ['fm'], ['fm']]],
      ['filtered', [[], [], [], [], []]],
    ] as const) {
      const f = fixture();
      bundle(f, 'fm', 'case-1');
      await onVirtualTime(f.w, async () => {
        await supportBundleDelete(f.db, 'tombstone', 'fm', 'now', f.emit);
        expect(await readAll(f, filter)).toEqual(want);
      });
      // Each reader reported what it returned.
      expect(f.events.filter((e) => e.kind === 'fm.support_bundle.read').map((e) => e.ids)).toEqual(want);
    }
  });
});
