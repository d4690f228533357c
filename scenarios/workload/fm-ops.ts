// The workload's richer fault-management distributions (issue 10): bursts of ereports each nudging
// an analysis, with history pruning and sitrep GC under load; laggy Nexus windows (every DB
// statement and request of one Nexus takes hundreds of ms to seconds for minutes, as a Nexus on an
// overloaded sled); and a support-bundle capacity loss that outlasts the heal (the rack's debug
// datasets stay full: an environmental condition, not a fault the heal repairs). They are drawn
// for every variant alike: none names a design, a sitrep or an alert.
import fc from 'fast-check';
import { FM_ANALYSIS, FM_HISTORY_PRUNE, type Nexus } from '../../nexus/index.js';
import type { Rng, World } from '../../sim/index.js';
import { injectEreport } from '../fm-support.js';
import type { Rack } from '../rack.js';

export type FmOp =
  | { at: number; kind: 'fm-burst'; nexus: number; serial: number; ereports: number; gapMs: number; clears: boolean; prune: boolean }
  | { at: number; kind: 'laggy-nexus'; nexus: number; minMs: number; maxMs: number; durMs: number }
  | { at: number; kind: 'bundle-capacity-gone' };

/** `at` is the workload's start-time arbitrary (ops.ts). */
export function fmOpArbs(at: fc.Arbitrary<number>, nexus: number): Array<{ weight: number; arbitrary: fc.Arbitrary<FmOp> }> {
  const nx = fc.nat({ max: Math.max(0, nexus - 1) });
  return [
    {
      weight: 12,
      arbitrary: fc.record({
        at,
        kind: fc.constant('fm-burst' as const),
        nexus: nx,
        serial: fc.nat({ max: 63 }),
        ereports: fc.integer({ min: 2, max: 10 }),
        gapMs: fc.integer({ min: 0, max: 10_000 }),
        // Most storms clear afterwards (each part reports resolved, in order): their cases close.
        clears: fc.integer({ min: 0, max: 4 }).map((k) => k > 0),
        prune: fc.boolean(),
      }),
    },
    {
      weight: 8,
      arbitrary: fc
        .record({ at, kind: fc.constant('laggy-nexus' as const), nexus: nx, minMs: fc.integer({ min: 50, max: 1_000 }), spanMs: fc.integer({ min: 100, max: 6_000 }), durMs: fc.integer({ min: 30_000, max: 300_000 }) })
        .map(({ spanMs, ...o }) => ({ ...o, maxMs: o.minMs + spanMs })),
    },
    { weight: 3, arbitrary: fc.record({ at, kind: fc.constant('bundle-capacity-gone' as const) }) },
  ];
}

/** What an FM op needs from the executor. */
export interface FmOpHost {
  rack: Rack;
  ids: Rng;
  /** The Nexus an op names, if running and not expunged. */
  live(j: number): Nexus | undefined;
  /** `bundleCapacityGone` set: neither a temporary loss's end nor the heal restores capacity. */
  state: { bundleCapacityGone: boolean };
}

export async function runFmOp(h: FmOpHost, op: FmOp): Promise<string | undefined> {
  const world: World = h.rack.world;
  switch (op.kind) {
    case 'fm-burst': {
      // Sleds report faults in quick succession; each report nudges analysis on the named Nexus
      // (omicron's inventory collection activates fm_analysis), so sitreps are made back to back
      // while every other Nexus's loader runs on its own period.
      // Parts from a wider range than single ereports' six, so most of a burst opens new cases.
      const part = (i: number) => `part-${(op.serial + i) % 64}`;
      const reports = Array.from({ length: op.ereports }, (_, i) => ({ serial: part(i), de: i % 2 === 0 ? ('physical_disk' as const) : ('power_shelf' as const), wantsBundle: i % 3 === 0 }));
      if (op.clears) reports.push(...reports.map((r) => ({ ...r, resolved: true, wantsBundle: false })));
      for (const [i, r] of reports.entries()) {
        const n = h.live(op.nexus);
        if (!n) return i === 0 ? 'nexus down' : undefined;
        injectEreport(world, h.ids, r);
        n.process.tasks.activate(FM_ANALYSIS);
        // History pruning under load: the pruner runs along the storm (it activates GC when it
        // dropped history rows), as it does when analysis reclaims capacity near sitrep_limit.
        if (op.prune) n.process.tasks.activate(FM_HISTORY_PRUNE);
        await world.sched.sleep(op.gapMs);
      }
      return undefined;
    }
    case 'laggy-nexus': {
      const n = h.rack.nexus[op.nexus % h.rack.nexus.length];
      const lag = { kind: 'uniform' as const, min: op.minMs, max: op.maxMs };
      world.faults.slow(n.name, lag); // its messages and its DB statements
      await world.sched.sleep(op.durMs);
      world.faults.unslow(n.name);
      return undefined;
    }
    case 'bundle-capacity-gone':
      // No sled can host a support bundle, through the heal and after (tombstone-gc-stall's rack).
      h.state.bundleCapacityGone = true;
      world.sql.prepare("UPDATE sled SET sled_policy = 'no_provision' WHERE sled_policy = 'in_service'").run();
      world.emit('workload', 'fault.bundle_capacity_gone', {});
      return undefined;
  }
}
