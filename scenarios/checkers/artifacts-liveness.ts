// Liveness invariants of TUF artifact replication, checked after the heal phase.
import { sledListInServiceSync } from './artifacts-sleds.js';
import type { Invariant } from '../types.js';
import type { ArtifactCopies } from './artifacts-copies.js';

/** The oracle's own copy: a Gimlet has two M.2 devices and omicron's artifact store writes every
 * artifact to the update dataset on each (sled-agent/src/artifact_store.rs), so a converged sled
 * holds two copies. Not read from agents/, whose M2_COUNT is what is being checked. */
const OMICRON_M2_PER_SLED = 2;

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
          if (n >= OMICRON_M2_PER_SLED) continue;
          short++;
          first ??= `${row.name} holds ${n} of ${OMICRON_M2_PER_SLED} copies of ${h.slice(0, 12)}`;
        }
      }
      return short === 0 ? undefined : `${short} (sled, artifact) pair(s) short of ${OMICRON_M2_PER_SLED} copies; first: ${first}`;
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
