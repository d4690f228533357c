// The background-task driver keeps omicron's timing (nexus/src/app/background/driver.rs): a tokio
// interval with MissedTickBehavior::Delay raced against explicit activations. Expected times are
// worked out here from tokio's rules, not read from the driver.
import { describe, expect, it } from 'vitest';
import { BackgroundTasks } from '../../nexus/bgtask/registry.js';
import type { ActivationReason } from '../../nexus/bgtask/types.js';
import { SeededRng, type World } from '../../sim/index.js';
import { world } from '../support/world.js';

const PERIOD = 60_000;

interface Run {
  at: number;
  reason: ActivationReason;
}

/** A task whose activations take `workMs(i)` of virtual time; records when each one started. */
function driver(w: World, workMs: (i: number) => number, seed = 1) {
  const node = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const t0 = node.clock.now();
  const runs: Run[] = [];
  const tasks = new BackgroundTasks(node.clock, () => {}, new SeededRng(`select-${seed}`));
  tasks.register({
    name: 't',
    description: 'test task',
    periodMs: PERIOD,
    activate: async (reason) => {
      runs.push({ at: node.clock.now() - t0, reason });
      await node.clock.sleep(workMs(runs.length));
      return {};
    },
  });
  return { node, tasks, runs, t0 };
}

/** Runs the world past virtual `ms` after boot, calling `at[k]` when its time comes; returns the
 * activations started before `ms`. */
async function runUntil(w: World, runs: Run[], ms: number, at: Record<number, () => void> = {}): Promise<Run[]> {
  const start = w.now;
  for (const [k, f] of Object.entries(at)) w.sched.at(start + Number(k), f);
  await w.sched.run({ stop: () => w.now >= start + ms });
  return runs.filter((r) => r.at < ms);
}

describe('background task driver timing', () => {
  it('runs at boot, then on a fixed phase that an explicit activation does not reset', async () => {
    const w = world();
    const { tasks, runs } = driver(w, () => 1_000);
    tasks.startAll();
    const seen = await runUntil(w, runs, 190_000, { 90_000: () => tasks.activate('t') });
    tasks.stopAll();
    // Ticks at 0, 60 s, 120 s, 180 s; the signal at 90 s runs in between and moves no tick.
    expect(seen).toEqual([
      { at: 0, reason: 'timeout' },
      { at: 60_000, reason: 'timeout' },
      { at: 90_000, reason: 'signaled' },
      { at: 120_000, reason: 'timeout' },
      { at: 180_000, reason: 'timeout' },
    ]);
  });

  it('a tick missed during a long activation runs at once after it, and the phase moves (Delay)', async () => {
    const w = world();
    // The first activation takes 150 s: the ticks due at 60 s and 120 s are missed.
    const { tasks, runs } = driver(w, (i) => (i === 1 ? 150_000 : 1_000));
    tasks.startAll();
    const seen = await runUntil(w, runs, 300_000);
    tasks.stopAll();
    // Missed ticks collapse into one, taken at 150 s; Delay re-phases the next to 150 s + 60 s.
    expect(seen.map((r) => r.at)).toEqual([0, 150_000, 210_000, 270_000]);
    expect(seen.every((r) => r.reason === 'timeout')).toBe(true);
  });

  it('many signals during an activation queue exactly one more (a Notify permit)', async () => {
    const w = world();
    const { tasks, runs } = driver(w, (i) => (i === 1 ? 10_000 : 1_000));
    tasks.startAll();
    const seen = await runUntil(w, runs, 30_000, { 2_000: () => tasks.activate('t'), 3_000: () => tasks.activate('t'), 4_000: () => tasks.activate('t') });
    tasks.stopAll();
    expect(seen).toEqual([
      { at: 0, reason: 'timeout' },
      { at: 10_000, reason: 'signaled' },
    ]);
  });

  it('a late tick and a stored signal both run back to back, in an order the seed picks', async () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const w = world();
      const { tasks, runs } = driver(w, (i) => (i === 1 ? 70_000 : 1_000), seed);
      tasks.startAll();
      const seen = await runUntil(w, runs, 100_000, { 5_000: () => tasks.activate('t') });
      tasks.stopAll();
      expect(seen[0]).toEqual({ at: 0, reason: 'timeout' });
      expect(seen.slice(1).map((r) => r.at)).toEqual([70_000, 71_000]);
      orders.add(seen.slice(1).map((r) => r.reason).join(','));
    }
    // tokio's select! is not biased: either branch may go first.
    expect(orders).toEqual(new Set(['timeout,signaled', 'signaled,timeout']));
  });

  it('a task signaled during every run still takes its ticks', async () => {
    const w = world();
    const { tasks, runs } = driver(w, () => 10_000, 3);
    tasks.startAll();
    const at: Record<number, () => void> = {};
    for (let t = 1_000; t < 600_000; t += 5_000) at[t] = () => tasks.activate('t');
    const seen = await runUntil(w, runs, 600_000, at);
    tasks.stopAll();
    expect(seen.filter((r) => r.reason === 'timeout').length).toBeGreaterThan(3);
  });

  it('a tick taken at most 5 ms late keeps its phase; later than that re-phases', async () => {
    for (const [work, second] of [[60_004, 120_000], [60_006, 120_006]]) {
      const w = world();
      const { tasks, runs } = driver(w, (i) => (i === 1 ? work : 1_000));
      tasks.startAll();
      const seen = await runUntil(w, runs, 125_000);
      tasks.stopAll();
      expect(seen.map((r) => r.at)).toEqual([0, work, second]);
    }
  });

  it('a signal before the driver starts is kept, and a dependency change is its own activation', async () => {
    const w = world();
    const { tasks, runs } = driver(w, (i) => (i <= 2 ? 10_000 : 1_000));
    tasks.activate('t');
    tasks.startAll();
    const seen = await runUntil(w, runs, 50_000, { 25_000: () => (tasks.dependencyChanged('t'), tasks.activate('t')) });
    tasks.stopAll();
    expect(seen.slice(0, 2).map((r) => r.at)).toEqual([0, 10_000]);
    expect(seen.slice(0, 2).map((r) => r.reason).sort()).toEqual(['signaled', 'timeout']);
    // Both the stored permit and the changed watch run, each once.
    expect(seen.slice(2).map((r) => r.at)).toEqual([25_000, 26_000]);
    expect(seen.slice(2).map((r) => r.reason).sort()).toEqual(['dependency', 'signaled']);
  });
});
