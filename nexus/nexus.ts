// A Nexus instance: its identity is durable (in the DB and the blueprint); everything else lives in
// a NexusProcess that a crash throws away. It shares only the database with other Nexus instances
// and reaches sleds only over HTTP through the fabric.
import type { Db, NodeContext } from '../sim/index.js';
import { NexusAppHost } from './app-host.js';
import { NEXUS_EXTERNAL_PORT, NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT } from './constants.js';
import { NexusProcess, type NexusIdentity, type NexusPlugin } from './process.js';

export interface NexusOptions extends NexusIdentity {
  rackId: string;
  plugins: readonly NexusPlugin[];
  /** Apps shared with the rest of the rack; a Nexus built alone gets its own. */
  apps?: NexusAppHost;
  /** Where each well-known port is really bound (a live rack on ::1 maps them to free ports), so
   * the URLs this Nexus reports are the ones that answer. */
  boundPorts?: ReadonlyMap<number, number>;
  /** Multiplies every background task's period, as omicron's config (`background_tasks.*.period_secs`)
   * may set them: the live rack's `--period-scale`. Default 1 (omicron's defaults). */
  bgtaskPeriodScale?: number;
}

export class Nexus {
  private proc: NexusProcess | undefined;
  private incarnations = 0;
  private readonly host: NexusAppHost;

  constructor(
    readonly ctx: NodeContext,
    private readonly sharedDb: Db,
    readonly opts: NexusOptions,
  ) {
    this.host = opts.apps ?? new NexusAppHost(opts.rackId);
  }

  get id(): string {
    return this.opts.id;
  }

  get name(): string {
    return this.opts.name;
  }

  private url(port: number): string {
    return `http://[${this.ctx.ip}]:${this.opts.boundPorts?.get(port) ?? port}`;
  }

  get internalUrl(): string {
    return this.url(NEXUS_INTERNAL_PORT);
  }

  get lockstepUrl(): string {
    return this.url(NEXUS_LOCKSTEP_PORT);
  }

  get externalUrl(): string {
    return this.url(NEXUS_EXTERNAL_PORT);
  }

  /** The running incarnation; throws if the Nexus is down. */
  get process(): NexusProcess {
    if (!this.proc) throw new Error(`${this.name} is not running`);
    return this.proc;
  }

  get running(): boolean {
    return this.proc !== undefined;
  }

  async start(): Promise<void> {
    if (this.proc) throw new Error(`${this.name} is already running`);
    const p = new NexusProcess(this.opts, this.ctx, this.sharedDb, ++this.incarnations, this.opts.bgtaskPeriodScale);
    for (const plugin of this.opts.plugins) plugin.boot(p);
    const { internal, lockstep, external } = await this.host.appsFor(p.internalRoutes, p.lockstepRoutes, p.externalRoutes);
    for (const port of [NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT, NEXUS_EXTERNAL_PORT]) this.host.bind(`[${this.ctx.ip}]:${port}`, p);
    this.ctx.listen(NEXUS_INTERNAL_PORT, internal);
    this.ctx.listen(NEXUS_LOCKSTEP_PORT, lockstep);
    if (external) this.ctx.listen(NEXUS_EXTERNAL_PORT, external);
    this.proc = p;
    p.trace('nexus.started', { id: this.id, incarnation: p.incarnation });
    p.tasks.startAll();
  }

  /** Loses all in-memory state; the world has already stopped routing to this node. */
  crash(): void {
    if (!this.proc) return;
    this.proc.tasks.stopAll();
    this.proc.life.end();
    this.proc = undefined;
  }
}
