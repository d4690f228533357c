// The live rack: the same SledAgent and Nexus classes the simulator runs (scenarios/rack.ts), wired
// to the real seams instead (sim/real: wall clock, OS randomness, host fetch, sockets on ::1, one
// SQLite file in WAL mode). Only the wiring differs; core code is unchanged.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SledAgent } from '../../agents/index.js';
import { Nexus, NexusAppHost, NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT, applySchema, sagaPlugin, type NexusOptions } from '../../nexus/index.js';
import { LoopbackNode, RealDb } from '../../sim/real/index.js';
import type { Sqlite } from '../../sim/index.js';
import { identityOf } from './identity.js';
import { freePort } from './ports.js';

export interface LiveRackOptions {
  sleds: number;
  nexus: number;
  dbFile: string;
  periodScale: number;
}

export type Api = 'sled-agent' | 'repo-depot' | 'nexus-internal' | 'nexus-lockstep';
export interface ServiceLine {
  kind: 'service';
  node: string;
  api: Api;
  url: string;
}

const url = (port: number) => `http://[::1]:${port}`;

interface LiveNexus {
  node: LoopbackNode;
  nexus: Nexus;
  ports: Map<number, number>;
}

export class LiveRack {
  readonly services: ServiceLine[] = [];
  private readonly nexus: LiveNexus[] = [];
  private readonly sledNodes: LoopbackNode[] = [];

  private constructor(
    readonly opts: LiveRackOptions,
    readonly sql: Sqlite,
    private readonly db: RealDb,
    private readonly rackId: string,
  ) {}

  static async up(opts: LiveRackOptions): Promise<LiveRack> {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    const sql = new Database(opts.dbFile);
    sql.pragma('journal_mode = WAL');
    applySchema(sql, []);
    const rack = new LiveRack(opts, sql, new RealDb(sql), identityOf(sql, 'rack'));
    const plugins = [sagaPlugin()];
    for (let j = 0; j < opts.nexus; j++) {
      const name = `nexus-${j}`;
      const ports = new Map([
        [NEXUS_INTERNAL_PORT, await freePort()],
        [NEXUS_LOCKSTEP_PORT, await freePort()],
      ]);
      const nexusOpts: NexusOptions = { id: identityOf(sql, name), name, generation: 1, rackId: rack.rackId, plugins };
      const live = rack.bootNexus(nexusOpts, ports);
      rack.nexus.push(live);
      await live.nexus.start();
      await live.node.ready();
      rack.services.push({ kind: 'service', node: name, api: 'nexus-internal', url: url(ports.get(NEXUS_INTERNAL_PORT)!) });
      rack.services.push({ kind: 'service', node: name, api: 'nexus-lockstep', url: url(ports.get(NEXUS_LOCKSTEP_PORT)!) });
    }
    for (let i = 0; i < opts.sleds; i++) {
      const name = `sled-${i}`;
      const sledAgentPort = await freePort();
      const repoDepotPort = await freePort();
      const node = new LoopbackNode(name, new Map(), opts.periodScale);
      rack.sledNodes.push(node);
      const sled = new SledAgent(node, { sledId: identityOf(sql, name), protocol: 'generation', sledAgentPort, repoDepotPort });
      await sled.start();
      await node.ready();
      rack.services.push({ kind: 'service', node: name, api: 'sled-agent', url: url(sledAgentPort) });
      rack.services.push({ kind: 'service', node: name, api: 'repo-depot', url: url(repoDepotPort) });
      // As in Rack.build: sled i tells Nexus i mod K about itself (nexus-notifier, over HTTP).
      if (opts.nexus > 0) await sled.register(rack.internalUrl(i % opts.nexus));
    }
    return rack;
  }

  /** A Nexus process on its own node and apps (a fastify app listens once, so none are shared). */
  private bootNexus(o: NexusOptions, ports: Map<number, number>): LiveNexus {
    const node = new LoopbackNode(o.name, ports, this.opts.periodScale);
    return { node, ports, nexus: new Nexus(node, this.db, { ...o, apps: new NexusAppHost(this.rackId) }) };
  }

  internalUrl(j: number): string {
    return url(this.nexus[j].ports.get(NEXUS_INTERNAL_PORT)!);
  }

  /** Stops Nexus j (its servers close, its in-memory state is lost) and boots it again on the
   * same ports and the same DB: a new process, as an SMF restart of the zone would be. */
  async restartNexus(j: number): Promise<void> {
    const old = this.nexus[j];
    if (!old) throw new Error(`no nexus-${j}`);
    old.nexus.crash();
    await old.node.close();
    const live = this.bootNexus(old.nexus.opts, old.ports);
    this.nexus[j] = live;
    await live.nexus.start();
    await live.node.ready();
  }

  async down(): Promise<void> {
    for (const n of this.nexus) n.nexus.crash();
    await Promise.all([...this.nexus.map((n) => n.node.close()), ...this.sledNodes.map((n) => n.close())]);
    this.sql.close();
  }
}
