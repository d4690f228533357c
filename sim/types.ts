// The seams core code (sim/, agents/, nexus/) talks through. Each has a sim implementation here and
// a real one under sim/real/, chosen where the world is wired (madsim-style).
import type { ClientTimeouts } from './client-timeouts.js';
import type BetterSqlite3 from 'better-sqlite3';

/** A node's view of time: virtual milliseconds since the Unix epoch, possibly skewed. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
  /** xstate v5's Clock contract, so actors run their `after` timers on this clock. */
  setTimeout(fn: (...args: any[]) => void, ms: number): any; // det-ok: xstate Clock method (virtual time)
  clearTimeout(id: any): void;
}

/** Seeded randomness. `fork(name)` derives an independent named stream. */
export interface Rng {
  float(): number;
  /** Integer in [lo, hi). */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Shuffles in place and returns the array. */
  shuffle<T>(items: T[]): T[];
  uuid(): string;
  fork(name: string): Rng;
}

/** `fetch` as core code sees it; `timeouts` are the deadlines of the omicron client it stands for. */
export type FetchInit = RequestInit & { timeouts?: ClientTimeouts };
export type Fetch = (url: string, init?: FetchInit) => Promise<Response>;

export type Sqlite = BetterSqlite3.Database;

/**
 * One Nexus's handle on the shared database. Every call is one scheduled step that pays this
 * node's DB latency; `tx` runs its body as one atomic step (a transaction).
 */
export interface Db {
  step<T>(label: string, fn: (sql: Sqlite) => T): Promise<T>;
  tx<T>(label: string, fn: (sql: Sqlite) => T): Promise<T>;
}

export type { TraceEvent, TraceEventMap, TraceEventOf, TraceFn, TraceKind } from './trace-events.js';
import type { TraceEventMap, TraceKind } from './trace-events.js';

/** Everything a node (sled agent, Nexus) gets from the world. */
export interface NodeContext {
  readonly name: string;
  readonly ip: string;
  readonly clock: Clock;
  /** Named stream for this node: `rng('tuf')` is the stream `<node>/tuf`. */
  rng(stream: string): Rng;
  readonly fetch: Fetch;
  /** Writes one event of this node's; the payload is checked against its kind (sim/trace-events.ts). */
  trace<K extends TraceKind>(kind: K, data: TraceEventMap[K]): void;
  /** Serve an app (anything with fastify's `inject`) at [ip]:port until the node crashes. */
  listen(port: number, app: Injectable): void;
  /** Stable per-node fault state other layers read (e.g. which M.2 disks have failed). */
  readonly disks: DiskState;
}

export interface DiskState {
  failed(disk: number): boolean;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  rawPayload: Buffer;
}

export interface Injectable {
  inject(opts: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: Buffer | string;
  }): Promise<InjectResponse>;
  ready?(): PromiseLike<unknown>;
}
