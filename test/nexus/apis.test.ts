// Nexus's own endpoints: sled registration (internal API) and background tasks (lockstep API),
// including bad input: a 4xx with a reason, and nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { wireComplaint } from '../wire/openapi-oracle.js';
import { Nexus, NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT, applySchema, type NexusPlugin } from '../../nexus/index.js';
import { BACKGROUND_TASK_MAP_SCHEMA, BACKGROUND_TASK_SCHEMA } from '../../nexus/api/schemas/background-task.js';
import { untilSettled as onVirtualTime, world } from '../support/world.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ERROR_SCHEMA } from '../../nexus/api/schemas/error.js';
import { expectFits, expectRejects } from './ajv.js';
import { SLED_AGENT_INFO_SCHEMA } from '../../nexus/api/schemas/sled-agent-info.js';

let complaints: string[] = [];
afterEach(() => {
  const seen = complaints;
  complaints = [];
  expect(seen).toEqual([]);
});

async function rig() {
  const w = world();
  applySchema(w.sql);
  const ctx = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const client = w.addNode('client', 'fd00::c');
  let runs = 0;
  const counter: NexusPlugin = {
    name: 'counter',
    boot: (p) => p.tasks.register({ name: 'counter', description: 'counts activations', periodMs: 3_600_000, activate: async () => ({ runs: ++runs }) }),
  };
  const nexus = new Nexus(ctx, w.db('nexus-0'), { id: '00000000-0000-4000-8000-000000000001', name: 'nexus-0', generation: 1, rackId: 'r', plugins: [counter] });
  await onVirtualTime(w, () => nexus.start());
  const call = (port: number, method: string, path: string, body?: unknown, bare = false) =>
    onVirtualTime(w, async () => {
      const res = await client.fetch(`http://[fd00:1122:3344:1::a]:${port}${path}`, {
        method,
        // The internal API is versioned: omicron's generated client sends nexus-internal 1.0.0.
        headers: { ...(port === NEXUS_INTERNAL_PORT && !bare ? { 'api-version': '1.0.0' } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const out = { status: res.status, body: res.status === 204 ? undefined : await res.json() };
      // Held to omicron's documents too, not only to our route schemas.
      const complaint = wireComplaint(port === NEXUS_INTERNAL_PORT ? 'nexus-internal' : 'nexus-lockstep', { method, url: path, status: out.status, body: out.body ?? null });
      if (complaint) complaints.push(complaint);
      return out;
    });
  return { w, call, runs: () => runs };
}

const SLED = '11111111-2222-4333-8444-555555555555';

/** A whole nexus-internal 1.0.0 `SledAgentInfo`, as a sled agent's notifier sends it. */
function info(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sa_address: '[fd00:1122:3344:101::1]:12345',
    repo_depot_port: 12348,
    role: 'gimlet',
    baseboard: { part: '913-0000019', revision: 6, serial: 'BRM42220004' },
    usable_hardware_threads: 128,
    usable_physical_ram: 1024 * 2 ** 30,
    reservoir_size: 512 * 2 ** 30,
    cpu_family: 'amd_milan',
    generation: 1,
    decommissioned: false,
    ...over,
  };
}

describe('internal API: sled registration', () => {
  const row = (w: ReturnType<typeof world>) => w.sql.prepare('SELECT id, ip, port, repo_depot_port, sled_agent_gen FROM sled').all();

  it('refuses a request without api-version before routing, as dropshot does, writing nothing', async () => {
    const { w, call } = await rig();
    const r = await call(NEXUS_INTERNAL_PORT, 'POST', `/sled-agents/${SLED}`, info(), true);
    expect(r).toMatchObject({ status: 400, body: { message: 'missing expected header "api-version"' } });
    expect(row(w)).toEqual([]);
  });

  it('upserts the sled row Nexus later builds URLs from; GET returns what Nexus knows (404 before)', async () => {
    const { w, call } = await rig();
    const missing = await call(NEXUS_INTERNAL_PORT, 'GET', `/sled-agents/${SLED}`);
    expect(missing).toMatchObject({ status: 404, body: { error_code: 'ObjectNotFound', message: `not found: sled with id "${SLED}"` } });
    expectFits(ERROR_SCHEMA, missing.body);
    const r = await call(NEXUS_INTERNAL_PORT, 'POST', `/sled-agents/${SLED}`, info({ role: 'scrimlet' }));
    expect(r.status).toBe(204);
    expect(row(w)).toEqual([{ id: SLED, ip: 'fd00:1122:3344:101::1', port: 12345, repo_depot_port: 12348, sled_agent_gen: 1 }]);
    // omicron's column names and `SledUpdate::into_insertable`'s defaults (nexus/db-model/src/sled.rs).
    expect(w.sql.prepare('SELECT rcgen, is_scrimlet, serial_number, part_number, revision, usable_hardware_threads, usable_physical_ram, reservoir_size, last_used_address, sled_policy, sled_state, cpu_family FROM sled').get()).toEqual({
      rcgen: 1,
      is_scrimlet: 1,
      serial_number: 'BRM42220004',
      part_number: '913-0000019',
      revision: 6,
      usable_hardware_threads: 128,
      usable_physical_ram: 1024 * 2 ** 30,
      reservoir_size: 512 * 2 ** 30,
      last_used_address: 'fd00:1122:3344:101::ffff',
      sled_policy: 'in_service',
      sled_state: 'active',
      cpu_family: 'amd_milan',
    });
    const got = await call(NEXUS_INTERNAL_PORT, 'GET', `/sled-agents/${SLED}`);
    expect(got).toEqual({ status: 200, body: info({ role: 'scrimlet' }) });
    expectFits(SLED_AGENT_INFO_SCHEMA, got.body);
    expectRejects(SLED_AGENT_INFO_SCHEMA, { ...info(), baseboard: { part: 'x', serial: 'y' } });
  });

  it('updates only for a newer sled_agent_gen and never a decommissioned sled (omicron sled_upsert)', async () => {
    const { w, call } = await rig();
    const post = (generation: number, repo_depot_port: number) => call(NEXUS_INTERNAL_PORT, 'POST', `/sled-agents/${SLED}`, info({ repo_depot_port, generation }));
    expect((await post(3, 12348)).status).toBe(204);
    // Same or older generation: the filtered upsert returns no row, which omicron reports as a 500.
    for (const stale of [3, 2]) {
      const r = await post(stale, 1);
      expect(r).toMatchObject({ status: 500, body: { error_code: 'Internal', message: 'Internal Server Error' } });
      expectFits(ERROR_SCHEMA, r.body);
    }
    expect(row(w)).toMatchObject([{ repo_depot_port: 12348, sled_agent_gen: 3 }]);
    expect((await post(4, 12349)).status).toBe(204);
    expect(row(w)).toMatchObject([{ repo_depot_port: 12349, sled_agent_gen: 4 }]);
    w.sql.prepare("UPDATE sled SET sled_state = 'decommissioned'").run();
    expect((await post(5, 1)).status).toBe(500);
    expect(row(w)).toMatchObject([{ repo_depot_port: 12349, sled_agent_gen: 4 }]);
    expect(await call(NEXUS_INTERNAL_PORT, 'GET', `/sled-agents/${SLED}`)).toMatchObject({ body: { decommissioned: true } });
  });

  it.each([
    ['a sled id that is not a UUID', '/sled-agents/not-a-uuid', info()],
    ['an address without [ip]:port', `/sled-agents/${SLED}`, info({ sa_address: 'fd00::1' })],
    ['a port out of range', `/sled-agents/${SLED}`, info({ repo_depot_port: 70000 })],
    ['a missing field', `/sled-agents/${SLED}`, { ...info(), repo_depot_port: undefined }],
    ['no generation', `/sled-agents/${SLED}`, { ...info(), generation: undefined }],
    ['no baseboard', `/sled-agents/${SLED}`, { ...info(), baseboard: undefined }],
    ['an unknown role', `/sled-agents/${SLED}`, info({ role: 'switch' })],
    ['an unknown CPU family', `/sled-agents/${SLED}`, info({ cpu_family: 'amd_rome' })],
  ])('rejects %s with 400 and a reason, writing nothing', async (_what, path, body) => {
    const { w, call } = await rig();
    const r = await call(NEXUS_INTERNAL_PORT, 'POST', path, body);
    expect(r.status).toBe(400);
    // An extractor's 400 (`HttpError::for_bad_request(None, ..)`) carries no error code.
    expect(r.body).not.toHaveProperty('error_code');
    expectFits(ERROR_SCHEMA, r.body);
    expect((r.body as { message: string }).message.length).toBeGreaterThan(5);
    expect(w.sql.prepare('SELECT COUNT(*) AS n FROM sled').get()).toEqual({ n: 0 });
  });
});

describe('lockstep API: background tasks', () => {
  it('lists and views tasks; activation runs the task again', async () => {
    const { call, runs } = await rig();
    expect(runs()).toBe(1); // every task runs once at boot
    const list = await call(NEXUS_LOCKSTEP_PORT, 'GET', '/bgtasks');
    expect(Object.keys(list.body as object)).toEqual(['counter']);
    expect((await call(NEXUS_LOCKSTEP_PORT, 'POST', '/bgtasks/activate', { bgtask_names: ['counter'] })).status).toBe(204);
    expect(runs()).toBe(2);
    const view = await call(NEXUS_LOCKSTEP_PORT, 'GET', '/bgtasks/view/counter');
    expect(view.body).toMatchObject({ name: 'counter', period: { secs: 3600, nanos: 0 }, current: { current_status: 'idle' }, last: { last_result: 'completed', details: { iteration: 2, reason: 'signaled', details: { runs: 2 } } } });
  });

  it('answers in the shape of openapi/nexus-lockstep.json (BackgroundTask)', async () => {
    const { call } = await rig();
    const ajv = new Ajv({ strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const one = ajv.compile(BACKGROUND_TASK_SCHEMA);
    const map = ajv.compile(BACKGROUND_TASK_MAP_SCHEMA);
    const view = await call(NEXUS_LOCKSTEP_PORT, 'GET', '/bgtasks/view/counter');
    expect(one(view.body), JSON.stringify(one.errors)).toBe(true);
    expect(view.body).toMatchObject({ last: { details: { elapsed: { secs: 0, nanos: expect.any(Number) } } } });
    const list = await call(NEXUS_LOCKSTEP_PORT, 'GET', '/bgtasks');
    expect(map(list.body), JSON.stringify(map.errors)).toBe(true);
    // A Duration is {secs, nanos}, never milliseconds.
    expect(JSON.stringify(list.body)).not.toMatch(/_ms"/);
  });

  it('unknown tasks get the 404 omicron writes and activate nothing; a malformed body gets 400', async () => {
    const { call, runs } = await rig();
    const view = await call(NEXUS_LOCKSTEP_PORT, 'GET', '/bgtasks/view/nope');
    expect(view).toMatchObject({ status: 404, body: { error_code: 'ObjectNotFound', message: 'not found: background-task with name "nope"' } });
    expectFits(ERROR_SCHEMA, view.body);
    const r = await call(NEXUS_LOCKSTEP_PORT, 'POST', '/bgtasks/activate', { bgtask_names: ['zzz', 'counter', 'nope', 'zzz'] });
    expect(r).toMatchObject({ status: 404, body: { error_code: 'ObjectNotFound', message: 'not found: background tasks: nope, zzz' } });
    expectFits(ERROR_SCHEMA, r.body);
    const bad = await call(NEXUS_LOCKSTEP_PORT, 'POST', '/bgtasks/activate', { names: ['counter'] });
    expect(bad.status).toBe(400);
    expectFits(ERROR_SCHEMA, bad.body);
    expect(runs()).toBe(1);
    // serde's BTreeSet folds duplicates; unknown fields are ignored.
    expect((await call(NEXUS_LOCKSTEP_PORT, 'POST', '/bgtasks/activate', { bgtask_names: ['counter', 'counter'], extra: 1 })).status).toBe(204);
    expect(runs()).toBe(2);
  });
});
