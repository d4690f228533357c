// Two kernel contracts the scenarios lean on: an app's handler may itself wait on simulated events
// (DB steps, nested requests, sleeps) without stalling the clock; and a crashed process's awaits
// never resume, though what it already sent still lands.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Lifetime, SIM_EPOCH_MS } from '../../sim/index.js';
import { onVirtualTime, world } from '../support/world.js';

describe('handlers that wait on simulated events', () => {
  it('a handler awaiting a DB step, a sleep and a nested request answers, at the right virtual time', async () => {
    const w = world();
    w.sql.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)');
    const backend = w.addNode('backend', 'fd00::b');
    const front = w.addNode('front', 'fd00::f');
    const client = w.addNode('client', 'fd00::c');
    const b = Fastify();
    b.get('/v', async () => ({ v: 'from-backend' }));
    await b.ready();
    backend.listen(80, b);
    const f = Fastify();
    const db = w.db('front');
    f.get('/chain', async () => {
      await db.step('write', (sql) => sql.prepare("INSERT INTO kv VALUES ('a', '1')").run()); // 2 + 2 ms
      await front.clock.sleep(100);
      const nested = await (await front.fetch('http://[fd00::b]:80/v')).json(); // 5 + 5 ms
      return { nested, rows: w.sql.prepare('SELECT COUNT(*) AS n FROM kv').get() };
    });
    await f.ready();
    front.listen(80, f);
    const body = await onVirtualTime(w, async () => (await client.fetch('http://[fd00::f]:80/chain')).json());
    expect(body).toEqual({ nested: { v: 'from-backend' }, rows: { n: 1 } });
    expect(w.now - SIM_EPOCH_MS).toBe(5 + 4 + 100 + 10 + 5);
  });
});

describe('process lifetimes', () => {
  it('after end(), guarded awaits never resume, but a statement already sent still commits', async () => {
    const w = world();
    w.sql.exec('CREATE TABLE t (v INTEGER)');
    w.addNode('nexus-0', 'fd00::a');
    const life = new Lifetime();
    const db = life.db(w.db('nexus-0'));
    const clock = life.clock(w.node('nexus-0').clock);
    const resumed: string[] = [];
    void db.step('insert', (sql) => sql.prepare('INSERT INTO t VALUES (1)').run()).then(() => resumed.push('db'));
    void clock.sleep(10).then(() => resumed.push('sleep'));
    w.sched.after(1, () => life.end()); // crash before either answer comes back
    await w.sched.run();
    expect(resumed).toEqual([]);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
    expect(life.alive).toBe(false);
  });

  it('a live process resumes normally', async () => {
    const w = world();
    w.addNode('n', 'fd00::a');
    const life = new Lifetime();
    const clock = life.clock(w.node('n').clock);
    await onVirtualTime(w, () => clock.sleep(50));
    expect(w.now - SIM_EPOCH_MS).toBe(50);
  });
});
