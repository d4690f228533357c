// The workload as data: a list of timed operations (JSON-serialisable) drawn from the seed with
// fast-check arbitraries, so a failing list can be shrunk by fast-check and replayed from a file.
// Node and item references are small indices resolved at run time (modulo what exists then), so
// any sub-list of a valid list is still valid: that is what lets shrinking drop operations freely.
import fc from 'fast-check';
import { fmOpArbs, type FmOp } from './fm-ops.js';

export type Op =
  | { at: number; kind: 'upload'; nexus: number; artifacts: number }
  | { at: number; kind: 'upload-burst'; nexus: number; uploads: number; gapMs: number; artifacts: number }
  | { at: number; kind: 'prune'; nexus: number; repo: number }
  | { at: number; kind: 'saga-create'; nexus: number; stepMs: number }
  | { at: number; kind: 'saga-complete'; nexus: number; saga: number }
  | { at: number; kind: 'nexus-crash'; nexus: number; downMs: number }
  | { at: number; kind: 'nexus-expunge'; nexus: number; shutdownAfterMs: number; inventoryAfterMs: number }
  | { at: number; kind: 'blueprint-execute'; nexus: number }
  | { at: number; kind: 'sled-crash'; sled: number; downMs: number }
  | { at: number; kind: 'm2-loss'; sled: number; disk: number }
  | { at: number; kind: 'depot-failing'; sled: number; durMs: number }
  | { at: number; kind: 'ereport'; serial: number; de: 'power_shelf' | 'physical_disk'; resolved: boolean; wantsBundle: boolean }
  | { at: number; kind: 'alert-delete'; nexus: number; alert: number }
  | { at: number; kind: 'bundle-op'; nexus: number; op: 'list' | 'comment' | 'destroy' | 'collect' | 'fail-expunged'; bundle: number }
  | { at: number; kind: 'bundle-capacity-lost'; durMs: number }
  | { at: number; kind: 'history-gc'; nexus: number }
  | { at: number; kind: 'activate'; nexus: number; task: string }
  | { at: number; kind: 'slow'; nexus: number; meanMs: number; durMs: number; db: boolean; net: boolean }
  | { at: number; kind: 'partition'; nexus: number; sleds: number; durMs: number }
  | { at: number; kind: 'hold'; nexus: number; sleds: number; durMs: number }
  | { at: number; kind: 'db-slow'; maxMs: number; durMs: number }
  | FmOp;

export type OpKind = Op['kind'];

/** Tasks an operator may activate explicitly (omdb nexus background-tasks activate). */
export const ACTIVATABLE = ['tuf_artifact_replication', 'fm_sitrep_loader', 'fm_analysis', 'fm_rendezvous', 'fm_sitrep_history_pruner', 'fm_sitrep_gc', 'saga_recovery'] as const;

export interface WorkloadShape {
  sleds: number;
  nexus: number;
}

/** The operations window: every op starts within it; the heal phase follows. */
export const WORKLOAD_MS = 600_000;

const at = fc.integer({ min: 0, max: WORKLOAD_MS });
const idx = fc.nat({ max: 63 });

/**
 * The seed's operation mix: which family's operations a run is heavy in. Some days a rack is
 * mostly updates (upload and prune storms under slow links), some mostly provisioning (many sagas
 * open across every Nexus while zones are expunged and blueprints executed), some mostly faults
 * and alerts (FM storms); most are a blend. A mix names a family of operations, never a design:
 * every variant draws the same mix and the same operations from the same seed.
 */
export const MIXES = ['blend', 'blend', 'update-storm', 'saga-storm', 'fm-storm'] as const;
export type Mix = (typeof MIXES)[number];

type Family = 'tuf' | 'saga' | 'fm' | 'fault';
const FAMILY: Record<OpKind, Family> = {
  upload: 'tuf',
  'upload-burst': 'tuf',
  prune: 'tuf',
  'depot-failing': 'tuf',
  'm2-loss': 'tuf',
  'saga-create': 'saga',
  'saga-complete': 'saga',
  'nexus-expunge': 'saga',
  'blueprint-execute': 'saga',
  ereport: 'fm',
  'alert-delete': 'fm',
  'bundle-op': 'fm',
  'bundle-capacity-lost': 'fm',
  'history-gc': 'fm',
  'fm-burst': 'fm',
  'bundle-capacity-gone': 'fm',
  'nexus-crash': 'fault',
  'sled-crash': 'fault',
  activate: 'fault',
  slow: 'fault',
  partition: 'fault',
  hold: 'fault',
  'db-slow': 'fault',
  'laggy-nexus': 'fault',
};

/** Weight multipliers (in quarters) per family for each mix: a storm's family ×4, FM ×1/4 outside
 * its own storm, faults as in a blend. */
const MIX_WEIGHTS: Record<Mix, Record<Family, number>> = {
  blend: { tuf: 4, saga: 4, fm: 4, fault: 4 },
  'update-storm': { tuf: 16, saga: 2, fm: 1, fault: 4 },
  'saga-storm': { tuf: 2, saga: 16, fm: 1, fault: 4 },
  'fm-storm': { tuf: 2, saga: 2, fm: 12, fault: 4 },
};

function opArb(s: WorkloadShape, mix: Mix): fc.Arbitrary<Op> {
  const nx = fc.nat({ max: Math.max(0, s.nexus - 1) });
  const sl = fc.nat({ max: Math.max(0, s.sleds - 1) });
  const dur = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
  // Weights: a rack's day is mostly ereports, sagas and uploads; crashes and expungements are rare.
  const arbs: Array<{ weight: number; arbitrary: fc.Arbitrary<Op> }> = [
    { weight: 8, arbitrary: fc.record({ at, kind: fc.constant('upload' as const), nexus: nx, artifacts: fc.integer({ min: 1, max: 4 }) }) },
    // Several repos uploaded in quick succession through the load balancer: each to the next Nexus.
    {
      weight: 3,
      arbitrary: fc.record({ at, kind: fc.constant('upload-burst' as const), nexus: nx, uploads: fc.integer({ min: 2, max: 5 }), gapMs: dur(0, 10_000), artifacts: fc.integer({ min: 1, max: 4 }) }),
    },
    { weight: 3, arbitrary: fc.record({ at, kind: fc.constant('prune' as const), nexus: nx, repo: idx }) },
    { weight: 8, arbitrary: fc.record({ at, kind: fc.constant('saga-create' as const), nexus: nx, stepMs: dur(100, 5_000) }) },
    { weight: 10, arbitrary: fc.record({ at, kind: fc.constant('saga-complete' as const), nexus: nx, saga: idx }) },
    { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('nexus-crash' as const), nexus: nx, downMs: dur(1_000, 120_000) }) },
    { weight: 4, arbitrary: fc.record({ at, kind: fc.constant('nexus-expunge' as const), nexus: nx, shutdownAfterMs: dur(0, 300_000), inventoryAfterMs: dur(6_000, 60_000) }) },
    { weight: 3, arbitrary: fc.record({ at, kind: fc.constant('blueprint-execute' as const), nexus: nx }) },
    { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('sled-crash' as const), sled: sl, downMs: dur(1_000, 120_000) }) },
    { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('m2-loss' as const), sled: sl, disk: fc.nat({ max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('depot-failing' as const), sled: sl, durMs: dur(1_000, 120_000) }) },
    {
      weight: 12,
      arbitrary: fc.record({
        at,
        kind: fc.constant('ereport' as const),
        serial: fc.nat({ max: 5 }),
        de: fc.constantFrom('power_shelf' as const, 'physical_disk' as const),
        resolved: fc.boolean(),
        wantsBundle: fc.boolean(),
      }),
    },
    { weight: 10, arbitrary: fc.record({ at, kind: fc.constant('alert-delete' as const), nexus: nx, alert: idx }) },
    { weight: 10, arbitrary: fc.record({ at, kind: fc.constant('bundle-op' as const), nexus: nx, op: fc.constantFrom('list' as const, 'comment' as const, 'destroy' as const, 'collect' as const, 'fail-expunged' as const), bundle: idx }) },
    { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('bundle-capacity-lost' as const), durMs: dur(10_000, 300_000) }) },
    { weight: 3, arbitrary: fc.record({ at, kind: fc.constant('history-gc' as const), nexus: nx }) },
    { weight: 10, arbitrary: fc.record({ at, kind: fc.constant('activate' as const), nexus: nx, task: fc.constantFrom(...ACTIVATABLE) }) },
    {
      weight: 6,
      arbitrary: fc.record({ at, kind: fc.constant('slow' as const), nexus: nx, meanMs: dur(20, 4_000), durMs: dur(5_000, 180_000), db: fc.boolean(), net: fc.boolean() }),
    },
    { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('partition' as const), nexus: nx, sleds: dur(1, Math.max(1, s.sleds)), durMs: dur(5_000, 120_000) }) },
    { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('hold' as const), nexus: nx, sleds: dur(1, Math.max(1, s.sleds)), durMs: dur(1_000, 60_000) }) },
    { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('db-slow' as const), maxMs: dur(5, 200), durMs: dur(5_000, 120_000) }) },
    ...fmOpArbs(at, s.nexus),
  ];
  const w = MIX_WEIGHTS[mix];
  return fc.oneof(...arbs.map((a) => ({ weight: a.weight * w[FAMILY[kindOf(a.arbitrary)]], arbitrary: a.arbitrary })));
}

/** The kind an op arbitrary draws (each draws exactly one kind). */
function kindOf(a: fc.Arbitrary<Op>): OpKind {
  return fc.sample(a, { seed: 0, numRuns: 1 })[0].kind;
}

/** A workload: the seed's mix, then 1 to 80 operations, sorted by start time. */
export function workloadArb(s: WorkloadShape): fc.Arbitrary<Op[]> {
  return fc
    .constantFrom(...MIXES)
    .chain((mix) => fc.array(opArb(s, mix), { minLength: 1, maxLength: 80, size: 'max' }))
    .map((ops) => [...ops].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind)));
}

/** The mix a seed draws (its workload's first choice). */
export function mixFor(seed: number): Mix {
  return fc.sample(fc.constantFrom(...MIXES), { seed, numRuns: 1 })[0];
}

/** The seed's workload: the first value fast-check draws for this seed (as `fc.check` would). */
export function workloadFor(seed: number, s: WorkloadShape): Op[] {
  return fc.sample(workloadArb(s), { seed, numRuns: 1 })[0];
}

/** One line per operation, for the CLI and reproducer files. */
export function describeOp(op: Op): string {
  const { at: t, kind, ...rest } = op;
  return `${(t / 1000).toFixed(3).padStart(8)}s ${kind} ${JSON.stringify(rest)}`;
}
