// Support bundles, trimmed from omicron's datastore/support_bundle.rs: creation for an FM request
// (per alert design), deletion, and the readers PR #10368's review named. A bundle lives on an
// in-service sled (omicron: a debug dataset); creation fails with no sled in service.
// PR #10368 (branch a14affff83) tombstones an FM bundle on delete (time_deleted, when fm_case_id
// is set) but, as written, only two queries skip tombstones: the capacity lookup in
// support_bundle_create and the dataset half of support_bundle_fail_expunged. The readers below
// take `filter`: 'unfiltered' is the branch as written (support_bundle_list,
// ..._list_assigned_to_nexus, the Nexus half of ..._fail_expunged, ..._update,
// ..._update_user_comment ignore the column); 'filtered' is what the review asked for. (omicron's
// by-id lookup of a bundle, lookup.rs `SupportBundle` with soft_deletes = false, is unfiltered too
// but is not modelled: there is no support_bundle_get.) Every reader emits what it handed out inside
// its statement (`fm.support_bundle.read`), so checkers judge the response at the instant it was read.
import type { Db, Sqlite, TraceFn } from '../../sim/index.js';
import { q } from './stmt.js';
import { versionGuardPasses } from './tombstone.js';
import type { AlertDesign, SupportBundleRequest } from './types.js';

export type BundleState = 'collecting' | 'active' | 'destroying' | 'failing' | 'failed';
export type ReaderFilter = 'filtered' | 'unfiltered';
type Emit = TraceFn;

/** omicron SupportBundleState::valid_old_states (nexus/db-model/src/support_bundle.rs). */
export const VALID_OLD_STATES: Record<BundleState, BundleState[]> = {
  collecting: [],
  active: ['collecting'],
  destroying: ['active', 'collecting', 'failing'],
  failing: ['collecting', 'active'],
  failed: ['active', 'collecting', 'failing'],
};

export interface BundleRow {
  id: string;
  state: BundleState;
  assigned_nexus: string | null;
  fm_case_id: string | null;
  user_comment: string | null;
  time_deleted: string | null;
}

export type BundleCreateOutcome = 'Created' | 'AlreadyExists' | 'StaleSitrep';

export interface BundleCreateArgs {
  req: SupportBundleRequest;
  sitrepVersion: number;
  nexusId: string;
  now: string;
}

/** `support_bundle_create` with FM provenance. */
export async function fmSupportBundleCreate(db: Db, design: AlertDesign, a: BundleCreateArgs): Promise<BundleCreateOutcome> {
  return db.tx('support_bundle_create', (sql) => {
    // The capacity lookup (the branch joins only live bundles to a dataset).
    const sled = q(sql, "SELECT id FROM sled WHERE sled_policy = 'in_service' AND time_deleted IS NULL ORDER BY id LIMIT 1").get() as
      | { id: string }
      | undefined;
    // omicron: no debug dataset with room for a bundle -> InsufficientCapacity.
    if (!sled) throw new Error('insufficient capacity: no in-service sled to host a support bundle');
    // tombstone: SitrepVersionGuardedInsert around the INSERT. Deviation: the other designs create
    // bundles without markers (omicron today guards bundles as it guards alerts, PR #10535).
    if (design === 'tombstone' && !versionGuardPasses(sql, a.sitrepVersion)) return 'StaleSitrep';
    const r = q(sql,
      `INSERT INTO support_bundle (id, time_created, reason_for_creation, sled_id, state, assigned_nexus, fm_case_id)
       VALUES (?, ?, ?, ?, 'collecting', ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(a.req.id, a.now, a.req.comment, sled.id, a.nexusId, a.req.case_id);
    return r.changes === 1 ? 'Created' : 'AlreadyExists';
  });
}

const live = (filter: ReaderFilter, alias = '') => (filter === 'filtered' ? ` AND ${alias}time_deleted IS NULL` : '');

function read(sql: Sqlite, emit: Emit, reader: string, rows: BundleRow[]): BundleRow[] {
  emit('fm.support_bundle.read', { reader, ids: rows.map((r) => r.id) });
  return rows;
}

const COLS = 'id, state, assigned_nexus, fm_case_id, user_comment, time_deleted';

/** `support_bundle_list`: one page ordered by (time_created, id). */
export function supportBundleList(db: Db, filter: ReaderFilter, emit: Emit): Promise<BundleRow[]> {
  return db.step('support_bundle_list', (sql) =>
    read(sql, emit, 'support_bundle_list', q(sql, `SELECT ${COLS} FROM support_bundle WHERE 1 = 1${live(filter)} ORDER BY time_created, id`).all() as BundleRow[]),
  );
}

/** `support_bundle_list_assigned_to_nexus`: the collector's view of its own bundles. */
export function supportBundleListAssignedToNexus(db: Db, filter: ReaderFilter, nexusId: string, states: BundleState[], emit: Emit): Promise<BundleRow[]> {
  return db.step('support_bundle_list_assigned_to_nexus', (sql) =>
    read(
      sql,
      emit,
      'support_bundle_list_assigned_to_nexus',
      q(sql, `SELECT ${COLS} FROM support_bundle WHERE assigned_nexus = ? AND state IN (SELECT value FROM json_each(?))${live(filter)} ORDER BY time_created, id`)
        .all(nexusId, JSON.stringify(states)) as BundleRow[],
    ),
  );
}

export type UpdateResult = { kind: 'Updated'; bundle: BundleRow } | { kind: 'InvalidState'; bundle: BundleRow } | { kind: 'NotFound' };

/** `support_bundle_update`: a state transition, `check_if_exists`: a refused transition reports
 * the bundle's state (InvalidRequest), a missing bundle is NotFound. */
export function supportBundleUpdate(db: Db, filter: ReaderFilter, id: string, state: BundleState, emit: Emit): Promise<UpdateResult> {
  return db.step('support_bundle_update', (sql) => {
    const changed = q(sql, `UPDATE support_bundle SET state = ? WHERE id = ? AND state IN (SELECT value FROM json_each(?))${live(filter)}`)
      .run(state, id, JSON.stringify(VALID_OLD_STATES[state])).changes;
    const found = q(sql, `SELECT ${COLS} FROM support_bundle WHERE id = ?${live(filter)}`).get(id) as BundleRow | undefined;
    if (!found) return (read(sql, emit, 'support_bundle_update', []), { kind: 'NotFound' });
    read(sql, emit, 'support_bundle_update', [found]);
    return changed === 1 ? { kind: 'Updated', bundle: found } : { kind: 'InvalidState', bundle: found };
  });
}

/** `support_bundle_update_user_comment`: Ok whether or not a row changed (as in omicron); the
 * bundle counts as handed out when the comment landed on it. */
export function supportBundleUpdateUserComment(db: Db, filter: ReaderFilter, id: string, comment: string, emit: Emit): Promise<boolean> {
  return db.step('support_bundle_update_user_comment', (sql) => {
    const n = q(sql, `UPDATE support_bundle SET user_comment = ? WHERE id = ?${live(filter)}`).run(comment, id).changes;
    read(sql, emit, 'support_bundle_update_user_comment', n === 1 ? ([{ id }] as BundleRow[]) : []);
    return n === 1;
  });
}

/** `support_bundle_fail_expunged`, its Nexus half: bundles of an expunged Nexus are marked failing
 * (if collecting) and reassigned to us. (Its dataset half filters tombstones on the branch.) */
export function supportBundleFailExpunged(db: Db, filter: ReaderFilter, ourNexusId: string, expunged: string[], emit: Emit): Promise<string[]> {
  return db.tx('support_bundle_fail_expunged', (sql) => {
    const rows = q(sql, `SELECT ${COLS} FROM support_bundle WHERE assigned_nexus IN (SELECT value FROM json_each(?))${live(filter)} ORDER BY id`)
      .all(JSON.stringify(expunged)) as BundleRow[];
    const failing = rows.filter((b) => b.state === 'collecting').map((b) => b.id);
    const reassign = rows.filter((b) => b.state !== 'failed');
    q(sql, "UPDATE support_bundle SET state = 'failing' WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(failing));
    q(sql, 'UPDATE support_bundle SET assigned_nexus = ? WHERE id IN (SELECT value FROM json_each(?))').run(ourNexusId, JSON.stringify(reassign.map((b) => b.id)));
    read(sql, emit, 'support_bundle_fail_expunged', reassign);
    return reassign.map((b) => b.id);
  });
}

/** `support_bundle_delete` (PR #10368): only a destroying or failed bundle; a non-FM one is
 * hard-deleted, an FM one (fm_case_id set) tombstoned. True if this call deleted it. */
export function supportBundleDelete(db: Db, design: AlertDesign, id: string, now: string, emit: Emit): Promise<boolean> {
  return db.tx('support_bundle_delete', (sql) => {
    const b = q(sql, `SELECT ${COLS} FROM support_bundle WHERE id = ?`).get(id) as BundleRow | undefined;
    if (!b) return false;
    if (b.state !== 'destroying' && b.state !== 'failed') throw new Error(`cannot delete support bundle in state ${b.state}`);
    const tombstone = design === 'tombstone' && b.fm_case_id !== null;
    const n = tombstone
      ? q(sql, 'UPDATE support_bundle SET time_deleted = ? WHERE id = ? AND time_deleted IS NULL').run(now, id).changes
      : q(sql, 'DELETE FROM support_bundle WHERE id = ?').run(id).changes;
    if (n === 1) emit('fm.support_bundle.deleted', { bundle_id: id, tombstone });
    return n === 1;
  });
}
