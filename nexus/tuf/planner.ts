// The replication planner: omicron's `Inventory::into_requests`. Given which sleds hold how many
// copies of each artifact in the config, and which artifacts this Nexus holds locally, decide the
// PUTs, the copies that must wait for those PUTs, the copies from sleds that already have the
// artifact, and the re-copies for sleds holding fewer than EXPECTED_COUNT copies. Pure; the Rng is
// the only source of choice (seeded here; `rand::rng()` in production omicron).
import type { Rng } from '../../sim/index.js';
import type { SledRow } from '../db/datastore-sled.js';

/** Copies per sled: one per M.2. */
export const EXPECTED_COUNT = 2;

export interface ArtifactPresence {
  /** Sled id -> copies (only sleds that listed it). */
  sleds: Map<string, number>;
  /** This Nexus's local copy (from an uploaded repo), if any. */
  local?: Uint8Array;
  /** Listed in the DB. Only the v1 design (PR #7129) sees unwanted ones: hashes a sled holds. */
  wanted: boolean;
}

/** Hash -> presence, iterated in hash order (omicron's BTreeMap). */
export class Inventory {
  readonly byHash = new Map<string, ArtifactPresence>();

  constructor(hashes: readonly string[]) {
    for (const h of [...hashes].sort()) this.byHash.set(h, { sleds: new Map(), wanted: true });
  }

  /** Records one sled's listing; hashes outside the inventory are ignored. */
  addSledList(sledId: string, list: Record<string, number>): void {
    for (const [hash, count] of Object.entries(list)) {
      const p = this.byHash.get(hash);
      if (p && count > 0) p.sleds.set(sledId, count);
    }
  }

  /**
   * v1 (PR #7129 at 74a6c136fc, `list_artifacts_on_sleds`): a hash the DB did not list is entered
   * as unwanted, so `into_requests` DELETEs it. Iteration stays in hash order (a BTreeMap).
   */
  addSledListV1(sledId: string, list: Record<string, number>): void {
    let added = false;
    for (const [hash, count] of Object.entries(list)) {
      let p = this.byHash.get(hash);
      if (!p) {
        p = { sleds: new Map(), wanted: false };
        this.byHash.set(hash, p);
        added = true;
      }
      p.sleds.set(sledId, count);
    }
    if (added) {
      const sorted = [...this.byHash].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.byHash.clear();
      for (const [h, p] of sorted) this.byHash.set(h, p);
    }
  }
}

export type PlannedRequest =
  | { kind: 'put'; target: SledRow; hash: string; bytes: Uint8Array }
  | { kind: 'copy'; target: SledRow; source: SledRow; hash: string }
  | { kind: 'delete'; target: SledRow; hash: string };

/** omicron's `Requests`, fields in its order: put, copy_after_put, recopy, other. */
export interface Plan {
  put: PlannedRequest[];
  copyAfterPut: PlannedRequest[];
  recopy: PlannedRequest[];
  other: PlannedRequest[];
}

export function intoRequests(inventory: Inventory, sleds: readonly SledRow[], rng: Rng, minSledReplication: number): Plan {
  const plan: Plan = { put: [], copyAfterPut: [], recopy: [], other: [] };
  for (const [hash, presence] of inventory.byHash) {
    if (!presence.wanted) {
      // v1 only: every sled holding an unwanted artifact DELETEs it, as standard-priority `other`
      // requests shuffled with the copies (74a6c136fc `into_requests`), not sent first.
      for (const s of sleds) if (presence.sleds.has(s.id)) plan.other.push({ kind: 'delete', target: s, hash });
      continue;
    }
    const present: SledRow[] = [];
    const notPresent: SledRow[] = [];
    for (const s of sleds) ((presence.sleds.get(s.id) ?? 0) > 0 ? present : notPresent).push(s);
    rng.shuffle(notPresent);

    // With a local copy, PUT to more sleds until min_sled_replication sleds have it.
    const putTo: SledRow[] = [];
    if (presence.local) {
      const count = Math.max(0, minSledReplication - present.length);
      for (let i = 0; i < count; i++) {
        const sled = notPresent.pop();
        if (!sled) break;
        plan.put.push({ kind: 'put', target: sled, hash, bytes: presence.local });
        putTo.push(sled);
      }
    }
    // Every other sled missing it copies from a random sled that has it, or after the PUTs land.
    for (const target of notPresent) {
      if (present.length > 0) {
        plan.other.push({ kind: 'copy', target, source: rng.pick(present), hash });
      } else if (putTo.length > 0) {
        plan.copyAfterPut.push({ kind: 'copy', target, source: rng.pick(putTo), hash });
      }
    }
    // Sleds with fewer than EXPECTED_COUNT copies re-copy from another sled that has it.
    for (const sled of present) {
      if ((presence.sleds.get(sled.id) ?? 0) >= EXPECTED_COUNT) continue;
      const others = present.filter((s) => s.id !== sled.id);
      if (others.length === 0) break;
      plan.recopy.push({ kind: 'copy', target: sled, source: rng.pick(others), hash });
    }
  }
  rng.shuffle(plan.put);
  rng.shuffle(plan.copyAfterPut);
  rng.shuffle(plan.recopy);
  rng.shuffle(plan.other);
  return plan;
}

/** One line per request, for expectorate-style fixtures and debugging. */
export function describePlan(plan: Plan, sledName: (id: string) => string = (id) => id): string {
  const line = (r: PlannedRequest) =>
    r.kind === 'put'
      ? `put    ${r.hash.slice(0, 12)} -> ${sledName(r.target.id)}`
      : r.kind === 'copy'
        ? `copy   ${r.hash.slice(0, 12)} -> ${sledName(r.target.id)} from ${sledName(r.source.id)}`
        : `delete ${r.hash.slice(0, 12)} on ${sledName(r.target.id)}`;
  const section = (name: string, rs: PlannedRequest[]) => [`${name} (${rs.length}):`, ...rs.map((r) => `  ${line(r)}`)];
  return [...section('put', plan.put), ...section('copy_after_put', plan.copyAfterPut), ...section('recopy', plan.recopy), ...section('other', plan.other)].join('\n') + '\n';
}
