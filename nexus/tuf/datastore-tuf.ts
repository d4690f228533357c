// TUF repo datastore calls (omicron nexus/db-queries/src/db/datastore/update.rs): the generation
// and the reads. Insert is in datastore-tuf-insert.ts, prune in datastore-tuf-prune.ts. Each call is
// a series of scheduled DB steps, so a slow Nexus really reads stale data between them.
import type { Db, Sqlite } from '../../sim/index.js';
import type { ArtifactConfig } from '../../agents/types/index.js';

/** omicron's SQL_BATCH_SIZE for paginated reads. */
export const SQL_BATCH_SIZE = 1000;

/** What the listing builds is exactly the sled agent's `ArtifactConfig` (the wire type). */
export type { ArtifactConfig };

export class TufGenerationConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TufGenerationConflict';
  }
}

export function readGeneration(sql: Sqlite): number {
  return (sql.prepare('SELECT generation FROM tuf_generation WHERE singleton = 1').get() as { generation: number }).generation;
}

/** `put_generation`: `UPDATE ... WHERE singleton AND generation = old RETURNING`; throws if it moved. */
export function putGeneration(sql: Sqlite, old: number): number {
  const row = sql.prepare('UPDATE tuf_generation SET generation = ? WHERE singleton = 1 AND generation = ? RETURNING generation').get(old + 1, old) as
    | { generation: number }
    | undefined;
  if (!row) throw new TufGenerationConflict(`tuf generation changed: expected ${old}, now ${readGeneration(sql)}`);
  return row.generation;
}

export function tufGenerationGet(db: Db): Promise<number> {
  return db.step('tuf_generation_get', readGeneration);
}

/**
 * `tuf_list_artifacts_unpruned_batched`: the generation, then unpruned repos' artifacts page by
 * page, then the generation again; a change in between is an error (a consistent read).
 */
export async function tufListArtifactsUnprunedBatched(db: Db, batchSize = SQL_BATCH_SIZE): Promise<ArtifactConfig> {
  const generation = await tufGenerationGet(db);
  const hashes = new Set<string>();
  let after = '';
  for (;;) {
    const page = await db.step('tuf_list_unpruned_repos', (sql) => {
      const repos = sql.prepare('SELECT id FROM tuf_repo WHERE time_pruned IS NULL AND id > ? ORDER BY id LIMIT ?').all(after, batchSize) as Array<{ id: string }>;
      const rows = repos.length === 0 ? [] : (sql
        .prepare(
          `SELECT DISTINCT a.sha256 AS sha256 FROM tuf_repo_artifact ra JOIN tuf_artifact a ON a.id = ra.tuf_artifact_id
           WHERE ra.tuf_repo_id IN (${repos.map(() => '?').join(',')})`,
        )
        .all(...repos.map((r) => r.id)) as Array<{ sha256: string }>);
      return { last: repos.at(-1)?.id, count: repos.length, hashes: rows.map((r) => r.sha256) };
    });
    for (const h of page.hashes) hashes.add(h);
    if (page.count < batchSize || page.last === undefined) break;
    after = page.last;
  }
  const again = await tufGenerationGet(db);
  if (again !== generation) throw new TufGenerationConflict(`tuf generation changed while listing artifacts (${generation} -> ${again})`);
  return { generation, artifacts: [...hashes].sort() };
}

/** Unpruned repos, for callers deciding what to prune. */
export function tufRepoListUnpruned(db: Db): Promise<Array<{ id: string; system_version: string; time_created: string }>> {
  return db.step('tuf_repo_list', (sql) =>
    sql.prepare('SELECT id, system_version, time_created FROM tuf_repo WHERE time_pruned IS NULL ORDER BY time_created, id').all() as Array<{
      id: string;
      system_version: string;
      time_created: string;
    }>,
  );
}

/** For checkers (synchronous, no latency): hashes of artifacts of every unpruned repo. */
export function presentArtifactHashes(sql: Sqlite): Set<string> {
  const rows = sql
    .prepare(
      `SELECT DISTINCT a.sha256 AS sha256 FROM tuf_repo r JOIN tuf_repo_artifact ra ON ra.tuf_repo_id = r.id
       JOIN tuf_artifact a ON a.id = ra.tuf_artifact_id WHERE r.time_pruned IS NULL`,
    )
    .all() as Array<{ sha256: string }>;
  return new Set(rows.map((r) => r.sha256));
}
