import { describe, it, expect } from 'vitest';
import Fastify from 'fastify';
import { ArtifactStore, M2Pair, REGISTER_MAX_TRIES, REGISTER_RETRY_MS } from '../../agents/index.js';
import { artifact, events, rack, rejection, sledUuid } from './fixture.js';
import { sledHardware } from '../../agents/inventory.js';

const [A, B] = ['a', 'b'].map((n) => artifact(`artifact-${n}`));
const extra = Array.from({ length: 10 }, (_, i) => artifact(`extra-${i}`));

describe('v1 protocol (before omicron PR #7519)', () => {
  it('has no config, writes without a generation, lists a plain map and DELETEs idempotently', async () => {
    const { sleds, run, world } = await rack({ protocol: 'v1' });
    const { client, agent } = sleds[0];
    const out = await run(async () => {
      const getConfig = await rejection(client.artifactConfigGet());
      const putConfig = await rejection(client.artifactConfigPut({ generation: 1, artifacts: [A.sha] }));
      const put = await client.artifactPut(A.sha, undefined, A.bytes);
      await client.artifactPut(B.sha, undefined, B.bytes);
      const mismatch = await rejection(client.artifactPut(A.sha, undefined, B.bytes));
      const before = await client.artifactListV1();
      await client.artifactDelete(A.sha);
      await client.artifactDelete(A.sha); // already gone: still 204
      const after = await client.artifactListV1();
      return { getConfig, putConfig, put, mismatch, before, after };
    });
    expect(out.getConfig.status).toBe(404);
    expect(out.putConfig.status).toBe(404);
    expect(out.put).toEqual({ datasets: 2, successful_writes: 2 });
    expect(out.mismatch.status).toBe(400);
    expect(out.before).toEqual(Object.fromEntries([[A.sha, 2], [B.sha, 2]].sort()));
    expect(out.after).toEqual({ [B.sha]: 2 });
    expect(events(world, 'artifact.removed')).toMatchObject([
      { sha256: A.sha, disk: 0, why: 'delete' },
      { sha256: A.sha, disk: 1, why: 'delete' },
    ]);
    expect(agent.config()).toBeUndefined();
  });

  it('DELETE with no M.2 left answers 503; a bad sha256 400', async () => {
    const { sleds, run, world } = await rack({ protocol: 'v1' });
    const { client, name } = sleds[0];
    const bad = await run(() => rejection(client.artifactDelete('nothex')));
    expect(bad.status).toBe(400);
    world.disks.fail(name, 0);
    world.disks.fail(name, 1);
    const err = await run(() => rejection(client.artifactDelete(A.sha)));
    expect(err.status).toBe(503);
  });

  it('copies from a depot without a generation', async () => {
    const { sleds, run, world } = await rack({ protocol: 'v1' });
    await run(() => sleds[0].client.artifactPut(A.sha, undefined, A.bytes));
    const ctx = world.addNode('sled-x', 'fd00:1::99');
    const store = new ArtifactStore(ctx, new M2Pair(ctx.disks), 'v1');
    store.start();
    await run(() => store.copyFromDepot(A.sha, undefined, sleds[0].client.depotBaseUrl));
    expect(store.listV1()).toEqual({ [A.sha]: 2 });
  });
});

describe('crash and restart', () => {
  it('keeps stored artifacts and the ledgered config; an interrupted delete pass resumes only at the next config change', async () => {
    const { sleds, run, world } = await rack();
    const { client, agent, name } = sleds[0];
    const gen1 = [A.sha, ...extra.map((x) => x.sha)];
    await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: gen1 });
      await client.artifactPut(A.sha, 1, A.bytes);
      for (const x of extra) await client.artifactPut(x.sha, 1, x.bytes);
    });
    await run(async () => {
      await client.artifactConfigPut({ generation: 2, artifacts: [A.sha] });
      world.faults.crash(name); // 20 removals take 40 ms: the reconciler is far from done
      agent.crash();
    });
    expect(agent.config()).toBeUndefined();
    const left = agent.holdings().size;
    expect(left).toBeGreaterThan(1);
    const removedBeforeCrash = events(world, 'artifact.removed').length;
    expect(removedBeforeCrash).toBeLessThan(20);
    const refused = await run(() => rejection(client.artifactList()));
    expect(refused.cause?.code).toBe('ECONNREFUSED');
    world.faults.restart(name);
    await agent.restart();
    // Boot loads the ledger but runs no pass; an identical re-PUT is not a change either.
    const list = await run(async () => {
      await client.artifactConfigPut({ generation: 2, artifacts: [A.sha] });
      await world.sched.sleep(1_000);
      return client.artifactList();
    });
    expect(list).toEqual({ generation: 2, list: { [A.sha]: 2 } }); // the leftovers are not listed
    expect(agent.holdings().size).toBe(left);
    expect(events(world, 'artifact.removed')).toHaveLength(removedBeforeCrash);
    // The next change runs the pass, which removes them.
    await run(() => client.artifactConfigPut({ generation: 3, artifacts: [A.sha] }));
    expect(agent.holdings()).toEqual(new Map([[A.sha, 2]]));
  });
});

describe('register (omicron NexusNotifierTask)', () => {
  /** A stand-in Nexus: GET answers from `row` (404 without one), POST stores the body into it. */
  async function fakeNexus(row?: Record<string, unknown>, postStatus = 204) {
    const seen: Array<{ method: string; at: number; body?: unknown }> = [];
    const app = Fastify({ logger: false });
    return {
      seen,
      app,
      build: (now: () => number) => {
        app.get('/sled-agents/:id', async (_req, reply) => {
          seen.push({ method: 'GET', at: now() });
          return row ? row : reply.code(404).send({ request_id: 'r', error_code: 'ObjectNotFound', message: 'not found' });
        });
        app.post('/sled-agents/:id', async (req, reply) => {
          seen.push({ method: 'POST', at: now(), body: req.body });
          if (postStatus < 300) row = { ...(req.body as object), decommissioned: false };
          return reply.code(postStatus).send(postStatus < 300 ? undefined : { request_id: 'r', error_code: 'Internal', message: 'Internal Server Error' });
        });
        return app.ready();
      },
    };
  }

  it('waits for Nexus, GETs (404), then POSTs generation 1 at the next 2 s tick', async () => {
    const { sleds, run, world, nexus } = await rack();
    const n = await fakeNexus();
    await n.build(() => world.now);
    const start = world.now;
    world.sched.after(3500, () => nexus.listen(12221, n.app));
    const ok = await run(() => sleds[0].agent.register('http://[fd00::1]:12221'));
    expect(ok).toBe(true);
    expect(n.seen.map((s) => [s.method, s.at - start >= 4000 && (s.at - start) % REGISTER_RETRY_MS < 100])).toEqual([
      ['GET', true],
      ['POST', true],
    ]);
    expect(n.seen[1].at - n.seen[0].at).toBeGreaterThanOrEqual(REGISTER_RETRY_MS - 100);
    // The whole `SledAgentInfo` (omicron sled-agent/src/nexus.rs builds it from the hardware).
    expect(n.seen[1].body).toEqual({ sa_address: '[fd00:1::1]:12345', repo_depot_port: 12348, ...sledHardware(sleds[0].agent.sledId), generation: 1, decommissioned: false });
    expect(events(world, 'sled.registered')).toMatchObject([{ node: 'sled-0', attempt: 4, generation: 1, sent: true }]);
  });

  it('sends nothing when Nexus already holds identical info; bumps the generation when any field differs', async () => {
    const hw = sledHardware(sledUuid(0));
    const same = { sa_address: '[fd00:1::1]:12345', repo_depot_port: 12348, ...hw, generation: 4, decommissioned: false };
    // Nexus's JSON may order keys differently: the comparison is of values, as omicron's `==` is.
    const reordered = Object.fromEntries(Object.entries({ ...same, baseboard: { serial: hw.baseboard.serial, revision: hw.baseboard.revision, part: hw.baseboard.part } }).reverse());
    const bumped = { ...same, generation: 5 };
    for (const [row, posts] of [
      [same, []],
      [reordered, []],
      [{ ...same, repo_depot_port: 0 }, [bumped]],
      [{ ...same, reservoir_size: 2 ** 30 }, [bumped]],
      [{ ...same, baseboard: { ...hw.baseboard, serial: 'other' } }, [bumped]],
    ] as const) {
      const { sleds, run, world, nexus } = await rack();
      const n = await fakeNexus({ ...row });
      await n.build(() => world.now);
      nexus.listen(12221, n.app);
      expect(await run(() => sleds[0].agent.register('http://[fd00::1]:12221'))).toBe(true);
      expect(n.seen.filter((s) => s.method === 'POST').map((s) => s.body)).toEqual(posts);
    }
  });

  it('a rejected POST forgets what it knew and GETs again; a decommissioned sled stops', async () => {
    const { sleds, run, world, nexus } = await rack();
    const n = await fakeNexus({ sa_address: '[fd00:1::1]:1', repo_depot_port: 12348, generation: 2, decommissioned: false }, 500);
    await n.build(() => world.now);
    nexus.listen(12221, n.app);
    expect(await run(() => sleds[0].agent.register('http://[fd00::1]:12221'))).toBe(false);
    expect(n.seen.slice(0, 4).map((s) => s.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
    expect(events(world, 'sled.register-failed')).toHaveLength(1);

    const d = await rack();
    const m = await fakeNexus({ sa_address: '[fd00:1::1]:1', repo_depot_port: 12348, generation: 2, decommissioned: true });
    await m.build(() => d.world.now);
    d.nexus.listen(12221, m.app);
    expect(await d.run(() => d.sleds[0].agent.register('http://[fd00::1]:12221'))).toBe(false);
    expect(m.seen.map((s) => s.method)).toEqual(['GET']);
    expect(events(d.world, 'sled.decommissioned')).toHaveLength(1);
  });

  it(`gives up after ${REGISTER_MAX_TRIES} tries`, async () => {
    const { sleds, run, world } = await rack();
    const start = world.now;
    const ok = await run(() => sleds[0].agent.register('http://[fd00::1]:12221'));
    expect(ok).toBe(false);
    expect(events(world, 'sled.register-retry')).toHaveLength(REGISTER_MAX_TRIES - 1);
    expect(events(world, 'sled.register-failed')).toHaveLength(1);
    expect(world.now - start).toBeGreaterThanOrEqual((REGISTER_MAX_TRIES - 1) * REGISTER_RETRY_MS);
  });
});
