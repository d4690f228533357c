import { describe, expect, it } from 'vitest';
import { transientRecoveryFailure } from './transient-recovery.js';

describe('a transient recovery failure', () => {
  it('leaves the saga a candidate: the next pass recovers it and it ends done, never abandoned', async () => {
    const o = await transientRecoveryFailure();
    expect(o.failures).toHaveLength(1); // the window was hit: the boot pass did fail
    expect(o.failures[0].permanent).toBe(false);
    expect(o.abandoned).toEqual([]);
    expect(o.endDone).toBeUndefined();
  });
});
