// One incarnation of a Nexus: everything it holds in memory. A crash ends the incarnation (its
// awaits never resume); a restart builds a new one from the DB.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Lifetime, type Clock, type Db, type Fetch, type NodeContext, type Rng, type TraceEventMap, type TraceKind } from '../sim/index.js';
import { BackgroundTasks } from './bgtask/index.js';

/** The Nexus process a request was addressed to (apps are shared by a rack's Nexus instances). */
export type ProcessOf = (req: FastifyRequest) => NexusProcess;

export type RouteRegistrar = (app: FastifyInstance, proc: ProcessOf) => void;

/** A capability a Nexus runs (TUF replication, sagas, FM): called at every boot. */
export interface NexusPlugin {
  name: string;
  boot(p: NexusProcess): void;
}

export interface NexusIdentity {
  /** The Nexus zone id; also its SEC id. */
  id: string;
  name: string;
  /** Nexus generation (for saga reassignment on expungement). */
  generation: number;
}

export class NexusProcess {
  readonly life = new Lifetime();
  readonly clock: Clock;
  readonly fetch: Fetch;
  readonly db: Db;
  readonly tasks: BackgroundTasks;
  readonly lockstepRoutes: RouteRegistrar[] = [];
  readonly internalRoutes: RouteRegistrar[] = [];
  /** The external API's routes (omicron's nexus-external server): the update API. */
  readonly externalRoutes: RouteRegistrar[] = [];
  private readonly state = new Map<string, unknown>();

  constructor(
    readonly identity: NexusIdentity,
    readonly ctx: NodeContext,
    db: Db,
    readonly incarnation: number,
    bgtaskPeriodScale = 1,
  ) {
    this.clock = this.life.clock(ctx.clock);
    this.fetch = this.life.fetch(ctx.fetch);
    this.db = this.life.db(db);
    this.tasks = new BackgroundTasks(this.clock, (kind, data) => this.trace(kind, data), ctx.rng('bgtask-select'), bgtaskPeriodScale);
  }

  get id(): string {
    return this.identity.id;
  }

  get alive(): boolean {
    return this.life.alive;
  }

  rng(stream: string): Rng {
    return this.ctx.rng(stream);
  }

  trace<K extends TraceKind>(kind: K, data: TraceEventMap[K]): void {
    if (this.life.alive) this.ctx.trace(kind, data);
  }

  /** Per-incarnation plugin state, created on first use. */
  local<T>(key: string, init: () => T): T {
    if (!this.state.has(key)) this.state.set(key, init());
    return this.state.get(key) as T;
  }
}
