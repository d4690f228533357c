// Safety invariants of the replication task's own decisions (as opposed to where copies are):
// - local-dropped-only-when-replicated: the uploading Nexus drops a repo's local copy only once
//   `min_sled_replication` sleds hold each of its present artifacts. The threshold is this
//   checker's own copy of omicron's config (smf/nexus/multi-sled/config-partial.toml:
//   `tuf_artifact_replication.min_sled_replication = 3`; single-sled 1), capped at the rack's
//   sled count as the README states; it never reads the number the code under test uses.
// - no-writes-on-superseded-config: once a sled has answered a Nexus's config PUT with 409 (it
//   holds a newer generation), that activation sends no artifact write. omicron's
//   `tuf_artifact_replication.rs` breaks out of the activation on `ControlFlow::Break` and skips
//   the PUT/copy phase and the local cleanup; sleds would refuse the stale writes anyway, so only
//   the requests themselves show the abort.
import type { Sqlite, TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';
import type { ArtifactCopies } from './artifacts-copies.js';

/** omicron's multi-sled `min_sled_replication`. */
export const OMICRON_MIN_SLED_REPLICATION = 3;

/** The threshold a rack of `sleds` sleds is held to (README: min(3, sleds)). */
export function requiredSleds(sleds: number): number {
  return Math.max(1, Math.min(OMICRON_MIN_SLED_REPLICATION, sleds));
}

function repoHashes(sql: Sqlite, systemVersion: string): string[] {
  const rows = sql
    .prepare(
      `SELECT DISTINCT a.sha256 AS sha256 FROM tuf_repo r JOIN tuf_repo_artifact ra ON ra.tuf_repo_id = r.id
       JOIN tuf_artifact a ON a.id = ra.tuf_artifact_id WHERE r.system_version = ? ORDER BY a.sha256`,
    )
    .all(systemVersion) as Array<{ sha256: string }>;
  return rows.map((r) => r.sha256);
}

/**
 * Counts a sled as holding an artifact once it stored a copy (whatever happened to it since): the
 * sleds a Nexus's inventory can list are a subset of these, so a correct drop is never flagged,
 * and a drop with fewer is early by any reading.
 */
export function localDroppedOnlyWhenReplicated(copies: ArtifactCopies, sql: Sqlite): Invariant {
  const stored = new Map<string, Set<string>>();
  const need = requiredSleds(copies.sleds.length);
  return {
    name: 'local-dropped-only-when-replicated',
    kind: 'safety',
    description: `a Nexus drops an uploaded repo's local copy only once ${need} sled(s) hold each of its present artifacts`,
    onEvent(ev: TraceEvent) {
      copies.observe(ev);
      if (ev.kind === 'artifact.stored') {
        const sha = ev.sha256;
        let s = stored.get(sha);
        if (!s) stored.set(sha, (s = new Set()));
        s.add(ev.node);
        return undefined;
      }
      if (ev.kind !== 'tuf.local_dropped') return undefined;
      const present = copies.presentHashes();
      for (const h of repoHashes(sql, ev.repo)) {
        if (!present.has(h)) continue; // pruned: nothing left to replicate
        const n = stored.get(h)?.size ?? 0;
        if (n < need) return `${ev.node} dropped its local copy of ${ev.repo} while artifact ${h.slice(0, 12)} was on ${n} of the ${need} sleds required`;
      }
      return undefined;
    },
  };
}

const WRITE = /^(PUT|POST) .*\/artifacts\/[0-9a-f]{64}(\/copy-from-depot)?\?generation=\d+$/;
const CONFIG_PUT = /^PUT .*\/artifacts-config$/;

export function noWritesOnSupersededConfig(): Invariant {
  const configPuts = new Set<number>();
  /** Per Nexus node: the activation a sled has declared stale (true until it completes). */
  const superseded = new Map<string, boolean>();
  return {
    name: 'no-writes-on-superseded-config',
    kind: 'safety',
    description: 'a Nexus sends no artifact write in an activation in which a sled answered its config PUT with 409 (newer generation)',
    onEvent(ev: TraceEvent) {
      switch (ev.kind) {
        case 'bgtask.started':
        case 'bgtask.completed':
        case 'fault.crash':
          if (ev.kind === 'fault.crash' || ev.task === 'tuf_artifact_replication') superseded.delete(ev.node);
          return undefined;
        case 'http.sent': {
          const line = `${ev.method} ${ev.url}`;
          if (CONFIG_PUT.test(line)) configPuts.add(ev.req);
          else if (superseded.get(ev.node) && WRITE.test(line)) return `${ev.node} sent ${line} after a sled answered its config PUT with 409 in the same activation`;
          return undefined;
        }
        case 'http.response':
          if (configPuts.delete(ev.req) && ev.status === 409) superseded.set(ev.node, true);
          return undefined;
        default:
          return undefined;
      }
    },
  };
}
