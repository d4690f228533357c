// `omdb db validate validate-artifact-replication` (omicron dev-tools/omdb/src/bin/omdb/db.rs
// `cmd_db_validate_artifact_replication`, `ValidateArtifactReplicationRow`, at b848b6df85): the
// artifact config Nexus's DB implies (`tuf_list_artifacts_unpruned_batched`) against each
// replication sled's `GET /artifacts-config`, one row per sled: OK, OLD (the sled is behind), BAD
// (ahead, or the same generation with other artifacts), or ERROR with the client's error. Table
// style empty, padding 0 left and 1 right. Pure: the caller reads the DB and asks the sleds.
import { table } from '../saga/omdb.js';
import type { Sqlite } from '../../sim/index.js';
import { readGeneration, type ArtifactConfig } from './datastore-tuf.js';

export interface ReplicationProbe {
  id: string;
  serial: string;
  ip: string;
  /** The sled's config, or the Display of the client's error chain. */
  result: { ok: ArtifactConfig } | { err: string };
}

function state(nexus: ArtifactConfig, r: ReplicationProbe['result']): string {
  if ('err' in r) return `ERROR: ${r.err}`;
  const [g, sg] = [nexus.generation, r.ok.generation];
  if (g === sg) {
    // Both are BTreeSets in omicron: compare as sorted sets.
    const same = JSON.stringify([...new Set(nexus.artifacts)].sort()) === JSON.stringify([...new Set(r.ok.artifacts)].sort());
    return same ? 'OK' : `BAD: nexus's ${g} = sled's ${sg} with incorrect artifacts`;
  }
  return g < sg ? `BAD: nexus's ${g} < sled's ${sg}` : `OLD: nexus's ${g} > sled's ${sg}`;
}

export function omdbValidateArtifactReplication(nexus: ArtifactConfig, probes: readonly ReplicationProbe[]): string[] {
  return table(['ID', 'SERIAL', 'IP', 'STATE'], probes.map((p) => [p.id, p.serial, p.ip, state(nexus, p.result)]));
}

/**
 * What omdb reads from the DB, in one read transaction of the rack's file: the config
 * (`tuf_list_artifacts_unpruned_batched`: the generation and every unpruned repo's artifacts) and
 * the sleds of `SledFilter::TufArtifactReplication` (in service, active), in id order.
 */
export function replicationInputs(sql: Sqlite): { config: ArtifactConfig; sleds: Array<{ id: string; serial_number: string; ip: string; port: number }> } {
  return sql.transaction(() => {
    const generation = readGeneration(sql);
    const artifacts = (
      sql
        .prepare(
          `SELECT DISTINCT a.sha256 AS sha256 FROM tuf_repo_artifact ra JOIN tuf_artifact a ON a.id = ra.tuf_artifact_id
           JOIN tuf_repo r ON r.id = ra.tuf_repo_id WHERE r.time_pruned IS NULL ORDER BY a.sha256`,
        )
        .all() as Array<{ sha256: string }>
    ).map((r) => r.sha256);
    const sleds = sql
      .prepare(
        `SELECT id, serial_number, ip, port FROM sled
         WHERE time_deleted IS NULL AND sled_policy != 'expunged' AND sled_state = 'active' ORDER BY id`,
      )
      .all() as Array<{ id: string; serial_number: string; ip: string; port: number }>;
    return { config: { generation, artifacts }, sleds };
  })();
}
