// The one fault control surface (turmoil's `Sim`: partition/repair/crash/bounce): every fault a
// scenario or workload injects goes through here and writes its own trace event on the node it
// hits, so a trace shows each fault's start and end and scripts never poke the policies below.
// `hold`/`release` are turmoil's: a held link's messages wait (not lost) until it is released, then
// arrive in order (sim/faults/hold.ts; the fabric passes every leg's arrival through it).
import type { CrashState } from './crash.js';
import type { DbLatency } from './db-latency.js';
import type { DiskFaults } from './disk.js';
import type { Distribution } from './distribution.js';
import type { LinkHold } from './hold.js';
import type { Drop } from './drop.js';
import type { LinkLatency } from './latency.js';
import type { NodeLatency } from './node-latency.js';
import type { Partition } from './partition.js';
import type { TraceEventMap, TraceKind } from '../trace-events.js';

export interface FaultTargets {
  net: { latency: LinkLatency; slow: NodeLatency; drop: Drop; partition: Partition; hold: LinkHold };
  dbLatency: DbLatency;
  disks: DiskFaults;
  crashes: CrashState;
  emit<K extends TraceKind>(node: string, kind: K, data: TraceEventMap[K]): void;
  /** Stops serving the node's addresses (connections refused). */
  unlisten(node: string): void;
}

/** Where a slow node pays its extra latency: its messages, its DB statements, or both. */
export interface SlowWhere {
  net?: boolean;
  db?: boolean;
}

export class FaultControl {
  constructor(private readonly w: FaultTargets) {}

  /** Cuts `a` off from each of `others`, both ways. */
  partition(a: string, others: readonly string[]): void {
    for (const b of others) this.w.net.partition.isolate(a, b);
    this.w.emit(a, 'fault.partition', { from: [...others] });
  }

  /** One way: `from`'s messages to each of `to` vanish; theirs to `from` still arrive. */
  partitionOneWay(from: string, to: readonly string[]): void {
    for (const b of to) this.w.net.partition.cutOneWay(from, b);
    this.w.emit(from, 'fault.partition', { to: [...to], oneWay: true });
  }

  /** Repairs the links between `a` and each of `others` (both ways, however they were cut);
   * other partitions stay. */
  repair(a: string, others: readonly string[]): void {
    for (const b of others) this.w.net.partition.restore(a, b);
    this.w.emit(a, 'fault.partition_healed', { from: [...others] });
  }

  /** Holds the links between `a` and each of `others`, both ways: their messages wait, not lost. */
  hold(a: string, others: readonly string[]): void {
    for (const b of others) {
      this.w.net.hold.hold(a, b);
      this.w.net.hold.hold(b, a);
    }
    this.w.emit(a, 'fault.hold', { with: [...others] });
  }

  /** Releases the links `hold` held: every waiting message is delivered now, in arrival order
   * (a → b's first, then b → a's, for each of `others` in turn). Other holds stay. */
  release(a: string, others: readonly string[]): void {
    let delivered = 0;
    for (const b of others) delivered += this.w.net.hold.release(a, b) + this.w.net.hold.release(b, a);
    this.w.emit(a, 'fault.release', { with: [...others], delivered });
  }

  /** A slow node: every message it sends or receives, and/or every DB statement it runs, pays `extra`. */
  slow(node: string, extra: Distribution, where: SlowWhere = { net: true, db: true }): void {
    const net = where.net ?? false;
    const db = where.db ?? false;
    if (net) this.w.net.slow.setSlow(node, extra);
    if (db) this.w.dbLatency.setSlow(node, extra);
    this.w.emit(node, 'fault.slow', { extra, net, db });
  }

  /** The node runs at normal speed again. */
  unslow(node: string): void {
    this.w.net.slow.setSlow(node, undefined);
    this.w.dbLatency.setSlow(node, undefined);
    this.w.emit(node, 'fault.slow_healed', {});
  }

  /** Extra latency on the directed link from → to (a far sled). */
  slowLink(from: string, to: string, d: Distribution): void {
    this.w.net.latency.setLink(from, to, d);
    this.w.emit(from, 'fault.link_slow', { to, latency: d });
  }

  /** DB-wide latency: every statement of each of `nodes` pays `extra` (a stalled database). */
  dbStall(nodes: readonly string[], extra: Distribution): void {
    for (const n of nodes) this.w.dbLatency.setSlow(n, extra);
    this.w.emit('db', 'fault.db_slow', { nodes: [...nodes], extra });
  }

  /** Ends a DB stall on `nodes`. */
  dbUnstall(nodes: readonly string[]): void {
    for (const n of nodes) this.w.dbLatency.setSlow(n, undefined);
    this.w.emit('db', 'fault.db_slow_healed', { nodes: [...nodes] });
  }

  /** Every message is lost with probability `p` (0 ends it). */
  drops(p: number): void {
    this.w.net.drop.probability = p;
    this.w.emit('net', 'fault.drops', { probability: p });
  }

  /** Node crash: its addresses stop answering (refused); the caller drops its in-memory state. */
  crash(node: string): void {
    this.w.crashes.markDown(node);
    this.w.unlisten(node);
    this.w.emit(node, 'fault.crash', {});
  }

  /** Marks the node up again; it re-registers its apps as it boots. */
  restart(node: string): void {
    this.w.crashes.markUp(node);
    this.w.emit(node, 'fault.restart', {});
  }

  isDown(node: string): boolean {
    return this.w.crashes.isDown(node);
  }

  /** An M.2 dies; the caller tells the sled agent (`noticeDiskLoss`). */
  m2Lost(node: string, disk: number): void {
    this.w.disks.fail(node, disk);
    this.w.emit(node, 'fault.m2-lost', { disk });
  }

  /** A blank replacement for a dead M.2 (nothing is written when the disk was not dead). */
  m2Replaced(node: string, disk: number): void {
    if (!this.w.disks.forNode(node).failed(disk)) return;
    this.w.disks.repair(node, disk);
    this.w.emit(node, 'fault.m2-replaced', { disk });
  }

  /** Heals the network and DB at once: partitions, held links (their messages delivered), slow
   * nodes, drops, DB latency (not crashes or disks). */
  healAll(): void {
    this.w.net.partition.heal();
    const released = this.w.net.hold.releaseAll();
    if (released > 0) this.w.emit('net', 'fault.release', { with: [], delivered: released });
    this.w.net.slow.clear();
    this.w.net.drop.probability = 0;
    this.w.dbLatency.clear();
    this.w.emit('rack', 'fault.healed', {});
  }
}
