// The named fault workloads (scenarios/fault-workloads.ts): each episode puts its fault in force on
// a real rack for its window, writes its start and end events on the node it hits, and leaves
// nothing behind; without a window it lasts until the heal phase.
import { describe, expect, it } from 'vitest';
import { runFault } from '../../scenarios/fault-workloads.js';
import { Rack } from '../../scenarios/rack.js';
import { untilSettled, world } from '../support/world.js';

describe('fault workloads', () => {
  it('each episode starts, holds for its window and heals, on the node it names', async () => {
    const w = world({ keepTrace: false });
    const faults: string[] = [];
    w.trace.subscribe((ev) => {
      if (ev.kind.startsWith('fault.')) faults.push(`${ev.node} ${ev.kind}`);
    });
    const during: boolean[] = [];
    await untilSettled(w, async () => {
      const rack = await Rack.build(w, { sleds: 2, nexus: 2 });
      const t0 = w.now;
      const attrition = runFault('attrition', rack, { sled: 1, downMs: 5_000 });
      await w.sched.sleep(1_000);
      during.push(w.faults.isDown('sled-1'));
      expect(await runFault('attrition', rack, { sled: 1, downMs: 5_000 })).toBe('sled down');
      await attrition;
      during.push(w.faults.isDown('sled-1'));
      expect(w.now - t0).toBe(5_000);
      await runFault('clogging', rack, { nexus: 'nexus-0', sleds: ['sled-0', 'sled-1'], durMs: 2_000 });
      const holding = runFault('holding', rack, { nexus: 'nexus-1', sleds: ['sled-1'], durMs: 1_000 });
      await w.sched.sleep(500);
      during.push(w.net.hold.isHeld('sled-1', 'nexus-1'));
      await holding;
      during.push(w.net.hold.active);
      await runFault('slowNode', rack, { node: 'nexus-1', extra: { kind: 'const', ms: 10 }, net: true, db: false, durMs: 2_000 });
      await runFault('dbStall', rack, { maxMs: 20, durMs: 2_000 });
      await runFault('m2Loss', rack, { sled: 0, disk: 1 });
      await runFault('clogging', rack, { nexus: 'nexus-1', sleds: ['sled-0'], bothWays: true });
      expect(w.now - t0).toBe(12_000); // no window: the partition stays until heal
      w.faults.healAll();
    });
    expect(during).toEqual([true, false, true, false]);
    expect(faults).toEqual([
      'sled-1 fault.crash',
      'sled-1 fault.restart',
      'nexus-0 fault.partition',
      'nexus-0 fault.partition_healed',
      'nexus-1 fault.hold',
      'nexus-1 fault.release',
      'nexus-1 fault.slow',
      'nexus-1 fault.slow_healed',
      'db fault.db_slow',
      'db fault.db_slow_healed',
      'sled-0 fault.m2-lost',
      'nexus-1 fault.partition',
      'rack fault.healed',
    ]);
    expect(w.node('sled-0').disks.failed(1)).toBe(true);
    w.close();
  });
});
