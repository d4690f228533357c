// rack-workload: the explorer. A whole rack (every plugin: TUF replication, sagas, FM) runs a
// seed-derived list of operations (ops.ts) interleaved with every background task on its own period
// and the seed's faults, then heals; every invariant of every family watches every run. Variants
// are design sets (designs.ts): omicron-today must hold; each buggy design must be caught by its
// own race's invariant, with no step aimed at it. `--replay FILE` runs a given (shrunk) list.
import { REPO_DEPOT_PORT } from '../../agents/index.js';
import { fmPlugin, MIN_SLED_REPLICATION, sagaPlugin, tufArtifactReplication } from '../../nexus/index.js';
import {
  actionInOneSec,
  ArtifactCopies,
  deletedBundleNeverHandedOut,
  everySagaEndsDone,
  logWrittenByCurrentSec,
  neverBackwards,
  noLocalRepoKept,
  noStaleArtifacts,
  noTotalLoss,
  oneOutcomePerRequest,
  recoveryResumesOnlyForeignSagas,
  replicasConverge,
  sagasEndDone,
} from '../checkers/index.js';
import { fmInvariants, setFmConfig } from '../fm-support.js';
import { baseKnobs } from '../knobs.js';
import { Rack } from '../rack.js';
import { migrateSledRows } from '../replication/repo-depot-port-zero.js';
import { blueprintWithAllNexus } from '../saga-blueprint.js';
import { LockstepClient } from '../saga-client.js';
import { defineScript } from '../script.js';
import type { ScenarioDef } from '../types.js';
import { blueprintExecutorPlugin } from './blueprint-executor.js';
import { designOf, DESIGN_VARIANTS } from './designs.js';
import { WorkloadExecutor } from './exec.js';
import { healWorkload } from './heal.js';
import { describeOp, WORKLOAD_MS, workloadFor, type Op } from './ops.js';

const SETTLE_MS = 1_000;
/** PCT's k: change points fall within the first this-many events (a run has ~2k-20k). */
const PCT_STEPS = 10_000;
/** After the last op starts, ops still running (a crashed node's downtime) get this long. */
const DRAIN_MS = 240_000;

export const rackWorkload: ScenarioDef = {
  name: 'rack-workload',
  summary: 'a seed-derived workload (uploads, prunes, sagas, crashes, expungements, ereports, alert and bundle ops, faults) on a whole rack, every invariant on',
  variants: Object.keys(DESIGN_VARIANTS),
  expected: Object.fromEntries(Object.keys(DESIGN_VARIANTS).map((v) => [v, v === 'omicron-today' ? 'holds' : 'caught'])),
  defaults: { sleds: 6, nexus: 3 },
  limits: { minSleds: 1, minNexus: 2 },
  maxSimMs: 6 * 3600_000,
  reportMarks: true,
  knobs: (rng) => {
    const threshold = rng.int(2, 5);
    return {
    ...baseKnobs(rng, { maxDrop: 0.01, maxSkewMs: 2_000 }),
    history_pruning_threshold: threshold,
    // A rack near its sitrep limit in half the seeds: from 80% of it every analysis reclaims
    // capacity (history pruning, then sitrep GC) and still commits, so pruning and GC run under
    // load every few sitreps (fm_analysis.rs check_sitrep_limit). Otherwise a roomy limit.
    sitrep_limit: rng.chance(0.5) ? threshold + rng.int(3, 7) : 2500,
    // Half the seeds schedule simultaneous events by PCT (sim/pct.ts), depth 1 to 3.
    scheduler: rng.chance(0.5) ? 'pct' : 'random',
    pct_depth: rng.int(1, 4),
    // Half the seeds keep history (omicron's threshold is in the thousands): a stalled tombstone
    // tracker then holds tombstones while their cases are in history, as in tombstone-gc-stall.
    // Drawn last so the knobs above keep their values.
    history_kept: rng.chance(0.5),
    };
  },

  async setup({ world, sleds, nexus, variant, knobs, seed, workload }) {
    const design = designOf(variant);
    if (knobs.scheduler === 'pct') {
      world.sched.usePct(world.rng.fork('pct'), { depth: Number(knobs.pct_depth), steps: PCT_STEPS });
      world.trace.subscribe((ev) => world.sched.noteOwner(ev.node));
    }
    const ops: Op[] = (workload as Op[] | undefined) ?? workloadFor(seed, { sleds, nexus });
    const plugins = [
      tufArtifactReplication({ design: design.replication, uploadOrder: design.uploadOrder, minSledReplication: Math.min(MIN_SLED_REPLICATION, sleds) }),
      sagaPlugin({ reassignment: design.reassignment, fencing: 'unfenced' }),
      fmPlugin({ readDesign: design.readDesign, alertDesign: design.alertDesign }),
      blueprintExecutorPlugin(),
    ];
    const rack = await Rack.build(world, {
      sleds,
      nexus,
      plugins,
      register: false,
      startNexus: false,
      sledProtocol: design.replication === 'v1-delete' ? 'v1' : 'generation',
      maxSkewMs: Number(knobs.clock_skew_max_ms),
    });
    // Sled rows as a migration left them (repo_depot_port takes the column default), then Nexus starts.
    migrateSledRows({ rack }, design.repoDepotPortDefault === 'zero' ? 0 : REPO_DEPOT_PORT);
    blueprintWithAllNexus(world, rack.nexus);
    setFmConfig(
      world,
      knobs.history_kept === true
        ? { history_pruning_threshold: 2000, sitrep_limit: 2500 }
        : { history_pruning_threshold: Number(knobs.history_pruning_threshold), sitrep_limit: Number(knobs.sitrep_limit) },
    );
    for (const n of rack.nexus) await world.sched.holdWhile(() => n.start(), n.name);
    const omdb = LockstepClient.onWorld(world);
    const x = new WorkloadExecutor(rack, design, omdb, seed);
    const copies = new ArtifactCopies(world, rack.sleds, rack.nexus);
    world.emit('workload', 'workload.ops', { count: ops.length });

    const script = defineScript('rack-workload', [
      { name: 'settle', run: () => world.sched.sleep(SETTLE_MS) },
      {
        name: 'workload',
        run: async () => {
          x.schedule(ops, world.now);
          await world.sched.sleep(WORKLOAD_MS + DRAIN_MS);
        },
      },
      { name: 'heal', run: () => healWorkload(x) },
    ]);
    return {
      script,
      models: [copies],
      invariants: [
        oneOutcomePerRequest(() => world.now),
        neverBackwards(copies),
        noTotalLoss(copies),
        replicasConverge(copies),
        noStaleArtifacts(copies),
        noLocalRepoKept(copies),
        actionInOneSec(),
        logWrittenByCurrentSec(),
        sagasEndDone(world.sql),
        recoveryResumesOnlyForeignSagas(),
        everySagaEndsDone(world.sql),
        deletedBundleNeverHandedOut(world.sql),
        ...fmInvariants(world, rack.nexus, { alerts: true }),
      ],
      report: () => [`workload (${ops.length} ops):`, ...ops.map(describeOp)].join('\n'),
    };
  },
};
