import { describe, expect, it } from 'vitest';
import { errorCode, SIM_EPOCH_MS } from '../../sim/index.js';
import { echoApp, onVirtualTime, untilSettled, world } from '../support/world.js';

const SLED_IP = 'fd00:1122:3344:101::1';
const url = (path: string, port = 12345) => `http://[${SLED_IP}]:${port}${path}`;

async function setup(opts: Parameters<typeof world>[0] = {}) {
  const w = world(opts);
  const sled = w.addNode('sled-0', SLED_IP);
  const nexus = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  sled.listen(12345, await echoApp('sled-0'));
  return { w, sled, nexus };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return errorCode(err);
  }
  throw new Error('expected the request to fail');
}

describe('fabric over msw', () => {
  it('delivers fetch to the app at [ip]:port after each leg\'s latency, opening no socket', async () => {
    const { w, nexus } = await setup();
    const body = await onVirtualTime(w, async () => (await nexus.fetch(url('/who'))).json());
    expect(body).toEqual({ name: 'sled-0' });
    expect(w.now - SIM_EPOCH_MS).toBe(10); // 5 ms there, 5 ms back
    const kinds = w.trace.lines!.map((l) => JSON.parse(l).kind);
    expect(kinds).toEqual(['http.sent', 'http.response']);
  });

  it('per-link latency overrides the base and a slow node adds its own', async () => {
    const { w, nexus } = await setup();
    w.net.latency.setLink('nexus-0', 'sled-0', { kind: 'const', ms: 100 });
    w.net.slow.setSlow('nexus-0', { kind: 'const', ms: 1000 });
    await onVirtualTime(w, () => nexus.fetch(url('/who')));
    expect(w.now - SIM_EPOCH_MS).toBe(100 + 1000 + 5 + 1000);
  });

  it('transfer time grows with the payload size', async () => {
    const { w, nexus } = await setup({ bytesPerMs: 1000 });
    const app = (await import('fastify')).default({ logger: false });
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, b, done) => done(null, b));
    app.put('/blob', async (req) => ({ n: (req.body as Buffer).length }));
    await app.ready();
    w.node('sled-0').listen(9000, app);
    const r = await onVirtualTime(w, async () =>
      (await nexus.fetch(url('/blob', 9000), { method: 'PUT', body: new Uint8Array(50_000), headers: { 'content-type': 'application/octet-stream' } })).json(),
    );
    expect(r).toEqual({ n: 50_000 });
    expect(w.now - SIM_EPOCH_MS).toBe(5 + 50 + 5);
  });

  it('no app at the address (port 0) fails like a refused connection', async () => {
    const { w, nexus } = await setup();
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/who', 0))))).toBe('ECONNREFUSED');
  });

  it('a crashed node refuses connections; after restart it serves again', async () => {
    const { w, nexus } = await setup();
    w.faults.crash('sled-0');
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/who'))))).toBe('ECONNREFUSED');
    w.faults.restart('sled-0');
    w.node('sled-0').listen(12345, await echoApp('sled-0'));
    const r = await onVirtualTime(w, () => nexus.fetch(url('/who')));
    expect(r.status).toBe(200);
  });

  it('a partition fails like a timeout at the client deadline', async () => {
    const { w, nexus } = await setup();
    w.net.partition.isolate('nexus-0', 'sled-0');
    const code = await onVirtualTime(w, () => failure(nexus.fetch(url('/who'), { timeouts: { requestMs: 7_000 } })));
    expect(code).toBe('TimeoutError');
    expect(w.now - SIM_EPOCH_MS).toBe(7_000);
  });

  it('a request that never arrives fails at the connect timeout, a lost answer at the request timeout', async () => {
    const timeouts = { connectMs: 15_000, requestMs: 60_000 };
    const { w, nexus } = await setup();
    const app = (await import('fastify')).default({ logger: false });
    app.get('/ok', async () => ({}));
    await app.ready();
    w.node('sled-0').listen(9002, app);
    w.net.partition.cutOneWay('nexus-0', 'sled-0');
    let start = w.now;
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/ok', 9002), { timeouts })))).toBe('TimeoutError');
    expect(w.now - start).toBe(15_000);
    w.net.partition.heal();
    w.net.partition.cutOneWay('sled-0', 'nexus-0');
    start = w.now;
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/ok', 9002), { timeouts })))).toBe('TimeoutError');
    expect(w.now - start).toBe(60_000);
  });

  it('a client without deadlines (reqwest\'s default) waits until TCP gives up, as illumos does', async () => {
    const { w, nexus } = await setup();
    w.net.partition.cutOneWay('nexus-0', 'sled-0');
    let start = w.now;
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/who'))))).toBe('TimeoutError');
    expect(w.now - start).toBe(3 * 60_000); // tcp_ip_abort_cinterval
    w.net.partition.heal();
    w.net.partition.cutOneWay('sled-0', 'nexus-0');
    start = w.now;
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/who'))))).toBe('TimeoutError');
    expect(w.now - start).toBe(5 * 60_000); // tcp_ip_abort_interval
    const sent = w.trace.lines!.map((l) => JSON.parse(l)).filter((e) => e.kind === 'http.sent');
    expect(sent.map((e) => [e.connectTimeoutMs, e.timeoutMs])).toEqual([[180_000, null], [180_000, null]]);
  });

  it('the request timer fires while the server still works; without one the client waits it out', async () => {
    const { w, nexus } = await setup();
    const app = (await import('fastify')).default({ logger: false });
    let served = 0;
    app.get('/slow', async () => {
      await w.node('sled-0').clock.sleep(300_000);
      return { served: ++served };
    });
    await app.ready();
    w.node('sled-0').listen(9003, app);
    let start = w.now;
    const code = await untilSettled(w, () => failure(nexus.fetch(url('/slow', 9003), { timeouts: { connectMs: 60_000, requestMs: 60_000 } })));
    expect(code).toBe('TimeoutError');
    expect(w.now - start).toBe(60_000);
    await onVirtualTime(w, async () => {}); // the server finishes its work all the same
    expect(served).toBe(1);
    start = w.now;
    const r = await onVirtualTime(w, async () => (await nexus.fetch(url('/slow', 9003), { timeouts: { connectMs: 15_000 } })).json());
    expect(r).toEqual({ served: 2 });
    expect(w.now - start).toBe(5 + 300_000 + 5);
  });

  it('one-way partitions: requests lost, or only responses lost (the server still acted)', async () => {
    const { w, nexus } = await setup();
    const app = (await import('fastify')).default({ logger: false });
    let hits = 0;
    app.get('/count', async () => ({ hits: ++hits }));
    await app.ready();
    w.node('sled-0').listen(9001, app);

    w.net.partition.cutOneWay('nexus-0', 'sled-0');
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/count', 9001))))).toBe('TimeoutError');
    expect(hits).toBe(0);

    w.net.partition.heal();
    w.net.partition.cutOneWay('sled-0', 'nexus-0');
    expect(await onVirtualTime(w, () => failure(nexus.fetch(url('/count', 9001))))).toBe('TimeoutError');
    expect(hits).toBe(1);
  });

  it('drops lose messages at the configured rate, each surfacing as a timeout', async () => {
    const { w, nexus } = await setup({ dropProbability: 0.3 });
    const outcomes = await onVirtualTime(w, () =>
      Promise.all(
        Array.from({ length: 100 }, () =>
          nexus.fetch(url('/who'), { timeouts: { requestMs: 1000 } }).then(
            () => 'ok',
            (e) => errorCode(e),
          ),
        ),
      ),
    );
    const lost = outcomes.filter((o) => o === 'TimeoutError').length;
    expect(lost).toBeGreaterThan(25);
    expect(lost).toBeLessThan(75);
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'TimeoutError')).toEqual([]);
  });

  it('every request gets exactly one outcome in the trace', async () => {
    const { w, nexus } = await setup({ dropProbability: 0.2 });
    await onVirtualTime(w, () => Promise.allSettled(Array.from({ length: 40 }, (_, i) => nexus.fetch(url(i % 5 === 0 ? '/who' : '/slow', i % 7 === 0 ? 1 : 12345), { timeouts: { requestMs: 500 } }))));
    const evs = w.trace.lines!.map((l) => JSON.parse(l));
    const sent = evs.filter((e) => e.kind === 'http.sent').map((e) => e.req);
    const done = evs.filter((e) => e.kind === 'http.response' || e.kind === 'http.failed').map((e) => e.req);
    expect(sent).toHaveLength(40);
    expect([...done].sort((a, b) => a - b)).toEqual([...sent].sort((a, b) => a - b));
  });

  it('a fetch with no fabric header (a real fetch from sim code) is refused, not sent out', async () => {
    await setup();
    await expect(fetch(url('/who'))).rejects.toThrow();
  });
});

describe('scheduled DB steps', () => {
  it('pay the node\'s DB latency both ways; a slow node pays more', async () => {
    const w = world();
    w.addNode('nexus-0', 'fd00::a');
    w.sql.exec('CREATE TABLE t (v INTEGER)');
    const db = w.db('nexus-0');
    await onVirtualTime(w, () => db.step('insert', (sql) => sql.prepare('INSERT INTO t VALUES (1)').run()));
    expect(w.now - SIM_EPOCH_MS).toBe(4);
    w.dbLatency.setSlow('nexus-0', { kind: 'const', ms: 100 });
    await onVirtualTime(w, () => db.step('read', (sql) => sql.prepare('SELECT * FROM t').all()));
    expect(w.now - SIM_EPOCH_MS).toBe(4 + 204);
  });

  it('interleave statements of two nodes, but a transaction is one atomic step', async () => {
    const w = world();
    w.addNode('a', 'fd00::a');
    w.addNode('b', 'fd00::b');
    w.sql.exec('CREATE TABLE c (n INTEGER); INSERT INTO c VALUES (0)');
    const read = (sql: import('../../sim/index.js').Sqlite) => (sql.prepare('SELECT n FROM c').get() as { n: number }).n;
    const write = (sql: import('../../sim/index.js').Sqlite, n: number) => sql.prepare('UPDATE c SET n = ?').run(n);
    // Read-then-write as two steps: both read 0, one update is lost.
    const incr2 = async (name: string) => {
      const db = w.db(name);
      const n = await db.step('read', read);
      await db.step('write', (sql) => write(sql, n + 1));
    };
    await onVirtualTime(w, () => Promise.all([incr2('a'), incr2('b')]));
    expect(read(w.sql)).toBe(1);
    // The same as one transaction: no update is lost.
    const incrTx = (name: string) => w.db(name).tx('incr', (sql) => write(sql, read(sql) + 1));
    await onVirtualTime(w, () => Promise.all([incrTx('a'), incrTx('b')]));
    expect(read(w.sql)).toBe(3);
  });

  it('a failing transaction rolls back and rejects', async () => {
    const w = world();
    w.addNode('a', 'fd00::a');
    w.sql.exec('CREATE TABLE u (k INTEGER PRIMARY KEY)');
    const db = w.db('a');
    const err = await onVirtualTime(w, () =>
      db
        .tx('dup', (sql) => {
          sql.prepare('INSERT INTO u VALUES (1)').run();
          sql.prepare('INSERT INTO u VALUES (1)').run();
        })
        .then(() => undefined, (e) => String(e)),
    );
    expect(err).toMatch(/UNIQUE/);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM u').get()).toEqual({ n: 0 });
  });
});
