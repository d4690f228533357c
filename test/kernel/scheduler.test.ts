import { describe, expect, it } from 'vitest';
import { detached, Lifetime, NodeClock, Scheduler, SeededRng, SIM_EPOCH_MS, simWait, type Skew } from '../../sim/index.js';

const hostTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    await expect(s.run()).rejects.toThrow(/1 real-async hold\(s\) still up after 2000 host turns at simulated 0\.001 s: .*simWait/);
  });

  // Found by the audit of the seed-8730 fix: a node crashing while its handler awaited a DB-like
  // step. The step's unpark took the hold back, then the Lifetime dropped the result: the handler
  // never ended, so neither did the hold.
  it('a crashed node\'s handlers hold nothing: abandon drops their holds and the clock runs on', async () => {
    const s = new Scheduler(SIM_EPOCH_MS, SeededRng.root(1).fork('scheduler'), 2_000);
    const life = new Lifetime();
    const step = () => {
      const unpark = s.park();
      return new Promise<void>((resolve) => s.after(5, () => (unpark(), resolve())));
    };
    const seen: string[] = [];
    s.after(1, () => void s.holdWhile(async () => {
      await life.guard(step());
      seen.push('handler resumed');
    }, 'nexus-0'));
    s.after(3, () => {
      life.end();
      s.abandon('nexus-0');
    });
    s.after(100, () => seen.push('later event'));
    await s.run();
    expect(seen).toEqual(['later event']);
  });

  it('work a handler spawns detached does not free the handler\'s clock while the handler runs', async () => {
    const answeredAt = async (spawn: (fn: () => Promise<void>) => void) => {
      const s = sched();
      const seen: string[] = [];
      s.after(1, () => void s.holdWhile(async () => {
        spawn(() => s.sleep(100)); // an activation's DB step, say
        await hostTurn(); // the handler's real-async tail (reply serialisation)
        await hostTurn();
        seen.push(`answered @${s.now - SIM_EPOCH_MS}`);
      }));
      s.after(5, () => seen.push('event @5'));
      await s.run();
      return seen;
    };
    expect(await answeredAt((fn) => void detached(fn))).toEqual(['answered @1', 'event @5']);
    // Spawned inside the handler's context, its wait parks the handler's hold (what detached is for).
    expect(await answeredAt((fn) => void fn())).toEqual(['event @5', 'answered @5']);
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
