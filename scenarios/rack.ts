// The rack builder: N sleds (sled agent + repo depot), K Nexus instances and one shared DB, wired
// to one world. Addresses follow omicron's underlay shape: sled i lives at fd00:1122:3344:(101+i)::1.
import { SledAgent, SledAppHost, type Protocol as SledProtocol } from '../agents/index.js';
import { Nexus, NexusAppHost, applySchema, type NexusPlugin } from '../nexus/index.js';
import { sampleSkew, type World } from '../sim/index.js';

export interface RackOptions {
  sleds: number;
  nexus: number;
  plugins?: readonly NexusPlugin[];
  sledProtocol?: SledProtocol;
  /** Sleds register themselves with Nexus over HTTP (default); false leaves the sled table empty. */
  register?: boolean;
  /** Extra DDL applied after the base schema (a domain's tables). */
  schema?: readonly string[];
  /** Largest clock skew a node may get (seeded per node). */
  maxSkewMs?: number;
  /** Start Nexus processes (and their background tasks) at build time (default true). */
  startNexus?: boolean;
}

export function sledIp(i: number): string {
  return `fd00:1122:3344:${(0x101 + i).toString(16)}::1`;
}

export function nexusIp(j: number): string {
  return `fd00:1122:3344:1::${(0xa + j).toString(16)}`;
}

export class Rack {
  readonly rackId: string;
  readonly sleds: SledAgent[] = [];
  readonly nexus: Nexus[] = [];

  private constructor(
    readonly world: World,
    readonly opts: RackOptions,
  ) {
    this.rackId = world.rng.fork('ids').uuid();
  }

  /** Builds and boots the rack; resolves once every sled is registered (on virtual time). */
  static async build(world: World, opts: RackOptions): Promise<Rack> {
    const rack = new Rack(world, opts);
    applySchema(world.sql, opts.schema ?? []);
    const ids = world.rng.fork('ids');
    const skewRng = world.rng.fork('skew');
    const apps = new SledAppHost();
    const nexusApps = new NexusAppHost(rack.rackId);
    for (let j = 0; j < opts.nexus; j++) {
      const name = `nexus-${j}`;
      const ctx = world.addNode(name, nexusIp(j), sampleSkew(skewRng, opts.maxSkewMs ?? 0, 0));
      rack.nexus.push(new Nexus(ctx, world.db(name), { id: ids.uuid(), name, generation: 1, rackId: rack.rackId, plugins: opts.plugins ?? [], apps: nexusApps }));
    }
    for (let i = 0; i < opts.sleds; i++) {
      const name = `sled-${i}`;
      const ctx = world.addNode(name, sledIp(i), sampleSkew(skewRng, opts.maxSkewMs ?? 0, 0));
      rack.sleds.push(new SledAgent(ctx, { sledId: ids.uuid(), protocol: opts.sledProtocol ?? 'generation', apps }));
    }
    // Booting builds fastify apps (real async work): hold the clock while it happens, on the
    // node's account, so a crash during the boot drops the hold (Scheduler.abandon).
    if (opts.startNexus !== false) for (const n of rack.nexus) await world.sched.holdWhile(() => n.start(), n.name);
    for (const [i, s] of rack.sleds.entries()) await world.sched.holdWhile(() => s.start(), `sled-${i}`);
    if (opts.register !== false && opts.nexus > 0) {
      await Promise.all(rack.sleds.map((s, i) => s.register(rack.nexus[i % opts.nexus].internalUrl)));
    }
    world.emit('rack', 'rack.ready', { sleds: opts.sleds, nexus: opts.nexus });
    return rack;
  }

  crashSled(i: number): void {
    const s = this.sleds[i];
    this.world.faults.crash(`sled-${i}`);
    s.crash();
  }

  async restartSled(i: number): Promise<void> {
    const s = this.sleds[i];
    this.world.faults.restart(`sled-${i}`);
    await this.world.sched.holdWhile(() => s.restart(), `sled-${i}`);
  }

  crashNexus(j: number): void {
    const n = this.nexus[j];
    this.world.faults.crash(n.name);
    n.crash();
  }

  async restartNexus(j: number): Promise<void> {
    const n = this.nexus[j];
    this.world.faults.restart(n.name);
    await this.world.sched.holdWhile(() => n.start(), n.name);
  }

  /** Stops every network and latency fault (the heal phase before liveness checks). */
  healNetwork(): void {
    this.world.faults.healAll();
  }
}
