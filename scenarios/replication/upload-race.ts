// upload-race: the replication task activates between the upload handing the repo to the task and
// inserting it in the DB. insert-then-send (omicron today) cannot hit it. send-before-insert (the
// order questioned in review) can: the task finds none of the new artifacts in the config, drops
// the local repo as "replicated" (vacuously), and the repo lands in the DB with no copy anywhere.
import type { UploadOrder } from '../../nexus/index.js';
import { baseKnobs } from '../knobs.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { uploadReplicateHealSteps } from './steps.js';
import { buildTufRack, scenarioRepo } from './tuf-rack.js';

const SETTLE_MS = 1_000;
const GAP_MS = 10_000;

export const uploadRace: ScenarioDef = {
  name: 'upload-race',
  summary: 'the task activates between handing a repo to it and inserting the repo; send-before-insert drops the only copy',
  variants: ['insert-then-send', 'send-before-insert'],
  expected: { 'insert-then-send': 'holds', 'send-before-insert': 'caught' },
  defaults: { sleds: 4, nexus: 2 },
  limits: { minSleds: 1, minNexus: 1 },
  knobs: (rng) => ({ ...baseKnobs(rng), artifacts: rng.int(2, 5) }),

  async setup({ world, sleds, nexus, variant, knobs, seed }) {
    const t = await buildTufRack(world, { sleds, nexus, design: 'generation' });
    const uploader = t.rack.nexus[0];
    const repo = scenarioRepo(seed, '18.0.0', Number(knobs.artifacts));
    const script = defineScript('upload-race', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      ...uploadReplicateHealSteps(t, uploader, repo, { gapMs: GAP_MS, convergeRounds: 1, order: variant as UploadOrder }),
    ]);
    return { script, invariants: t.invariants };
  },
};
