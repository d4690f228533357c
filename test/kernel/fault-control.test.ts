// The fault control surface (sim/faults/control.ts): each fault has its effect on real requests
// and DB statements, and writes its own trace event on the node it hits; healing undoes it.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorCode, SIM_EPOCH_MS, type NodeContext, type TraceEvent } from '../../sim/index.js';
import { echoApp, onVirtualTime, world } from '../support/world.js';

const SLED_IP = 'fd00:1122:3344:101::1';
const URL = `http://[${SLED_IP}]:12345/who`;

async function setup() {
  const w = world();
  const sled = w.addNode('sled-0', SLED_IP);
  const nexus = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  sled.listen(12345, await echoApp('sled-0'));
  const faults: string[] = [];
  w.trace.subscribe((ev: TraceEvent) => {
    if (ev.kind.startsWith('fault.')) faults.push(`${ev.node} ${ev.kind}`);
  });
  return { w, sled, nexus, faults };
}

/** How long one GET from nexus-0 takes, or its error code. */
async function get(w: ReturnType<typeof world>, nexus: NodeContext): Promise<string> {
  const t0 = w.now;
  return onVirtualTime(w, async () => {
    try {
      await nexus.fetch(URL);
      return `${w.now - t0} ms`;
    } catch (err) {
      return errorCode(err);
    }
  });
}

describe('world.faults', () => {
  it('partition cuts both ways until that pair is repaired; each writes its event on the isolated node', async () => {
    const { w, nexus, faults } = await setup();
    w.faults.partition('nexus-0', ['sled-0']);
    w.faults.partitionOneWay('sled-0', ['nexus-0', 'sled-1']);
    expect(await get(w, nexus)).toBe('TimeoutError');
    w.faults.repair('sled-0', ['sled-1']); // another pair's repair leaves this cut in place
    expect(await get(w, nexus)).toBe('TimeoutError');
    w.faults.repair('nexus-0', ['sled-0']); // both ways, however each direction was cut
    expect(await get(w, nexus)).toBe('10 ms');
    expect(faults).toEqual(['nexus-0 fault.partition', 'sled-0 fault.partition', 'sled-0 fault.partition_healed', 'nexus-0 fault.partition_healed']);
  });

  it('hold keeps a link\'s messages (not lost) until release, which delivers them in arrival order; healAll releases too', async () => {
    const { w, sled, nexus, faults } = await setup();
    const arrived: string[] = [];
    const app = Fastify({ logger: false });
    app.get('/n/:i', async (req) => {
      arrived.push(`${(req.params as { i: string }).i}@${w.now - SIM_EPOCH_MS}`);
      return { i: (req.params as { i: string }).i };
    });
    await app.ready();
    sled.listen(12346, app);
    const answered: string[] = [];
    const call = async (i: number) => {
      const r = await nexus.fetch(`http://[${SLED_IP}]:12346/n/${i}`);
      answered.push(`${((await r.json()) as { i: string }).i}@${w.now - SIM_EPOCH_MS}`);
    };
    await onVirtualTime(w, async () => {
      w.faults.hold('nexus-0', ['sled-0']);
      const calls = [call(1)];
      await w.sched.sleep(100);
      calls.push(call(2));
      await w.sched.sleep(900);
      expect(arrived).toEqual([]); // held, not delivered, not failed
      w.faults.release('nexus-0', ['sled-0']);
      await Promise.all(calls);
      // Both requests arrive at the release instant, in the order they were sent; their answers come
      // back 5 ms later, at one instant (their order there is the scheduler's tie-break).
      expect(arrived).toEqual(['1@1000', '2@1000']);
      expect([...answered].sort()).toEqual(['1@1005', '2@1005']);
      // Held from the sled's side (both ways again): healAll releases it like every network fault.
      w.faults.hold('sled-0', ['nexus-0']);
      const late = call(3);
      await w.sched.sleep(2_000);
      expect(arrived).toHaveLength(2);
      w.faults.healAll();
      await late;
      expect(arrived.at(-1)).toBe('3@3005');
      expect(answered.at(-1)).toBe('3@3010');
      // An answer already on its way back when the hold starts waits too.
      const answerHeld = call(4); // arrives at 3015, its answer would at 3020
      await w.sched.sleep(7);
      w.faults.hold('nexus-0', ['sled-0']);
      await w.sched.sleep(100);
      expect(arrived.at(-1)).toBe('4@3015');
      expect(answered).toHaveLength(3);
      w.faults.release('nexus-0', ['sled-0']);
      await answerHeld;
      expect(answered.at(-1)).toBe('4@3117');
    });
    expect(faults).toEqual(['nexus-0 fault.hold', 'nexus-0 fault.release', 'sled-0 fault.hold', 'net fault.release', 'rack fault.healed', 'nexus-0 fault.hold', 'nexus-0 fault.release']);
    const rel = (w.trace.lines ?? []).map((l) => JSON.parse(l) as TraceEvent).filter((e) => e.kind === 'fault.release');
    expect(rel.map((e) => (e as unknown as { delivered: number }).delivered)).toEqual([2, 1, 1]);
  });

  it('a slow node pays its extra on the network and/or the DB; unslow ends it', async () => {
    const { w, nexus, faults } = await setup();
    w.faults.slow('nexus-0', { kind: 'const', ms: 100 }, { net: true });
    expect(await get(w, nexus)).toBe('210 ms');
    const db = w.db('nexus-0');
    const stmt = async () => {
      const t0 = w.now;
      await onVirtualTime(w, () => db.step('probe', (sql) => sql.prepare('SELECT 1').get()));
      return w.now - t0;
    };
    expect(await stmt()).toBe(4); // 2 ms each way, net-only slowness
    w.faults.slow('nexus-0', { kind: 'const', ms: 50 }, { db: true });
    expect(await stmt()).toBe(104);
    w.faults.unslow('nexus-0');
    expect(await get(w, nexus)).toBe('10 ms');
    expect(await stmt()).toBe(4);
    w.faults.dbStall(['nexus-0'], { kind: 'const', ms: 7 });
    expect(await stmt()).toBe(18);
    w.faults.dbUnstall(['nexus-0']);
    expect(await stmt()).toBe(4);
    expect(faults).toEqual(['nexus-0 fault.slow', 'nexus-0 fault.slow', 'nexus-0 fault.slow_healed', 'db fault.db_slow', 'db fault.db_slow_healed']);
  });

  it('crash refuses connections until restart; drops lose messages; healAll ends network faults', async () => {
    const { w, sled, nexus, faults } = await setup();
    w.faults.crash('sled-0');
    expect(w.faults.isDown('sled-0')).toBe(true);
    expect(await get(w, nexus)).toBe('ECONNREFUSED');
    w.faults.restart('sled-0');
    sled.listen(12345, await echoApp('sled-0'));
    expect(await get(w, nexus)).toBe('10 ms');
    w.faults.drops(1);
    expect(await get(w, nexus)).toBe('TimeoutError');
    w.faults.slowLink('nexus-0', 'sled-0', { kind: 'const', ms: 40 });
    w.faults.healAll();
    expect(await get(w, nexus)).toBe('45 ms'); // a far link is topology, not healed
    expect(faults).toEqual(['sled-0 fault.crash', 'sled-0 fault.restart', 'net fault.drops', 'nexus-0 fault.link_slow', 'rack fault.healed']);
    expect(w.now).toBeGreaterThan(SIM_EPOCH_MS);
  });

  it('an M.2 lost stays lost until replaced; replacing a live disk writes nothing', async () => {
    const { w, faults } = await setup();
    const disks = w.node('sled-0').disks;
    w.faults.m2Lost('sled-0', 1);
    expect([disks.failed(0), disks.failed(1)]).toEqual([false, true]);
    w.faults.m2Replaced('sled-0', 0);
    w.faults.m2Replaced('sled-0', 1);
    expect(disks.failed(1)).toBe(false);
    expect(faults).toEqual(['sled-0 fault.m2-lost', 'sled-0 fault.m2-replaced']);
  });
});
