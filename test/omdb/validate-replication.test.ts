// omdb's `db validate validate-artifact-replication` rows (nexus/tuf/omdb-validate-replication.ts)
// against db.rs `cmd_db_validate_artifact_replication`: each comparison arm and the table layout.
import { describe, expect, it } from 'vitest';
import { applySchema, generateRepo, omdbValidateArtifactReplication, replicationInputs, sledUpsert, tufListArtifactsUnprunedBatched, tufRepoInsert } from '../../nexus/index.js';
import { onVirtualTime, world } from '../support/world.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('omdb db validate validate-artifact-replication', () => {
  it('OK, OLD, BAD (ahead), BAD (same generation, other artifacts), ERROR', () => {
    const nexus = { generation: 3, artifacts: [B, A] };
    const out = omdbValidateArtifactReplication(nexus, [
      { id: 's1', serial: 'BRM1', ip: 'fd00::1', result: { ok: { generation: 3, artifacts: [A, B] } } },
      { id: 's2', serial: 'BRM2', ip: 'fd00::2', result: { ok: { generation: 2, artifacts: [A] } } },
      { id: 's3', serial: 'BRM3', ip: 'fd00::3', result: { ok: { generation: 4, artifacts: [A, B] } } },
      { id: 's4', serial: 'BRM4', ip: 'fd00::4', result: { ok: { generation: 3, artifacts: [A] } } },
      { id: 's5', serial: 'BRM5', ip: 'fd00::5', result: { err: 'Communication Error: error sending request for url (http://[fd00::5]:12345/artifacts-config)' } },
    ]);
    expect(out.join('\n')).toBe(
      [
        'ID SERIAL IP      STATE                                                                                               ',
        "s1 BRM1   fd00::1 OK                                                                                                  ",
        "s2 BRM2   fd00::2 OLD: nexus's 3 > sled's 2                                                                           ",
        "s3 BRM3   fd00::3 BAD: nexus's 3 < sled's 4                                                                           ",
        "s4 BRM4   fd00::4 BAD: nexus's 3 = sled's 3 with incorrect artifacts                                                  ",
        's5 BRM5   fd00::5 ERROR: Communication Error: error sending request for url (http://[fd00::5]:12345/artifacts-config) ',
      ].join('\n'),
    );
  });
});

describe('replicationInputs (what the live omdb reads from the rack file)', () => {
  it('is the config tuf_list_artifacts_unpruned_batched builds, and the in-service active sleds in id order', async () => {
    const w = world();
    applySchema(w.sql);
    const db = w.db('nexus-0');
    const rng = w.rng.fork('ids');
    const reg = (id: string, serial: string) =>
      sledUpsert(db, w.now, {
        id, rackId: 'r', serial, part: 'p', revision: 0, isScrimlet: false, usableHardwareThreads: 1, usablePhysicalRam: 2,
        reservoirSize: 1, cpuFamily: 'amd_milan', ip: 'fd00::1', port: 12345, repoDepotPort: 12348, sledAgentGen: 1,
      });
    const batched = await onVirtualTime(w, async () => {
      await tufRepoInsert(db, w.now, rng, generateRepo({ seed: 1, systemVersion: '1.0.0', artifacts: 3 }));
      await tufRepoInsert(db, w.now, rng, generateRepo({ seed: 2, systemVersion: '2.0.0', artifacts: 2 }));
      await reg('00000000-0000-4000-8000-000000000002', 'two');
      await reg('00000000-0000-4000-8000-000000000001', 'one');
      await reg('00000000-0000-4000-8000-000000000003', 'three');
      w.sql.prepare("UPDATE tuf_repo SET time_pruned = '2026-01-01T00:00:00.000Z' WHERE system_version = '1.0.0'").run();
      return tufListArtifactsUnprunedBatched(db);
    });
    w.sql.prepare("UPDATE sled SET sled_policy = 'expunged' WHERE serial_number = 'three'").run();
    const got = replicationInputs(w.sql);
    expect(got.config).toEqual(batched);
    expect(got.config.artifacts).toHaveLength(2);
    expect(got.sleds.map((s) => s.serial_number)).toEqual(['one', 'two']);
  });
});
