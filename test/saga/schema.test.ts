import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applySchema } from '../../nexus/index.js';

const insert = `INSERT INTO saga (id, creator, time_created, name, saga_dag, saga_state, current_sec, adopt_generation, adopt_time,
  abandon_time, abandon_reason, abandon_comment) VALUES (@id, 'c', 't', 'demo', '{}', @state, @sec, 1, 't', @at, @reason, @comment)`;

describe('saga schema', () => {
  const sql = new Database(':memory:');
  applySchema(sql);
  const row = (o: Record<string, unknown>) => ({ id: 'x', state: 'running', sec: 's', at: null, reason: null, comment: null, ...o });

  it('sets the abandon columns iff the saga is abandoned', () => {
    expect(() => sql.prepare(insert).run(row({ id: 'a', state: 'abandoned' }))).toThrow(/CHECK/);
    expect(() => sql.prepare(insert).run(row({ id: 'b', reason: 'omdb', at: 't', comment: 'c' }))).toThrow(/CHECK/);
    expect(() => sql.prepare(insert).run(row({ id: 'c', state: 'abandoned', reason: 'bogus', at: 't', comment: 'c' }))).toThrow(/CHECK/);
    sql.prepare(insert).run(row({ id: 'd', state: 'abandoned', reason: 'unrecoverable', at: 't', comment: 'c' }));
  });

  it('rejects unknown states and node event types', () => {
    expect(() => sql.prepare(insert).run(row({ id: 'e', state: 'paused' }))).toThrow(/CHECK/);
    expect(() => sql.prepare(`INSERT INTO saga_node_event VALUES ('d', 0, 'exploded', NULL, 't', 'c')`).run()).toThrow(/CHECK/);
  });

  it('node events are keyed by (saga, node, event type): a second insert is a no-op with ON CONFLICT DO NOTHING', () => {
    const ev = `INSERT INTO saga_node_event VALUES ('d', 0, 'started', NULL, 't', ?) ON CONFLICT DO NOTHING`;
    expect(sql.prepare(ev).run('sec-1').changes).toBe(1);
    expect(sql.prepare(ev).run('sec-2').changes).toBe(0);
  });
});
