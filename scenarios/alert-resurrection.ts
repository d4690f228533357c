// alert-resurrection: sitrep S1 asks for alert A and the rendezvous creates it. A laggy Nexus
// (slow DB and network) is still executing S1 when an operator deletes A (a delete path omicron
// does not have yet) and the case closes in S2. With `naive` (hard delete, plain insert) the laggy
// Nexus's alert insert for S1 puts A back. `tombstone` (PR #10368: time_deleted, so the insert
// conflicts; the version guard refuses S1 once the tracker passed it; the sweep keeps the
// tombstone while the case is in history at or above the tracker) and `generation-marker`
// (omicron's SitrepGuardedInsert + marker GC) stop it.
// How naive is caught (measured, seeds 1-50 at the default 3 Nexus): always by the laggy Nexus's
// insert, but in about a third of seeds (18/50) it lands while S1 is still current, i.e. before the
// case closed: a plain re-insert by the current sitrep, which the old-sitrep path is not needed
// for. The rest (32/50) land after S2 became current: the laggy Nexus on an old sitrep.
import { alertDelete, FM_RENDEZVOUS, FM_SITREP_LOAD, fmState, iso, type AlertDesign } from '../nexus/index.js';
import { activateAll, currentVersion, diagnose, fmInvariants, fmPlugins, injectEreport, settleFm, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const alertResurrection: ScenarioDef = {
  name: 'alert-resurrection',
  summary: 'an operator deletes an FM-created alert; a laggy Nexus still executing the sitrep that asked for it re-creates it (naive), before or after the case closes',
  variants: ['generation-marker', 'tombstone', 'naive'],
  expected: { 'generation-marker': 'holds', tombstone: 'holds', naive: 'caught' },
  defaults: { sleds: 0, nexus: 3 },
  limits: { minNexus: 2, minSleds: 0 },
  knobs(rng) {
    return {
      ...baseKnobs(rng, { maxDbMs: [1, 6] }),
      laggy_db_extra_max_ms: rng.int(200, 4_000),
      laggy_net_extra_max_ms: rng.int(0, 500),
      delete_after_ms: rng.int(0, 3_000),
      close_case_after_ms: rng.int(0, 3_000),
    };
  },

  async setup({ world, variant, nexus, knobs }) {
    const design = variant as AlertDesign;
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins('metadata-last', design) });
    const ids = world.rng.fork('scenario/ereports');
    const [operatorNexus, laggy] = [rack.nexus[0], rack.nexus[nexus - 1]];
    let alertId = '';

    const script = defineScript('alert-resurrection', [
      {
        name: 'open-case-and-create-alert',
        run: async () => {
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf' });
          const v = await diagnose(world, operatorNexus, 0);
          const sitrepId = (world.sql.prepare('SELECT sitrep_id FROM fm_sitrep_history WHERE version = ?').get(v) as { sitrep_id: string }).sitrep_id;
          activateAll(rack.nexus, FM_SITREP_LOAD);
          await waitUntil(world, 'every Nexus to load the first sitrep', () => rack.nexus.every((n) => fmState(n.process).loaded?.sitrep.metadata.id === sitrepId));
          alertId = fmState(laggy.process).loaded!.sitrep.alert_requests[0].id;
          await waitUntil(world, 'the alert to be created', () => !!world.sql.prepare('SELECT 1 FROM alert WHERE id = ?').get(alertId), 600_000, () =>
            activateAll(rack.nexus, FM_RENDEZVOUS),
          );
        },
      },
      {
        name: 'laggy-nexus-executes-old-sitrep',
        run: async () => {
          world.faults.slow(laggy.name, { kind: 'uniform', min: 0, max: Number(knobs.laggy_db_extra_max_ms) }, { db: true });
          world.faults.slow(laggy.name, { kind: 'uniform', min: 0, max: Number(knobs.laggy_net_extra_max_ms) }, { net: true });
          laggy.process.tasks.activate(FM_RENDEZVOUS);
          await world.sched.sleep(Number(knobs.delete_after_ms));
        },
      },
      {
        name: 'operator-deletes-alert',
        run: async () => {
          const p = operatorNexus.process;
          const deleted = await alertDelete(p.db, design, alertId, iso(p.clock.now()), (kind, data) => p.trace(kind, data));
          if (!deleted) throw new Error(`alert ${alertId} was not there to delete`);
          await world.sched.sleep(Number(knobs.close_case_after_ms));
        },
      },
      {
        name: 'case-closes',
        run: async () => {
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf', resolved: true });
          await diagnose(world, operatorNexus);
          // The laggy Nexus is asked again while (probably) still on the old sitrep.
          laggy.process.tasks.activate(FM_RENDEZVOUS);
          await world.sched.sleep(10_000);
        },
      },
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          await settleFm(world, rack.nexus);
          if (currentVersion(world) < 2) throw new Error('the case never closed');
        },
      },
    ]);

    return { script, invariants: fmInvariants(world, rack.nexus, { alerts: true }) };
  },
};
