// deleted-bundle-visible: PR #10368 tombstones an FM support bundle on delete (time_deleted, the
// row stays for the sweep) but, on its branch, most readers do not skip tombstones. A case asks
// for a bundle; a rendezvous creates it on the one sled; its owner's collector marks it active.
// Then the operator destroys it (destroying, then support_bundle_delete: a tombstone) while, at
// seed-chosen moments, the readers the review listed run: the operator lists bundles and comments
// on it, the owner's collector lists its own, another "destroy" tries the state update, and once
// the owner Nexus is gone (expunged) a peer runs support_bundle_fail_expunged. `unfiltered-readers`
// (the branch as written) hands the deleted bundle out to whichever reader runs after the delete;
// `filtered-readers` (time_deleted IS NULL in each, as the review asked) does not.
import {
  FM_RENDEZVOUS,
  FM_SITREP_LOAD,
  iso,
  supportBundleDelete,
  supportBundleFailExpunged,
  supportBundleList,
  supportBundleListAssignedToNexus,
  supportBundleUpdate,
  supportBundleUpdateUserComment,
  type Nexus,
  type ReaderFilter,
} from '../nexus/index.js';
import { deletedBundleNeverHandedOut } from './checkers/index.js';
import type { TraceFn } from '../sim/index.js';
import { activateAll, diagnose, fmInvariants, fmPlugins, injectEreport, settleFm, waitUntil } from './fm-support.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const deletedBundleVisible: ScenarioDef = {
  name: 'deleted-bundle-visible',
  summary: 'support-bundle readers that ignore time_deleted hand out an FM bundle the operator deleted (PR #10368 tombstones)',
  variants: ['filtered-readers', 'unfiltered-readers'],
  expected: { 'filtered-readers': 'holds', 'unfiltered-readers': 'caught' },
  defaults: { sleds: 1, nexus: 3 },
  limits: { minNexus: 2, minSleds: 1 },
  knobs(rng) {
    const at = () => rng.int(0, 4_000);
    return {
      ...baseKnobs(rng, { maxDbMs: [1, 6] }),
      destroy_at_ms: at(),
      list_at_ms: at(),
      comment_at_ms: at(),
      collector_at_ms: at(),
      second_destroy_at_ms: at(),
      expunge_at_ms: at(),
    };
  },

  async setup({ world, variant, nexus, sleds, knobs }) {
    const filter: ReaderFilter = variant === 'filtered-readers' ? 'filtered' : 'unfiltered';
    // PR #10368's design end to end: tombstoned alerts and bundles, tracker, sweeps.
    // Sleds register in the first step, once the checkers are watching (the first sitrep may be
    // committed while they do).
    const rack = await Rack.build(world, { sleds, nexus, register: false, plugins: fmPlugins('metadata-last', 'tombstone') });
    const ids = world.rng.fork('scenario/ereports');
    let bundleId = '';
    let owner: Nexus = rack.nexus[0];
    const others = () => rack.nexus.filter((n) => n !== owner);
    const trace = (n: Nexus): TraceFn => (kind, data) => n.process.trace(kind, data);
    const at = async (ms: number, what: () => Promise<unknown>) => {
      await world.sched.sleep(ms);
      await what();
    };

    const script = defineScript('deleted-bundle-visible', [
      {
        name: 'case-asks-for-a-bundle',
        run: async () => {
          await Promise.all(rack.sleds.map((sled, i) => sled.register(rack.nexus[i % nexus].internalUrl)));
          injectEreport(world, ids, { serial: 'disk-0', wantsBundle: true });
          await diagnose(world, rack.nexus[0], 0);
          activateAll(rack.nexus, FM_SITREP_LOAD);
          await waitUntil(world, 'the support bundle to be created', () => !!world.sql.prepare('SELECT 1 FROM support_bundle').get(), 600_000, () =>
            activateAll(rack.nexus, FM_RENDEZVOUS),
          );
          const row = world.sql.prepare('SELECT id, assigned_nexus FROM support_bundle').get() as { id: string; assigned_nexus: string };
          bundleId = row.id;
          owner = rack.nexus.find((n) => n.id === row.assigned_nexus)!;
        },
      },
      {
        name: 'collector-activates-bundle',
        run: async () => {
          const p = owner.process;
          const mine = await supportBundleListAssignedToNexus(p.db, filter, owner.id, ['collecting'], trace(owner));
          for (const b of mine) await supportBundleUpdate(p.db, filter, b.id, 'active', trace(owner));
        },
      },
      {
        name: 'operator-destroys-bundle-while-readers-run',
        run: async () => {
          const [operator, peer] = [others()[0], others()[others().length - 1]];
          const op = operator.process;
          await Promise.all([
            at(Number(knobs.destroy_at_ms), async () => {
              const r = await supportBundleUpdate(op.db, filter, bundleId, 'destroying', trace(operator));
              // The other "destroy" may have got there first.
              if (r.kind === 'NotFound' || r.bundle.state !== 'destroying') throw new Error(`could not mark bundle ${bundleId} destroying: ${r.kind}`);
              // In omicron the owner's collector frees the storage, then deletes the row.
              if (!(await supportBundleDelete(op.db, 'tombstone', bundleId, iso(op.clock.now()), trace(operator)))) throw new Error('bundle not deleted');
            }),
            at(Number(knobs.list_at_ms), () => supportBundleList(op.db, filter, trace(operator))),
            at(Number(knobs.comment_at_ms), () => supportBundleUpdateUserComment(op.db, filter, bundleId, 'looked at this', trace(operator))),
            // The owner's collector, unless the owner is already gone.
            at(Number(knobs.collector_at_ms), async () => {
              if (owner.running) await supportBundleListAssignedToNexus(owner.process.db, filter, owner.id, ['active', 'destroying', 'failing'], trace(owner));
            }),
            at(Number(knobs.second_destroy_at_ms), () => supportBundleUpdate(op.db, filter, bundleId, 'destroying', trace(operator))),
            at(Number(knobs.expunge_at_ms), async () => {
              rack.crashNexus(rack.nexus.indexOf(owner));
              await supportBundleFailExpunged(peer.process.db, filter, peer.id, [owner.id], trace(peer));
            }),
          ]);
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

    return { script, invariants: [deletedBundleNeverHandedOut(world.sql), ...fmInvariants(world, rack.nexus, { alerts: true })] };
  },
};
