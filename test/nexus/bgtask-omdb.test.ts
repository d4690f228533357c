// `omdb nexus background-tasks show`'s common part, line for line as omdb's `print_task` prints it
// (dev-tools/omdb/src/bin/omdb/nexus.rs; humantime for periods, RFC 3339 with milliseconds).
import { describe, expect, it } from 'vitest';
import { humanDuration, printTask, wireDuration, type BackgroundTaskView } from '../../nexus/bgtask/index.js';

const T0 = Date.parse('2026-01-01T00:10:00.000Z');

function view(over: Partial<BackgroundTaskView>): BackgroundTaskView {
  return { name: 'saga_recovery', description: 'recovers sagas', period: wireDuration(600_000), current: { current_status: 'idle' }, last: { last_result: 'never_completed' }, ...over };
}

describe('omdb background-task text', () => {
  it('prints periods as humantime does', () => {
    expect([600_000, 300_000, 15_000, 3_600_000, 5_400_000, 90_000, 250, 0, 86_400_000 * 2 + 3_600_000].map((ms) => humanDuration(wireDuration(ms)))).toEqual([
      '10m', '5m', '15s', '1h', '1h 30m', '1m 30s', '250ms', '0s', '2days 1h',
    ]);
  });

  it('a task that never completed and runs now', () => {
    const v = view({ current: { current_status: 'running', details: { iteration: 1, reason: 'timeout', start_time: '2026-01-01T00:09:59.250Z' } } });
    expect(printTask(v, T0, () => ['unused'])).toBe(
      [
        'task: "saga_recovery"',
        '  configured period: every 10m',
        '  currently executing: iter 1, triggered by a periodic timer firing',
        '    started at 2026-01-01T00:09:59.250Z, running for 750ms',
        '  last completed activation: never',
        '',
      ].join('\n'),
    );
  });

  it('a completed activation, then the task\'s own lines; an error stops there', () => {
    const last = { iteration: 3, reason: 'signaled' as const, start_time: '2026-01-01T00:08:20.000Z', elapsed: wireDuration(1_234.5) };
    const ok = view({ last: { last_result: 'completed', details: { ...last, details: { n: 1 } } } });
    expect(printTask(ok, T0, (d) => [`    n: ${(d as { n: number }).n}`])).toBe(
      [
        'task: "saga_recovery"',
        '  configured period: every 10m',
        '  currently executing: no',
        '  last completed activation: iter 3, triggered by an explicit signal',
        '    started at 2026-01-01T00:08:20.000Z (100s ago) and ran for 1234ms',
        '    n: 1',
        '',
      ].join('\n'),
    );
    const failed = view({ last: { last_result: 'completed', details: { ...last, details: { error: 'listing sagas: timed out' } } } });
    expect(printTask(failed, T0, () => ['unused']).split('\n').slice(4)).toEqual(['    started at 2026-01-01T00:08:20.000Z (100s ago) and ran for 1234ms', '    last completion reported error: listing sagas: timed out', '', '']);
  });
});

describe('omdb nexus background-tasks list', () => {
  it('prints one BackgroundTaskStatusRow per task in name order, as tabled lays them out', async () => {
    const { omdbBackgroundTasksList } = await import('../../nexus/saga/omdb.js');
    const done = (iteration: number, start: string, ms: number, reason: 'signaled' | 'timeout' | 'dependency') =>
      ({ last_result: 'completed', details: { iteration, reason, start_time: start, elapsed: wireDuration(ms), details: {} } }) as const;
    const lines = omdbBackgroundTasksList({
      tuf_artifact_replication: view({ name: 'tuf_artifact_replication', last: done(12, '2026-01-01T00:05:00.750Z', 1_234.5, 'timeout') }),
      saga_recovery: view({ last: done(3, '2026-01-01T00:08:20.000Z', 40, 'signaled'), current: { current_status: 'running', details: { iteration: 4, reason: 'dependency', start_time: '2026-01-01T00:09:59.250Z' } } }),
      fm_sitrep_gc: view({ name: 'fm_sitrep_gc' }),
    });
    expect(lines).toEqual([
      'task_name                PGEN# PSTART               Psecs P CSTART               C ',
      'fm_sitrep_gc             -     -                    -     - -                    - ',
      'saga_recovery            3     2026-01-01T00:08:20Z   0.0 S 2026-01-01T00:09:59Z D ',
      'tuf_artifact_replication 12    2026-01-01T00:05:00Z   1.2 T -                    - ',
    ]);
  });
});
