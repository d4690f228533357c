// What the timeline draws, from a hand-written trace: requests paired with their answers, faults
// as spans until healed or restarted, task activations, the violation on the offending lane.
import { describe, expect, it } from 'vitest';
import { buildModel, DB_LANE, type TimelineEvent } from '../../scenarios/timeline/model.js';

const T = 1_000_000;
const ev = (dt: number, node: string, kind: string, more: Record<string, unknown> = {}): TimelineEvent => ({ t: T + dt, node, kind, ...more });

describe('timeline model', () => {
  const events = [
    ev(0, 'runner', 'run.config'),
    ev(1, 'nexus-0', 'bgtask.started', { task: 'tuf_replication', iteration: 1 }),
    ev(2, 'nexus-0', 'http.sent', { req: 7, to: 'sled-1', method: 'GET', url: '[fd00::1]:12345/artifacts' }),
    ev(3, 'nexus-0', 'db.step', { label: 'x' }),
    ev(5, 'sled-1', 'fault.crash'),
    ev(9, 'nexus-0', 'http.failed', { req: 7, error: 'ECONNREFUSED' }),
    ev(10, 'nexus-0', 'bgtask.completed', { task: 'tuf_replication', iteration: 1 }),
    ev(12, 'nexus-10', 'fault.partition', { from: ['nexus-0'] }),
    ev(20, 'sled-1', 'fault.restart'),
    ev(25, 'rack', 'fault.healed'),
    ev(30, 'sled-1', 'artifact.removed', { sha256: 'ab' }),
  ];
  const m = buildModel('t', events, [{ invariant: 'never-backwards', atMs: 30, message: 'gone', event: events[10] as never }]);

  it('has a lane per node, a receiver with no events of its own included, the DB last', () => {
    expect(m.lanes).toEqual(['nexus-0', 'nexus-10', 'sled-1', 'rack', 'runner', DB_LANE]);
  });

  it('pairs a request with its failure and its latency', () => {
    expect(m.requests).toEqual([{ sent: 2, done: 5, from: 0, to: 2, t: T + 2, end: T + 9, label: 'GET /artifacts → ECONNREFUSED in 7ms', failed: true }]);
    expect(m.db).toEqual([{ i: 3, from: 0 }]);
  });

  it('draws a crash until its restart, a partition until healed, a task activation', () => {
    const spans = m.spans.map((s) => [s.kind, m.lanes[s.lane], s.t - T, s.end - T]);
    expect(spans).toEqual([
      ['task', 'nexus-0', 1, 10],
      ['fault', 'sled-1', 5, 20],
      ['fault', 'nexus-10', 12, 25],
    ]);
  });

  it('marks the violation on the lane of the event that broke the invariant', () => {
    expect(m.violations).toEqual([{ t: T + 30, lane: 2, invariant: 'never-backwards', message: 'gone', i: 10 }]);
  });

  it('copes with a very large trace', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => ev(i, `sled-${i % 64}`, 'x'));
    const mm = buildModel('big', big, []);
    expect(mm.t1).toBe(T + 299_999);
    expect(mm.lanes).toHaveLength(65);
  });
});
