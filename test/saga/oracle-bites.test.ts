// The oracle bites: realistic one-line changes to the stuck-saga health check, applied by wrapping
// the mechanism module (test/support/mutant.ts), are caught by stuck-iff-old, which carries its own
// 15 minutes (omicron nexus/src/app/update.rs STUCK_SAGA_THRESHOLD) instead of the code's constant.
import { describe, it } from 'vitest';
import type { SagaRow } from '../../nexus/saga/types.js';
import type { Db } from '../../sim/index.js';
import type { ScenarioDef } from '../../scenarios/types.js';
import { loadMutant, type Patch } from '../support/mutant.js';
import { expectVerdict } from '../support/verdicts.js';

async function mutated(modules: Record<string, Patch>): Promise<ScenarioDef> {
  const def = (await loadMutant<{ stuckSagaHealth: ScenarioDef }>(modules, 'scenarios/stuck-saga-health.ts')).stuckSagaHealth;
  return { ...def, expected: { 'threshold-15m': 'caught' } };
}

const threshold = (ms: number): Record<string, Patch> => ({ 'nexus/saga/context.ts': () => ({ STUCK_SAGA_THRESHOLD_MS: ms }) });

describe('stuck-saga mutants', () => {
  it('the threshold drifting to 12 minutes is caught by stuck-iff-old', async () => {
    await expectVerdict(await mutated(threshold(12 * 60_000)), 'threshold-15m', { seeds: 4, invariant: 'stuck-iff-old' });
  });

  it('the threshold drifting to 18 minutes is caught by stuck-iff-old', async () => {
    await expectVerdict(await mutated(threshold(18 * 60_000)), 'threshold-15m', { seeds: 4, invariant: 'stuck-iff-old' });
  });

  it("the query losing `unwinding` (running sagas only) is caught by stuck-iff-old", async () => {
    type Datastore = typeof import('../../nexus/saga/datastore.js');
    const runningOnly: Patch = (o) => {
      const orig = (o as unknown as Datastore).sagaListRunningOrUnwindingOlderThan;
      const list = async (db: Db, limitMs: number, onRows?: (rows: SagaRow[]) => void) => {
        const keep = (rows: SagaRow[]) => rows.filter((r) => r.saga_state === 'running');
        return keep(await orig(db, limitMs, onRows && ((rows) => onRows(keep(rows)))));
      };
      return { sagaListRunningOrUnwindingOlderThan: list };
    };
    await expectVerdict(await mutated({ 'nexus/saga/datastore.ts': runningOnly }), 'threshold-15m', { seeds: 2, invariant: 'stuck-iff-old' });
  });
});
