// omicron's check_sitrep_limit (nexus/src/app/background/tasks/fm_analysis.rs, b848b6df85) calls
// reclaim_capacity() from 80% of sitrep_limit while analysis goes on, not only at the limit.
import { describe, expect, it } from 'vitest';
import { diagnose, fmPlugins, injectEreport, setFmConfig } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { world } from '../support/world.js';

describe('fm_analysis capacity', () => {
  it('at 80% of sitrep_limit it commits and reclaims (history pruned) before the limit is reached', async () => {
    const w = world({ keepTrace: false });
    let out: { history: number[]; error?: unknown } | undefined;
    const body = async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      setFmConfig(w, { sitrep_limit: 10, history_pruning_threshold: 2 });
      const n = rack.nexus[0];
      const ids = w.rng.fork('ids');
      const history: number[] = [];
      for (let i = 0; i < 9; i++) {
        injectEreport(w, ids, { serial: `disk-${i}` });
        await diagnose(w, n, i === 0 ? 0 : undefined);
        await w.sched.sleep(1_000);
        history.push((w.sql.prepare('SELECT COUNT(*) AS n FROM fm_sitrep_history').get() as { n: number }).n);
      }
      out = { history };
    };
    body().catch((error) => (out = { history: [], error }));
    await w.sched.run({ untilMs: w.now + 3_600_000, stop: () => out !== undefined });
    expect(out?.error).toBeUndefined();
    // Eight sitreps (80% of 10) accumulate; the ninth analysis reclaims (pruning to 2, racing its
    // own insert) and commits: at most 3 rows. Reclaiming only at the limit would leave 9.
    expect(out!.history.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out!.history[8]).toBeLessThanOrEqual(3);
    w.close();
  });
});
