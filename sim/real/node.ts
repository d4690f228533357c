// A live node: the same NodeContext the simulator hands out, backed by the wall clock, the OS
// RNG, the host's fetch (with the client's deadline as an abort signal) and real listening
// sockets. Only for the live rack and its tests; never wired into a simulated run.
import { effectiveDeadlines } from '../client-timeouts.js';
import type { DiskState, Fetch, Injectable, NodeContext, TraceEvent, TraceEventMap, TraceKind } from '../types.js';
import { RealClock } from './clock.js';
import { CryptoRng } from './rng.js';

interface Listenable extends Injectable {
  listen(opts: { host: string; port: number }): Promise<string>;
  close(): PromiseLike<unknown>;
}

export class RealNode implements NodeContext {
  readonly clock = new RealClock();
  readonly disks: DiskState = { failed: () => false };
  readonly events: TraceEvent[] = [];
  private readonly rngs = new CryptoRng();
  private readonly servers: Listenable[] = [];
  private readonly listening: Promise<string>[] = [];

  constructor(
    readonly name: string,
    readonly ip: string,
  ) {}

  readonly fetch: Fetch = (url, init = {}) => {
    const { timeouts, ...rest } = init;
    const { requestMs } = effectiveDeadlines(timeouts);
    return fetch(url, requestMs === undefined ? rest : { ...rest, signal: AbortSignal.timeout(requestMs) });
  };

  rng(): CryptoRng {
    return this.rngs;
  }

  trace<K extends TraceKind>(kind: K, data: TraceEventMap[K]): void {
    this.events.push({ t: this.clock.now(), node: this.name, kind, ...data } as TraceEvent);
  }

  listen(port: number, app: Injectable): void {
    const server = app as Listenable;
    if (typeof server.listen !== 'function') throw new Error('a live node serves fastify apps (with listen)');
    this.servers.push(server);
    this.listening.push(server.listen({ host: this.ip, port }));
  }

  /** Resolves once every app this node was asked to serve is listening. */
  async ready(): Promise<void> {
    await Promise.all(this.listening);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }
}
