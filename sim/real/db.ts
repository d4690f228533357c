// The live rack's datastore: one SQLite file, each call run at once (no scheduled latency). A
// `tx` is a SQLite transaction, as `SimDb.tx` is one atomic step.
import type { Db, Sqlite } from '../types.js';

export class RealDb implements Db {
  constructor(private readonly sql: Sqlite) {}

  async step<T>(_label: string, fn: (sql: Sqlite) => T): Promise<T> {
    return fn(this.sql);
  }

  async tx<T>(_label: string, fn: (sql: Sqlite) => T): Promise<T> {
    return this.sql.transaction(fn)(this.sql);
  }
}
