// replication: upload a TUF repo to one Nexus; every sled converges to two copies (one per M.2) of
// every artifact, and the uploading Nexus drops its local copy only once min_sled_replication sleds
// hold each artifact. Swarm faults (slow Nexus, sled crash, M.2 loss, partition, failing depot)
// strike during replication; both designs must hold.
import { updatesPutRepository } from '../../nexus/index.js';
import { baseKnobs } from '../knobs.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { faultKnobs, injectFaults } from './faults.js';
import { converge, healFaults } from './heal.js';
import { buildTufRack, scenarioRepo } from './tuf-rack.js';

const SETTLE_MS = 1_000;
const REPLICATE_GAP_MS = 60_000;

export const replication: ScenarioDef = {
  name: 'replication',
  summary: 'upload a TUF repo; all sleds converge to two copies of every artifact; the uploader drops its copy only once replicated',
  variants: ['generation', 'v1-delete'],
  expected: { generation: 'holds', 'v1-delete': 'holds' },
  defaults: { sleds: 8, nexus: 3 },
  limits: { minSleds: 1, minNexus: 1 },
  ciSeeds: 4,
  knobs: (rng, shape) => ({ ...baseKnobs(rng), artifacts: 30, ...faultKnobs(rng, shape.sleds, shape.nexus) }),

  async setup({ world, sleds, nexus, variant, knobs, seed }) {
    const design = variant === 'v1-delete' ? 'v1-delete' : 'generation';
    const t = await buildTufRack(world, { sleds, nexus, design });
    const uploader = t.rack.nexus[0];
    const repo = scenarioRepo(seed, '18.0.0', Number(knobs.artifacts));
    const script = defineScript('replication', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      { name: 'inject-faults', run: async () => injectFaults(t, knobs) },
      {
        name: 'upload',
        run: async () => {
          const done = t.watch.completed(uploader);
          await updatesPutRepository(uploader.process, repo);
          await done;
        },
      },
      {
        name: 'replicate',
        run: async () => {
          await world.sched.sleep(REPLICATE_GAP_MS);
          await t.watch.activateAndWait(uploader);
          await world.sched.sleep(REPLICATE_GAP_MS);
        },
      },
      { name: 'heal', run: () => healFaults(t, [Number(knobs.fault_depot_failing)]) },
      { name: 'converge', run: () => converge(t) },
    ]);
    return { script, invariants: t.invariants };
  },
};
