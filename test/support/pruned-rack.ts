// The rack both tuf_repo_pruner tests stand on (test/tuf/pruner.test.ts, test/omdb/tuf-tasks.test.ts):
// two sleds, one Nexus with replication and a pruner whose hour-long period does not come round
// in the test, four repos uploaded a second apart, then one pruner activation, awaited. What a
// test reads before and after that activation is its own.
import { TUF_REPO_PRUNER_TASK_NAME, tufArtifactReplication, tufRepoPruner } from '../../nexus/index.js';
import { Rack } from '../../scenarios/rack.js';
import { scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { TaskWatch } from '../../scenarios/replication/task-watch.js';
import { UpdateOperator } from '../../scenarios/update-operator.js';
import { World } from '../../sim/index.js';

export interface PrunerRack {
  w: World;
  n: Rack['nexus'][number];
}

export async function uploadsThenPrune<B, T>(steps: {
  /** The pruner's `enabled` setting (the reconfigurator config's tuf_repo_pruner_enabled). */
  enabled?: boolean;
  beforePrune?: (r: PrunerRack) => Promise<B>;
  afterPrune: (r: PrunerRack, before: B | undefined) => Promise<T>;
}): Promise<{ w: World; result: T }> {
  const w = new World({ seed: 5, netLatency: { kind: 'const', ms: 5 }, dbLatency: { kind: 'const', ms: 2 } });
  let out: { v: T } | { e: unknown } | undefined;
  (async () => {
    const rack = await Rack.build(w, { sleds: 2, nexus: 1, plugins: [tufArtifactReplication({ minSledReplication: 2 }), tufRepoPruner({ periodMs: 3600_000, enabled: steps.enabled ?? true })] });
    const [n] = rack.nexus;
    const watch = new TaskWatch(w);
    for (const v of ['1.0.0', '2.0.0', '3.0.0', '4.0.0']) {
      await UpdateOperator.onWorld(w).upload(n, scenarioRepo(1, v, 1));
      await w.sched.sleep(1000);
    }
    const before = steps.beforePrune ? await steps.beforePrune({ w, n }) : undefined;
    const done = watch.waitFor('pruner completion', (ev) => ev.node === n.name && ev.kind === 'bgtask.completed' && ev.task === TUF_REPO_PRUNER_TASK_NAME);
    n.process.tasks.activate(TUF_REPO_PRUNER_TASK_NAME);
    await done;
    return steps.afterPrune({ w, n }, before);
  })().then(
    (v) => (out = { v }),
    (e) => (out = { e }),
  );
  await w.sched.run({ stop: () => out !== undefined, untilMs: w.now + 3 * 3600_000 });
  if (!out || 'e' in out) throw out ? out.e : new Error('did not finish');
  return { w, result: out.v };
}
