// The TUF datastore: generation bumps on insert and prune (conditional on the generation read),
// and the consistent read of unpruned artifacts fails when the generation moves under it.
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
} from '../../nexus/index.js';
import { onVirtualTime, world } from '../support/world.js';

function setup() {
  const w = world();
  applySchema(w.sql);
  return { w, db: w.db('nexus-0'), rng: w.rng.fork('ids') };
}

describe('tuf datastore', () => {
  it('repo insert records repo, artifacts and links, and bumps the generation; re-upload is a no-op', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 3 });
    const out = await onVirtualTime(w, async () => {
      const a = await tufRepoInsert(db, w.now, rng, r1);
      const again = await tufRepoInsert(db, w.now, rng, r1);
      return { a, again, config: await tufListArtifactsUnprunedBatched(db) };
    });
    expect(out.a).toMatchObject({ generation: 2, existed: false });
    expect(out.again).toMatchObject({ repoId: out.a.repoId, generation: 2, existed: true });
    expect(out.config).toEqual({ generation: 2, artifacts: r1.artifacts.map((a) => a.sha256).sort() });
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo_artifact').get()).toEqual({ n: 3 });
    expect(w.sql.prepare('SELECT DISTINCT generation_added AS g FROM tuf_artifact').all()).toEqual([{ g: 2 }]);
  });

  it('pruning sets time_pruned and bumps the generation, only from the generation the caller read', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const r2 = generateRepo({ seed: 1, systemVersion: '2.0.0', artifacts: 2 });
    const out = await onVirtualTime(w, async () => {
      const { repoId } = await tufRepoInsert(db, w.now, rng, r1);
      await tufRepoInsert(db, w.now, rng, r2);
      const stale = await tufRepoMarkPruned(db, w.now, 2, repoId).catch((e: unknown) => e);
      const gen = await tufGenerationGet(db);
      const pruned = await tufRepoMarkPruned(db, w.now, gen, repoId);
      return { stale, pruned, config: await tufListArtifactsUnprunedBatched(db) };
    });
    expect(out.stale).toBeInstanceOf(TufGenerationConflict);
    expect(out.pruned).toBe(4);
    expect(out.config).toEqual({ generation: 4, artifacts: r2.artifacts.map((a) => a.sha256).sort() });
    expect([...presentArtifactHashes(w.sql)].sort()).toEqual(out.config.artifacts);
    expect(w.sql.prepare('SELECT system_version FROM tuf_repo WHERE time_pruned IS NOT NULL').all()).toEqual([{ system_version: '1.0.0' }]);
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

  it('a conflicting artifact (same kind/name/version, other hash) is refused and changes nothing', async () => {
    const { w, db, rng } = setup();
    const r1 = generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 2 });
    const clash = { ...generateRepo({ seed: 2, systemVersion: '1.0.0', artifacts: 2 }), systemVersion: '1.0.0-other', fileName: 'other.zip' };
    const err = await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, r1);
      return tufRepoInsert(db, w.now, rng, clash).catch((e: unknown) => e);
    });
    expect(String(err)).toMatch(/already exists with sha256/);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM tuf_repo').get()).toEqual({ n: 1 });
    expect(w.sql.prepare('SELECT generation FROM tuf_generation').get()).toEqual({ generation: 2 });
  });
});
