// Safety invariants of TUF artifact replication, checked as the trace happens.
import type { TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';
import type { ArtifactCopies } from './artifacts-copies.js';

/**
 * Never backwards: a sled never removes an artifact of a repo present in the DB at that moment
 * (by a DELETE or its delete reconciler; losing an M.2 is a fault, not a decision).
 */
export function neverBackwards(copies: ArtifactCopies): Invariant {
  return {
    name: 'never-backwards',
    kind: 'safety',
    description: 'a sled never removes an artifact of a repo that is present in the DB at that moment',
    onEvent(ev: TraceEvent) {
      copies.observe(ev);
      if (ev.kind !== 'artifact.removed' || ev.why === 'disk-lost') return undefined;
      if (!copies.presentHashes().has(ev.sha256)) return undefined;
      return `${ev.node} removed artifact ${ev.sha256.slice(0, 12)} (disk ${ev.disk}, by ${ev.why}) while its repo is present in the DB`;
    },
  };
}

/** No total loss: every artifact of every present repo has a copy on some sled or Nexus. */
export function noTotalLoss(copies: ArtifactCopies): Invariant {
  return {
    name: 'no-total-loss',
    kind: 'safety',
    description: 'every artifact of every present repo has at least one copy (sled M.2 or Nexus local) at all times',
    onEvent(ev: TraceEvent) {
      if (!copies.observe(ev)) return undefined;
      let held: Set<string> | undefined;
      for (const h of copies.presentHashes()) {
        if (copies.onSleds(h) > 0) continue;
        held ??= copies.heldByNexus();
        if (!held.has(h)) return `artifact ${h.slice(0, 12)} of a present repo has no copy left on any sled or Nexus (after ${ev.kind} on ${ev.node})`;
      }
      return undefined;
    },
  };
}
