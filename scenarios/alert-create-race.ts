// alert-create-race: two Nexus execute the same sitrep's alert request at once. While its peers
// are down, a laggy Nexus L makes sitrep S and its rendezvous reaches the alert's creation; the
// moment L's first alert-create statement has run, a peer O comes up, loads S, its rendezvous
// creates the alert, and the operator deletes it through O; L's creation then completes. omicron creates the alert with one statement,
// `SitrepGuardedInsert` (nexus/db-queries/src/db/datastore/fm.rs, the CTE of PR #10564: the
// generation guard, the prior-marker guard, the insert and the marker together), so L's statement
// either ran before O's (L created it, O's is AlreadyExists) or after (the marker refuses it):
// nothing comes back after the delete. Were the guards one statement and the insert another, L's
// insert would land after the delete and bring the alert back (`deleted-alert-never-recreated`);
// test/fm/oracle-bites.test.ts applies that split. The script keys on the statement's label prefix
// only, never on a mutant: with the shipped CTE the "first statement" is the whole creation.
// `naive` (plain insert, hard delete) is caught too: O's or L's next pass re-inserts it.
import { alertDelete, FM_ANALYSIS, FM_RENDEZVOUS, FM_SITREP_LOAD, fmState, iso, type AlertDesign } from '../nexus/index.js';
import { fmInvariants, fmPlugins, injectEreport, settleFm, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const alertCreateRace: ScenarioDef = {
  name: 'alert-create-race',
  summary: "a peer creates an alert and the operator deletes it while a laggy Nexus's creation of the same alert is in progress; it must not come back",
  variants: ['generation-marker', 'tombstone', 'naive'],
  expected: { 'generation-marker': 'holds', tombstone: 'holds', naive: 'caught' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minNexus: 2, minSleds: 0 },
  knobs(rng) {
    return { ...baseKnobs(rng, { maxDbMs: [1, 6] }), laggy_db_extra_min_ms: rng.int(1_000, 3_000), laggy_db_extra_span_ms: rng.int(0, 3_000) };
  },

  async setup({ world, variant, nexus, knobs }) {
    const design = variant as AlertDesign;
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins('metadata-last', design) });
    const ids = world.rng.fork('scenario/ereports');
    const [peer, laggy] = [rack.nexus[0], rack.nexus[nexus - 1]];
    const lagMin = Number(knobs.laggy_db_extra_min_ms);
    let laggyCreating = false;
    world.trace.subscribe((ev) => {
      if (ev.node === laggy.name && (ev.kind === 'db.step' || ev.kind === 'db.tx') && /^(fm_rendezvous_)?alert_create/.test(String(ev.label))) laggyCreating = true;
    });

    const script = defineScript('alert-create-race', [
      {
        name: 'sitrep-asks-for-alert',
        run: async () => {
          // The peers are down (their rendezvous would otherwise create the alert first); the
          // laggy Nexus diagnoses, loads S and its rendezvous (woken by the load) creates, slowly.
          for (let j = 0; j < nexus - 1; j++) rack.crashNexus(j);
          world.dbLatency.setSlow(laggy.name, { kind: 'uniform', min: lagMin, max: lagMin + Number(knobs.laggy_db_extra_span_ms) });
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf' });
          laggy.process.tasks.activate(FM_ANALYSIS);
          await waitUntil(world, "the laggy Nexus's first alert-create statement", () => laggyCreating, 600_000, () => {
            laggy.process.tasks.activate(FM_SITREP_LOAD);
            laggy.process.tasks.activate(FM_RENDEZVOUS);
          });
        },
      },
      {
        name: 'peer-creates-and-operator-deletes',
        run: async () => {
          const alertId = fmState(laggy.process).loaded!.sitrep.alert_requests[0].id;
          const exists = () => !!world.sql.prepare('SELECT 1 FROM alert WHERE id = ?').get(alertId);
          await rack.restartNexus(0);
          peer.process.tasks.activate(FM_SITREP_LOAD);
          await waitUntil(world, 'the alert to exist', exists, 60_000, () => peer.process.tasks.activate(FM_RENDEZVOUS));
          const p = peer.process;
          const deleted = await alertDelete(p.db, design, alertId, iso(p.clock.now()), (kind, data) => p.trace(kind, data));
          if (!deleted) throw new Error(`alert ${alertId} was not there to delete`);
        },
      },
      {
        name: 'heal',
        run: async () => {
          rack.healNetwork();
          for (let j = 1; j < nexus - 1; j++) await rack.restartNexus(j);
          await world.sched.sleep(4 * (lagMin + Number(knobs.laggy_db_extra_span_ms)) + 1_000);
          await settleFm(world, rack.nexus);
        },
      },
    ]);

    return { script, invariants: fmInvariants(world, rack.nexus, { alerts: true }) };
  },
};
