// Reusable fault workloads, as FoundationDB's test specs list RandomClogging and Attrition next to
// a correctness workload: each is declared once here, by name, as one fault episode (start, hold
// for `durMs`, heal) on the world's fault surface (sim/faults/control.ts). A scenario composes the
// ones it wants by name with its own parameters: rack-workload's fault ops are these episodes with
// the parameters its op list drew (so a shrunk reproducer keeps them), the replication scenarios'
// swarm faults are the same episodes with knob-drawn parameters. Without `durMs` a fault lasts
// until the scenario's heal phase.
import type { Distribution } from '../sim/index.js';
import type { Rack } from './rack.js';

/** Why an episode did nothing (the workload records it as a skipped op), or undefined. */
export type Skip = string | undefined;

interface Episode<P> {
  /** What the fault stands for (FoundationDB's name where there is one). */
  readonly about: string;
  run(rack: Rack, p: P): Promise<Skip>;
}

const sleep = (rack: Rack, ms: number | undefined) => (ms === undefined ? undefined : rack.world.sched.sleep(ms));

/** RandomClogging: a Nexus's requests to some sleds vanish (one way: their answers still arrive),
 * or, `bothWays`, the Nexus and those sleds cannot reach each other at all. */
const clogging: Episode<{ nexus: string; sleds: readonly string[]; bothWays?: boolean; durMs?: number }> = {
  about: 'RandomClogging: links from a Nexus to some sleds cut (one way or both) for a window',
  async run(rack, p) {
    const f = rack.world.faults;
    if (p.bothWays) f.partition(p.nexus, p.sleds);
    else f.partitionOneWay(p.nexus, p.sleds);
    if (p.durMs === undefined) return undefined;
    await sleep(rack, p.durMs);
    f.repair(p.nexus, p.sleds);
    return undefined;
  },
};

/** Held links (turmoil's hold/release): a Nexus's messages to and from some sleds wait, not lost,
 * for the window, then arrive all at once in order — a stalled switch port or a paused process's
 * socket buffers. Old requests land after newer ones were answered elsewhere. */
const holding: Episode<{ nexus: string; sleds: readonly string[]; durMs?: number }> = {
  about: 'holding: links between a Nexus and some sleds held (messages wait) for a window, then released in order',
  async run(rack, p) {
    const f = rack.world.faults;
    f.hold(p.nexus, p.sleds);
    if (p.durMs === undefined) return undefined;
    await sleep(rack, p.durMs);
    f.release(p.nexus, p.sleds);
    return undefined;
  },
};

/** A slow node (a "slow Nexus"): its messages and/or DB statements pay `extra`. */
const slowNode: Episode<{ node: string; extra: Distribution; net: boolean; db: boolean; durMs?: number }> = {
  about: 'slow node: extra latency on one node\'s network traffic and/or DB statements for a window',
  async run(rack, p) {
    rack.world.faults.slow(p.node, p.extra, { net: p.net, db: p.db });
    if (p.durMs === undefined) return undefined;
    await sleep(rack, p.durMs);
    rack.world.faults.unslow(p.node);
    return undefined;
  },
};

/** The shared database stalls: every statement of every Nexus pays up to `maxMs` more. */
const dbStall: Episode<{ maxMs: number; durMs?: number }> = {
  about: 'DB stall: DB-wide extra latency on every Nexus\'s statements for a window',
  async run(rack, p) {
    const nodes = rack.nexus.map((n) => n.name);
    rack.world.faults.dbStall(nodes, { kind: 'uniform', min: 0, max: p.maxMs });
    if (p.durMs === undefined) return undefined;
    await sleep(rack, p.durMs);
    rack.world.faults.dbUnstall(nodes);
    return undefined;
  },
};

/** Attrition: a sled crashes (losing what it held in memory) and reboots `downMs` later. */
const attrition: Episode<{ sled: number; downMs: number }> = {
  about: 'Attrition: a sled crashes and reboots after a while',
  async run(rack, p) {
    const name = `sled-${p.sled}`;
    if (rack.world.faults.isDown(name)) return 'sled down';
    rack.crashSled(p.sled);
    await sleep(rack, p.downMs);
    if (rack.world.faults.isDown(name)) await rack.restartSled(p.sled);
    return undefined;
  },
};

/** An M.2 dies under a running sled agent; a blank replacement arrives at heal. */
const m2Loss: Episode<{ sled: number; disk: number }> = {
  about: 'M.2 loss: one of a sled\'s two M.2s dies (its artifacts are gone)',
  async run(rack, p) {
    rack.world.faults.m2Lost(`sled-${p.sled}`, p.disk);
    rack.sleds[p.sled].noticeDiskLoss(p.disk);
    return undefined;
  },
};

export const FAULT_WORKLOADS = { clogging, holding, slowNode, dbStall, attrition, m2Loss } as const;

export type FaultWorkloadName = keyof typeof FAULT_WORKLOADS;
export type FaultParams<N extends FaultWorkloadName> = Parameters<(typeof FAULT_WORKLOADS)[N]['run']>[1];

/** Runs one episode of the named fault workload on `rack`. */
export function runFault<N extends FaultWorkloadName>(name: N, rack: Rack, p: FaultParams<N>): Promise<Skip> {
  return (FAULT_WORKLOADS[name] as Episode<FaultParams<N>>).run(rack, p);
}
