// TUF repo datastore calls (omicron nexus/db-queries/src/db/datastore/update.rs). Each is a series
// of scheduled DB steps, so a slow Nexus really reads stale data between them.
import type { Db, Rng, Sqlite } from '../../sim/index.js';
import { iso } from '../db/time.js';
import type { TufRepository } from './repo.js';

/** omicron's SQL_BATCH_SIZE for paginated reads. */
export const SQL_BATCH_SIZE = 1000;

/** Sled-side ArtifactConfig: the generation and the sorted set of artifact hashes. */
export interface ArtifactConfig {
  generation: number;
  artifacts: string[];
}

export class TufGenerationConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TufGenerationConflict';
  }
}

function readGeneration(sql: Sqlite): number {
  return (sql.prepare('SELECT generation FROM tuf_generation WHERE singleton = 1').get() as { generation: number }).generation;
}

/** `put_generation`: `UPDATE ... WHERE singleton AND generation = old RETURNING`; throws if it moved. */
function putGeneration(sql: Sqlite, old: number): number {
  const row = sql.prepare('UPDATE tuf_generation SET generation = ? WHERE singleton = 1 AND generation = ? RETURNING generation').get(old + 1, old) as
    | { generation: number }
    | undefined;
  if (!row) throw new TufGenerationConflict(`tuf generation changed: expected ${old}, now ${readGeneration(sql)}`);
  return row.generation;
}

export function tufGenerationGet(db: Db): Promise<number> {
  return db.step('tuf_generation_get', readGeneration);
}

export interface TufRepoInsertResult {
  repoId: string;
  generation: number;
  /** The repo was already there (same sha256): nothing changed. */
  existed: boolean;
}

/**
 * `tuf_repo_insert`: an interactive transaction in omicron (several round trips), modelled as reads
 * that pay latency, then one atomic step that re-checks what was read and writes everything (a
 * serialization failure there retries the whole transaction, as CockroachDB would).
 */
export async function tufRepoInsert(db: Db, nowMs: number, rng: Rng, repo: TufRepository): Promise<TufRepoInsertResult> {
  for (let attempt = 1; ; attempt++) {
    const existing = await db.step('tuf_repo_lookup', (sql) => sql.prepare('SELECT id FROM tuf_repo WHERE sha256 = ?').get(repo.sha256) as { id: string } | undefined);
    if (existing) return { repoId: existing.id, generation: await tufGenerationGet(db), existed: true };
    await db.step('tuf_artifact_lookup', (sql) => lookupArtifacts(sql, repo));
    const old = await tufGenerationGet(db);
    const repoId = rng.uuid();
    const artifactIds = repo.artifacts.map(() => rng.uuid());
    try {
      const generation = await db.tx('tuf_repo_insert', (sql) => {
        const generation = putGeneration(sql, old);
        const now = iso(nowMs);
        sql
          .prepare(
            `INSERT INTO tuf_repo (id, time_created, sha256, targets_role_version, valid_until, system_version, file_name)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(repoId, now, repo.sha256, repo.targetsRoleVersion, iso(nowMs + 365 * 24 * 3600_000), repo.systemVersion, repo.fileName);
        const found = lookupArtifacts(sql, repo);
        const insertArtifact = sql.prepare(
          `INSERT INTO tuf_artifact (id, name, version, kind, time_created, sha256, artifact_size, generation_added)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const link = sql.prepare('INSERT INTO tuf_repo_artifact (tuf_repo_id, tuf_artifact_id) VALUES (?, ?)');
        repo.artifacts.forEach((a, i) => {
          let id = found.get(`${a.kind}/${a.name}/${a.version}`)?.id;
          if (id === undefined) {
            id = artifactIds[i];
            insertArtifact.run(id, a.name, a.version, a.kind, now, a.sha256, a.size, generation);
          }
          link.run(repoId, id);
        });
        return generation;
      });
      return { repoId, generation, existed: false };
    } catch (err) {
      if (err instanceof TufGenerationConflict && attempt < 10) continue; // a serialization retry
      throw err;
    }
  }
}

/** Existing artifacts with the same (kind, name, version); a different hash is a conflict. */
function lookupArtifacts(sql: Sqlite, repo: TufRepository): Map<string, { id: string; sha256: string }> {
  const q = sql.prepare('SELECT id, sha256 FROM tuf_artifact WHERE kind = ? AND name = ? AND version = ?');
  const out = new Map<string, { id: string; sha256: string }>();
  for (const a of repo.artifacts) {
    const row = q.get(a.kind, a.name, a.version) as { id: string; sha256: string } | undefined;
    if (!row) continue;
    if (row.sha256 !== a.sha256) throw new Error(`artifact ${a.kind} ${a.name} ${a.version} already exists with sha256 ${row.sha256}, not ${a.sha256}`);
    out.set(`${a.kind}/${a.name}/${a.version}`, row);
  }
  return out;
}

/**
 * `tuf_repo_mark_pruned`: sets time_pruned and bumps the generation, conditional on the generation
 * the caller read when it decided to prune (`initial_tuf_generation`).
 */
export function tufRepoMarkPruned(db: Db, nowMs: number, initialGeneration: number, repoId: string): Promise<number> {
  return db.tx('tuf_repo_mark_pruned', (sql) => {
    const generation = putGeneration(sql, initialGeneration);
    const r = sql.prepare('UPDATE tuf_repo SET time_pruned = ? WHERE id = ? AND time_pruned IS NULL').run(iso(nowMs), repoId);
    if (r.changes === 0) throw new Error(`tuf repo ${repoId} not found or already pruned`);
    return generation;
  });
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
