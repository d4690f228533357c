// The world of one run: the seed, the scheduler, the trace, the network and its faults, the shared
// SQL database and the nodes. Everything random in a run descends from the seed through named
// streams.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { NodeClock, SIM_EPOCH_MS, type Skew } from './clock.js';
import { cacheStatements, SimDb } from './db.js';
import { Fabric } from './fabric.js';
import { FaultControl } from './faults/control.js';
import { CrashState } from './faults/crash.js';
import { DbLatency } from './faults/db-latency.js';
import { DiskFaults } from './faults/disk.js';
import type { Distribution } from './faults/distribution.js';
import { Drop } from './faults/drop.js';
import { LinkLatency } from './faults/latency.js';
import { NodeLatency } from './faults/node-latency.js';
import { LinkHold } from './faults/hold.js';
import { Partition } from './faults/partition.js';
import { SeededRng } from './rng.js';
import { Scheduler } from './scheduler.js';
import { Trace } from './trace.js';
import type { Db, Injectable, NodeContext, Sqlite, TraceEvent, TraceEventMap, TraceKind } from './types.js';

export interface WorldOptions {
  seed: number;
  /** Keep every trace line in memory (for --trace and tests). */
  keepTrace?: boolean;
  netLatency?: Distribution;
  dropProbability?: number;
  bytesPerMs?: number;
  dbLatency?: Distribution;
  /** SQLite file to keep the shared DB in; in memory when absent. Replaced at the start of a run. */
  dbPath?: string;
}

export class World {
  readonly seed: number;
  readonly sched: Scheduler;
  readonly trace: Trace;
  readonly rng: SeededRng;
  readonly fabric: Fabric;
  readonly sql: Sqlite;
  readonly net: { latency: LinkLatency; slow: NodeLatency; drop: Drop; partition: Partition; hold: LinkHold };
  readonly dbLatency: DbLatency;
  readonly disks = new DiskFaults();
  readonly crashes = new CrashState();
  /** The fault control surface scenarios use (each fault writes its trace event). */
  readonly faults: FaultControl;
  private readonly nodes = new Map<string, SimNode>();

  constructor(opts: WorldOptions) {
    this.seed = opts.seed;
    this.rng = SeededRng.root(opts.seed);
    this.sched = new Scheduler(SIM_EPOCH_MS, this.rng.fork('scheduler'));
    this.trace = new Trace({ keepLines: opts.keepTrace });
    const latency = new LinkLatency(opts.netLatency ?? { kind: 'uniform', min: 1, max: 5 }, opts.bytesPerMs);
    const slow = new NodeLatency(latency);
    const drop = new Drop(slow, opts.dropProbability ?? 0);
    const partition = new Partition(drop);
    const hold = new LinkHold();
    this.net = { latency, slow, drop, partition, hold };
    this.fabric = new Fabric(this.sched, (ev) => this.trace.emit(ev), partition, this.rng.fork('fabric'), hold);
    this.dbLatency = new DbLatency(opts.dbLatency ?? { kind: 'uniform', min: 1, max: 3 });
    this.faults = new FaultControl({
      net: this.net,
      dbLatency: this.dbLatency,
      disks: this.disks,
      crashes: this.crashes,
      emit: (node, kind, data) => this.emit(node, kind, data),
      unlisten: (node) => this.fabric.unlistenNode(node),
    });
    if (opts.dbPath) {
      rmSync(opts.dbPath, { force: true });
      rmSync(`${opts.dbPath}-journal`, { force: true });
    }
    this.sql = cacheStatements(new Database(opts.dbPath ?? ':memory:'));
  }

  get now(): number {
    return this.sched.now;
  }

  /** Writes a harness-side event (`node` may be a role such as 'script' or 'rack'). */
  emit<K extends TraceKind>(node: string, kind: K, data: TraceEventMap[K]): void {
    this.trace.emit({ t: this.sched.now, node, kind, ...data } as TraceEvent);
  }

  addNode(name: string, ip: string, skew?: Skew): NodeContext {
    if (this.nodes.has(name)) throw new Error(`node ${name} already exists`);
    const node = new SimNode(this, name, ip, new NodeClock(this.sched, skew));
    this.nodes.set(name, node);
    this.fabric.addHost(name, ip);
    return node;
  }

  node(name: string): NodeContext {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** The shared database as node `name` sees it (with its DB latency). */
  db(name: string): Db {
    return new SimDb(this.sql, name, this.sched, this.dbLatency, this.rng.fork(`db/${name}`), (ev) => this.trace.emit(ev));
  }

  close(): void {
    this.fabric.close();
    this.sql.close();
  }
}

class SimNode implements NodeContext {
  readonly fetch;
  readonly disks;
  private readonly streams = new Map<string, SeededRng>();

  constructor(
    private readonly world: World,
    readonly name: string,
    readonly ip: string,
    readonly clock: NodeClock,
  ) {
    this.fetch = world.fabric.fetchFor(name);
    this.disks = world.disks.forNode(name);
  }

  rng(stream: string): SeededRng {
    let r = this.streams.get(stream);
    if (!r) {
      r = this.world.rng.fork(`${this.name}/${stream}`);
      this.streams.set(stream, r);
    }
    return r;
  }

  trace<K extends TraceKind>(kind: K, data: TraceEventMap[K]): void {
    const ev = { t: this.world.sched.now, node: this.name, kind, ...data } as TraceEvent;
    this.world.trace.emit(ev);
  }

  listen(port: number, app: Injectable): void {
    if (this.world.crashes.isDown(this.name)) return;
    this.world.fabric.listen(this.name, this.ip, port, app);
  }
}
