// Every sled-agent route the simulator serves, in success and in error, answers a body that
// omicron's own document accepts (openapi/sled-agent 48.0.0; the v1 protocol, the document at
// 74a6c136fc), with a status code the operation declares: test/wire/openapi-oracle.ts, not the
// schemas our routes carry.
import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../sim/index.js';
import { artifact, rack, SLED_AGENT_HEADERS } from '../agents/fixture.js';
import { wireComplaint, type ApiName } from './openapi-oracle.js';
import { answer, type Answer } from './validate.js';

const A = artifact('wire-a');
const B = artifact('wire-b');
const C = artifact('wire-c');

interface Step {
  what: string;
  method: string;
  path: string;
  json?: unknown;
  bytes?: Uint8Array;
  status: number;
  /** The document to hold the answer to (default: the protocol's). */
  api?: ApiName;
  /** The sled to address (default 0). */
  sled?: number;
  before?: () => void;
}

async function send(from: NodeContext, baseUrl: string, s: Step): Promise<Answer> {
  const headers: Record<string, string> = { ...SLED_AGENT_HEADERS };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (s.json !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(s.json)];
  if (s.bytes !== undefined) [headers['content-type'], body] = ['application/octet-stream', s.bytes as Uint8Array<ArrayBuffer>];
  return answer(await from.fetch(`${baseUrl}${s.path}`, { method: s.method, headers, body }));
}

/** Runs the steps in order on one rack; returns what each answered and its schema complaint. */
async function walk(protocol: 'generation' | 'v1', steps: (r: Awaited<ReturnType<typeof rack>>) => Step[]) {
  const r = await rack({ sleds: 2, protocol });
  const out: Array<{ what: string; status: number; expected: number; complaint: string | undefined; body: unknown }> = [];
  await r.run(async () => {
    for (const s of steps(r)) {
      s.before?.();
      const a = await send(r.nexus, r.sleds[s.sled ?? 0].client.baseUrl, s);
      const complaint = wireComplaint(s.api ?? (protocol === 'generation' ? 'sled-agent' : 'sled-agent-v1'), { method: s.method, url: s.path, ...a });
      out.push({ what: s.what, status: a.status, expected: s.status, complaint, body: a.body });
    }
  });
  return out;
}

/** sled 1 asks to copy A from `depot`. */
function copy(what: string, status: number, depot: string): Step {
  const path = `/artifacts/${A.sha}/copy-from-depot?generation=1`;
  return { what, method: 'POST', path, json: { depot_base_url: depot }, status, sled: 1 };
}

describe('sled-agent API 48.0.0: every route answers in the document’s shape', () => {
  it('the generation protocol (today’s routes)', async () => {
    const out = await walk('generation', ({ sleds, world }) => [
      { what: 'inventory', method: 'GET', path: '/inventory', status: 200 },
      { what: 'config get, none yet', method: 'GET', path: '/artifacts-config', status: 404 },
      { what: 'list, no config', method: 'GET', path: '/artifacts', status: 400 },
      { what: 'put, no config', method: 'PUT', path: `/artifacts/${A.sha}?generation=1`, bytes: A.bytes, status: 400 },
      { what: 'config put', method: 'PUT', path: '/artifacts-config', json: { generation: 1, artifacts: [A.sha, B.sha] }, status: 204 },
      { what: 'config put, sled 1', method: 'PUT', path: '/artifacts-config', json: { generation: 1, artifacts: [A.sha, B.sha] }, status: 204, sled: 1 },
      { what: 'config put, conflict', method: 'PUT', path: '/artifacts-config', json: { generation: 1, artifacts: [A.sha] }, status: 409 },
      { what: 'config put, malformed', method: 'PUT', path: '/artifacts-config', json: { generation: 'one' }, status: 400 },
      { what: 'config put, not JSON', method: 'PUT', path: '/artifacts-config', bytes: A.bytes, status: 400 },
      { what: 'config get', method: 'GET', path: '/artifacts-config', status: 200 },
      { what: 'put', method: 'PUT', path: `/artifacts/${A.sha}?generation=1`, bytes: A.bytes, status: 200 },
      { what: 'put, old generation', method: 'PUT', path: `/artifacts/${A.sha}?generation=0`, bytes: A.bytes, status: 409 },
      { what: 'put, not in config', method: 'PUT', path: `/artifacts/${C.sha}?generation=1`, bytes: C.bytes, status: 400 },
      { what: 'put, digest mismatch', method: 'PUT', path: `/artifacts/${B.sha}?generation=1`, bytes: A.bytes, status: 400 },
      { what: 'put, no generation', method: 'PUT', path: `/artifacts/${A.sha}`, bytes: A.bytes, status: 400 },
      { what: 'list', method: 'GET', path: '/artifacts', status: 200 },
      // sled 1 copies A from sled 0's depot (whose client must send api-version 1.0.0 to get it).
      copy('copy from depot', 202, sleds[0].client.depotBaseUrl),
      { ...copy('copy from a failing depot', 500, sleds[0].client.depotBaseUrl), before: () => sleds[0].agent.setDepotFailing(true) },
      {
        what: 'list, every M.2 failed',
        method: 'GET',
        path: '/artifacts',
        status: 503,
        before: () => [0, 1].forEach((d) => world.disks.fail(sleds[0].name, d)),
      },
      { what: 'inventory, every M.2 failed', method: 'GET', path: '/inventory', status: 200 },
      { what: 'no such route', method: 'GET', path: '/nope', status: 404 },
      { what: 'method not allowed', method: 'DELETE', path: '/artifacts-config', status: 405 },
      // An answer to HEAD has no body on the wire.
      { what: 'no implicit HEAD', method: 'HEAD', path: '/inventory', status: 405 },
    ]);
    expect(out.map((o) => [o.what, o.status, o.complaint])).toEqual(out.map((o) => [o.what, o.expected, undefined]));
    // omicron's `From<artifact_store::Error> for HttpError`, through dropshot's constructors: a
    // conflicting config carries CONFIG_GENERATION; a 404, 500 and 503 show only the canonical
    // reason, and a 500 (for_internal_error) carries "Internal"; other 4xx show their message.
    const body = (what: string) => out.find((o) => o.what === what)?.body;
    expect(body('config put, conflict')).toMatchObject({ error_code: 'CONFIG_GENERATION', message: 'Generation 1 already has a different artifact configuration' });
    expect(body('config get, none yet')).toEqual({ request_id: expect.any(String), message: 'Not Found' });
    expect(body('copy from a failing depot')).toEqual({ request_id: expect.any(String), error_code: 'Internal', message: 'Internal Server Error' });
    expect(body('list, every M.2 failed')).toEqual({ request_id: expect.any(String), message: 'Service Unavailable' });
    expect(body('put, not in config')).toMatchObject({ message: expect.stringMatching(/not in generation 1/) });
    expect(body('config put, malformed')).toMatchObject({ message: expect.stringMatching(/^unable to parse JSON body: /) });
    expect(body('put, no generation')).toMatchObject({ message: expect.stringMatching(/^unable to parse query string: /) });
    expect(body('config put, not JSON')).toMatchObject({ message: 'expected content type "application/json", got "application/octet-stream"' });
    expect(body('method not allowed')).toEqual({ request_id: expect.any(String), message: 'Method Not Allowed' });
  });

  it('the v1 protocol (before omicron PR #7519: DELETE, a bare list, no generation)', async () => {
    const out = await walk('v1', () => [
      { what: 'put', method: 'PUT', path: `/artifacts/${A.sha}`, bytes: A.bytes, status: 200 },
      { what: 'list', method: 'GET', path: '/artifacts', status: 200 },
      { what: 'delete', method: 'DELETE', path: `/artifacts/${A.sha}`, status: 204 },
      { what: 'delete, bad hash', method: 'DELETE', path: '/artifacts/xyz', status: 400 },
      // A deliberate difference (openapi-routes.test.ts): a v1 sled answers 48.0.0's Inventory.
      { what: 'inventory', method: 'GET', path: '/inventory', status: 200, api: 'sled-agent' },
    ]);
    expect(out.map((o) => [o.what, o.status, o.complaint])).toEqual(out.map((o) => [o.what, o.expected, undefined]));
  });

  it('the oracle is not vacuous: bodies and statuses of the wrong shape fail it', () => {
    // The inventory this simulator answered before issue 9, and bodies missing required fields.
    const oldInventory = { sled_id: '00000000-0000-4000-8000-000000000000', sled_agent_address: '[::1]:1', repo_depot_port: 2, m2: [] };
    const check = (method: string, url: string, status: number, body: unknown) => wireComplaint('sled-agent', { method, url, status, body });
    expect(check('GET', '/inventory', 200, oldInventory)).toMatch(/must have required property/);
    expect(check('GET', '/artifacts', 200, { [A.sha]: 1 })).toMatch(/required property 'generation'/);
    expect(check('GET', '/nope', 404, { message: 'Not Found' })).toMatch(/request_id/);
    expect(check('POST', `/artifacts/${A.sha}/copy-from-depot`, 200, {})).toMatch(/declares 202, 4XX, 5XX/);
    expect(check('PUT', '/artifacts-config', 204, {})).toMatch(/declares no body/);
    expect(check('PUT', `/artifacts/${A.sha}`, 200, { datasets: 300, successful_writes: -1 })).toMatch(/must be >= 0|must match format/);
  });
});
