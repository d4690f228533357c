// tombstone-early-sweep: PR #10368 review's "asterisk". The tombstone sweep keeps a tombstone while
// the alert's case appears in some fm_case row joined to fm_sitrep_history at version >= the
// progress tracker. It assumes history holds every version from the tracker up; history pruning
// does not wait for the tracker. Here: case C's alert A is created and a clean pass moves the
// tracker to v1; then a case that wants a support bundle opens and the rack cannot host one, so
// every pass has an error and the tracker stays at v1 (any persistent subtask failure does).
// A laggy Nexus starts a rendezvous pass on v2 (which still asks for A). The operator deletes A
// (a tombstone), C closes (v3, which as in omicron still carries C with closed_sitrep_id set), two
// more cases open (v4 drops the closed C, v5), and the history pruner (threshold 2, the minimum)
// keeps only v4 and v5. What matters is that no retained history row at or above the tracker still
// carries C: the sweep ignores the tracker's own (pruned) row, the pruner ignores the tracker. The
// next sweep finds no row of C at version >= 1, so it hard-deletes A at once; the laggy Nexus's
// insert for v2 passes the version guard (tracker 1 <= 2) and A is back. Per-resource generation markers (omicron today)
// refuse it: v2's alert_generation is not the current one.
import { alertDelete, FM_HISTORY_PRUNE, FM_RENDEZVOUS, FM_SITREP_LOAD, fmState, iso, type AlertDesign } from '../nexus/index.js';
import { activateAll, diagnose, fmInvariants, fmPlugins, injectEreport, setFmConfig, settleFm, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const tombstoneEarlySweep: ScenarioDef = {
  name: 'tombstone-early-sweep',
  summary: 'history pruning drops the sitreps at and above a stalled progress tracker; the tombstone sweep hard-deletes a tombstone whose case a laggy Nexus still executes, and the alert comes back',
  variants: ['generation-marker', 'tombstone'],
  expected: { 'generation-marker': 'holds', tombstone: 'caught' },
  defaults: { sleds: 0, nexus: 3 },
  // Sleds would host the support bundle and the tracker would not stall.
  limits: { minNexus: 2, minSleds: 0, maxSleds: 0 },
  knobs(rng) {
    return {
      ...baseKnobs(rng, { maxDbMs: [1, 6] }),
      laggy_db_extra_max_ms: rng.int(500, 8_000),
      delete_after_ms: rng.int(0, 2_000),
      close_case_after_ms: rng.int(0, 2_000),
    };
  },

  async setup({ world, variant, nexus, knobs }) {
    const design = variant as AlertDesign;
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins('metadata-last', design) });
    setFmConfig(world, { history_pruning_threshold: 2 });
    const ids = world.rng.fork('scenario/ereports');
    const [fast, laggy] = [rack.nexus[0], rack.nexus[nexus - 1]];
    const loadedEverywhere = async (what: string) => {
      const id = (world.sql.prepare('SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1').get() as { sitrep_id: string }).sitrep_id;
      activateAll(rack.nexus, FM_SITREP_LOAD);
      await waitUntil(world, `every Nexus to load ${what}`, () => rack.nexus.every((n) => fmState(n.process).loaded?.sitrep.metadata.id === id));
    };
    const historyRows = () => (world.sql.prepare('SELECT COUNT(*) AS n FROM fm_sitrep_history').get() as { n: number }).n;
    let alertId = '';

    const script = defineScript('tombstone-early-sweep', [
      {
        name: 'case-c-asks-for-alert-a',
        run: async () => {
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf' });
          await diagnose(world, fast, 0);
          await loadedEverywhere('v1');
          alertId = fmState(laggy.process).loaded!.sitrep.alert_requests[0].id;
          await waitUntil(world, 'alert A to be created', () => !!world.sql.prepare('SELECT 1 FROM alert WHERE id = ?').get(alertId), 600_000, () =>
            activateAll(rack.nexus, FM_RENDEZVOUS),
          );
          // A clean pass on v1 everywhere (the tombstone design's tracker reaches 1).
          activateAll(rack.nexus, FM_RENDEZVOUS);
          await world.sched.sleep(5_000);
        },
      },
      {
        name: 'a-case-wants-a-bundle-nobody-can-host',
        run: async () => {
          injectEreport(world, ids, { serial: 'disk-9', wantsBundle: true });
          await diagnose(world, fast);
          await loadedEverywhere('v2');
        },
      },
      {
        name: 'laggy-nexus-executes-v2',
        run: async () => {
          world.faults.slow(laggy.name, { kind: 'uniform', min: 0, max: Number(knobs.laggy_db_extra_max_ms) }, { db: true });
          laggy.process.tasks.activate(FM_RENDEZVOUS);
          await world.sched.sleep(Number(knobs.delete_after_ms));
        },
      },
      {
        name: 'operator-deletes-alert-a',
        run: async () => {
          const p = fast.process;
          const deleted = await alertDelete(p.db, design, alertId, iso(p.clock.now()), (kind, data) => p.trace(kind, data));
          if (!deleted) throw new Error(`alert ${alertId} was not there to delete`);
          await world.sched.sleep(Number(knobs.close_case_after_ms));
        },
      },
      {
        name: 'case-c-closes-and-history-is-pruned',
        run: async () => {
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf', resolved: true });
          await diagnose(world, fast);
          injectEreport(world, ids, { serial: 'disk-5' });
          await diagnose(world, fast);
          // v3 still carries C (closed); one more sitrep pushes it out of the retained two.
          injectEreport(world, ids, { serial: 'disk-6' });
          await diagnose(world, fast);
          fast.process.tasks.activate(FM_HISTORY_PRUNE);
          await waitUntil(world, 'history pruned to 2 rows', () => historyRows() <= 2);
          // The fast Nexus's next pass: it loads v5, errors on the bundle, sweeps.
          fast.process.tasks.activate(FM_SITREP_LOAD);
          await world.sched.sleep(2_000);
          // The laggy Nexus is asked again while (probably) still on v2.
          laggy.process.tasks.activate(FM_RENDEZVOUS);
          await world.sched.sleep(30_000);
        },
      },
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          await settleFm(world, rack.nexus);
        },
      },
    ]);

    return { script, invariants: fmInvariants(world, rack.nexus, { alerts: true }) };
  },
};
