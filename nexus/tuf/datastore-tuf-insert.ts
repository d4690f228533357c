// `tuf_repo_insert` (omicron nexus/db-queries/src/db/datastore/update.rs, `insert_impl`). A repo is
// keyed by its system version. Re-uploading a known version checks it is the same repo, resets
// `time_created` and clears `time_pruned`, bumping the generation only if it was pruned (the set of
// unpruned repos changed). A new version bumps the generation only if it brings new artifacts.
import type { Db, Rng, Sqlite } from '../../sim/index.js';
import { iso } from '../db/time.js';
import { putGeneration, readGeneration, tufGenerationGet, TufGenerationConflict } from './datastore-tuf.js';
import type { TufRepository } from './repo.js';

export interface TufRepoInsertResult {
  repoId: string;
  /** The generation once the insert committed. */
  generation: number;
  /** `TufRepoUploadStatus::AlreadyExists`: this system version was already recorded. */
  existed: boolean;
  /** It existed pruned and this upload un-pruned it. */
  unpruned: boolean;
  /** The row as recorded (omicron's `TufRepoUpload.recorded.repo`): a re-upload keeps the first
   * upload's file name and gets a new `time_created`. */
  recorded: { systemVersion: string; sha256: string; fileName: string; timeCreated: string };
}

/** What omicron's `InsertError` variants report when an upload contradicts what is recorded. */
export class TufRepoInsertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TufRepoInsertError';
  }
}

interface ExistingRepo {
  id: string;
  sha256: string;
  file_name: string;
  time_pruned: string | null;
}

const MAX_ATTEMPTS = 10;

function findByVersion(sql: Sqlite, systemVersion: string): ExistingRepo | undefined {
  return sql.prepare('SELECT id, sha256, file_name, time_pruned FROM tuf_repo WHERE system_version = ?').get(systemVersion) as ExistingRepo | undefined;
}

/** The uploaded artifacts as `kind name version sha256`, sorted: omicron compares `ArtifactSet`s. */
function artifactKeys(repo: TufRepository): string[] {
  return repo.artifacts.map((a) => `${a.kind} ${a.name} ${a.version} ${a.sha256}`).sort();
}

function recordedArtifactKeys(sql: Sqlite, repoId: string): string[] {
  const rows = sql
    .prepare(
      `SELECT a.kind, a.name, a.version, a.sha256 FROM tuf_repo_artifact ra JOIN tuf_artifact a ON a.id = ra.tuf_artifact_id
       WHERE ra.tuf_repo_id = ?`,
    )
    .all(repoId) as Array<{ kind: string; name: string; version: string; sha256: string }>;
  return rows.map((a) => `${a.kind} ${a.name} ${a.version} ${a.sha256}`).sort();
}

/** Existing artifacts with the same (kind, name, version); a different hash is a conflict. */
function lookupArtifacts(sql: Sqlite, repo: TufRepository): Map<string, { id: string; sha256: string }> {
  const q = sql.prepare('SELECT id, sha256 FROM tuf_artifact WHERE kind = ? AND name = ? AND version = ?');
  const out = new Map<string, { id: string; sha256: string }>();
  for (const a of repo.artifacts) {
    const row = q.get(a.kind, a.name, a.version) as { id: string; sha256: string } | undefined;
    if (!row) continue;
    if (row.sha256 !== a.sha256) throw new TufRepoInsertError(`artifact ${a.kind} ${a.name} ${a.version} already exists with sha256 ${row.sha256}, not ${a.sha256}`);
    out.set(`${a.kind}/${a.name}/${a.version}`, row);
  }
  return out;
}

/**
 * omicron runs `insert_impl` as one interactive transaction (several round trips) under
 * `transaction_retry_wrapper`. Modelled as reads that pay latency, then one atomic step that
 * re-reads and writes; if the generation or the repo moved since the reads, the commit is a
 * serialization failure and the whole transaction retries, as CockroachDB's would.
 */
export async function tufRepoInsert(db: Db, nowMs: number, rng: Rng, repo: TufRepository): Promise<TufRepoInsertResult> {
  for (let attempt = 1; ; attempt++) {
    const seen = await db.step('tuf_repo_lookup', (sql) => findByVersion(sql, repo.systemVersion));
    await db.step('tuf_artifact_lookup', (sql) => (seen ? recordedArtifactKeys(sql, seen.id) : lookupArtifacts(sql, repo)));
    const old = await tufGenerationGet(db);
    const repoId = rng.uuid();
    const artifactIds = repo.artifacts.map(() => rng.uuid());
    try {
      return await db.tx('tuf_repo_insert', (sql) => {
        const existing = findByVersion(sql, repo.systemVersion);
        if (readGeneration(sql) !== old || existing?.id !== seen?.id || existing?.time_pruned !== seen?.time_pruned) {
          throw new TufGenerationConflict(`tuf_repo_insert: restart transaction (read generation ${old}, now ${readGeneration(sql)})`);
        }
        const now = iso(nowMs);
        if (existing) return reupload(sql, repo, existing, old, now);
        const found = lookupArtifacts(sql, repo);
        const fresh = repo.artifacts.some((a) => !found.has(`${a.kind}/${a.name}/${a.version}`));
        const generation = fresh ? putGeneration(sql, old) : old;
        sql
          .prepare(
            `INSERT INTO tuf_repo (id, time_created, sha256, targets_role_version, valid_until, system_version, file_name)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(repoId, now, repo.sha256, repo.targetsRoleVersion, iso(nowMs + 365 * 24 * 3600_000), repo.systemVersion, repo.fileName);
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
        return { repoId, generation, existed: false, unpruned: false, recorded: { systemVersion: repo.systemVersion, sha256: repo.sha256, fileName: repo.fileName, timeCreated: now } };
      });
    } catch (err) {
      if (err instanceof TufGenerationConflict && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

/** The same system version again: it must be the same repo; it moves to the back of the pruning queue. */
function reupload(sql: Sqlite, repo: TufRepository, existing: ExistingRepo, old: number, now: string): TufRepoInsertResult {
  if (artifactKeys(repo).join('\n') !== recordedArtifactKeys(sql, existing.id).join('\n')) {
    throw new TufRepoInsertError(
      `Uploaded repository with system version ${repo.systemVersion} does not have the same artifacts as existing repository with same system version`,
    );
  }
  if (existing.sha256 !== repo.sha256) {
    throw new TufRepoInsertError(
      `Uploaded repository with system version ${repo.systemVersion} has SHA256 hash ${repo.sha256}, but existing repository has SHA256 hash ${existing.sha256}.`,
    );
  }
  const unpruned = existing.time_pruned !== null;
  const generation = unpruned ? putGeneration(sql, old) : old;
  sql.prepare('UPDATE tuf_repo SET time_created = ?, time_pruned = NULL WHERE id = ?').run(now, existing.id);
  return { repoId: existing.id, generation, existed: true, unpruned, recorded: { systemVersion: repo.systemVersion, sha256: existing.sha256, fileName: existing.file_name, timeCreated: now } };
}
