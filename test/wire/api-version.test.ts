// The `api-version` header: the sled-agent and repo-depot servers refuse, as dropshot's
// `ClientSpecifiesVersionInHeader` does (v0.17.1, no `on_missing`), a missing, unparsable or
// too-new version with a 400 before routing; Nexus's sled client and the sled agent's depot client
// send the version of the document they were generated from.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ArtifactStore, M2Pair, REPO_DEPOT_API_VERSION, SLED_AGENT_API_VERSION } from '../../agents/index.js';
import { compareVersions, parseVersion, versionRefusal } from '../../sim/index.js';
import { SLED_AGENT_CLIENT_API_VERSION, SledAgentClient } from '../../nexus/sled-agent-client.js';
import { artifact, rack } from '../agents/fixture.js';
import { errorBodyComplaint, wireComplaint } from './openapi-oracle.js';
import { answer } from './validate.js';

const BAD = 'bad value for header "api-version"';

describe('versionRefusal (dropshot ClientSpecifiesVersionInHeader, semver crate messages)', () => {
  it.each([
    [undefined, 'missing expected header "api-version"'],
    ['', `${BAD}: empty string, expected a semver version: `],
    ['48', `${BAD}: unexpected end of input while parsing major version number: 48`],
    ['48.0', `${BAD}: unexpected end of input while parsing minor version number: 48.0`],
    ['v48.0.0', `${BAD}: unexpected character 'v' while parsing major version number: v48.0.0`],
    ['48.x.0', `${BAD}: unexpected character 'x' while parsing minor version number: 48.x.0`],
    ['048.0.0', `${BAD}: invalid leading zero in major version number: 048.0.0`],
    ['48.0.0 ', `${BAD}: unexpected character ' ' after patch version number: 48.0.0 `],
    ['48.0.0-', `${BAD}: empty identifier segment in pre-release identifier: 48.0.0-`],
    ['48.0.0-rc.01', `${BAD}: invalid leading zero in pre-release identifier: 48.0.0-rc.01`],
    ['18446744073709551616.0.0', `${BAD}: value of major version number exceeds u64::MAX: 18446744073709551616.0.0`],
    ['49.0.0', 'server does not support this API version: 49.0.0'],
    ['48.0.1', 'server does not support this API version: 48.0.1'],
    // semver orders build metadata after its absence, so it is newer than the server's 48.0.0.
    ['48.0.0+local', 'server does not support this API version: 48.0.0+local'],
    ['48.0.0', undefined],
    ['48.0.0-rc.1', undefined],
    ['47.9.99', undefined],
    ['1.0.0', undefined],
  ])('%j → %s', (value, refusal) => {
    expect(versionRefusal(value, SLED_AGENT_API_VERSION)).toBe(refusal);
  });

  it('orders versions as the semver crate does', () => {
    const sorted = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0+b', '1.0.1', '1.1.0', '2.0.0'];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort((a, b) => compareVersions(parseVersion(a), parseVersion(b)))).toEqual(sorted);
  });
});

describe('servers refuse a bad api-version before routing, with a dropshot 400', () => {
  it.each([
    ['sled agent', 'sled', '/inventory', SLED_AGENT_API_VERSION],
    ['repo depot', 'depot', `/artifact/sha256/${'0'.repeat(64)}`, REPO_DEPOT_API_VERSION],
  ] as const)('%s', async (_name, which, path, latest) => {
    const { sleds, nexus, run } = await rack();
    const base = which === 'sled' ? sleds[0].client.baseUrl : sleds[0].client.depotBaseUrl;
    const get = async (p: string, version?: string) => answer(await nexus.fetch(`${base}${p}`, { headers: version === undefined ? {} : { 'api-version': version } }));
    const out = await run(async () => ({
      missing: await get(path),
      bad: await get(path, 'latest'),
      tooNew: await get(path, '999.0.0'),
      unknownPath: await get('/no/such/route'),
      latest: await get(path, latest),
      older: await get(path, '0.1.0'),
    }));
    const api = which === 'sled' ? 'sled-agent' : 'repo-depot';
    for (const refused of [out.missing, out.bad, out.tooNew]) expect(wireComplaint(api, { method: 'GET', url: path, ...refused })).toBeUndefined();
    // Refused before routing: a path no operation has still gets the document's Error body.
    expect(errorBodyComplaint(api, out.unknownPath.body)).toBeUndefined();
    for (const refused of [out.missing, out.bad, out.tooNew, out.unknownPath]) {
      expect(refused.status).toBe(400);
      expect(refused.body).not.toHaveProperty('error_code'); // HttpError::for_bad_request(None, ..)
    }
    expect(out.missing.body).toMatchObject({ message: 'missing expected header "api-version"' });
    expect(out.bad.body).toMatchObject({ message: `${BAD}: unexpected character 'l' while parsing major version number: latest` });
    expect(out.tooNew.body).toMatchObject({ message: 'server does not support this API version: 999.0.0' });
    // Accepted versions reach the route (the depot then 404s the unknown artifact).
    const routed = which === 'sled' ? 200 : 404;
    expect([out.latest.status, out.older.status]).toEqual([routed, routed]);
  });

  it('a v1 sled (before omicron versioned its internal APIs) reads no header', async () => {
    const { sleds, nexus, run } = await rack({ protocol: 'v1' });
    const statuses = await run(async () => [
      (await nexus.fetch(`${sleds[0].client.baseUrl}/artifacts`)).status,
      (await nexus.fetch(`${sleds[0].client.depotBaseUrl}/artifact/sha256/${'0'.repeat(64)}`)).status,
    ]);
    expect(statuses).toEqual([200, 404]);
  });
});

describe('clients send the version they were generated for', () => {
  /** An app at a fresh node that records the api-version of every request. */
  async function recorder() {
    const r = await rack();
    const seen: Array<string | undefined> = [];
    const app = Fastify();
    app.all('/*', async (req, reply) => {
      seen.push(req.headers['api-version'] as string | undefined);
      return reply.code(500).send({ request_id: 'r', message: 'recorded' });
    });
    await app.ready();
    const node = r.world.addNode('recorder', 'fd00:9::1');
    node.listen(80, app);
    return { ...r, seen, url: 'http://[fd00:9::1]:80' };
  }

  it("Nexus's sled-agent client sends 48.0.0 on every call", async () => {
    const { nexus, run, seen } = await recorder();
    const client = new SledAgentClient(nexus.fetch, { id: 'x', ip: 'fd00:9::1', port: 80, repo_depot_port: 80 });
    await run(async () => {
      for (const call of [() => client.inventory(), () => client.artifactList(), () => client.artifactConfigPut({ generation: 1, artifacts: [] })]) await call().catch(() => {});
    });
    expect(SLED_AGENT_CLIENT_API_VERSION).toBe(SLED_AGENT_API_VERSION);
    expect(seen).toEqual(['48.0.0', '48.0.0', '48.0.0']);
  });

  it("the sled agent's depot client sends 1.0.0", async () => {
    const { world, run, seen, url } = await recorder();
    const ctx = world.addNode('sled-x', 'fd00:1::99');
    const store = new ArtifactStore(ctx, new M2Pair(ctx.disks), 'generation');
    store.start();
    const A = artifact('depot-client');
    const err = await run(async () => {
      store.configPut({ generation: 1, artifacts: [A.sha] });
      return store.copyFromDepot(A.sha, 1, url).catch((e: Error) => e);
    });
    expect(err).toMatchObject({ kind: 'DepotCopy' });
    expect(seen).toEqual(['1.0.0']);
  });
});
