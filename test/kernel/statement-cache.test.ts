// The world's statement cache reuses a compiled statement per SQL text, without leaking one
// caller's output mode to the next or breaking a nested use of the same SQL mid-iteration.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../sim/db.js';

describe('statement cache', () => {
  const sql = cacheStatements(new Database(':memory:'));
  sql.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y');");

  it('returns the same statement for the same text', () => {
    expect(sql.prepare('SELECT a FROM t')).toBe(sql.prepare('SELECT a FROM t'));
  });

  it('a reused statement reads plain rows whatever mode the last caller set', () => {
    expect(sql.prepare('SELECT a, b FROM t WHERE a = ?').pluck().get(1)).toBe(1);
    expect(sql.prepare('SELECT a, b FROM t WHERE a = ?').get(1)).toEqual({ a: 1, b: 'x' });
    expect(sql.prepare('SELECT a, b FROM t WHERE a = ?').raw().get(2)).toEqual([2, 'y']);
    expect(sql.prepare('SELECT a, b FROM t WHERE a = ?').get(2)).toEqual({ a: 2, b: 'y' });
  });

  it('the same SQL inside an iteration of it gets a fresh statement', () => {
    const seen: number[] = [];
    for (const row of sql.prepare('SELECT a FROM t ORDER BY a').iterate() as Iterable<{ a: number }>) {
      seen.push(row.a, (sql.prepare('SELECT a FROM t ORDER BY a').all() as unknown[]).length);
    }
    expect(seen).toEqual([1, 2, 2, 2]);
  });
});
