// A statement a crashed Nexus incarnation had sent still lands (sim/db.ts). recovery-skips-own-sagas
// had to learn which incarnation sent a `saga.created` (test/saga/recovery-checker.test.ts). The
// other checkers that read saga writes judge by SEC id, which a Nexus keeps across restarts, and
// that is right for them: a late write is a real write by that SEC. These pin it: a late create
// and a late `started` event of a dead incarnation do not make its successor's recovery look like
// a second SEC; a late write after the saga moved to another SEC is a real stray write.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/index.js';
import { actionInOneSec, logWrittenByCurrentSec } from '../../scenarios/checkers/index.js';
import type { Invariant } from '../../scenarios/types.js';

const ev = (t: number, kind: string, fields: Record<string, unknown>, node = 'nexus-0') => ({ t, node, kind, ...fields }) as unknown as TraceEvent;
const created = (t: number) => ev(t, 'saga.created', { saga: 's1', sec: 'sec0', name: 'demo', incarnation: 1 });
const started = (t: number, sec = 'sec0', node = 'nexus-0') => ev(t, 'saga.node_event', { saga: 's1', node_id: 0, event_type: 'started', sec, outcome: 'inserted' }, node);
const action = (t: number, sec = 'sec0', node = 'nexus-0') => ev(t, 'saga.action_started', { saga: 's1', node_id: 0, name: 'demo_wait', sec }, node);

function judge(inv: Invariant, events: TraceEvent[]): Array<string | undefined> {
  return events.map((e) => inv.onEvent!(e) ?? undefined);
}

describe('saga checkers and writes that land after their incarnation crashed', () => {
  // nexus-0 crashes with its create and its first `started` event in flight; both land, it
  // restarts, recovers the saga and runs node 0 again under the same SEC id.
  const story = [
    ev(1, 'fault.crash', {}),
    created(2),
    started(3),
    ev(4, 'nexus.started', { id: 'sec0', incarnation: 2 }),
    ev(5, 'saga.recovered', { saga: 's1', sec: 'sec0', adopt_generation: 1, log_events: 1 }),
    ev(6, 'saga.node_event', { saga: 's1', node_id: 0, event_type: 'started', sec: 'sec0', outcome: 'conflict' }),
    action(7),
  ];

  it('action-in-one-sec holds for the successor running its own SEC\'s saga', () => {
    expect(judge(actionInOneSec(), story)).toEqual(story.map(() => undefined));
  });

  it('log-written-by-current-sec holds for the late writes of the same SEC', () => {
    expect(judge(logWrittenByCurrentSec(), story)).toEqual(story.map(() => undefined));
  });

  it("a dead incarnation's event landing after the saga moved to another SEC is a stray write, judged as one", () => {
    const moved = [created(1), ev(2, 'fault.crash', {}), ev(3, 'saga.reassigned', { saga: 's1', from: ['sec0'], sec: 'sec1', adopt_generation: 2 }, 'nexus-1'), started(4)];
    expect(judge(logWrittenByCurrentSec(), moved)[3]).toMatch(/SEC sec0 \(nexus-0\) wrote node event 0\/started while current_sec is sec1/);
    // It runs nothing (its process is gone), so no action is judged: action-in-one-sec holds.
    expect(judge(actionInOneSec(), [...moved, action(5, 'sec1', 'nexus-1')])).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
