// FM tasks activate one another as omicron's init.rs wires them: publishing a newly loaded sitrep
// on the watch channel is a `dependency` activation of each task that watches it (fm_analysis,
// fm_rendezvous, fm_sitrep_gc), on the same Nexus, right after the load; publishing a changed FM
// config wakes fm_analysis and fm_sitrep_history_pruner the same way.
import { describe, expect, it } from 'vitest';
import { racingSitrepDelete } from '../../scenarios/racing-sitrep-delete.js';
import { runScenario } from '../../scenarios/runner.js';

describe('FM task wiring', () => {
  it('a loaded sitrep activates its watchers with reason dependency', async () => {
    const r = await runScenario(racingSitrepDelete, { seed: 1, keepTrace: true });
    const t = r.trace!.map((l) => JSON.parse(l) as { t: number; node: string; kind: string; task?: string; reason?: string });
    const sitrepLoads = t.filter((e) => e.kind === 'fm.sitrep.loaded');
    const configLoads = t.filter((e) => e.kind === 'fm.config.loaded');
    expect(sitrepLoads.length).toBeGreaterThan(0);
    expect(configLoads.length).toBeGreaterThan(0);
    const watches: Record<string, (typeof t)[]> = {
      fm_analysis: [sitrepLoads, configLoads],
      fm_rendezvous: [sitrepLoads],
      fm_sitrep_gc: [sitrepLoads],
      fm_sitrep_history_pruner: [configLoads],
    };
    for (const [task, channels] of Object.entries(watches)) {
      const woken = t.filter((e) => e.kind === 'bgtask.started' && e.task === task && e.reason === 'dependency');
      expect(woken.length, task).toBeGreaterThan(0);
      // Each such activation follows a publish on a channel it watches, on its own Nexus.
      for (const w of woken) expect(channels.some((loads) => loads.some((l) => l.node === w.node && l.t <= w.t)), `${task} on ${w.node}`).toBe(true);
    }
  });
});
