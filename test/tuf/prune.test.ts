// Repo removal end to end (generation design): pruning repo N bumps the generation, the next
// activation pushes a config without N's artifacts, and each sled's delete reconciler removes them;
// the artifact invariants hold throughout.
import { describe, expect, it } from 'vitest';
import { tufRepoPrune, updatesPutRepository } from '../../nexus/index.js';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { World, type TraceEvent } from '../../sim/index.js';

describe('tuf repo pruning', () => {
  it('pruned artifacts leave every sled; present ones stay at two copies; no invariant is violated', async () => {
    const w = new World({ seed: 11, keepTrace: true });
    const violations: string[] = [];
    let finished = false;
    const body = async () => {
      const t = await buildTufRack(w, { sleds: 4, nexus: 2, design: 'generation' });
      w.trace.subscribe((ev: TraceEvent) => {
        for (const inv of t.invariants) {
          const m = inv.onEvent?.(ev);
          if (m) violations.push(`${inv.name}: ${m}`);
        }
      });
      const [a, b] = t.rack.nexus;
      const r1 = scenarioRepo(11, '17.0.0', 2);
      const r2 = scenarioRepo(11, '18.0.0', 2);
      for (const repo of [r1, r2]) {
        const done = t.watch.completed(a);
        const { repoId } = await updatesPutRepository(a.process, repo);
        await done;
        await w.sched.sleep(5_000);
        await t.watch.activateAndWait(a);
        if (repo === r1) (r1 as { id?: string }).id = repoId;
      }
      const p = b.process;
      await tufRepoPrune(p.db, p.clock.now(), (r1 as { id?: string }).id!);
      await t.watch.activateAndWait(b);
      await w.sched.sleep(5_000);
      for (const inv of t.invariants) {
        const m = await inv.atEnd?.();
        if (m) violations.push(`${inv.name}: ${m}`);
      }
      return t;
    };
    let t: Awaited<ReturnType<typeof body>> | undefined;
    body().then((v) => ((t = v), (finished = true)), (e) => ((finished = true), violations.push(String(e))));
    await w.sched.run({ stop: () => finished, untilMs: w.now + 3600_000 });
    expect(violations).toEqual([]);
    const r1Hashes = new Set(scenarioRepo(11, '17.0.0', 2).artifacts.map((x) => x.sha256));
    for (const s of t!.rack.sleds) {
      expect([...s.holdings().keys()].filter((h) => r1Hashes.has(h))).toEqual([]);
      expect([...s.holdings().values()]).toEqual([2, 2]);
      expect(s.config()?.generation).toBe(4);
    }
    const removed = w.trace.lines!.map((l) => JSON.parse(l)).filter((e) => e.kind === 'artifact.removed');
    expect(removed).toHaveLength(4 * 2 * 2);
    expect(new Set(removed.map((e) => e.why))).toEqual(new Set(['reconciler']));
    w.close();
  });
});
