// recovery-skips-own-sagas judges from the trace which incarnation runs a saga. A create statement
// a crashed incarnation had already sent lands after the crash (the DB runs it anyway): the next
// incarnation runs nothing of it and must recover it. 7 of the first 8 omicron-today bench seeds that
// broke this invariant (386, 1261, 1279, 2141, 2245, 2293, 2808) were that, misjudged.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/index.js';
import { recoveryResumesOnlyForeignSagas } from '../../scenarios/checkers/index.js';

const ev = (t: number, kind: string, fields: Record<string, unknown>) => ({ t, node: 'nexus-0', kind, ...fields }) as unknown as TraceEvent;
const created = (t: number, incarnation: number) => ev(t, 'saga.created', { saga: 's1', sec: 'sec0', name: 'demo_steps', incarnation });
const recovered = (t: number) => ev(t, 'saga.recovered', { saga: 's1', sec: 'sec0', adopt_generation: 1, log_events: 0 });

function judge(events: TraceEvent[]): Array<string | undefined> {
  const inv = recoveryResumesOnlyForeignSagas();
  return events.map((e) => inv.onEvent!(e) ?? undefined);
}

describe('recovery-skips-own-sagas', () => {
  it('fires when a pass resumes a saga its own incarnation created (booted before the checker attached)', () => {
    expect(judge([created(1, 1), recovered(2)])[1]).toMatch(/nexus-0's recovery resumed a saga this incarnation already runs/);
  });
  it('fires for a saga the restarted incarnation created itself', () => {
    expect(judge([ev(1, 'fault.crash', {}), ev(2, 'nexus.started', { id: 'sec0', incarnation: 2 }), created(3, 2), recovered(4)])[3]).toBeDefined();
  });
  it("holds when the insert of a crashed incarnation lands while the node is down, or after its successor started", () => {
    expect(judge([ev(1, 'fault.crash', {}), created(2, 1), ev(3, 'nexus.started', { id: 'sec0', incarnation: 2 }), recovered(4)])).toEqual([undefined, undefined, undefined, undefined]);
    expect(judge([ev(1, 'fault.crash', {}), ev(2, 'nexus.started', { id: 'sec0', incarnation: 2 }), created(3, 1), recovered(4)])).toEqual([undefined, undefined, undefined, undefined]);
  });
});
