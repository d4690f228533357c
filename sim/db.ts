// The shared database as a Nexus sees it: better-sqlite3 is synchronous, so each datastore call is
// made a scheduled step that pays the caller's DB latency on the way in and on the way out. Between
// two steps other nodes run, which is where torn reads and lost updates come from; `tx` is one
// atomic step.
import type { DbLatency } from './faults/db-latency.js';
import type { Scheduler } from './scheduler.js';
import type { Db, Rng, Sqlite, TraceEvent } from './types.js';

export class SimDb implements Db {
  constructor(
    private readonly sql: Sqlite,
    private readonly node: string,
    private readonly sched: Scheduler,
    private readonly latency: DbLatency,
    private readonly rng: Rng,
    private readonly emit: (ev: TraceEvent) => void,
  ) {}

  step<T>(label: string, fn: (sql: Sqlite) => T): Promise<T> {
    return this.run(label, fn, false);
  }

  tx<T>(label: string, fn: (sql: Sqlite) => T): Promise<T> {
    return this.run(label, fn, true);
  }

  private run<T>(label: string, fn: (sql: Sqlite) => T, atomic: boolean): Promise<T> {
    const unpark = this.sched.park();
    return new Promise<T>((resolve, reject) => {
      this.sched.after(this.latency.sample(this.node, this.rng), () => {
        let result: T;
        try {
          result = atomic ? this.sql.transaction(fn)(this.sql) : fn(this.sql);
        } catch (err) {
          this.emit({ t: this.sched.now, node: this.node, kind: 'db.error', label, error: err instanceof Error ? err.message : String(err) });
          this.sched.after(this.latency.sample(this.node, this.rng), () => {
            unpark();
            reject(err);
          });
          return;
        }
        this.emit({ t: this.sched.now, node: this.node, kind: atomic ? 'db.tx' : 'db.step', label });
        this.sched.after(this.latency.sample(this.node, this.rng), () => {
          unpark();
          resolve(result);
        });
      });
    });
  }
}

/**
 * Makes `sql.prepare` return one compiled statement per SQL text instead of compiling it again on
 * every datastore call (better-sqlite3's prepare was the biggest single cost of a short seed).
 * A statement in the middle of an iteration is busy: then a fresh one is prepared. Output modes
 * (pluck/expand/raw) persist on a statement, so a reused one is set back to plain rows.
 */
export function cacheStatements(sql: Sqlite, limit = 2000): Sqlite {
  const prepare = sql.prepare.bind(sql);
  const cache = new Map<string, ReturnType<Sqlite['prepare']>>();
  sql.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      if (hit.reader) hit.raw(false).expand(false).pluck(false);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      if (cache.size >= limit) cache.clear(); // SQL built from values would otherwise grow it
      cache.set(source, stmt);
    }
    return stmt;
  }) as Sqlite['prepare'];
  return sql;
}
