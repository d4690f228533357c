// Runs a workload's operations on a rack: each op fires at its time on the virtual clock and runs
// concurrently with everything else (background tasks on their periods, other ops, faults). An op
// that finds its target gone (a crashed or expunged Nexus, no alert to delete) is skipped, and an
// op that fails (a request that timed out, a conflict) is traced: both are outcomes, not errors.
import {
  alertDelete,
  FM_HISTORY_PRUNE,
  FM_SITREP_GC,
  iso,
  reassignSagasFromExpunged,
  startDemoSaga,
  tufRepoPrune,
  generateRepo,
  tufState,
  type Nexus,
} from '../../nexus/index.js';
import { runFault } from '../fault-workloads.js';
import { errorCode, type TraceFn } from '../../sim/index.js';
import { injectEreport } from '../fm-support.js';
import type { Rack } from '../rack.js';
import { plannerChecksCleanup, plannerExpunges } from '../saga-blueprint.js';
import type { LockstepClient } from '../saga-client.js';
import type { Design } from './designs.js';
import { bundleOp } from './bundle-ops.js';
import { runFmOp } from './fm-ops.js';
import { UpdateOperator, repoIdOf } from '../update-operator.js';
import type { Op } from './ops.js';

export interface DemoSagaIds {
  saga_id: string;
  demo_saga_id: string;
  creator: number;
}

/** What the ops have made so far, for later ops to refer to by index. */
export class WorkloadState {
  readonly repoIds: string[] = [];
  readonly sagas: DemoSagaIds[] = [];
  readonly expunged = new Set<number>();
  /** Nexus indices crashed by an op and not yet restarted. */
  readonly crashedNexus = new Set<number>();
  /** Upload requests in progress per Nexus index (a burst can send two to one Nexus). */
  private readonly uploadsInFlight = new Map<number, number>();
  uploading(j: number): boolean {
    return (this.uploadsInFlight.get(j) ?? 0) > 0;
  }
  countUpload(j: number, delta: 1 | -1): void {
    this.uploadsInFlight.set(j, (this.uploadsInFlight.get(j) ?? 0) + delta);
  }
  /** Support-bundle capacity lost for good (fm-ops.ts `bundle-capacity-gone`). */
  bundleCapacityGone = false;
  private uploads = 0;
  nextRepoVersion(): string {
    return `${++this.uploads}.0.0`;
  }
}

export class WorkloadExecutor {
  readonly state = new WorkloadState();
  private readonly ids;

  constructor(
    readonly rack: Rack,
    readonly design: Design,
    readonly omdb: LockstepClient,
    readonly seed: number,
  ) {
    this.ids = rack.world.rng.fork('workload/ids');
  }

  private get world() {
    return this.rack.world;
  }

  /** The Nexus an op names, if it is running and not expunged. */
  live(j: number): Nexus | undefined {
    const n = this.rack.nexus[j % this.rack.nexus.length];
    return n.running && !this.state.expunged.has(j % this.rack.nexus.length) ? n : undefined;
  }

  /** Any running, non-expunged Nexus other than `not` (for planners and peers). */
  private peer(not: number): Nexus | undefined {
    return this.rack.nexus.find((n, j) => j !== not && n.running && !this.state.expunged.has(j));
  }

  /** Schedules every op at its time; returns when all have been started (not finished). */
  schedule(ops: readonly Op[], startedAt: number): void {
    ops.forEach((op, i) => {
      this.world.sched.at(startedAt + op.at, () => {
        this.world.emit('workload', 'workload.op', { index: i, op: op.kind });
        this.run(op).then(
          (outcome) => {
            if (outcome) this.world.emit('workload', 'workload.op_skipped', { index: i, op: op.kind, why: outcome });
          },
          (err) => this.world.emit('workload', 'workload.op_failed', { index: i, op: op.kind, error: errorCode(err) }),
        );
      });
    });
  }

  /** One upload of a new repo to Nexus `nexus` (an index, modulo the rack's). */
  private async upload(nexus: number, artifacts: number): Promise<string | undefined> {
    const { world, rack, state } = this;
    const n = this.live(nexus);
    if (!n) return 'nexus down';
    const repo = generateRepo({ seed: this.seed, systemVersion: state.nextRepoVersion(), artifacts });
    const j = nexus % rack.nexus.length;
    state.countUpload(j, 1);
    try {
      // The operator PUTs the zip to that Nexus's external API (the design's upload order is the
      // Nexus's, set on its TUF plugin).
      await UpdateOperator.onWorld(world).upload(n, repo);
      state.repoIds.push(repoIdOf(world, repo.systemVersion));
    } finally {
      state.countUpload(j, -1);
    }
    return undefined;
  }

  /** Runs one op; a string return says why it was skipped. */
  private async run(op: Op): Promise<string | undefined> {
    const { world, rack, state, design } = this;
    const trace = (n: Nexus): TraceFn => (kind, data) => n.process.trace(kind, data);
    switch (op.kind) {
      case 'upload':
        return this.upload(op.nexus, op.artifacts);
      case 'upload-burst': {
        // Each upload starts `gapMs` after the previous one started (not after it ended), on the
        // next Nexus in turn: the uploads run side by side, as from several operators.
        const started: Array<Promise<string | undefined>> = [];
        for (let i = 0; i < op.uploads; i++) {
          if (i > 0) await world.sched.sleep(op.gapMs);
          started.push(this.upload(op.nexus + i, op.artifacts));
        }
        const outcomes = await Promise.allSettled(started);
        const failed = outcomes.find((o) => o.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
        return outcomes.every((o) => o.status === 'fulfilled' && o.value !== undefined) ? 'every nexus down' : undefined;
      }
      case 'prune': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        if (state.repoIds.length === 0) return 'no repo';
        await tufRepoPrune(n.process.db, n.process.clock.now(), state.repoIds[op.repo % state.repoIds.length]);
        return undefined;
      }
      case 'saga-create': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        const ids = await startDemoSaga(n.process, 'demo_steps', { step_ms: op.stepMs });
        state.sagas.push({ ...ids, creator: op.nexus % rack.nexus.length });
        return undefined;
      }
      case 'saga-complete': {
        // The operator completes a saga through the Nexus it created it on (omdb nexus sagas
        // demo-complete); once that Nexus is gone, through the one the DB names as its SEC.
        if (state.sagas.length === 0) return 'no saga';
        const s = state.sagas[op.saga % state.sagas.length];
        const n = rack.nexus[s.creator].running ? rack.nexus[s.creator] : this.currentSec(s.saga_id);
        if (!n) return 'no running sec';
        const a = await this.omdb.tryCall(n, 'POST', `/demo-saga/${s.demo_saga_id}/complete`);
        return a.status === 204 ? undefined : `answer ${a.status}`;
      }
      case 'nexus-crash': {
        const j = op.nexus % rack.nexus.length;
        if (!this.live(j)) return 'nexus down';
        if (!this.peer(j)) return 'last nexus';
        // Finding (README): omicron keeps an uploaded repo only in the Nexus zone's temporary
        // storage until tuf_artifact_replication has copied it (tuf_artifact_replication.rs, module
        // doc), so a crash then loses the only copy of a repo the DB lists (no-total-loss). The
        // workload models an operator who does not bounce a Nexus with an upload in flight.
        if (tufState(rack.nexus[j].process).heldRepos().length > 0 || state.uploading(j)) return 'holds an unreplicated upload';
        rack.crashNexus(j);
        state.crashedNexus.add(j);
        await world.sched.sleep(op.downMs);
        if (state.crashedNexus.delete(j) && !state.expunged.has(j)) await rack.restartNexus(j);
        return undefined;
      }
      case 'nexus-expunge': {
        // The planner (a peer) expunges the zone; the sled stops it later; inventory then sees it
        // gone and the planner marks it ready for cleanup (scenarios/saga-blueprint.ts).
        const j = op.nexus % rack.nexus.length;
        const planner = this.peer(j);
        const alive = rack.nexus.filter((_, k) => !state.expunged.has(k)).length;
        if (!planner || state.expunged.has(j) || alive <= 2) return 'would leave fewer than two zones';
        // As for a crash: a zone holding an unreplicated upload would lose it (see nexus-crash).
        if (rack.nexus[j].running && (tufState(rack.nexus[j].process).heldRepos().length > 0 || state.uploading(j))) return 'holds an unreplicated upload';
        state.expunged.add(j);
        await plannerExpunges(planner, rack.nexus[j]);
        await world.sched.sleep(op.shutdownAfterMs);
        if (rack.nexus[j].running) rack.crashNexus(j);
        await world.sched.sleep(op.inventoryAfterMs);
        const p = this.peer(j);
        if (p) await plannerChecksCleanup(p, rack.nexus[j]);
        return undefined;
      }
      case 'blueprint-execute': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        await reassignSagasFromExpunged(n.process);
        return undefined;
      }
      case 'sled-crash':
        return runFault('attrition', rack, { sled: op.sled % rack.sleds.length, downMs: op.downMs });
      case 'm2-loss':
        return runFault('m2Loss', rack, { sled: op.sled % rack.sleds.length, disk: op.disk });
      case 'depot-failing': {
        const i = op.sled % rack.sleds.length;
        rack.sleds[i].setDepotFailing(true);
        await world.sched.sleep(op.durMs);
        rack.sleds[i].setDepotFailing(false);
        return undefined;
      }
      case 'ereport':
        injectEreport(world, this.ids, { serial: `part-${op.serial}`, de: op.de, resolved: op.resolved, wantsBundle: op.wantsBundle });
        return undefined;
      case 'alert-delete': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        const live = world.sql.prepare('SELECT id FROM alert WHERE time_deleted IS NULL ORDER BY id').all() as { id: string }[];
        if (live.length === 0) return 'no alert';
        const p = n.process;
        await alertDelete(p.db, design.alertDesign, live[op.alert % live.length].id, iso(p.clock.now()), trace(n));
        return undefined;
      }
      case 'bundle-op': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        return bundleOp(n, op, design, world.sql, [...state.expunged].map((j) => rack.nexus[j].id));
      }
      case 'bundle-capacity-lost':
        // No sled can host a support bundle (omicron: no debug dataset with room) for a while.
        world.sql.prepare("UPDATE sled SET sled_policy = 'no_provision' WHERE sled_policy = 'in_service'").run();
        world.emit('workload', 'fault.bundle_capacity_lost', { durMs: op.durMs });
        await world.sched.sleep(op.durMs);
        restoreBundleCapacity(rack, state);
        return undefined;
      case 'history-gc': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        n.process.tasks.activate(FM_HISTORY_PRUNE);
        n.process.tasks.activate(FM_SITREP_GC);
        return undefined;
      }
      case 'activate': {
        const n = this.live(op.nexus);
        if (!n) return 'nexus down';
        n.process.tasks.activate(op.task);
        return undefined;
      }
      case 'slow': {
        const node = rack.nexus[op.nexus % rack.nexus.length].name;
        return runFault('slowNode', rack, { node, extra: { kind: 'exp', min: 0, mean: op.meanMs }, net: op.net, db: op.db, durMs: op.durMs });
      }
      case 'partition': {
        // One-way: the Nexus's requests to the first `sleds` sleds vanish; their answers to it do not.
        const nexus = rack.nexus[op.nexus % rack.nexus.length].name;
        const sleds = rack.sleds.slice(0, op.sleds).map((_, i) => `sled-${i}`);
        return runFault('clogging', rack, { nexus, sleds, durMs: op.durMs });
      }
      case 'hold': {
        // Both ways: the Nexus's requests to the first `sleds` sleds and their answers wait, then
        // arrive together, in order, when the window ends.
        const nexus = rack.nexus[op.nexus % rack.nexus.length].name;
        const sleds = rack.sleds.slice(0, op.sleds).map((_, i) => `sled-${i}`);
        return runFault('holding', rack, { nexus, sleds, durMs: op.durMs });
      }
      case 'db-slow':
        return runFault('dbStall', rack, { maxMs: op.maxMs, durMs: op.durMs });
      case 'fm-burst':
      case 'laggy-nexus':
      case 'bundle-capacity-gone':
        return runFmOp({ rack, ids: this.ids, live: (j) => this.live(j), state }, op);
    }
  }

  /** The running Nexus the saga table names as the saga's SEC. */
  currentSec(sagaId: string): Nexus | undefined {
    const row = this.world.sql.prepare('SELECT current_sec FROM saga WHERE id = ?').get(sagaId) as { current_sec: string } | undefined;
    return this.rack.nexus.find((n) => n.running && n.id === row?.current_sec);
  }
}

export function restoreBundleCapacity(rack: Rack, state: WorkloadState): void {
  if (state.bundleCapacityGone) return;
  rack.world.sql.prepare("UPDATE sled SET sled_policy = 'in_service' WHERE sled_policy = 'no_provision'").run();
}
