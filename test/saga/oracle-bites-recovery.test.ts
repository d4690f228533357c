// The oracle bites: recovery's failure classification (omicron saga_recovery.rs
// `abandon_non_transient_failed_sagas`, RecoveryFailureKind::classify). Its own file because the
// mutated procedure builds its world from freshly imported sim modules, and the fetch interceptor
// of an earlier sim instance in the same worker would not know that world's fabric.
import { describe, expect, it } from 'vitest';
import { loadMutant, type Patch } from '../support/mutant.js';

describe('recovery failure classification mutant', () => {
  it('ServiceUnavailable classified permanent: a transiently failed saga is abandoned, caught by every-saga-ends-done', async () => {
    // RecoveryFailureKind::classify widened: the recovery task sees every error as permanent.
    const everyErrorPermanent: Patch = () => ({ classifyRecoveryFailure: () => 'permanent' });
    const { transientRecoveryFailure } = await loadMutant<typeof import('./transient-recovery.js')>({ 'nexus/saga/executor.ts': everyErrorPermanent }, 'test/saga/transient-recovery.ts');
    const o = await transientRecoveryFailure();
    expect(o.failures).toHaveLength(1);
    expect(o.endDone).toMatch(/is abandoned \(unrecoverable\)/);
  });
});
