// The planner (`Inventory::into_requests`) for fixed inventories and seeds, compared with committed
// expected-output files laid out as omicron's nexus/tests/tuf-replication/*.txt are: the test
// module's `requests_to_string` (tuf_artifact_replication.rs at b848b6df85) writes every request
// of put, copy_after_put, recopy and other, in that order, as "- PUT hash\n  to sled" or
// "- COPY hash\n  from sled\n  to sled", one file per test under fixtures/tuf-replication/.
import { describe, expect, it } from 'vitest';
import { EXPECTED_COUNT, Inventory, intoRequests, type Plan, type SledRow } from '../../nexus/index.js';
import { SeededRng } from '../../sim/index.js';
import { expectFixture } from './expectorate.js';

const sleds: SledRow[] = Array.from({ length: 5 }, (_, i) => ({
  id: `sled-${i}`,
  ip: `fd00::${i + 1}`,
  port: 12345,
  repo_depot_port: 12348,
  sled_policy: 'in_service',
  sled_state: 'active',
  serial_number: `serial-${i}`,
}));
const hash = (c: string) => c.repeat(64);
const A = hash('a');
const B = hash('b');
const C = hash('c');
const D = hash('d');
const LOCAL = new Uint8Array([1, 2, 3]);

function plan(setup: (inv: Inventory) => void, opts: { seed?: string; min?: number; sleds?: typeof sleds } = {}): Plan {
  const inv = new Inventory([D, C, B, A]);
  setup(inv);
  return intoRequests(inv, opts.sleds ?? sleds, new SeededRng(opts.seed ?? 'planner-test'), opts.min ?? 3);
}

/** omicron's `requests_to_string`. A DELETE (PR #7129's v1 only) has no omicron fixture; it is
 * written in the same style. */
function requestsToString(p: Plan): string {
  return [...p.put, ...p.copyAfterPut, ...p.recopy, ...p.other]
    .map((r) => (r.kind === 'put' ? `- PUT ${r.hash}\n  to ${r.target.id}\n` : r.kind === 'copy' ? `- COPY ${r.hash}\n  from ${r.source.id}\n  to ${r.target.id}\n` : `- DELETE ${r.hash}\n  on ${r.target.id}\n`))
    .join('');
}

function count(p: Plan): Record<string, number> {
  return { put: p.put.length, copyAfterPut: p.copyAfterPut.length, other: p.other.length, recopy: p.recopy.length };
}

describe('tuf replication planner', () => {
  it('new repo on a 5-sled rack: PUT to 3 sleds per artifact, the other 2 copy after the PUTs', () => {
    const p = plan((inv) => {
      for (const h of [A, B]) inv.byHash.get(h)!.local = LOCAL;
    });
    expect(count(p)).toEqual({ put: 6, copyAfterPut: 4, other: 0, recopy: 0 });
    for (const r of p.copyAfterPut) {
      if (r.kind !== 'copy') throw new Error('copy expected');
      expect(p.put.some((x) => x.hash === r.hash && x.target.id === r.source.id), 'copy-after-put sources are PUT targets').toBe(true);
    }
    expectFixture('tuf-replication/new_repo.txt', requestsToString(p));
  });

  it('partial presence: copies from present sleds, re-copies for single-copy sleds, no PUT without a local copy', () => {
    const p = plan((inv) => {
      inv.addSledList('sled-0', { [A]: 2, [B]: 1 });
      inv.addSledList('sled-1', { [A]: 1 });
      inv.addSledList('sled-3', { [C]: 2, [D]: 0 });
    });
    // B's only holder has one copy but no other sled to re-copy from; D is nowhere and not local.
    expect(count(p)).toEqual({ put: 0, copyAfterPut: 0, other: 3 + 4 + 4, recopy: 1 });
    for (const r of p.recopy) if (r.kind === 'copy') expect(r.source.id).not.toBe(r.target.id);
    expectFixture('tuf-replication/partial.txt', requestsToString(p));
  });

  it('a local copy tops up to min_sled_replication and no further', () => {
    const p = plan((inv) => {
      inv.byHash.get(A)!.local = LOCAL;
      inv.addSledList('sled-2', { [A]: EXPECTED_COUNT });
      inv.addSledList('sled-4', { [A]: EXPECTED_COUNT });
    });
    expect(p.put.filter((r) => r.hash === A)).toHaveLength(1);
    expect(p.other.filter((r) => r.hash === A)).toHaveLength(2);
    expectFixture('tuf-replication/top_up.txt', requestsToString(p));
  });

  it('single-sled rack with min_sled_replication 1', () => {
    const p = plan((inv) => (inv.byHash.get(B)!.local = LOCAL), { min: 1, sleds: sleds.slice(0, 1) });
    expect(count(p)).toEqual({ put: 1, copyAfterPut: 0, other: 0, recopy: 0 });
    expectFixture('tuf-replication/single_sled.txt', requestsToString(p));
  });

  it('v1 (PR #7129 as merged): an unwanted hash is DELETEd on every holder, shuffled into `other` with the copies', () => {
    const E = hash('e');
    const F = hash('f');
    const deleteFirst = new Set<boolean>();
    for (let s = 0; s < 20; s++) {
      const p = plan(
        (inv) => {
          inv.addSledListV1('sled-0', { [A]: 2, [E]: 2 });
          inv.addSledListV1('sled-1', { [E]: 1, [F]: 2 });
        },
        { seed: `v1-${s}` },
      );
      const deletes = p.other.filter((r) => r.kind === 'delete').map((r) => `${r.hash[0]}@${r.target.id}`);
      expect(deletes.sort()).toEqual(['e@sled-0', 'e@sled-1', 'f@sled-1']);
      expect(p.other.filter((r) => r.kind === 'copy')).toHaveLength(4); // A to the 4 sleds missing it
      deleteFirst.add(p.other.slice(0, 3).every((r) => r.kind === 'delete'));
    }
    // Not "DELETEs first in sorted order": over 20 seeds some plan starts with a copy.
    expect(deleteFirst.has(false)).toBe(true);
  });

  it('is a pure function of inventory and seed', () => {
    const setup = (inv: Inventory) => {
      for (const h of [A, B, C]) inv.byHash.get(h)!.local = LOCAL;
      inv.addSledList('sled-1', { [D]: 1 });
    };
    expect(requestsToString(plan(setup, { seed: 's1' }))).toBe(requestsToString(plan(setup, { seed: 's1' })));
    expect(requestsToString(plan(setup, { seed: 's1' }))).not.toBe(requestsToString(plan(setup, { seed: 's2' })));
  });
});
