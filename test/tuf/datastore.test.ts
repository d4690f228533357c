// The TUF datastore: repos keyed by system version; generation bumps on insert (new artifacts),
// un-prune and prune (conditional on the TUF and target-release generations read), and the
// consistent read of unpruned artifacts fails when the generation moves under it.
import { describe, expect, it } from 'vitest';
import {
  TufGenerationConflict,
  applySchema,
  generateRepo,
  presentArtifactHashes,
  tufGenerationGet,
  tufListArtifactsUnprunedBatched,
  tufRepoInsert,
  tufRepoMarkPruned,
  tufRepoPrune,
  targetReleaseFetchRecentDistinct,
  targetReleaseInsert,
  TargetReleaseChanged,
  TufRepoInsertError,
} from '../../nexus/index.js';
import { onVirtualTime, world } from '../support/world.js';

function setup() {
  const w = world();
  applySchema(w.sql);
  return { w, db: w.db('nexus-0'), rng: w.rng.fork('ids') };
}

describe('tuf datastore', () => {
  it('repo insert records repo, artifacts and links, and bumps the generation; re-upload of the version bumps nothing', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 3 });
    const out = await onVirtualTime(w, async () => {
      const a = await tufRepoInsert(db, w.now, rng, r1);
      const created = w.sql.prepare('SELECT time_created AS t FROM tuf_repo').get();
      await w.sched.sleep(1_000);
      const again = await tufRepoInsert(db, w.now, rng, r1);
      return { a, again, created, config: await tufListArtifactsUnprunedBatched(db) };
    });
    expect(out.a).toMatchObject({ generation: 2, existed: false, unpruned: false });
    expect(out.again).toMatchObject({ repoId: out.a.repoId, generation: 2, existed: true, unpruned: false });
    // The re-upload moves the repo to the back of the pruning queue (time_created reset).
    expect(w.sql.prepare('SELECT time_created AS t FROM tuf_repo').get()).not.toEqual(out.created);
    expect(out.config).toEqual({ generation: 2, artifacts: r1.artifacts.map((a) => a.sha256).sort() });
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo_artifact').get()).toEqual({ n: 3 });
    expect(w.sql.prepare('SELECT DISTINCT generation_added AS g FROM tuf_artifact').all()).toEqual([{ g: 2 }]);
  });

  it('pruning sets time_pruned and bumps the generation, only if neither the TUF nor the target-release generation moved', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const r2 = generateRepo({ seed: 1, systemVersion: '2.0.0', artifacts: 2 });
    const r3 = generateRepo({ seed: 1, systemVersion: '3.0.0', artifacts: 1 });
    const out = await onVirtualTime(w, async () => {
      const { repoId } = await tufRepoInsert(db, w.now, rng, r1);
      const { repoId: id2 } = await tufRepoInsert(db, w.now, rng, r2);
      const { repoId: id3 } = await tufRepoInsert(db, w.now, rng, r3);
      const recent = await targetReleaseFetchRecentDistinct(db);
      const staleTuf = await tufRepoMarkPruned(db, w.now, 2, recent, repoId).catch((e: unknown) => e);
      // The operator sets a target release after the pruner read the recent ones.
      await targetReleaseInsert(db, w.now, id3);
      const gen = await tufGenerationGet(db);
      const staleTarget = await tufRepoMarkPruned(db, w.now, gen, recent, repoId).catch((e: unknown) => e);
      const fresh = await targetReleaseFetchRecentDistinct(db);
      const current = await tufRepoMarkPruned(db, w.now, gen, fresh, id3).catch((e: unknown) => e);
      const tooFew = await tufRepoMarkPruned(db, w.now, gen, { ...fresh, count: 1 }, id2).catch((e: unknown) => e);
      const pruned = await tufRepoMarkPruned(db, w.now, gen, fresh, repoId);
      const again = await tufRepoMarkPruned(db, w.now, pruned, fresh, repoId); // already pruned: a no-op
      return { staleTuf, staleTarget, current, tooFew, fresh, pruned, again, config: await tufListArtifactsUnprunedBatched(db) };
    });
    expect(out.staleTuf).toBeInstanceOf(TufGenerationConflict);
    expect(out.staleTarget).toBeInstanceOf(TargetReleaseChanged);
    expect(String(out.staleTarget)).toMatch(/target release has changed since check \(currently 2, was 1\)/);
    expect(out.fresh.targetReleaseGeneration).toBe(2);
    expect(String(out.current)).toMatch(/current or recent target release/);
    expect(String(out.tooFew)).toMatch(/at least two recent releases/);
    expect(out.pruned).toBe(5);
    expect(out.again).toBe(5);
    expect(out.config).toEqual({ generation: 5, artifacts: [...r2.artifacts, ...r3.artifacts].map((a) => a.sha256).sort() });
    expect([...presentArtifactHashes(w.sql)].sort()).toEqual(out.config.artifacts);
    expect(w.sql.prepare('SELECT system_version FROM tuf_repo WHERE time_pruned IS NOT NULL').all()).toEqual([{ system_version: '1.0.0' }]);
  });

  it('the recent target releases are the two newest distinct repos, looked for in the newest 8 rows only', async () => {
    // omicron's target_release_fetch_recent_distinct with count 2 (1 always + 1 extra): limit 4 * 2 rows.
    const { w, db, rng } = setup();
    const ids = await onVirtualTime(w, async () => {
      const out: string[] = [];
      for (const v of ['1.0.0', '2.0.0', '3.0.0']) out.push((await tufRepoInsert(db, w.now, rng, generateRepo({ seed: 1, systemVersion: v, artifacts: 1 }))).repoId);
      return out;
    });
    const [id1, id2, id3] = ids;
    const got = await onVirtualTime(w, async () => {
      for (const id of [id1, id2, id3]) await targetReleaseInsert(db, w.now, id);
      const three = await targetReleaseFetchRecentDistinct(db, 2);
      for (let i = 0; i < 6; i++) await targetReleaseInsert(db, w.now, id3); // newest 8 rows: id2 once, id3 seven times
      const edge = await targetReleaseFetchRecentDistinct(db, 2);
      await targetReleaseInsert(db, w.now, id3); // newest 8 rows: id3 only
      const short = await targetReleaseFetchRecentDistinct(db, 2).catch((e: unknown) => e);
      return { three, edge, short };
    });
    expect([...got.three.releases].sort()).toEqual([id2, id3].sort());
    expect([...got.edge.releases].sort()).toEqual([id2, id3].sort());
    expect(String(got.short)).toMatch(/found only 1 before giving up/);
  });

  it('re-uploading a pruned repo un-prunes it and bumps the generation; its artifacts are wanted again', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const out = await onVirtualTime(w, async () => {
      const { repoId } = await tufRepoInsert(db, w.now, rng, r1);
      await tufRepoPrune(db, w.now, repoId);
      const pruned = await tufListArtifactsUnprunedBatched(db);
      const again = await tufRepoInsert(db, w.now, rng, r1);
      return { repoId, pruned, again, config: await tufListArtifactsUnprunedBatched(db) };
    });
    expect(out.pruned).toEqual({ generation: 3, artifacts: [] });
    expect(out.again).toMatchObject({ repoId: out.repoId, generation: 4, existed: true, unpruned: true, recorded: { fileName: 'repo-1.0.0.zip', systemVersion: '1.0.0' } });
    expect(out.config).toEqual({ generation: 4, artifacts: r1.artifacts.map((a) => a.sha256).sort() });
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo WHERE time_pruned IS NULL').get()).toEqual({ n: 1 });
  });

  it('a version is one repo: other contents under a recorded version are refused and change nothing', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const other = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 3 });
    const sameArtifactsOtherHash = { ...r1, sha256: 'f'.repeat(64) };
    const errs = await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, r1);
      return [await tufRepoInsert(db, w.now, rng, other).catch((e: unknown) => e), await tufRepoInsert(db, w.now, rng, sameArtifactsOtherHash).catch((e: unknown) => e)];
    });
    expect(errs[0]).toBeInstanceOf(TufRepoInsertError);
    expect(String(errs[0])).toMatch(/does not have the same artifacts as existing repository/);
    expect(String(errs[1])).toMatch(/but existing repository has SHA256 hash/);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_artifact').get()).toEqual({ n: 2 });
    expect(w.sql.prepare('SELECT generation FROM tuf_generation').get()).toEqual({ generation: 2 });
  });

  it('a new version whose artifacts are all recorded already bumps no generation (omicron: only new artifacts do)', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const alias = { ...r1, systemVersion: '1.0.0-alias', fileName: 'alias.zip', sha256: 'e'.repeat(64) };
    const out = await onVirtualTime(w, async () => [await tufRepoInsert(db, w.now, rng, r1), await tufRepoInsert(db, w.now, rng, alias)]);
    expect(out.map((r) => [r.generation, r.existed])).toEqual([
      [2, false],
      [2, false],
    ]);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo_artifact').get()).toEqual({ n: 4 });
  });

  it('the unpruned-artifact read errors when the generation changes during it (consistent read)', async () => {
    const { w, rng } = setup();
    w.dbLatency.setSlow('reader', { kind: 'const', ms: 50 });
    const reader = w.db('reader');
    const writer = w.db('writer');
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const out = await onVirtualTime(w, async () => {
      const read = tufListArtifactsUnprunedBatched(reader).catch((e: unknown) => e);
      await w.sched.sleep(60); // the reader has read generation 1 and is paging
      await tufRepoInsert(writer, w.now, rng, r1);
      return read;
    });
    expect(out).toBeInstanceOf(TufGenerationConflict);
    expect(String((out as Error).message)).toMatch(/generation changed while listing artifacts \(1 -> 2\)/);
  });

  it('an artifact whose hash is recorded with another version or length is refused and changes nothing (omicron ArtifactMismatch)', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const r2 = generateRepo({ seed: 2, systemVersion: '2.0.0', artifacts: 2 });
    const [a0] = r1.artifacts;
    const clash = { ...r2, artifacts: [{ ...a0, version: '2.0.0', size: a0.size + 1 }, r2.artifacts[1]] };
    const err = await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, r1);
      return tufRepoInsert(db, w.now, rng, clash).catch((e: unknown) => e);
    });
    expect((err as Error).message).toBe(
      `Uploaded artifacts don't match existing artifacts:\n- Uploaded artifact with SHA-256 checksum ${a0.sha256} has length ${a0.size + 1} and version 2.0.0, but existing artifact with SHA-256 checksum ${a0.sha256} has length ${a0.size} and version 1.0.0.\n`,
    );
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo').get()).toEqual({ n: 1 });
    expect(w.sql.prepare('SELECT generation FROM tuf_generation').get()).toEqual({ generation: 2 });
  });

  it('within one upload, a later artifact is compared only with earlier artifacts that were new (omicron new_files)', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const r2 = generateRepo({ seed: 2, systemVersion: '2.0.0', artifacts: 2 });
    const [a0] = r1.artifacts;
    // 2.0.0 repeats a0 as recorded (reused, so not a new file), then a0's hash under another name
    // and length: one clash, with the recorded artifact only, not also with the reused one.
    const upload = { ...r2, artifacts: [a0, { ...r2.artifacts[1], sha256: a0.sha256, size: a0.size + 1 }] };
    const err = await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, r1);
      return tufRepoInsert(db, w.now, rng, upload).catch((e: unknown) => e);
    });
    const b = upload.artifacts[1];
    expect((err as Error).message).toBe(
      `Uploaded artifacts don't match existing artifacts:\n- Uploaded artifact with SHA-256 checksum ${a0.sha256} has length ${b.size} and version ${b.version}, but existing artifact with SHA-256 checksum ${a0.sha256} has length ${a0.size} and version ${a0.version}.\n`,
    );
  });

  it('reuses a recorded artifact (same hash and tags) and admits one kind/name/version under two hashes, as omicron does', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const other = generateRepo({ seed: 9, systemVersion: '1.0.0', artifacts: 2 });
    // 1.0.1 carries r1's first artifact unchanged and, under r1's second kind/name/version, other bytes.
    const r2 = { ...r1, systemVersion: '1.0.1', sha256: 'f'.repeat(64), fileName: 'b.zip', artifacts: [r1.artifacts[0], other.artifacts[1]] };
    await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, r1);
      await tufRepoInsert(db, w.now, rng, r2);
    });
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_artifact').get()).toEqual({ n: 3 });
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo_artifact').get()).toEqual({ n: 4 });
    // A new artifact came with 1.0.1, so the generation moved again.
    expect(w.sql.prepare('SELECT generation FROM tuf_generation').get()).toEqual({ generation: 3 });
  });
});
