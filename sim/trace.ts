// Structured trace. The run's trace hash (SHA-256 over the JSON lines) is the determinism contract:
// same seed, same hash. Lines are kept only when asked for (--trace, tests); listeners (checkers)
// see every event as it happens.
import { createHash, type Hash } from 'node:crypto';
import type { TraceEvent } from './types.js';

export type TraceListener = (ev: TraceEvent) => void;

export class Trace {
  private readonly hash: Hash = createHash('sha256');
  private readonly listeners: TraceListener[] = [];
  readonly lines: string[] | undefined;
  count = 0;

  constructor(opts: { keepLines?: boolean } = {}) {
    this.lines = opts.keepLines ? [] : undefined;
  }

  emit(ev: TraceEvent): void {
    const line = JSON.stringify(ev);
    this.hash.update(line);
    this.hash.update('\n');
    this.lines?.push(line);
    this.count++;
    for (const l of this.listeners) l(ev);
  }

  subscribe(listener: TraceListener): void {
    this.listeners.push(listener);
  }

  /** Finalizes the hash; call once at the end of a run. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
