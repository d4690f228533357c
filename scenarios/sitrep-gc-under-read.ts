// sitrep-gc-under-read: the premise of PR #9627's metadata-last read, exercised. A laggy loader L
// starts reading sitrep S2 (its version row read); at that moment a fast writer W makes two newer
// sitreps current, prunes history (threshold 2) and garbage-collects S2, and W's DB turns slow once the
// first GC statement after the prune has run, so the GC's statements land between L's reads. omicron's GC
// (nexus/src/app/background/tasks/fm_sitrep_gc.rs, datastore fm.rs) deletes the metadata row
// first and the children after: a metadata-last reader that still finds the metadata read children
// that were all there, and one that does not gets NotFound (the old sitrep stays loaded). A GC
// deleting children first would let L find S2's metadata after its children went: a torn sitrep
// (`loaded-sitrep-matches-inserted`; test/fm/oracle-bites.test.ts applies that swap). The GC's
// statements are slower than L's by a drawn factor (2-4), so L's metadata read precedes the GC's
// last statement: the swapped GC is caught on 16 of seeds 1-20 (in the rest L read every child
// before the GC's first child delete landed).
import { FM_HISTORY_PRUNE, FM_SITREP_LOAD, fmState, type ReadDesign } from '../nexus/index.js';
import { activateAll, currentVersion, diagnose, fmInvariants, fmPlugins, injectEreport, setFmConfig, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const sitrepGcUnderRead: ScenarioDef = {
  name: 'sitrep-gc-under-read',
  summary: "a laggy loader reads a sitrep while a slow GC pass deletes it; metadata-first deletion means it reads all of it or NotFound, never a torn sitrep",
  variants: ['metadata-last', 'transaction'],
  expected: { 'metadata-last': 'holds', transaction: 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minNexus: 2, minSleds: 0 },
  knobs(rng) {
    const loaderMs = rng.int(200, 1_500);
    return { ...baseKnobs(rng, { maxDbMs: [1, 4] }), loader_db_extra_ms: loaderMs, gc_db_extra_ms: loaderMs * rng.int(2, 5) };
  },

  async setup({ world, variant, nexus, knobs }) {
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins(variant as ReadDesign, 'generation-marker') });
    setFmConfig(world, { history_pruning_threshold: 2 });
    const ids = world.rng.fork('scenario/ereports');
    const [loader, writer] = [rack.nexus[0], rack.nexus[1]];
    const loaderMs = Number(knobs.loader_db_extra_ms);
    const gcMs = Number(knobs.gc_db_extra_ms);
    let armed: 'version-read' | 'prune' | 'gc' | undefined;
    let versionRead = false;
    world.trace.subscribe((ev) => {
      if ((ev.kind !== 'db.step' && ev.kind !== 'db.tx') || typeof ev.label !== 'string') return;
      if (armed === 'version-read' && ev.node === loader.name && /^fm_(current_sitrep_version|sitrep_read_current)/.test(ev.label)) {
        armed = undefined;
        versionRead = true;
      } else if (armed === 'prune' && ev.node === writer.name && ev.label.startsWith('fm_sitrep_history_prune')) {
        armed = 'gc';
      } else if (armed === 'gc' && ev.node === writer.name && ev.label.startsWith('fm_sitrep_gc')) {
        armed = undefined;
        world.dbLatency.setSlow(writer.name, { kind: 'uniform', min: gcMs, max: gcMs });
      }
    });
    let part = 0;
    const sitrep = async (n = writer) => {
      injectEreport(world, ids, { serial: `disk-${part++}`, wantsBundle: true });
      return diagnose(world, n);
    };

    const script = defineScript('sitrep-gc-under-read', [
      {
        name: 'everyone-loads-s1',
        run: async () => {
          await sitrep();
          activateAll(rack.nexus, FM_SITREP_LOAD);
          const v = currentVersion(world);
          await waitUntil(world, 'every Nexus to load S1', () => rack.nexus.every((n) => fmState(n.process).loaded?.version.version === v));
        },
      },
      {
        name: 'laggy-loader-starts-reading-s2',
        run: async () => {
          await sitrep();
          world.dbLatency.setSlow(loader.name, { kind: 'uniform', min: loaderMs, max: loaderMs });
          armed = 'version-read';
          loader.process.tasks.activate(FM_SITREP_LOAD);
          await waitUntil(world, "the loader's version read", () => versionRead);
        },
      },
      {
        name: 'writer-supersedes-prunes-and-collects-s2',
        run: async () => {
          await sitrep();
          await sitrep();
          armed = 'prune';
          writer.process.tasks.activate(FM_HISTORY_PRUNE);
          await world.sched.sleep(12 * gcMs);
          armed = undefined;
        },
      },
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          activateAll(rack.nexus, FM_SITREP_LOAD);
          await world.sched.sleep(60_000);
        },
      },
    ]);

    return { script, invariants: fmInvariants(world, rack.nexus, { alerts: false }) };
  },
};
