// replication: upload TUF repo 17 to one Nexus and replicate it, then upload repo 18, and have
// another Nexus prune 17 (a generation bump) while the seed's swarm faults (slow Nexus, sled crash,
// M.2 loss, partition, failing depot) still strike. After heal every sled holds two copies (one per
// M.2) of every artifact of 18 and none of 17 (v1-delete: the task DELETEs them; generation: each
// sled's delete reconciler removes them), and the uploader dropped its local copies only once
// min_sled_replication sleds held each artifact. Both designs must hold.
import { TargetReleaseChanged, TufGenerationConflict, tufRepoPrune, type Nexus, type TufRepository } from '../../nexus/index.js';
import { baseKnobs } from '../knobs.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { UpdateOperator, repoIdOf } from '../update-operator.js';
import { faultKnobs, injectFaults } from './faults.js';
import { converge, healFaults } from './heal.js';
import { buildTufRack, scenarioRepo, type TufRack } from './tuf-rack.js';

const SETTLE_MS = 1_000;
const REPLICATE_GAP_MS = 60_000;
/** Retries of the prune when an upload or a target release moved a generation under it (none expected here). */
const PRUNE_ATTEMPTS = 5;

/** The operator uploads `repo` to `n`'s external API and waits for the activation the upload caused; returns the repo id. */
async function upload(t: TufRack, n: Nexus, repo: TufRepository): Promise<string> {
  const done = t.watch.completed(n);
  await UpdateOperator.onWorld(t.rack.world).upload(n, repo);
  await done;
  return repoIdOf(t.rack.world, repo.systemVersion);
}

/**
 * What omicron's tuf_repo_pruner does once it chose the repo: read the TUF generation and the recent
 * target releases, then mark the repo pruned conditionally on both (retried on a conflict).
 */
async function prune(n: Nexus, repoId: string): Promise<void> {
  const p = n.process;
  for (let attempt = 1; ; attempt++) {
    try {
      await tufRepoPrune(p.db, p.clock.now(), repoId);
      return;
    } catch (err) {
      if (!(err instanceof TufGenerationConflict || err instanceof TargetReleaseChanged) || attempt >= PRUNE_ATTEMPTS) throw err;
    }
  }
}

export const replication: ScenarioDef = {
  name: 'replication',
  summary: 'replicate repo 17, upload 18 and prune 17 under faults; sleds converge to two copies of 18 and none of 17; the uploader drops its copy only once replicated',
  variants: ['generation', 'v1-delete'],
  expected: { generation: 'holds', 'v1-delete': 'holds' },
  defaults: { sleds: 8, nexus: 3 },
  limits: { minSleds: 1, minNexus: 1 },
  // Repo 17 is smaller: its job is to be pruned, and each artifact costs events on every sled.
  knobs: (rng, shape) => ({ ...baseKnobs(rng), artifacts: 30, pruned_artifacts: 8, ...faultKnobs(rng, shape.sleds, shape.nexus) }),

  async setup({ world, sleds, nexus, variant, knobs, seed }) {
    const design = variant === 'v1-delete' ? 'v1-delete' : 'generation';
    const t = await buildTufRack(world, { sleds, nexus, design });
    const uploader = t.rack.nexus[0];
    const pruner = t.rack.nexus[nexus > 1 ? 1 : 0];
    const old = scenarioRepo(seed, '17.0.0', Number(knobs.pruned_artifacts));
    const repo = scenarioRepo(seed, '18.0.0', Number(knobs.artifacts));
    let oldId = '';
    const script = defineScript('replication', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      { name: 'inject-faults', run: async () => injectFaults(t, knobs) },
      {
        name: 'upload-and-replicate-17',
        run: async () => {
          oldId = await upload(t, uploader, old);
          await world.sched.sleep(REPLICATE_GAP_MS);
          await t.watch.activateAndWait(uploader);
        },
      },
      { name: 'upload-18', run: async () => void (await upload(t, uploader, repo)) },
      { name: 'prune-17', run: () => prune(pruner, oldId) },
      {
        name: 'replicate',
        run: async () => {
          await world.sched.sleep(REPLICATE_GAP_MS);
          await Promise.all([t.watch.activateAndWait(uploader), pruner === uploader ? undefined : t.watch.activateAndWait(pruner)]);
          await world.sched.sleep(REPLICATE_GAP_MS);
        },
      },
      { name: 'heal', run: () => healFaults(t, [Number(knobs.fault_depot_failing)]) },
      { name: 'converge', run: () => converge(t) },
    ]);
    return { script, invariants: t.invariants };
  },
};
