import { describe, it, expect } from 'vitest';
import { SledAgentError } from '../../nexus/sled-agent-client.js';
import { artifact, events, rack, rejection, SLED_AGENT_HEADERS, sledUuid } from './fixture.js';

const A = artifact('artifact-a');
const B = artifact('artifact-b');
const C = artifact('artifact-c');

describe('artifact config', () => {
  it('GET /artifacts-config is 404 before any config, then returns the committed one', async () => {
    const { sleds, run, world } = await rack();
    const { client } = sleds[0];
    await run(async () => {
      const err = await rejection(client.artifactConfigGet());
      expect(err).toBeInstanceOf(SledAgentError);
      expect(err.status).toBe(404);
      // omicron's `list` answers NoConfig (400) before any config.
      expect(await rejection(client.artifactList())).toMatchObject({ status: 400 });
      await client.artifactConfigPut({ generation: 2, artifacts: [B.sha, A.sha] });
      expect(await client.artifactConfigGet()).toEqual({ generation: 2, artifacts: [A.sha, B.sha].sort() });
    });
    expect(events(world, 'artifact.config')).toMatchObject([{ generation: 2, count: 2 }]);
  });

  it('accepts any generation first, newer generations after, and an identical config idempotently', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    await run(async () => {
      await client.artifactConfigPut({ generation: 5, artifacts: [A.sha] });
      await client.artifactConfigPut({ generation: 5, artifacts: [A.sha] });
      await client.artifactConfigPut({ generation: 6, artifacts: [A.sha, B.sha] });
    });
    expect(sleds[0].agent.config()?.generation).toBe(6);
  });

  it('rejects an older generation with 409 CONFIG_GENERATION', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 3, artifacts: [A.sha] });
      return rejection(client.artifactConfigPut({ generation: 2, artifacts: [A.sha] }));
    });
    expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
    expect(sleds[0].agent.config()?.generation).toBe(3);
  });

  it('rejects the same generation with a different set with 409 CONFIG_GENERATION', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 3, artifacts: [A.sha] });
      return rejection(client.artifactConfigPut({ generation: 3, artifacts: [A.sha, B.sha] }));
    });
    expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
    expect([...(sleds[0].agent.config()?.artifacts ?? [])]).toEqual([A.sha]);
  });

  it('rejects the same generation with a subset of the set with 409 CONFIG_GENERATION (a subset is not the same config)', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 3, artifacts: [A.sha, B.sha] });
      return rejection(client.artifactConfigPut({ generation: 3, artifacts: [A.sha] }));
    });
    expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
    expect([...(sleds[0].agent.config()?.artifacts ?? [])].sort()).toEqual([A.sha, B.sha].sort());
  });

  it('rejects the same generation with as many artifacts but one different with 409 CONFIG_GENERATION', async () => {
    // Same size, so only the per-hash comparison can tell the two sets apart.
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 3, artifacts: [A.sha, B.sha] });
      return rejection(client.artifactConfigPut({ generation: 3, artifacts: [A.sha, C.sha] }));
    });
    expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
    expect([...(sleds[0].agent.config()?.artifacts ?? [])].sort()).toEqual([A.sha, B.sha].sort());
  });

  it('validates the config body (hashes must be 64 lowercase hex)', async () => {
    const { sleds, run } = await rack();
    const err = await run(() => rejection(sleds[0].client.artifactConfigPut({ generation: 1, artifacts: ['XYZ'] })));
    expect(err).toMatchObject({ status: 400 });
  });
});

describe('PUT /artifacts/{sha256}', () => {
  it('stores an artifact in the config on both M.2s', async () => {
    const { sleds, run, world } = await rack();
    const { client, agent } = sleds[0];
    const res = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      return client.artifactPut(A.sha, 1, A.bytes);
    });
    expect(res).toEqual({ datasets: 2, successful_writes: 2 });
    expect(agent.holdings()).toEqual(new Map([[A.sha, 2]]));
    expect(events(world, 'artifact.stored')).toMatchObject([
      { sha256: A.sha, disk: 0 },
      { sha256: A.sha, disk: 1 },
    ]);
    const list = await run(() => client.artifactList());
    expect(list).toEqual({ generation: 1, list: { [A.sha]: 2 } });
  });

  it('rejects a hash mismatch with 400 and stores nothing', async () => {
    const { sleds, run, world } = await rack();
    const { client, agent } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      return rejection(client.artifactPut(A.sha, 1, B.bytes));
    });
    expect(err).toMatchObject({ status: 400 });
    expect(err.message).toMatch(/Digest mismatch/);
    expect(agent.holdings().size).toBe(0);
    expect(events(world, 'artifact.stored')).toEqual([]);
  });

  it('rejects a write with no config with 400', async () => {
    const { sleds, run } = await rack();
    const err = await run(() => rejection(sleds[0].client.artifactPut(A.sha, 1, A.bytes)));
    expect(err).toMatchObject({ status: 400, errorCode: undefined });
    expect(err.message).toMatch(/without an artifact configuration/);
  });

  it('rejects a write with the wrong generation with 409 and no error code', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const errs = await run(async () => {
      await client.artifactConfigPut({ generation: 4, artifacts: [A.sha] });
      return [await rejection(client.artifactPut(A.sha, 3, A.bytes)), await rejection(client.artifactPut(A.sha, 5, A.bytes))];
    });
    for (const err of errs) expect(err).toMatchObject({ status: 409, errorCode: undefined });
  });

  it('rejects an artifact not in the config with 400', async () => {
    const { sleds, run } = await rack();
    const { client, agent } = sleds[0];
    const err = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      return rejection(client.artifactPut(C.sha, 1, C.bytes));
    });
    expect(err).toMatchObject({ status: 400 });
    expect(err.message).toMatch(/not in generation 1/);
    expect(agent.holdings().size).toBe(0);
  });

  it('rejects a bad sha256 or generation parameter with 400 and a reason', async () => {
    const { sleds, run, nexus } = await rack();
    const base = sleds[0].client.baseUrl;
    const put = (path: string) =>
      nexus.fetch(`${base}${path}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...SLED_AGENT_HEADERS }, body: A.bytes as Uint8Array<ArrayBuffer> });
    const results = await run(async () => {
      await sleds[0].client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      const out = [];
      for (const path of [
        `/artifacts/${A.sha.slice(1)}?generation=1`,
        `/artifacts/${'g'.repeat(64)}?generation=1`,
        `/artifacts/${A.sha}?generation=-1`,
        `/artifacts/${A.sha}?generation=1.5`,
        `/artifacts/${A.sha}?generation=one`,
        `/artifacts/${A.sha}`,
      ]) {
        const res = await put(path);
        out.push({ status: res.status, body: await res.json() });
      }
      return out;
    });
    for (const r of results) {
      expect(r.status).toBe(400);
      expect(r.body.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // a v4-shaped UUID, as dropshot's
      expect(r.body.message).toMatch(/^(bad parameter in URL path|unable to parse query string): /); // dropshot's prefixes
    }
    expect(results[0].body.message).toMatch(/sha256/);
    expect(results[2].body.message).toMatch(/generation/);
  });

  it('takes a hash in either case, as the hex crate parses ArtifactHash, and answers lowercase', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const upper = A.sha.toUpperCase();
    const out = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [upper] });
      const put = await client.artifactPut(upper, 1, A.bytes);
      return { put, config: await client.artifactConfigGet(), list: await client.artifactList() };
    });
    expect(out).toEqual({ put: { datasets: 2, successful_writes: 2 }, config: { generation: 1, artifacts: [A.sha] }, list: { generation: 1, list: { [A.sha]: 2 } } });
    expect(sleds[0].agent.holdings()).toEqual(new Map([[A.sha, 2]]));
  });

  it('an overwrite answers both writes but records no new copy', async () => {
    // The checkers count copies from artifact.stored, so a rewrite of a held file must not add one.
    const { sleds, run, world } = await rack();
    const { client, agent } = sleds[0];
    const res = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
      return client.artifactPut(A.sha, 1, A.bytes);
    });
    expect(res).toEqual({ datasets: 2, successful_writes: 2 });
    expect(agent.holdings()).toEqual(new Map([[A.sha, 2]]));
    expect(events(world, 'artifact.stored')).toHaveLength(2);
  });

  it('lists hashes in hash order whatever order they were written in (omicron\'s BTreeMap)', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const all = ['d', 'e', 'f', 'g', 'h'].map((n) => artifact(`artifact-${n}`));
    const sorted = [...all].sort((x, y) => (x.sha < y.sha ? -1 : 1));
    const written = [2, 0, 4, 1, 3].map((i) => sorted[i]); // neither sorted nor reversed
    const list = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: all.map((x) => x.sha) });
      for (const x of written) await client.artifactPut(x.sha, 1, x.bytes);
      return client.artifactList();
    });
    expect(Object.keys(list.list)).toEqual(sorted.map((x) => x.sha));
  });

  it('lists only hashes in the current config', async () => {
    const { sleds, run } = await rack();
    const { client, agent } = sleds[0];
    const list = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha, B.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
      await client.artifactPut(B.sha, 1, B.bytes);
      await client.artifactConfigPut({ generation: 2, artifacts: [A.sha] });
      return client.artifactList(); // before the reconciler removed B
    });
    expect(list).toEqual({ generation: 2, list: { [A.sha]: 2 } });
    expect(agent.holdings().has(B.sha)).toBe(false); // removed by the time the run drained
  });
});

describe('GET /inventory', () => {
  it('reports the sled, its M.2s and the bytes their update datasets hold', async () => {
    const { sleds, run } = await rack();
    const { client } = sleds[0];
    const inv = await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
      return client.inventory();
    });
    expect(inv).toMatchObject({ sled_id: sledUuid(0), sled_agent_address: '[fd00:1::1]:12345', sled_role: 'gimlet' });
    expect(inv.disks.map((d) => [d.variant, d.slot])).toEqual([
      ['M2', 0],
      ['M2', 1],
    ]);
    expect(inv.zpools.map((z) => z.health)).toEqual(['online', 'online']);
    expect(inv.datasets.map((d) => [d.name, d.used])).toEqual(inv.zpools.map((z) => [`oxi_${z.id}/update`, A.bytes.length]));
    // Nothing the simulation does not model is invented: the document's "none" arms.
    expect(inv).toMatchObject({ ledgered_sled_config: null, last_reconciliation: null, reconciler_status: { status: 'not_yet_run' } });
  });
});
