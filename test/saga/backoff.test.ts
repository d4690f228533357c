import { describe, expect, it } from 'vitest';
import { ExponentialBackoff, INTERNAL_SERVICE_POLICY, recoveryPass, SAGA_RECOVERY_TASK, sagaContext, startDemoSaga } from '../../nexus/index.js';
import type { Db, Rng } from '../../sim/index.js';
import { sagaWorld, settle } from './fixture.js';

const fixed = (x: number): Rng => ({ float: () => x }) as unknown as Rng;

describe("SecStore's backoff (omicron retry_policy_internal_service)", () => {
  it('starts at 250 ms, doubles, caps the interval at 3 min, and jitters each wait by +/-50%', () => {
    expect(INTERNAL_SERVICE_POLICY).toEqual({ initialMs: 250, multiplier: 2, maxIntervalMs: 180_000, randomizationFactor: 0.5 });
    const low = new ExponentialBackoff(fixed(0));
    const mid = new ExponentialBackoff(fixed(0.5));
    const high = new ExponentialBackoff(fixed(0.999_999));
    const intervals = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 180_000, 180_000];
    for (const i of intervals) {
      expect(mid.currentIntervalMs).toBe(i);
      expect(low.nextWaitMs()).toBe(i / 2);
      expect(mid.nextWaitMs()).toBe(i);
      expect(high.nextWaitMs()).toBe(Math.round(i * 1.5));
    }
  });

  it('a failing node-event write is retried with jittered, growing waits drawn from a seeded stream', async () => {
    let failures = 6;
    const wrapDb = (db: Db): Db => ({
      step: (label, fn) => {
        if (label === 'saga_create_event' && failures > 0) {
          failures--;
          return db.step(label, () => {
            throw new Error('connection reset');
          });
        }
        return db.step(label, fn);
      },
      tx: (label, fn) => db.tx(label, fn),
    });
    const waits = async () => {
      const f = await sagaWorld({ wrapDb });
      failures = 6;
      const n = f.nexus[0];
      await settle(f.world, async () => {
        await n.start();
        await startDemoSaga(n.process);
        await n.process.clock.sleep(60_000);
      });
      const out = f.world.trace.lines!.map((l) => JSON.parse(l)).filter((e) => e.kind === 'saga.sec_store_retry').map((e) => e.delayMs as number);
      f.world.close();
      return out;
    };
    const a = await waits();
    expect(a).toHaveLength(6);
    a.forEach((w, k) => {
      const interval = 250 * 2 ** k;
      expect(w).toBeGreaterThanOrEqual(interval / 2);
      expect(w).toBeLessThanOrEqual(interval * 1.5);
    });
    expect(new Set(a.map((w, k) => w / (250 * 2 ** k))).size).toBeGreaterThan(1); // jittered, not a fixed factor
    expect(await waits()).toEqual(a); // same seed, same waits
  });
});

describe('saga recovery pass bookkeeping', () => {
  it('a pass whose listing fails still drains the sagas started here; the next pass skips them', async () => {
    let failList = false;
    const wrapDb = (db: Db): Db => ({
      step: (label, fn) =>
        db.step(label, (sql) => {
          if (label === 'saga_list_recovery_candidates' && failList) throw new Error('connection reset');
          return fn(sql);
        }),
      tx: (label, fn) => db.tx(label, fn),
    });
    const f = await sagaWorld({ wrapDb });
    const n = f.nexus[0];
    await settle(f.world, async () => {
      await n.start();
      await f.omdb.activateAndWait(n, SAGA_RECOVERY_TASK);
      const { saga_id } = await startDemoSaga(n.process);
      failList = true;
      const failed = await recoveryPass(n.process);
      expect(failed.last_pass).toEqual({ Failed: { message: 'listing in-progress sagas for saga recovery: connection reset' } });
      expect(failed.ntotal_started).toBe(1);
      expect(sagaContext(n.process).rest.sagas.get(saga_id)).toBe('running');
      failList = false;
      const next = await recoveryPass(n.process);
      expect(next.last_pass).toEqual({ Success: { nfound: 1, nrecovered: 0, nfailed: 0, nskipped: 1, nremoved: 0 } });
      expect(next.ntotal_started).toBe(1);
      expect(next.ntotal_recovered).toBe(0);
    });
    f.world.close();
  });
});
