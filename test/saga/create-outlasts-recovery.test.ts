// saga-create-outlasts-recovery's verdicts, and the story each variant's trace tells: the periodic
// pass and omdb's activation both miss the stalled insert; omicron's rule then infers the saga
// done and the next pass abandons it while it runs (and, if its Nexus crashes, for good); the fix
// keeps it maybe done until a listing shows the row.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../scenarios/runner.js';
import { sagaCreateOutlastsRecovery as def } from '../../scenarios/saga-create-outlasts-recovery.js';
import { expectVerdict } from '../support/verdicts.js';

type Ev = Record<string, unknown>;
const SEEDS = 4;

async function traceOf(seed: number, variant: string): Promise<Ev[]> {
  return (await runScenario(def, { seed, variant, keepTrace: true })).trace!.map((l) => JSON.parse(l) as Ev);
}

/** The passes of the first incarnation after its boot pass: why each ran, and its plan. */
function passes(t: Ev[]): { reason: unknown; plan: Ev; at: number }[] {
  const out: { reason: unknown; plan: Ev; at: number }[] = [];
  let reason: unknown;
  for (const [i, e] of t.entries()) {
    if (e.kind === 'nexus.started' && e.incarnation !== 1) break;
    if (e.kind === 'bgtask.started' && e.task === 'saga_recovery') reason = e.reason;
    if (e.kind === 'saga_recovery.plan') out.push({ reason, plan: e, at: i });
  }
  return out.slice(1);
}

/** The window: the periodic pass and then an explicit one both ran before the insert landed. */
function expectWindow(t: Ev[]): { saga: string; created: number; third: { plan: Ev; at: number } } {
  const createdAt = t.findIndex((e) => e.kind === 'saga.created');
  const saga = t[createdAt].saga as string;
  const [periodic, signaled, third] = passes(t);
  expect(periodic.reason).toBe('timeout');
  expect(periodic.plan.maybe_done).toEqual([saga]);
  expect(signaled.reason).toBe('signaled');
  expect(signaled.at).toBeLessThan(createdAt);
  expect(third.at).toBeGreaterThan(createdAt);
  return { saga, created: createdAt, third };
}

describe('saga-create-outlasts-recovery', () => {
  it('omicron-today is caught by recovery-skips-own-sagas on every seed: inferred done, then abandoned while it runs', async () => {
    const results = await expectVerdict(def, 'omicron-today', { seeds: SEEDS, invariant: 'recovery-skips-own-sagas' });
    expect(results.filter((r) => r.verdict === 'fail')).toHaveLength(SEEDS);
    const t = await traceOf(1, 'omicron-today');
    const { saga, third } = expectWindow(t);
    expect(passes(t)[1].plan.inferred_done).toEqual([saga]);
    expect(third.plan.needs_recovery).toEqual([saga]);
    // The run ends at this first safety violation; the abandonment that follows shows in the
    // crash variant.
    expect(t.find((e) => e.kind === 'saga.recovery_failed')).toMatchObject({ saga, permanent: true });
  });

  it('in-flight-creates-kept holds: the second pass keeps the saga maybe done, the third skips it as running', async () => {
    await expectVerdict(def, 'in-flight-creates-kept', { seeds: SEEDS });
    const t = await traceOf(1, 'in-flight-creates-kept');
    const { saga, third } = expectWindow(t);
    expect(passes(t)[1].plan).toMatchObject({ maybe_done: [saga], inferred_done: [] });
    expect(third.plan).toMatchObject({ needs_recovery: [], skipped_running: [saga] });
    expect(t.some((e) => e.kind === 'saga.abandoned' || e.kind === 'saga.recovery_failed')).toBe(false);
  });

  it('omicron-today-crash is caught by every-saga-ends-done: after the crash no pass recovers the abandoned saga', async () => {
    const results = await expectVerdict(def, 'omicron-today-crash', { seeds: SEEDS, invariant: 'every-saga-ends-done' });
    for (const r of results) expect(r.violations.map((v) => v.message).join()).toMatch(/is abandoned \(unrecoverable\)/);
    const t = await traceOf(1, 'omicron-today-crash');
    expectWindow(t);
    const crashAt = t.findIndex((e) => e.kind === 'fault.crash');
    const abandonedAt = t.findIndex((e) => e.kind === 'saga.abandoned');
    expect(t[abandonedAt]).toMatchObject({ reason: 'unrecoverable' });
    expect(abandonedAt).toBeLessThan(crashAt);
    expect(t.slice(crashAt).some((e) => e.kind === 'saga.recovered')).toBe(false);
  });

  it('in-flight-creates-kept-crash holds: the restarted Nexus recovers the saga and it completes', async () => {
    await expectVerdict(def, 'in-flight-creates-kept-crash', { seeds: SEEDS });
    const t = await traceOf(1, 'in-flight-creates-kept-crash');
    const { saga } = expectWindow(t);
    const crashAt = t.findIndex((e) => e.kind === 'fault.crash');
    expect(t.slice(crashAt).find((e) => e.kind === 'saga.recovered')).toMatchObject({ saga });
  });
});
