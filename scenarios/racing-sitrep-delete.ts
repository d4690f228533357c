// racing-sitrep-delete (issue #9594, PR #9627): a slow Nexus's sitrep loader reads the current
// sitrep S while a fast Nexus makes two newer sitreps current, prunes S out of history and
// garbage-collects it (metadata, then children, no wrapping transaction). Variants are the read
// design: `metadata-last` (omicron today) and `transaction` never publish a torn sitrep; `naive`
// reads metadata first and can publish S with children that were deleted under it.
// Every sitrep carries support-bundle requests too (the disks' ereports ask for bundles, omicron's
// last child table), and in some seeds the writer's DB is slow, so its GC spends time between its
// statements (prune and GC are slow): the premise metadata-last rests on (GC deletes metadata
// before children) is then exercised, not just a fast GC that finishes before the loader reads again.
import { FM_HISTORY_PRUNE, FM_SITREP_LOAD, type ReadDesign } from '../nexus/index.js';
import { currentVersion, diagnose, fmInvariants, fmPlugins, injectEreport, setFmConfig } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript, type Step } from './script.js';
import type { ScenarioDef } from './types.js';

export const racingSitrepDelete: ScenarioDef = {
  name: 'racing-sitrep-delete',
  summary: 'a sitrep loader reads sitrep S while S is pruned and garbage-collected; naive reads can publish a torn sitrep',
  variants: ['metadata-last', 'transaction', 'naive'],
  expected: { 'metadata-last': 'holds', transaction: 'holds', naive: 'caught' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minNexus: 2, minSleds: 0 },
  knobs(rng) {
    return {
      ...baseKnobs(rng, { maxDbMs: [1, 6] }),
      slow_loader_db_extra_max_ms: rng.int(20, 200),
      rounds: rng.int(4, 9),
      // 0 in half the seeds: the writer (and so its GC) at the base DB latency.
      slow_gc_db_extra_max_ms: rng.int(0, 2) === 0 ? 0 : rng.int(50, 1_500),
    };
  },

  async setup({ world, nexus, variant, knobs }) {
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins(variant as ReadDesign, 'generation-marker') });
    setFmConfig(world, { history_pruning_threshold: 2 });
    const ids = world.rng.fork('scenario/ereports');
    const timing = world.rng.fork('scenario/timing');
    const [loader, writer] = [rack.nexus[0], rack.nexus[1]];
    const slowMax = Number(knobs.slow_loader_db_extra_max_ms);
    const gcMax = Number(knobs.slow_gc_db_extra_max_ms);
    let gcArmed = false;
    world.trace.subscribe((ev) => {
      if (!gcArmed || ev.node !== writer.name || ev.kind !== 'db.step' || !ev.label.startsWith('fm_sitrep_gc')) return;
      gcArmed = false;
      world.faults.slow(writer.name, { kind: 'uniform', min: 0, max: gcMax }, { db: true });
    });
    let part = 0;

    const round = (r: number): Step => ({
      name: `round-${r}`,
      run: async () => {
        // The loader starts reading the current sitrep S (slowly) ...
        loader.process.tasks.activate(FM_SITREP_LOAD);
        await world.sched.sleep(timing.int(0, 2 * slowMax));
        // ... while the writer makes two newer sitreps current and prunes/GCs S.
        injectEreport(world, ids, { serial: `disk-${part++}`, wantsBundle: true });
        await diagnose(world, writer);
        injectEreport(world, ids, r % 2 === 0 ? { serial: `disk-${part - 2}`, resolved: true } : { serial: `disk-${part++}`, wantsBundle: true });
        await diagnose(world, writer);
        // The writer prunes and garbage-collects; in some seeds its DB turns slow at the GC's first
        // statement, so the pass spends time between its statements.
        gcArmed = gcMax > 0;
        writer.process.tasks.activate(FM_HISTORY_PRUNE);
        await world.sched.sleep(timing.int(4 * slowMax, 8 * slowMax) + 16 * gcMax);
        gcArmed = false;
        world.faults.unslow(writer.name);
      },
    });

    const script = defineScript('racing-sitrep-delete', [
      {
        name: 'first-sitreps',
        run: async () => {
          injectEreport(world, ids, { serial: `disk-${part++}`, wantsBundle: true });
          await diagnose(world, writer);
          world.faults.slow(loader.name, { kind: 'uniform', min: 0, max: slowMax }, { db: true });
        },
      },
      ...Array.from({ length: Number(knobs.rounds) }, (_, r) => round(r)),
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          await world.sched.sleep(60_000);
          if (currentVersion(world) === 0) throw new Error('no sitrep was ever made current');
        },
      },
    ]);

    return { script, invariants: fmInvariants(world, rack.nexus, { alerts: false }) };
  },
};
