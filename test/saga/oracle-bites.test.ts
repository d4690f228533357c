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

// Saga recovery's order and the cleanup guard (omicron saga_recovery.rs `activate_internal`;
// nexus/reconfigurator/execution/src/sagas.rs and planner.rs `check_zones_eligible_for_cleanup`).
describe('saga recovery and reassignment mutants', () => {
  type Candidates = typeof import('../../nexus/saga/recovery-candidates.js');
  type Zones = typeof import('../../nexus/saga/nexus-zones.js');

  it('a recovery pass that drains the started sagas before listing is caught by recovery-skips-own-sagas', async () => {
    const { sagaListRecoveryCandidates } = await import('../../nexus/saga/datastore.js');
    const drainFirst: Patch = () => {
      const listThenDrainStarted: Candidates['listThenDrainStarted'] = async (p, sec) => {
        const started = sec.drainStarted();
        let rows: SagaRow[] | undefined;
        let listError: unknown;
        try {
          rows = await sagaListRecoveryCandidates(p.db, p.id);
        } catch (err) {
          listError = err;
        }
        return { rows, listError, started };
      };
      return { listThenDrainStarted };
    };
    const def = (await loadMutant<{ sagaCreateRacesRecovery: ScenarioDef }>({ 'nexus/saga/recovery-candidates.ts': drainFirst }, 'scenarios/saga-create-races-recovery.ts'))
      .sagaCreateRacesRecovery;
    await expectVerdict({ ...def, expected: { 'announce-first': 'caught' } }, 'announce-first', { seeds: 12, invariant: 'recovery-skips-own-sagas' });
  });

  const zombie = async (zones: Patch): Promise<ScenarioDef> => {
    const def = (await loadMutant<{ zombieSec: ScenarioDef }>({ 'nexus/saga/nexus-zones.ts': zones }, 'scenarios/zombie-sec.ts')).zombieSec;
    return { ...def, expected: { 'ready-for-cleanup': 'caught' } };
  };

  it('the planner marking a zone ready for cleanup while inventory sees it running is caught by action-in-one-sec', async () => {
    const ignoreInventory: Patch = (o) => {
      const orig = (o as unknown as Zones).nexusZoneCheckReadyForCleanup;
      const check: Zones['nexusZoneCheckReadyForCleanup'] = (db, trace, id) => orig(db, trace, id, { zoneRunning: false });
      return { nexusZoneCheckReadyForCleanup: check };
    };
    await expectVerdict(await zombie(ignoreInventory), 'ready-for-cleanup', { seeds: 6, invariant: 'action-in-one-sec' });
  });

  // Not "the filter dropped": that is the any-expunged variant itself (test/saga/scenarios.test.ts).
  // The guard inverted (`ready_for_cleanup = 1` -> `= 0`) takes sagas from zones the planner has
  // not confirmed shut down, and none from confirmed ones.
  it('reassignment with the ready_for_cleanup filter inverted is caught by action-in-one-sec', async () => {
    const inverted: Patch = () => {
      const find: Zones['findExpungedNexusIds'] = (db, selfId) =>
        db.step('bp_find_expunged_nexus', (sql) => {
          const self = sql.prepare('SELECT nexus_generation FROM bp_nexus_zone WHERE id = ?').get(selfId) as { nexus_generation: number };
          const rows = sql
            .prepare(`SELECT id, nexus_generation FROM bp_nexus_zone WHERE disposition = 'expunged' AND ready_for_cleanup = 0 ORDER BY id`)
            .all() as { id: string; nexus_generation: number }[];
          return {
            same: rows.filter((r) => r.nexus_generation === self.nexus_generation && r.id !== selfId).map((r) => r.id),
            older: rows.filter((r) => r.nexus_generation < self.nexus_generation).map((r) => r.id),
          };
        });
      return { findExpungedNexusIds: find };
    };
    await expectVerdict(await zombie(inverted), 'ready-for-cleanup', { seeds: 6, invariant: 'action-in-one-sec' });
  });
});
