// tombstone-gc-stall: one rendezvous subtask fails persistently: a long-lived case asks for a
// support bundle and the rack has no in-service sled to host one (omicron: insufficient capacity),
// so support-bundle creation errors on every pass. Meanwhile cases open and close, and an operator
// dismisses each of their alerts. With PR #10368 as written, the tracker (seeded at 0) advances
// only after a pass with no error, so it stays at 0; the sweep still runs after every pass, but it
// keeps a tombstone while its case appears in ANY history row at version >= 0, i.e. anywhere in
// retained history. At the default history_pruning_threshold (2000) nothing is pruned in this run,
// so no tombstone is collected: they grow with every dismissed alert. (They would go once history
// pruning drops their cases' sitreps: that is tombstone-early-sweep, and it is not safe.)
// Per-resource generation markers (omicron today) keep collecting. The failing subtask persists
// through heal: the design is at fault.
import { alertDelete, FM_RENDEZVOUS, fmState, iso, type AlertDesign } from '../nexus/index.js';
import { activateAll, diagnose, fmInvariants, fmPlugins, injectEreport, settleFm, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript, type Step } from './script.js';
import type { ScenarioDef } from './types.js';

export const tombstoneGcStall: ScenarioDef = {
  name: 'tombstone-gc-stall',
  summary: 'a persistently failing rendezvous subtask holds the single progress tracker at 0; tombstones are kept while their cases are in history',
  variants: ['generation-marker', 'tombstone'],
  expected: { 'generation-marker': 'holds', tombstone: 'caught' },
  defaults: { sleds: 0, nexus: 2 },
  // Sleds would host support bundles and the subtask would stop failing.
  limits: { minNexus: 1, minSleds: 0, maxSleds: 0 },
  knobs(rng) {
    return { ...baseKnobs(rng, { maxDbMs: [1, 6] }), churn_cases: rng.int(3, 7), gap_ms: rng.int(0, 2_000) };
  },

  async setup({ world, variant, nexus, knobs }) {
    const design = variant as AlertDesign;
    const rack = await Rack.build(world, { sleds: 0, nexus, register: false, plugins: fmPlugins('metadata-last', design) });
    const ids = world.rng.fork('scenario/ereports');
    const pick = world.rng.fork('scenario/nexus');
    const gap = Number(knobs.gap_ms);

    /** The alert the current sitrep asks for on `serial`'s case, once some rendezvous created it. */
    const alertFor = async (serial: string): Promise<string> => {
      const n = rack.nexus[0];
      let id: string | undefined;
      await waitUntil(world, `the alert for ${serial}`, () => {
        const req = fmState(n.process).loaded?.sitrep.alert_requests.find((r) => r.payload.includes(`"${serial}"`));
        id = req && world.sql.prepare('SELECT 1 FROM alert WHERE id = ? AND time_deleted IS NULL').get(req.id) ? req.id : undefined;
        return id !== undefined;
      }, 600_000, () => activateAll(rack.nexus, FM_RENDEZVOUS));
      return id!;
    };

    const churn = (i: number): Step => ({
      name: `churn-case-${i}`,
      run: async () => {
        const serial = `disk-${i}`;
        injectEreport(world, ids, { serial });
        await diagnose(world, pick.pick(rack.nexus));
        const alertId = await alertFor(serial);
        const p = pick.pick(rack.nexus).process;
        const deleted = await alertDelete(p.db, design, alertId, iso(p.clock.now()), (kind, data) => p.trace(kind, data));
        if (!deleted) throw new Error(`alert ${alertId} was not there to delete`);
        await world.sched.sleep(gap);
        injectEreport(world, ids, { serial, resolved: true });
        await diagnose(world, pick.pick(rack.nexus));
        activateAll(rack.nexus, FM_RENDEZVOUS);
        await world.sched.sleep(gap);
      },
    });

    const script = defineScript('tombstone-gc-stall', [
      {
        name: 'long-lived-case-wants-a-bundle',
        run: async () => {
          injectEreport(world, ids, { serial: 'shelf-0', de: 'power_shelf', wantsBundle: true });
          await diagnose(world, rack.nexus[0], 0);
          await alertFor('shelf-0');
        },
      },
      ...Array.from({ length: Number(knobs.churn_cases) }, (_, i) => churn(i)),
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
