// The live rack: the same SledAgent and Nexus classes the simulator runs (scenarios/rack.ts), wired
// to the real seams instead (sim/real: wall clock, OS randomness, host fetch, sockets on ::1, one
// SQLite file in WAL mode). Only the wiring differs; core code is unchanged. Every Nexus runs the
// saga plugin, TUF artifact replication and the TUF repo pruner (sleds speak the generation protocol, as omicron's do),
// and fault management with omicron's designs (metadata-last sitrep read, generation-marker alerts),
// and serves the external update API, so an uploaded repo replicates across the sleds live.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SledAgent } from '../../agents/index.js';
import {
  MIN_SLED_REPLICATION,
  Nexus,
  NexusAppHost,
  NEXUS_EXTERNAL_PORT,
  NEXUS_INTERNAL_PORT,
  NEXUS_LOCKSTEP_PORT,
  applySchema,
  fmPlugin,
  sagaPlugin,
  tufArtifactReplication,
  tufRepoPruner,
  type NexusOptions,
} from '../../nexus/index.js';
import { LoopbackNode, RealDb } from '../../sim/real/index.js';
import type { Sqlite } from '../../sim/index.js';
import { diskM2Pair } from './disk-m2.js';
import { identityOf } from './identity.js';
import { freePort } from './ports.js';

export interface LiveRackOptions {
  sleds: number;
  nexus: number;
  dbFile: string;
  periodScale: number;
}

export type Api = 'sled-agent' | 'repo-depot' | 'nexus-internal' | 'nexus-lockstep' | 'nexus-external';
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
    // min_sled_replication: omicron's 3 (1 on a single-sled rack), capped at the sled count as the
    // scenarios do (README "Fidelity"), so a two-sled rack's uploader can drop its copy.
    // tuf_repo_pruner with the multi-sled config (keep 3 target releases and 2 uploads).
    const plugins = [
      sagaPlugin(),
      tufArtifactReplication({ minSledReplication: Math.min(MIN_SLED_REPLICATION, opts.sleds) }),
      tufRepoPruner(),
      fmPlugin({ readDesign: 'metadata-last', alertDesign: 'generation-marker' }),
    ];
    for (let j = 0; j < opts.nexus; j++) {
      const name = `nexus-${j}`;
      const ports = new Map([
        [NEXUS_INTERNAL_PORT, await freePort()],
        [NEXUS_LOCKSTEP_PORT, await freePort()],
        [NEXUS_EXTERNAL_PORT, await freePort()],
      ]);
      const nexusOpts: NexusOptions = { id: identityOf(sql, name), name, generation: 1, rackId: rack.rackId, plugins, boundPorts: ports, bgtaskPeriodScale: opts.periodScale };
      const live = rack.bootNexus(nexusOpts, ports);
      rack.nexus.push(live);
      await live.nexus.start();
      await live.node.ready();
      // Each Nexus reports the URLs it is really bound to.
      rack.services.push({ kind: 'service', node: name, api: 'nexus-internal', url: live.nexus.internalUrl });
      rack.services.push({ kind: 'service', node: name, api: 'nexus-lockstep', url: live.nexus.lockstepUrl });
      rack.services.push({ kind: 'service', node: name, api: 'nexus-external', url: live.nexus.externalUrl });
    }
    for (let i = 0; i < opts.sleds; i++) {
      const name = `sled-${i}`;
      const sledAgentPort = await freePort();
      const repoDepotPort = await freePort();
      const node = new LoopbackNode(name, new Map(), opts.periodScale);
      rack.sledNodes.push(node);
      // Its M.2 datasets live in a folder named for the DB file and the sled's id (kept in that DB),
      // so a restart on the same file finds them, and a fresh DB, or another DB in the same folder,
      // never adopts (or prunes) another rack's disks or a user's files.
      const sledId = identityOf(sql, name);
      const m2 = diskM2Pair(node.disks, `${opts.dbFile}.m2`, sledId);
      const sled = new SledAgent(node, { sledId, protocol: 'generation', sledAgentPort, repoDepotPort, m2 });
      await sled.start();
      await node.ready();
      rack.services.push({ kind: 'service', node: name, api: 'sled-agent', url: url(sledAgentPort) });
      rack.services.push({ kind: 'service', node: name, api: 'repo-depot', url: url(repoDepotPort) });
      // As in Rack.build: sled i tells Nexus i mod K about itself (nexus-notifier, over HTTP).
      if (opts.nexus > 0) await sled.register(rack.internalUrl(i % opts.nexus));
    }
    return rack;
  }

  /** A Nexus process on its own node and apps (a fastify app listens once, so none are shared).
   * `--period-scale` reaches Nexus as configured task periods on an unscaled clock: a scaled
   * clock shortens waits but not `now()`, by which the task driver decides a tick is due. */
  private bootNexus(o: NexusOptions, ports: Map<number, number>): LiveNexus {
    const node = new LoopbackNode(o.name, ports);
    return { node, ports, nexus: new Nexus(node, this.db, { ...o, apps: new NexusAppHost(this.rackId) }) };
  }

  internalUrl(j: number): string {
    return this.nexus[j].nexus.internalUrl;
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
