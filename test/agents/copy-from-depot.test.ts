import { describe, it, expect } from 'vitest';
import { ArtifactStore, M2Pair, transferMs } from '../../agents/index.js';
import { Scheduler } from '../../sim/index.js';
import { SledAgentError } from '../../nexus/sled-agent-client.js';
import { artifact, DEPOT_HEADERS, events, rack, rejection, SLED_AGENT_HEADERS } from './fixture.js';

const A = artifact('artifact-a', 4_000_000); // 4 ms of transfer
const B = artifact('artifact-b');

/** sled-0 holds A (and B); returns a rack whose sled-1 has config gen 1 = {A, B}. */
async function seeded() {
  const r = await rack({ sleds: 2 });
  const [src, dst] = r.sleds;
  await r.run(async () => {
    for (const s of r.sleds) await s.client.artifactConfigPut({ generation: 1, artifacts: [A.sha, B.sha] });
    await src.client.artifactPut(A.sha, 1, A.bytes);
    await src.client.artifactPut(B.sha, 1, B.bytes);
  });
  return { ...r, src, dst };
}

/** A bare store on a new node, driven directly (no request is in progress around the copy). */
async function bareStore() {
  const r = await seeded();
  const ctx = r.world.addNode('sled-x', 'fd00:1::99');
  const store = new ArtifactStore(ctx, new M2Pair(ctx.disks), 'generation');
  store.start();
  await r.run(async () => store.configPut({ generation: 1, artifacts: [A.sha, B.sha] }));
  return { ...r, ctx, store };
}

describe('repo depot', () => {
  it('serves stored bytes and 404s an unknown artifact', async () => {
    const { src, nexus, run } = await seeded();
    const C = artifact('artifact-c');
    const [ok, missing] = await run(async () => {
      const ok = await nexus.fetch(`${src.client.depotBaseUrl}/artifact/sha256/${B.sha}`, { headers: DEPOT_HEADERS });
      const missing = await nexus.fetch(`${src.client.depotBaseUrl}/artifact/sha256/${C.sha}`, { headers: DEPOT_HEADERS });
      return [
        { status: ok.status, type: ok.headers.get('content-type'), bytes: new Uint8Array(await ok.arrayBuffer()) },
        { status: missing.status, body: await missing.json() },
      ] as const;
    });
    expect(ok).toEqual({ status: 200, type: 'application/octet-stream', bytes: B.bytes });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found');
  });

  it('answers 500 while failing', async () => {
    const { src, nexus, run } = await seeded();
    src.agent.setDepotFailing(true);
    const status = await run(async () => (await nexus.fetch(`${src.client.depotBaseUrl}/artifact/sha256/${B.sha}`, { headers: DEPOT_HEADERS })).status);
    expect(status).toBe(500);
  });
});

describe('copy_from_depot (store)', () => {
  it('returns once the depot answered, and writes after the transfer time', async () => {
    const { store, src, world, run } = await bareStore();
    let acceptedAt = 0;
    await run(async () => {
      await store.copyFromDepot(A.sha, 1, src.client.depotBaseUrl);
      acceptedAt = world.now;
      expect(store.holdings().size).toBe(0);
    });
    expect(store.holdings()).toEqual(new Map([[A.sha, 2]]));
    const stored = events(world, 'artifact.stored').filter((e) => e.node === 'sled-x');
    expect(stored).toHaveLength(2);
    expect(stored[0].t).toBe(acceptedAt + 4); // 4 MB at about 1 GB/s
    expect(transferMs(10)).toBe(1); // at least 1 ms
  });

  it('fails with DepotCopy (500) when the depot fails, is absent, or lacks the artifact', async () => {
    const { store, src, dst, run } = await bareStore();
    src.agent.setDepotFailing(true);
    const errs = await run(async () => {
      const failing = await rejection(store.copyFromDepot(A.sha, 1, src.client.depotBaseUrl));
      const absent = await rejection(store.copyFromDepot(A.sha, 1, 'http://[fd00:1::77]:12348'));
      const lacking = await rejection(store.copyFromDepot(A.sha, 1, dst.client.depotBaseUrl));
      return { failing, absent, lacking };
    });
    expect(errs.failing).toMatchObject({ kind: 'DepotCopy', status: 500 });
    expect(errs.failing.message).toMatch(/status 500/);
    expect(errs.absent).toMatchObject({ kind: 'DepotCopy', status: 500 });
    expect(errs.absent.message).toMatch(/ECONNREFUSED/);
    expect(errs.lacking.message).toMatch(/status 404/);
    expect(store.holdings().size).toBe(0);
  });

  it('refuses bytes whose digest does not match the requested hash (a corrupted depot copy)', async () => {
    const { store, src, world, run } = await bareStore();
    // Bit rot on the depot sled: both of its M.2s now hold other bytes under A's hash.
    const corrupt = new Uint8Array(A.bytes.length).fill(7);
    for (const d of (src.agent as unknown as { m2: M2Pair }).m2.datasets) d.files.set(A.sha, corrupt);
    await run(() => store.copyFromDepot(A.sha, 1, src.client.depotBaseUrl));
    expect(store.holdings().size).toBe(0);
    expect(events(world, 'artifact.copy-failed').filter((e) => e.node === 'sled-x')).toMatchObject([{ sha256: A.sha }]);
  });

  it('checks the writer before contacting the depot', async () => {
    const { store, src, world, run } = await bareStore();
    const before = events(world, 'http.sent').length;
    const errs = await run(async () => [
      await rejection(store.copyFromDepot(A.sha, 2, src.client.depotBaseUrl)),
      await rejection(store.copyFromDepot(artifact('zzz').sha, 1, src.client.depotBaseUrl)),
    ]);
    expect(errs.map((e) => [e.kind, e.status])).toEqual([
      ['GenerationPut', 409],
      ['NotInConfig', 400],
    ]);
    expect(events(world, 'http.sent').length).toBe(before);
  });

  it('a crash abandons an in-progress copy but keeps stored artifacts and the config', async () => {
    const { store, src, run } = await bareStore();
    await run(async () => {
      await store.copyFromDepot(B.sha, 1, src.client.depotBaseUrl);
    });
    await run(async () => {
      await store.copyFromDepot(A.sha, 1, src.client.depotBaseUrl);
      store.crash(); // before the 4 ms transfer finished
      store.start();
    });
    expect(store.holdings()).toEqual(new Map([[B.sha, 2]]));
    expect(store.currentConfig()?.generation).toBe(1);
  });
});

// Through the API the copy's depot GET happens while the sled is answering a request. That needs the
// kernel to let the clock run while a handler awaits a simulated event (Scheduler.holdWhile/park);
// without it the run deadlocks, so these wait for that kernel change.
const nestedAwait = typeof (Scheduler.prototype as unknown as { holdWhile?: unknown }).holdWhile === 'function';

describe.skipIf(!nestedAwait)('POST /artifacts/{sha256}/copy-from-depot', () => {
  it('answers 202 {} and stores after the transfer', async () => {
    const { src, dst, nexus, run, world } = await seeded();
    const res = await run(async () => {
      const res = await nexus.fetch(`${dst.client.baseUrl}/artifacts/${A.sha}/copy-from-depot?generation=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...SLED_AGENT_HEADERS },
        body: JSON.stringify({ depot_base_url: src.client.depotBaseUrl }),
      });
      const out = { status: res.status, body: await res.json(), held: dst.agent.holdings().get(A.sha) };
      return out;
    });
    expect(res).toEqual({ status: 202, body: {}, held: undefined });
    expect(dst.agent.holdings().get(A.sha)).toBe(2);
    expect(events(world, 'artifact.stored').filter((e) => e.node === dst.name)).toHaveLength(2);
  });

  it('answers 500 when the depot fails or is absent', async () => {
    const { src, dst, run } = await seeded();
    src.agent.setDepotFailing(true);
    const errs = await run(async () => [
      await rejection(dst.client.artifactCopyFromDepot(A.sha, 1, src.client.depotBaseUrl)),
      await rejection(dst.client.artifactCopyFromDepot(A.sha, 1, 'http://[fd00:1::77]:12348')),
    ]);
    for (const e of errs) {
      expect(e).toBeInstanceOf(SledAgentError);
      expect(e).toMatchObject({ status: 500, message: 'Internal Server Error' });
    }
    expect(dst.agent.holdings().size).toBe(0);
  });

  it('a sled crash abandons the in-progress copy but keeps what was stored', async () => {
    const { src, dst, run, world } = await seeded();
    await run(() => dst.client.artifactCopyFromDepot(B.sha, 1, src.client.depotBaseUrl));
    await run(async () => {
      await dst.client.artifactCopyFromDepot(A.sha, 1, src.client.depotBaseUrl);
      world.faults.crash(dst.name);
      dst.agent.crash();
      world.faults.restart(dst.name);
      await dst.agent.restart();
    });
    expect(dst.agent.holdings()).toEqual(new Map([[B.sha, 2]]));
    const list = await run(() => dst.client.artifactList());
    expect(list).toEqual({ generation: 1, list: { [B.sha]: 2 } });
  });

  // Found by review: the handler resumed after a crash read the new boot and wrote the dead
  // request's copy into the restarted sled, while its client had been told "reset".
  it('a sled that crashes and restarts while its handler awaits the depot stores nothing from that request', async () => {
    const { src, dst, run, world } = await seeded();
    let armed = true;
    world.trace.subscribe((ev) => {
      if (!armed || ev.kind !== 'http.sent' || ev.node !== dst.name) return;
      armed = false; // dst's depot fetch is out: its copy-from-depot handler waits on it
      world.sched.after(0, () => {
        world.faults.crash(dst.name);
        dst.agent.crash();
        world.faults.restart(dst.name);
        void world.sched.holdWhile(() => dst.agent.restart(), dst.name);
      });
    });
    const outcome = await run(() => dst.client.artifactCopyFromDepot(A.sha, 1, src.client.depotBaseUrl).then(() => 'answered', () => 'failed'));
    await run(() => world.sched.sleep(1_000));
    expect(outcome).toBe('failed');
    expect(events(world, 'artifact.stored').filter((e) => e.node === dst.name)).toEqual([]);
    expect(dst.agent.holdings().get(A.sha) ?? 0).toBe(0);
  });
});
