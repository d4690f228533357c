import { describe, it, expect } from 'vitest';
import { ArtifactStore, DELETE_MS_PER_FILE, M2Pair } from '../../agents/index.js';
import { artifact, DEPOT_HEADERS, events, rack, rejection } from './fixture.js';

const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((n) => artifact(`artifact-${n}`));

describe('delete reconciler', () => {
  it('removes files not in the new config, in the background, from both M.2s', async () => {
    const { sleds, run, world } = await rack();
    const { client, agent } = sleds[0];
    await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha, B.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
      await client.artifactPut(B.sha, 1, B.bytes);
    });
    const list = await run(async () => {
      await client.artifactConfigPut({ generation: 2, artifacts: [A.sha] });
      return client.artifactList();
    });
    expect(list.list).toEqual({ [A.sha]: 2 });
    expect(agent.holdings()).toEqual(new Map([[A.sha, 2]]));
    const committed = events(world, 'artifact.config').find((e) => e.generation === 2)!;
    const removed = events(world, 'artifact.removed');
    expect(removed).toMatchObject([
      { sha256: B.sha, disk: 0, why: 'reconciler' },
      { sha256: B.sha, disk: 1, why: 'reconciler' },
    ]);
    expect(removed.map((e) => (e.t as number) - (committed.t as number))).toEqual([DELETE_MS_PER_FILE, 2 * DELETE_MS_PER_FILE]);
  });

  it('re-checks the current config before each removal', async () => {
    const { world, run } = await rack();
    const ctx = world.addNode('sled-x', 'fd00:1::99');
    const store = new ArtifactStore(ctx, new M2Pair(ctx.disks), 'generation');
    store.start();
    await run(async () => {
      store.configPut({ generation: 1, artifacts: [A.sha, B.sha, C.sha, D.sha] });
      for (const x of [A, B, C, D]) store.put(x.sha, 1, x.bytes);
    });
    await run(async () => {
      store.configPut({ generation: 2, artifacts: [A.sha] });
      await ctx.clock.sleep(2.5 * DELETE_MS_PER_FILE); // B and C are gone from disk 0 (D is next)
      store.configPut({ generation: 3, artifacts: [A.sha, C.sha, D.sha] });
    });
    expect(store.holdings()).toEqual(
      new Map([
        [A.sha, 2],
        [C.sha, 1],
        [D.sha, 2],
      ]),
    );
    // B stays unwanted and goes from disk 1 too; C and D were wanted again before their turn.
    expect(events(world, 'artifact.removed').map((e) => [e.sha256, e.disk])).toEqual([
      [B.sha, 0],
      [C.sha, 0],
      [B.sha, 1],
    ]);
  });
});

describe('M.2 loss', () => {
  it('losing one M.2 keeps the sled serving from the other', async () => {
    const { sleds, run, world, nexus } = await rack();
    const { client, agent, name } = sleds[0];
    await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha, B.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
    });
    world.disks.fail(name, 0);
    agent.noticeDiskLoss(0);
    expect(events(world, 'artifact.removed')).toMatchObject([{ sha256: A.sha, disk: 0, why: 'disk-lost' }]);
    const out = await run(async () => ({
      list: await client.artifactList(),
      put: await client.artifactPut(B.sha, 1, B.bytes),
      depot: (await nexus.fetch(`${client.depotBaseUrl}/artifact/sha256/${A.sha}`, { headers: DEPOT_HEADERS })).status,
      inv: (await client.inventory()).disks.map((d) => d.slot),
    }));
    expect(out.list).toEqual({ generation: 1, list: { [A.sha]: 1 } });
    expect(out.put).toEqual({ datasets: 1, successful_writes: 1 });
    expect(out.depot).toBe(200);
    expect(out.inv).toEqual([1]); // a failed M.2 is absent from inventory
    expect(agent.holdings()).toEqual(
      new Map([
        [A.sha, 1],
        [B.sha, 1],
      ]),
    );
    // The replacement M.2 comes back blank.
    world.disks.repair(name, 0);
    expect(agent.holdings().get(A.sha)).toBe(1);
  });

  it('losing both M.2s: the sled-agent API answers 503 NoUpdateDataset, the repo depot 404 NotFound', async () => {
    const { sleds, run, world, nexus } = await rack();
    const { client, agent, name } = sleds[0];
    await run(async () => {
      await client.artifactConfigPut({ generation: 1, artifacts: [A.sha] });
      await client.artifactPut(A.sha, 1, A.bytes);
    });
    for (const disk of [0, 1]) {
      world.disks.fail(name, disk);
      agent.noticeDiskLoss(disk);
    }
    expect(() => agent.noticeDiskLoss(2)).toThrow();
    const errs = await run(async () => [
      await rejection(client.artifactList()),
      await rejection(client.artifactPut(A.sha, 1, A.bytes)),
      await rejection(client.artifactConfigPut({ generation: 2, artifacts: [A.sha] })),
    ]);
    for (const e of errs) expect(e).toMatchObject({ status: 503, message: 'Service Unavailable' });
    // omicron's `get_from_storage` loops over no dataset and falls through to NotFound.
    const depot = await run(async () => {
      const res = await nexus.fetch(`${client.depotBaseUrl}/artifact/sha256/${A.sha}`, { headers: DEPOT_HEADERS });
      return { status: res.status, body: (await res.json()) as { message: string } };
    });
    expect(depot).toMatchObject({ status: 404, body: { message: 'Not Found' } }); // dropshot's for_not_found hides its message
    expect(agent.holdings().size).toBe(0);
    expect(events(world, 'artifact.removed').map((e) => e.why)).toEqual(['disk-lost', 'disk-lost']);
  });

  it('a blank replacement for M.2 1 keeps the config of M.2 0\'s ledger: an older generation is still refused, and a restart loads it', async () => {
    // omicron's Ledger reads every copy and keeps the newest, so a blank M.2 is not a reset.
    const { sleds, run, world } = await rack();
    const { client, agent, name } = sleds[0];
    await run(() => client.artifactConfigPut({ generation: 5, artifacts: [A.sha] }));
    world.disks.fail(name, 1);
    agent.noticeDiskLoss(1);
    world.disks.repair(name, 1);
    const err = await run(() => rejection(client.artifactConfigPut({ generation: 4, artifacts: [B.sha] })));
    expect(err).toMatchObject({ status: 409, errorCode: 'CONFIG_GENERATION' });
    await run(async () => {
      world.faults.crash(name);
      agent.crash();
      world.faults.restart(name);
      await agent.restart();
    });
    expect(agent.config()?.generation).toBe(5);
  });

  it('noticeDiskLoss refuses a disk that has not failed', async () => {
    const { sleds } = await rack();
    expect(() => sleds[0].agent.noticeDiskLoss(0)).toThrow(/has not failed/);
  });
});
