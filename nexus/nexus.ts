// A Nexus instance: its identity is durable (in the DB and the blueprint); everything else lives in
// a NexusProcess that a crash throws away. It shares only the database with other Nexus instances
// and reaches sleds only over HTTP through the fabric.
import Fastify, { type FastifyInstance } from 'fastify';
import { sharedValidatorCompiler, type Db, type NodeContext } from '../sim/index.js';
import { bgtasksRoutes } from './api/bgtasks-routes.js';
import { installErrorHandler } from './api/errors.js';
import { sledAgentsRoutes } from './api/sled-agents-routes.js';
import { NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT } from './constants.js';
import { NexusProcess, type NexusIdentity, type NexusPlugin } from './process.js';

export interface NexusOptions extends NexusIdentity {
  rackId: string;
  plugins: readonly NexusPlugin[];
}

export class Nexus {
  private proc: NexusProcess | undefined;
  private incarnations = 0;

  constructor(
    readonly ctx: NodeContext,
    private readonly sharedDb: Db,
    readonly opts: NexusOptions,
  ) {}

  get id(): string {
    return this.opts.id;
  }

  get name(): string {
    return this.opts.name;
  }

  get internalUrl(): string {
    return `http://[${this.ctx.ip}]:${NEXUS_INTERNAL_PORT}`;
  }

  get lockstepUrl(): string {
    return `http://[${this.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}`;
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
    const p = new NexusProcess(this.opts, this.ctx, this.sharedDb, ++this.incarnations);
    for (const plugin of this.opts.plugins) plugin.boot(p);
    const internal = await this.app(p, (app) => {
      sledAgentsRoutes(app, p, this.opts.rackId);
      for (const r of p.internalRoutes) r(app, p);
    });
    const lockstep = await this.app(p, (app) => {
      bgtasksRoutes(app, p);
      for (const r of p.lockstepRoutes) r(app, p);
    });
    this.ctx.listen(NEXUS_INTERNAL_PORT, internal);
    this.ctx.listen(NEXUS_LOCKSTEP_PORT, lockstep);
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

  private async app(p: NexusProcess, routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(sharedValidatorCompiler);
    installErrorHandler(app);
    routes(app);
    await app.ready();
    return app;
  }
}
