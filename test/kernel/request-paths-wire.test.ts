// What an app receives is the same whichever way a request entered the fabric: the light path
// presents method, headers and body as undici's Request does through msw.
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { setRequestPath, type RequestPath } from '../../sim/fabric.js';
import type { FetchInit } from '../../sim/index.js';
import { onVirtualTime, world } from '../support/world.js';

const SLED_IP = 'fd00:1122:3344:101::1';

afterEach(() => {
  setRequestPath('light');
});

async function received(path: RequestPath, init: FetchInit): Promise<unknown> {
  const w = world();
  const sled = w.addNode('sled-0', SLED_IP);
  const nexus = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/echo', async (req) => ({ method: req.method, headers: req.headers, body: req.body === undefined ? null : [...(req.body as Buffer)] }));
  await app.ready();
  sled.listen(12345, app);
  setRequestPath(path);
  const res = await onVirtualTime(w, () => nexus.fetch(`http://[${SLED_IP}]:12345/echo?a=1`, init));
  return { status: res.status, ok: res.ok, ct: res.headers.get('content-type'), body: await res.json() };
}

const inits: Record<string, FetchInit> = {
  'GET, no init': {},
  'object headers, mixed case': { headers: { 'X-One': ' a ', 'x-two': 'b', 'Content-Type': 'application/json' } },
  'Headers instance': { headers: new Headers({ 'x-b': '2', 'x-a': '1' }) },
  'header pairs, repeated name': { headers: [['x-r', '1'], ['X-R', '2']] },
  'string body, no content-type': { method: 'POST', body: 'hello' },
  'JSON body': { method: 'PUT', body: JSON.stringify({ x: 1 }), headers: { 'content-type': 'application/json' } },
  'bytes body': { method: 'PUT', body: new Uint8Array([0, 1, 2, 255]), headers: { 'content-type': 'application/octet-stream' } },
  'POST, no body': { method: 'POST' },
  'lower-case delete': { method: 'delete' },
};

describe('request paths: what the app sees', () => {
  for (const [name, init] of Object.entries(inits)) {
    it(name, async () => {
      expect(await received('light', init)).toEqual(await received('msw', init));
    });
  }
});
