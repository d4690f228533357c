// upload-race: the replication task activates between the upload handing the repo to the task and
// inserting it in the DB. insert-then-send (omicron today) cannot hit it. send-before-insert (the
// order questioned in review) can: the task finds none of the new artifacts in the config, drops
// the local repo as "replicated" (vacuously), and the repo lands in the DB with no copy anywhere.
// Every upload is the operator's PUT of the repo's zip to the Nexus's external API; the order under
// test is the Nexus's (its TUF plugin's option). Then the PUT of repo 19 to the same Nexus leaves at
// the instant its activation starts, so it lands while that activation runs (20 of 20 seeds; sent
// at the config read instead, the activation had often ended first: 11 of 20), mostly after the
// config read: the task must leave it in the channel (omicron drains the channel first, step 1 of
// the activation), so a design that drained after the read would find 19 in no config and drop it
// (the drain mutant of "The oracle bites" is caught in 19 of 20).
import { TUF_TASK_NAME, type UploadOrder } from '../../nexus/index.js';
import { baseKnobs } from '../knobs.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { UpdateOperator } from '../update-operator.js';
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
    const t = await buildTufRack(world, { sleds, nexus, design: 'generation', uploadOrder: variant as UploadOrder });
    const uploader = t.rack.nexus[0];
    const repo = scenarioRepo(seed, '18.0.0', Number(knobs.artifacts));
    const next = scenarioRepo(seed, '19.0.0', Number(knobs.artifacts));
    const script = defineScript('upload-race', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      ...uploadReplicateHealSteps(t, uploader, repo, { gapMs: GAP_MS, convergeRounds: 1 }).slice(0, 2),
      {
        name: 'upload-19-while-active',
        run: async () => {
          let upload: Promise<unknown> = Promise.resolve();
          const started = t.watch.waitFor(
            `${uploader.name} ${TUF_TASK_NAME} start`,
            (ev) => ev.node === uploader.name && ev.kind === 'bgtask.started' && ev.task === TUF_TASK_NAME,
            undefined,
            () => {
              upload = UpdateOperator.onWorld(world).upload(uploader, next);
            },
          );
          const done = t.watch.completed(uploader);
          uploader.process.tasks.activate(TUF_TASK_NAME);
          await started;
          await Promise.all([upload, done]);
          await world.sched.sleep(GAP_MS);
          await t.watch.activateAndWait(uploader);
        },
      },
      ...uploadReplicateHealSteps(t, uploader, repo, { gapMs: GAP_MS, convergeRounds: 1 }).slice(2),
    ]);
    return { script, invariants: t.invariants };
  },
};
