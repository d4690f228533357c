// Prepared-statement cache per database handle: preparing dominates the cost of the tiny FM
// statements otherwise, and a run issues thousands of them.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../sim/index.js';

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

export function q(sql: Sqlite, text: string): Statement {
  let m = cache.get(sql);
  if (!m) cache.set(sql, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = sql.prepare(text)));
  return s;
}
