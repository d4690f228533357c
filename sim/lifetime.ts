// A process incarnation. When a node crashes, everything its code was awaiting simply never
// resumes, as with a killed process: in-flight requests and DB statements still reach their
// destination (they were sent), but their answers go nowhere. Wrap a node's seams in its lifetime.
import type { Clock, Db, Fetch, Sqlite } from './types.js';

export class Lifetime {
  private live = true;

  get alive(): boolean {
    return this.live;
  }

  end(): void {
    this.live = false;
  }

  guard<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      p.then(
        (v) => {
          if (this.live) resolve(v);
        },
        (e) => {
          if (this.live) reject(e);
        },
      );
    });
  }

  clock(inner: Clock): Clock {
    return {
      now: () => inner.now(),
      sleep: (ms) => this.guard(inner.sleep(ms)),
      setTimeout: (fn, ms) =>
        inner.setTimeout((...args: unknown[]) => {
          if (this.live) fn(...args);
        }, ms),
      clearTimeout: (id) => inner.clearTimeout(id),
    };
  }

  fetch(inner: Fetch): Fetch {
    return (url, init) => this.guard(inner(url, init));
  }

  db(inner: Db): Db {
    return {
      step: <T>(label: string, fn: (sql: Sqlite) => T) => this.guard(inner.step(label, fn)),
      tx: <T>(label: string, fn: (sql: Sqlite) => T) => this.guard(inner.tx(label, fn)),
    };
  }
}
