// The repo-depot route (openapi/repo-depot 1.0.0 `artifact_get_by_sha256`) in success and in each
// error it answers: raw bytes on 200, else a body omicron's document accepts (its Error schema).
import { describe, expect, it } from 'vitest';
import { artifact, DEPOT_HEADERS, rack } from '../agents/fixture.js';
import { wireComplaint } from './openapi-oracle.js';
import { answer } from './validate.js';

const A = artifact('depot-a');
const B = artifact('depot-b');

describe('repo-depot API 1.0.0: GET /artifact/sha256/{sha256}', () => {
  it('answers bytes, or an error in the document’s shape', async () => {
    const { sleds, nexus, run, world } = await rack();
    const { client, agent, name } = sleds[0];
    const get = async (sha: string) => {
      const res = await nexus.fetch(`${client.depotBaseUrl}/artifact/sha256/${sha}`, { headers: DEPOT_HEADERS });
      const a = await answer(res);
      return { type: res.headers.get('content-type'), complaint: wireComplaint('repo-depot', { method: 'GET', url: `/artifact/sha256/${sha}`, ...a }), ...a };
    };
    const out = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
      const found = await get(A.sha);
      const missing = await get(B.sha);
      const malformed = await get('not-a-hash');
      agent.setDepotFailing(true);
      const failing = await get(A.sha);
      agent.setDepotFailing(false);
      [0, 1].forEach((d) => world.disks.fail(name, d));
      const noDataset = await get(A.sha);
      return { found, missing, malformed, failing, noDataset };
    });
    expect(out.found).toMatchObject({ status: 200, type: 'application/octet-stream' });
    expect(new Uint8Array(out.found.body as Buffer)).toEqual(A.bytes);
    const errors = [out.missing, out.malformed, out.failing, out.noDataset];
    expect(errors.map((e) => e.status)).toEqual([404, 400, 500, 404]);
    for (const e of [out.found, ...errors]) expect(e.complaint).toBeUndefined();
    expect(out.failing.body).toMatchObject({ message: 'Internal Server Error' });
  });
});
