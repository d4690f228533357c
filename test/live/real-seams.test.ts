// The sim/real seam: the same sled agent and the same Nexus-side client run unchanged over the
// wall clock, the OS RNG, the host's fetch and real loopback sockets (the live rack's wiring).
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { API_VERSION_HEADER, REPO_DEPOT_API_VERSION, SledAgent, sha256Hex } from '../../agents/index.js';
import { SledAgentClient, SledAgentError } from '../../nexus/index.js';
import { RealNode } from '../../sim/real/index.js';

const LOOPBACK = '::1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, LOOPBACK, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// Sled URLs are [ipv6]:port as in omicron; a machine without IPv6 loopback cannot host this test.
const hasIpv6Loopback = await freePort().then(
  () => true,
  () => false,
);

describe('live seams on loopback', () => {
  it.skipIf(!hasIpv6Loopback)('a sled agent serves its artifact API over real sockets to the real-fetch client', async () => {
    const sledNode = new RealNode('sled-live', LOOPBACK);
    const nexusNode = new RealNode('nexus-live', LOOPBACK);
    const [saPort, depotPort] = [await freePort(), await freePort()];
    const agent = new SledAgent(sledNode, { sledId: nexusNode.rng().uuid(), sledAgentPort: saPort, repoDepotPort: depotPort });
    await agent.start();
    await sledNode.ready();
    try {
      // The client builds its URLs from a sled row, exactly as in a simulated run.
      const client = new SledAgentClient(nexusNode.fetch, { id: agent.sledId, ip: LOOPBACK, port: saPort, repo_depot_port: depotPort });
      const bytes = new TextEncoder().encode('live artifact');
      const sha = sha256Hex(bytes);
      await client.artifactConfigPut({ generation: 2, artifacts: [sha] });
      expect((await client.artifactPut(sha, 2, bytes)).successful_writes).toBe(2);
      expect(await client.artifactList()).toEqual({ generation: 2, list: { [sha]: 2 } });
      const depot = await nexusNode.fetch(`${client.depotBaseUrl}/artifact/sha256/${sha}`, { headers: { [API_VERSION_HEADER]: REPO_DEPOT_API_VERSION } });
      expect(new Uint8Array(await depot.arrayBuffer())).toEqual(bytes);
      const err = await client.artifactConfigPut({ generation: 1, artifacts: [] }).catch((e) => e);
      expect(err).toBeInstanceOf(SledAgentError);
      expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
      expect(sledNode.events.map((e) => e.kind)).toContain('artifact.stored');
    } finally {
      await sledNode.close();
    }
  });
});
