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

interface ArtifactRow {
  id: string;
  kind: string;
  name: string;
  version: string;
  sha256: string;
  artifact_size: number;
}

/** One line of `InsertError::ArtifactMismatch`'s message: the uploaded file, then the recorded one. */
function mismatchLine(up: { sha256: string; size: number; version: string }, old: { sha256: string; size: number; version: string }): string {
  return `- Uploaded artifact with SHA-256 checksum ${up.sha256} has length ${up.size} and version ${up.version}, but existing artifact with SHA-256 checksum ${old.sha256} has length ${old.size} and version ${old.version}.\n`;
}

/**
 * omicron's one rule for artifacts (`insert_impl`, enforced there by `tuf_artifact_file`): two
 * artifacts with the same SHA-256 have the same length and version, within the upload and against
 * every recorded artifact; any clash is a 409 listing each. An artifact whose hash and tags (here
 * kind and name) are recorded reuses that row; anything else is new (two artifacts of one
 * kind/name/version with different hashes are simply two rows, as in omicron).
 */
function lookupArtifacts(sql: Sqlite, repo: TufRepository): Map<number, string> {
  const q = sql.prepare('SELECT id, kind, name, version, sha256, artifact_size FROM tuf_artifact WHERE sha256 = ? ORDER BY id');
  const reuse = new Map<number, string>();
  const files = new Map<string, { sha256: string; size: number; version: string }>();
  let message = '';
  repo.artifacts.forEach((a, i) => {
    const up = { sha256: a.sha256, size: a.size, version: a.version };
    const earlier = files.get(a.sha256);
    const inUpload = earlier !== undefined && (earlier.size !== up.size || earlier.version !== up.version);
    if (inUpload) message += mismatchLine(up, earlier);
    const rows = q.all(a.sha256) as ArtifactRow[];
    const clash = rows.find((r) => r.artifact_size !== a.size || r.version !== a.version);
    if (clash) message += mismatchLine(up, { sha256: clash.sha256, size: clash.artifact_size, version: clash.version });
    const same = rows.find((r) => r.kind === a.kind && r.name === a.name);
    if (inUpload || clash) return;
    if (same) reuse.set(i, same.id);
    // Only a new artifact's file is what later ones in this upload are checked against (omicron's
    // `new_files.insert_overwrite` in the `New` arm); a reused or clashing one is not.
    else files.set(a.sha256, up);
  });
  if (message) throw new TufRepoInsertError(`Uploaded artifacts don't match existing artifacts:\n${message}`);
  return reuse;
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
        const fresh = repo.artifacts.some((_, i) => !found.has(i));
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
          let id = found.get(i);
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
