// Pruning a TUF repo (omicron nexus/db-queries/src/db/datastore/update.rs `tuf_repo_mark_pruned`)
// and the target-release reads it is guarded by (target_release.rs
// `target_release_fetch_recent_distinct`). The caller reads the TUF generation and the recent
// target releases, decides, and the mark is conditional on both generations being unchanged: a
// new target release may be the very repo being pruned; a new upload or prune changes what to keep.
import type { Db, Sqlite } from '../../sim/index.js';
import { iso } from '../db/time.js';
import { putGeneration, readGeneration, TufGenerationConflict } from './datastore-tuf.js';

/** omicron tuf_repo_pruner `NKEEP_RECENT_TARGET_RELEASES_ALWAYS`: the current and the previous. */
export const NKEEP_RECENT_TARGET_RELEASES = 2;

export interface RecentTargetReleases {
  /** Distinct repos among the most recent target releases. */
  releases: Set<string>;
  /** How many were looked for. */
  count: number;
  /** The newest target_release generation when these were read. */
  targetReleaseGeneration: number;
}

/** A conflict (409 in omicron): the target release changed between the read and the prune. */
export class TargetReleaseChanged extends Error {
  constructor(now: number, was: number) {
    super(`bailing out to avoid risk of marking current target release pruned: target release has changed since check (currently ${now}, was ${was})`);
    this.name = 'TargetReleaseChanged';
  }
}

function latestTargetRelease(sql: Sqlite): number {
  const row = sql.prepare('SELECT generation FROM target_release ORDER BY generation DESC LIMIT 1').get() as { generation: number } | undefined;
  if (!row) throw new Error('unexpectedly found no rows in `target_release` table');
  return row.generation;
}

/** The newest `4 * count` rows, newest first, until `count` distinct repos are found. */
export function targetReleaseFetchRecentDistinct(db: Db, count = NKEEP_RECENT_TARGET_RELEASES): Promise<RecentTargetReleases> {
  return db.step('target_release_fetch_recent_distinct', (sql) => {
    const limit = 4 * count;
    const rows = sql.prepare('SELECT generation, tuf_repo_id FROM target_release ORDER BY generation DESC LIMIT ?').all(limit) as Array<{
      generation: number;
      tuf_repo_id: string | null;
    }>;
    if (rows.length === 0) throw new Error('unexpectedly found no rows in `target_release` table');
    const releases = new Set<string>();
    for (const r of rows) {
      if (r.tuf_repo_id === null) continue;
      releases.add(r.tuf_repo_id);
      if (releases.size >= count) break;
    }
    if (releases.size < count && rows.length === limit) {
      throw new Error(`looking for ${count} distinct releases in the most recent ${limit} target_release rows, but found only ${releases.size} before giving up`);
    }
    return { releases, count, targetReleaseGeneration: rows[0].generation };
  });
}

/** Sets the target release to a repo: a new `target_release` row one generation newer. */
export function targetReleaseInsert(db: Db, nowMs: number, repoId: string): Promise<number> {
  return db.tx('target_release_insert', (sql) => {
    const generation = latestTargetRelease(sql) + 1;
    sql
      .prepare("INSERT INTO target_release (generation, time_requested, release_source, tuf_repo_id) VALUES (?, ?, 'system_version', ?)")
      .run(generation, iso(nowMs), repoId);
    return generation;
  });
}

/**
 * `tuf_repo_mark_pruned`: refuses a repo among the recent target releases, then, in one
 * transaction, bails if the target release or the TUF generation moved since the caller read them,
 * sets `time_pruned` and bumps the generation if it changed anything (an already pruned repo is
 * not an error). Returns the TUF generation after.
 */
export function tufRepoMarkPruned(db: Db, nowMs: number, initialGeneration: number, recent: RecentTargetReleases, repoId: string): Promise<number> {
  // omicron's belt-and-suspenders checks, before the transaction.
  if (recent.count < 2) return Promise.reject(new Error('must have fetched at least two recent releases to properly validate that an important release is not being pruned'));
  if (recent.releases.has(repoId)) return Promise.reject(new Error('attempting to prune a current or recent target release'));
  return db.tx('tuf_repo_mark_pruned', (sql) => {
    const targetNow = latestTargetRelease(sql);
    if (targetNow !== recent.targetReleaseGeneration) throw new TargetReleaseChanged(targetNow, recent.targetReleaseGeneration);
    const tufNow = readGeneration(sql);
    if (tufNow !== initialGeneration) {
      throw new TufGenerationConflict(
        `bailing out to avoid risk of pruning too much: tuf repo generation has changed since check (currently ${tufNow}, was ${initialGeneration})`,
      );
    }
    const r = sql.prepare('UPDATE tuf_repo SET time_pruned = ? WHERE id = ? AND time_pruned IS NULL').run(iso(nowMs), repoId);
    return r.changes > 0 ? putGeneration(sql, tufNow) : tufNow;
  });
}

/**
 * What omicron's `tuf_repo_pruner` task does once it has chosen `repoId`: read the TUF generation
 * and the recent target releases (separate round trips), then mark conditionally on both.
 */
export async function tufRepoPrune(db: Db, nowMs: number, repoId: string): Promise<number> {
  const generation = await db.step('tuf_generation_get', readGeneration);
  const recent = await targetReleaseFetchRecentDistinct(db);
  return tufRepoMarkPruned(db, nowMs, generation, recent, repoId);
}
