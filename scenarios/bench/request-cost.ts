// Cost of one simulated HTTP request (the fetch seam -> fabric -> scheduler -> fastify.inject and
// back; and the same through global fetch and msw) against a raw `fastify.inject` of the same route, in the same process.
import Fastify from 'fastify';
import { performance } from 'node:perf_hooks';
import { FABRIC_HEADER, World, registerFabric, unregisterFabric, type Fabric } from '../../sim/index.js';
import { setRequestPath, type RequestPath } from '../../sim/fabric.js';

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
  /** The same request through global fetch and msw's interception (the path any code calling
   * `fetch` itself takes; core code's seam skips it), and its ratio to raw inject. */
  simRequestMswUs: number;
  ratioMsw: number;
  /** The same, with 64 requests in flight at once (how background tasks fan out). */
  simRequestConcurrentUs: number;
  /** The floor msw sets: `fetch` through the interception engine, answered at once with a
   * constant response (no fabric, no scheduler, no app). */
  interceptedFetchUs: number;
}

/** Median of a few alternating rounds: this machine's neighbours make single timings noisy. */
const ROUNDS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function requestCost(n = 1000): Promise<RequestCost> {
  const raw = await app();
  const rawRound = async () => {
    const t = performance.now();
    for (let i = 0; i < n; i++) (await raw.inject({ method: 'GET', url: '/artifacts' })).json();
    return ((performance.now() - t) * 1000) / n;
  };

  const w = new World({ seed: 1, netLatency: { kind: 'uniform', min: 1, max: 3 } });
  const sled = w.addNode('sled-0', 'fd00:1122:3344:101::1');
  const nexus = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  sled.listen(12345, await app());
  const url = 'http://[fd00:1122:3344:101::1]:12345/artifacts';
  const simRound = async (concurrency: number, path: RequestPath = 'light') => {
    const before = setRequestPath(path);
    let started = 0;
    const worker = async () => {
      while (started < n) {
        started++;
        await (await nexus.fetch(url)).json();
      }
    };
    const t = performance.now();
    const p = Promise.all(Array.from({ length: concurrency }, worker));
    await w.sched.run();
    await p;
    setRequestPath(before);
    return ((performance.now() - t) * 1000) / n;
  };

  // A stand-in fabric that answers every request at once: what fetch + interception alone cost.
  const body = JSON.stringify({ generation: 3, list: { ['ab'.repeat(32)]: 2 } });
  const nullFabric = { handle: async () => new Response(body, { headers: { 'content-type': 'application/json' } }) } as unknown as Fabric;
  const nullId = registerFabric(nullFabric); // held weakly there: keep nullFabric alive below
  const interceptRound = async () => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await (await fetch(url, { headers: { [FABRIC_HEADER]: `${nullId} 0 bench 1000 1000` } })).json();
    return ((performance.now() - t) * 1000) / n;
  };

  await rawRound();
  await interceptRound();
  await simRound(1); // warm-up
  await simRound(1, 'msw');
  const rawUs: number[] = [];
  const simUs: number[] = [];
  const concUs: number[] = [];
  const mswUs: number[] = [];
  const interceptUs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rawUs.push(await rawRound());
    interceptUs.push(await interceptRound());
    simUs.push(await simRound(1));
    concUs.push(await simRound(64));
    mswUs.push(await simRound(1, 'msw'));
  }
  w.close();
  unregisterFabric(nullId);
  void nullFabric;
  const ratios = simUs.map((x, i) => x / rawUs[i]);
  return {
    requests: n * ROUNDS,
    rawInjectUs: round(median(rawUs)),
    simRequestUs: round(median(simUs)),
    ratio: round(median(ratios)),
    simRequestMswUs: round(median(mswUs)),
    ratioMsw: round(median(mswUs.map((x, i) => x / rawUs[i]))),
    simRequestConcurrentUs: round(median(concUs)),
    interceptedFetchUs: round(median(interceptUs)),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
