import { describe, expect, it } from 'vitest';
import { NodeClock, Scheduler, SeededRng, SIM_EPOCH_MS, simWait, type Skew } from '../../sim/index.js';

function sched(seed = 1) {
  return new Scheduler(SIM_EPOCH_MS, SeededRng.root(seed).fork('scheduler'));
}

describe('scheduler', () => {
  it('runs events in time order and advances the clock only between them', async () => {
    const s = sched();
    const seen: string[] = [];
    s.after(30, () => seen.push(`c@${s.now - SIM_EPOCH_MS}`));
    s.after(10, () => seen.push(`a@${s.now - SIM_EPOCH_MS}`));
    s.after(20, () => seen.push(`b@${s.now - SIM_EPOCH_MS}`));
    await s.run();
    expect(seen).toEqual(['a@10', 'b@20', 'c@30']);
  });

  it('breaks ties at the same instant by the seed, reproducibly', async () => {
    async function order(seed: number) {
      const s = sched(seed);
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) s.after(5, () => seen.push(i));
      await s.run();
      return seen.join(',');
    }
    expect(await order(3)).toBe(await order(3));
    const distinct = new Set(await Promise.all([1, 2, 3, 4, 5, 6].map(order)));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it('lets promise chains started by an event finish before the next event (quiescence)', async () => {
    const s = sched();
    const seen: string[] = [];
    s.after(1, () => {
      void (async () => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
        seen.push('chain done');
      })();
    });
    s.after(1, () => seen.push('same-instant event'));
    s.after(2, () => seen.push('later event'));
    await s.run();
    expect(seen.indexOf('chain done')).toBeLessThan(seen.indexOf('later event'));
  });

  it('does not advance while a hold is outstanding', async () => {
    const s = sched();
    const seen: string[] = [];
    s.after(1, () => {
      const release = s.hold();
      // Real async work the scheduler cannot see: several host turns.
      void (async () => {
        for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
        seen.push('held work done');
        release();
      })();
    });
    s.after(2, () => seen.push('next event'));
    await s.run();
    expect(seen).toEqual(['held work done', 'next event']);
  });

  // Seed 8730 of rack-workload hung here: an upload handler (run under holdWhile) waited on a full
  // channel that only the replication task drains; its hold stopped the clock the task needed.
  it('a held handler waiting on another actor parks its hold with simWait, and the actor runs', async () => {
    const s = sched();
    const seen: string[] = [];
    let wakeWaiter: (() => void) | undefined;
    s.after(1, () => {
      void s.holdWhile(async () => {
        await simWait<void>((wake) => (wakeWaiter = wake));
        seen.push(`handler resumed @${s.now - SIM_EPOCH_MS}`);
      });
    });
    s.after(50, () => {
      seen.push('actor drains');
      wakeWaiter?.();
    });
    s.after(60, () => seen.push('later event'));
    await s.run();
    expect(seen).toEqual(['actor drains', 'handler resumed @50', 'later event']);
  });

  it('a held handler waiting on a plain promise no event settles fails the run with the cause, not a hang', async () => {
    const s = new Scheduler(SIM_EPOCH_MS, SeededRng.root(1).fork('scheduler'), 2_000);
    let wakeWaiter: (() => void) | undefined;
    s.after(1, () => {
      void s.holdWhile(() => new Promise<void>((resolve) => (wakeWaiter = resolve)));
    });
    s.after(50, () => wakeWaiter?.());
    await expect(s.run()).rejects.toThrow(/1 real-async hold\(s\) still up after 2000 host turns at virtual .*simWait/);
  });

  it('cancelled timers never fire; run stops at untilMs', async () => {
    const s = sched();
    const seen: string[] = [];
    s.after(5, () => seen.push('cancelled')).cancel();
    s.after(50, () => seen.push('too late'));
    await s.run({ untilMs: SIM_EPOCH_MS + 20 });
    expect(seen).toEqual([]);
    expect(s.now).toBe(SIM_EPOCH_MS + 20);
  });

  it('rethrows an error thrown by an event', async () => {
    const s = sched();
    s.after(1, () => {
      throw new Error('boom');
    });
    await expect(s.run()).rejects.toThrow('boom');
  });
});

describe('node clocks', () => {
  it('apply a seeded offset and drift to true time', async () => {
    const s = sched();
    const skew: Skew = { offsetMs: -1500, driftPpm: 1000 };
    const c = new NodeClock(s, skew);
    expect(c.now()).toBe(SIM_EPOCH_MS - 1500);
    await (async () => {
      const p = c.sleep(10_000);
      await s.run();
      await p;
    })();
    expect(s.now).toBe(SIM_EPOCH_MS + 10_000);
    expect(c.now()).toBe(SIM_EPOCH_MS + 10_000 - 1500 + 10);
  });

  it('serve as xstate clocks (setTimeout/clearTimeout on virtual time)', async () => {
    const s = sched();
    const c = new NodeClock(s);
    const seen: number[] = [];
    c.setTimeout(() => seen.push(s.now - SIM_EPOCH_MS), 300_000);
    const id = c.setTimeout(() => seen.push(-1), 10);
    c.clearTimeout(id);
    await s.run();
    expect(seen).toEqual([300_000]);
  });
});

describe('named rng streams', () => {
  it('are independent: drawing from one does not perturb another', () => {
    const a1 = SeededRng.root(9).fork('fabric');
    const b1 = SeededRng.root(9).fork('db');
    const first = [b1.float(), b1.float()];
    const a2 = SeededRng.root(9).fork('fabric');
    for (let i = 0; i < 100; i++) a2.float();
    const b2 = SeededRng.root(9).fork('db');
    expect([b2.float(), b2.float()]).toEqual(first);
    expect(a1.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
