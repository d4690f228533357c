// Liveness invariants of TUF artifact replication, checked after the heal phase.
import { M2_COUNT } from '../../agents/index.js';
import { sledListInServiceSync } from './artifacts-sleds.js';
import type { Invariant } from '../types.js';
import type { ArtifactCopies } from './artifacts-copies.js';

/** Every in-service sled holds every present artifact twice (one copy per M.2). */
export function replicasConverge(copies: ArtifactCopies): Invariant {
  return {
    name: 'replicas-converge',
    kind: 'liveness',
    description: 'after heal, every in-service sled holds every present artifact on both M.2s',
    atEnd() {
      const present = [...copies.presentHashes()].sort();
      let short = 0;
      let first: string | undefined;
      for (const row of sledListInServiceSync(copies)) {
        const holdings = row.agent.holdings();
        for (const h of present) {
          const n = holdings.get(h) ?? 0;
          if (n >= M2_COUNT) continue;
          short++;
          first ??= `${row.name} holds ${n} of ${M2_COUNT} copies of ${h.slice(0, 12)}`;
        }
      }
      return short === 0 ? undefined : `${short} (sled, artifact) pair(s) short of ${M2_COUNT} copies; first: ${first}`;
    },
  };
}

/** Artifacts of no present repo are gone from every sled. */
export function noStaleArtifacts(copies: ArtifactCopies): Invariant {
  return {
    name: 'no-stale-artifacts',
    kind: 'liveness',
    description: 'after heal, artifacts of no present repo are gone from every sled',
    atEnd() {
      const present = copies.presentHashes();
      for (const row of sledListInServiceSync(copies)) {
        for (const h of [...row.agent.holdings().keys()].sort()) if (!present.has(h)) return `${row.name} still holds ${h.slice(0, 12)}, which no present repo lists`;
      }
      return undefined;
    },
  };
}

/** No Nexus keeps a local repo forever. */
export function noLocalRepoKept(copies: ArtifactCopies): Invariant {
  return {
    name: 'no-local-repo-kept',
    kind: 'liveness',
    description: 'after heal, no Nexus still holds an uploaded repo locally',
    atEnd() {
      const kept = copies.localReposByNexus();
      return kept.length === 0 ? undefined : kept.map(([n, repos]) => `${n} still holds ${repos.join(', ')}`).join('; ');
    },
  };
}
