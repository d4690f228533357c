// The sitrep commit protocol (omicron `fm_sitrep_insert`): metadata first (so GC's "deeply
// orphaned" child sweep never eats children of a sitrep being written, issue #10131), then each
// child table, then the history row, only if the parent is the current sitrep. Each is its own Db
// step, so other Nexus instances interleave between them as they do against CockroachDB.
import type { Db, Sqlite, TraceFn } from '../../sim/index.js';
import { iso } from '../db/time.js';
import { selectCurrentVersion } from './rows.js';
import type { Sitrep, SitrepVersion } from './types.js';
import { q } from './stmt.js';

/** `InsertSitrepError::ParentNotCurrent`: the sitrep stays behind as an orphan for GC. */
export class ParentNotCurrent extends Error {
  constructor(
    readonly sitrepId: string,
    readonly parentSitrepId: string | null,
  ) {
    super(`parent-not-current: sitrep ${sitrepId} (parent ${parentSitrepId ?? 'none'})`);
  }
}

type Emit = TraceFn;

export async function fmSitrepInsert(db: Db, s: Sitrep, now: () => number, emit: Emit): Promise<SitrepVersion> {
  const id = s.metadata.id;
  await db.step('fm_sitrep_insert.metadata', (sql) => insertMetadata(sql, s));
  await db.step('fm_sitrep_insert.fm_case', (sql) => {
    const ins = q(sql, 'INSERT INTO fm_case (id, sitrep_id, de, created_sitrep_id, closed_sitrep_id, comment) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of s.cases) ins.run(c.id, id, c.de, c.created_sitrep_id, c.closed_sitrep_id, c.comment);
  });
  await db.step('fm_sitrep_insert.fm_alert_request', (sql) => {
    const ins = q(sql, 
      'INSERT INTO fm_alert_request (id, sitrep_id, requested_sitrep_id, case_id, alert_class, payload, comment, alert_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of s.alert_requests) ins.run(r.id, id, r.requested_sitrep_id, r.case_id, r.alert_class, r.payload, r.comment, r.alert_version);
  });
  await db.step('fm_sitrep_insert.fm_support_bundle_request', (sql) => {
    const ins = q(sql, 'INSERT INTO fm_support_bundle_request (id, sitrep_id, requested_sitrep_id, case_id, comment) VALUES (?, ?, ?, ?, ?)');
    for (const r of s.support_bundle_requests) ins.run(r.id, id, r.requested_sitrep_id, r.case_id, r.comment);
  });
  // omicron's insert_sitrep_version_query is one CTE statement; here one atomic step.
  const made = await db.tx('fm_sitrep_insert.history', (sql) => insertVersion(sql, s, iso(now()), emit));
  if (!made) throw new ParentNotCurrent(id, s.metadata.parent_sitrep_id);
  return made;
}

function insertMetadata(sql: Sqlite, s: Sitrep): void {
  const m = s.metadata;
  q(sql, 
      `INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment,
         next_inv_min_time_started, alert_generation, support_bundle_generation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.id, m.parent_sitrep_id, m.inv_collection_id, m.time_created, m.creator_id, m.comment, m.next_inv_min_time_started, m.alert_generation, m.support_bundle_generation);
}

/** The version CTE: current+1 iff the parent is current (or no parent and an empty history). */
function insertVersion(sql: Sqlite, s: Sitrep, now: string, emit: Emit): SitrepVersion | undefined {
  const current = selectCurrentVersion(sql);
  const parent = s.metadata.parent_sitrep_id;
  const parentIsCurrent = current ? current.sitrep_id === parent : parent === null;
  if (!parentIsCurrent) return undefined;
  const v: SitrepVersion = { version: (current?.version ?? 0) + 1, sitrep_id: s.metadata.id, time_made_current: now };
  q(sql, 'INSERT INTO fm_sitrep_history (version, sitrep_id, time_made_current) VALUES (?, ?, ?)').run(v.version, v.sitrep_id, v.time_made_current);
  // Emitted inside the statement so checkers can snapshot the DB at exactly this point.
  emit('fm.sitrep.made_current', { sitrep_id: v.sitrep_id, version: v.version, parent_sitrep_id: parent });
  return v;
}
