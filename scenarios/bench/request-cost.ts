// Cost of one simulated HTTP request (fetch -> msw -> fabric -> scheduler -> fastify.inject and
// back) against a raw `fastify.inject` of the same route, in the same process.
import Fastify from 'fastify';
import { performance } from 'node:perf_hooks';
import { World } from '../../sim/index.js';

async function app() {
  const a = Fastify({ logger: false });
  a.get('/artifacts', async () => ({ generation: 3, list: { ['ab'.repeat(32)]: 2 } }));
  await a.ready();
  return a;
}

export interface RequestCost {
  requests: number;
  rawInjectUs: number;
  simRequestUs: number;
  ratio: number;
  /** The same, with 64 requests in flight at once (how background tasks fan out). */
  simRequestConcurrentUs: number;
}

export async function requestCost(n = 4000): Promise<RequestCost> {
  const raw = await app();
  for (let i = 0; i < 200; i++) await raw.inject({ method: 'GET', url: '/artifacts' });
  let t = performance.now();
  for (let i = 0; i < n; i++) (await raw.inject({ method: 'GET', url: '/artifacts' })).json();
  const rawUs = ((performance.now() - t) * 1000) / n;

  const w = new World({ seed: 1, netLatency: { kind: 'uniform', min: 1, max: 3 } });
  const sled = w.addNode('sled-0', 'fd00:1122:3344:101::1');
  const nexus = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  sled.listen(12345, await app());
  const url = 'http://[fd00:1122:3344:101::1]:12345/artifacts';
  const drive = async (count: number, concurrency: number) => {
    let done = 0;
    const worker = async () => {
      while (done < count) {
        done++;
        await (await nexus.fetch(url)).json();
      }
    };
    const p = Promise.all(Array.from({ length: concurrency }, worker));
    await w.sched.run();
    await p;
  };
  await drive(200, 1);
  t = performance.now();
  await drive(n, 1);
  const simUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  await drive(n, 64);
  const concUs = ((performance.now() - t) * 1000) / n;
  w.close();
  return { requests: n, rawInjectUs: round(rawUs), simRequestUs: round(simUs), ratio: round(simUs / rawUs), simRequestConcurrentUs: round(concUs) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
