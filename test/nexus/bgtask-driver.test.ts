// The background-task driver keeps omicron's timing (nexus/src/app/background/driver.rs): a tokio
// interval with MissedTickBehavior::Delay raced against explicit activations. Expected times are
// worked out here from tokio's rules, not read from the driver.
import { describe, expect, it } from 'vitest';
import { BackgroundTasks } from '../../nexus/bgtask/registry.js';
import type { ActivationReason } from '../../nexus/bgtask/types.js';
import type { World } from '../../sim/index.js';
import { world } from '../support/world.js';

const PERIOD = 60_000;

interface Run {
  at: number;
  reason: ActivationReason;
}

/** A task whose activations take `workMs(i)` of virtual time; records when each one started. */
function driver(w: World, workMs: (i: number) => number) {
  const node = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const t0 = node.clock.now();
  const runs: Run[] = [];
  const tasks = new BackgroundTasks(node.clock, () => {});
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

  it('a late tick and a stored signal both run, one after the other', async () => {
    const w = world();
    const { tasks, runs } = driver(w, (i) => (i === 1 ? 70_000 : 1_000));
    tasks.startAll();
    const seen = await runUntil(w, runs, 100_000, { 5_000: () => tasks.activate('t') });
    tasks.stopAll();
    expect(seen).toEqual([
      { at: 0, reason: 'timeout' },
      { at: 70_000, reason: 'signaled' },
      { at: 71_000, reason: 'timeout' },
    ]);
  });
});
