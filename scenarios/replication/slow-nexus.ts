// slow-nexus-deletes-fresh-artifacts: Nexus A starts an activation and reads the artifact list from
// the DB, then turns slow (DB and network latency on its node). Nexus B uploads repo N+1 and
// replicates it. Under v1-delete, A's stale view lists the sleds after B's artifacts landed and
// DELETEs them: never-backwards catches it through the real requests. With generations A's config
// PUT gets 409 CONFIG_GENERATION (or a sled lists a newer generation) and A aborts. In some seeds B
// reaches a few sleds late ("far" sleds), so A's old config lands and lists there while the others
// answer 409: A must still abort rather than copy its stale view onto the sleds that refused it
// (no-writes-on-superseded-config).
import { TUF_TASK_NAME, showTufArtifactReplication } from '../../nexus/index.js';
import { runFault } from '../fault-workloads.js';
import { baseKnobs } from '../knobs.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { UpdateOperator } from '../update-operator.js';
import { converge, healFaults } from './heal.js';
import { buildTufRack, scenarioRepo } from './tuf-rack.js';

const SETTLE_MS = 1_000;
const GAP_MS = 10_000;

export const slowNexusDeletesFreshArtifacts: ScenarioDef = {
  name: 'slow-nexus-deletes-fresh-artifacts',
  summary: "a slow Nexus's stale artifact list deletes (v1) the artifacts a faster Nexus just replicated",
  variants: ['generation', 'v1-delete'],
  expected: { generation: 'holds', 'v1-delete': 'caught' },
  defaults: { sleds: 4, nexus: 2 },
  limits: { minSleds: 1, minNexus: 2 },
  knobs: (rng, shape) => ({
    ...baseKnobs(rng),
    artifacts: rng.int(2, 5),
    // A's extra latency per message and per DB step once it has read the list.
    slow_nexus_mean_ms: rng.int(5, 400),
    // Sleds B's requests reach late, and by how much (a slow link, not a partition).
    b_far_sleds: rng.int(0, Math.max(1, shape.sleds)),
    b_far_extra_ms: rng.int(200, 2_000),
  }),

  async setup({ world, sleds, nexus, variant, knobs, seed }) {
    const design = variant === 'v1-delete' ? 'v1-delete' : 'generation';
    const t = await buildTufRack(world, { sleds, nexus, design });
    const [a, b] = t.rack.nexus;
    const n = Number(knobs.artifacts);
    const r1 = scenarioRepo(seed, '17.0.0', n);
    const r2 = scenarioRepo(seed, '18.0.0', n);
    let aDone: Promise<unknown> = Promise.resolve();

    const script = defineScript('slow-nexus-deletes-fresh-artifacts', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      {
        name: 'b-uploads-and-replicates-repo-n',
        run: async () => {
          const done = t.watch.completed(b);
          await UpdateOperator.onWorld(world).upload(b, r1);
          await done;
          await world.sched.sleep(GAP_MS);
          await t.watch.activateAndWait(b);
        },
      },
      {
        name: 'a-reads-artifact-list-then-slows',
        run: async () => {
          const extra = { kind: 'exp' as const, min: 0, mean: Number(knobs.slow_nexus_mean_ms) };
          const slowDown = () => void runFault('slowNode', t.rack, { node: a.name, extra, net: true, db: true });
          // A turns slow at the very event of its read, before its next request leaves.
          const read = t.watch.waitFor('nexus A reading the artifact list', (ev) => ev.node === a.name && ev.kind === 'tuf.config_read', undefined, slowDown);
          aDone = t.watch.completed(a);
          a.process.tasks.activate('tuf_artifact_replication');
          await read;
        },
      },
      {
        name: 'b-uploads-and-replicates-repo-n+1',
        run: async () => {
          const far = { kind: 'uniform' as const, min: Number(knobs.b_far_extra_ms), max: Number(knobs.b_far_extra_ms) + Number(knobs.net_latency_max_ms) };
          // v1 has no config for a sled to refuse, so the far sleds only matter (and apply) under generations.
          const farSleds = design === 'generation' ? Number(knobs.b_far_sleds) : 0;
          for (let i = 0; i < farSleds; i++) world.faults.slowLink(b.name, `sled-${i}`, far);
          const done = t.watch.completed(b);
          await UpdateOperator.onWorld(world).upload(b, r2);
          await done;
          await t.watch.activateAndWait(b);
        },
      },
      { name: 'a-finishes', run: async () => void (await aDone) },
      { name: 'heal', run: () => healFaults(t) },
      { name: 'converge', run: () => converge(t, 1) },
    ]);
    // Each Nexus's task as omdb shows it: the slow one's counters include the aborted activation.
    const report = () =>
      t.rack.nexus
        .filter((n) => n.running)
        .map((n) => `${n.name}:\n${showTufArtifactReplication(n.process.tasks.view(TUF_TASK_NAME)!, world.now)}`)
        .join('\n');
    return { script, invariants: t.invariants, report };
  },
};
