// omdb's `db validate validate-artifact-replication` rows (nexus/tuf/omdb-validate-replication.ts)
// against db.rs `cmd_db_validate_artifact_replication`: each comparison arm and the table layout.
import { describe, expect, it } from 'vitest';
import { omdbValidateArtifactReplication } from '../../nexus/index.js';

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
