// A small rack for sled-agent tests: a "nexus" node that only sends requests, and sleds.
import { World, type NodeContext } from '../../sim/index.js';
import { API_VERSION_HEADER, REPO_DEPOT_API_VERSION, SLED_AGENT_API_VERSION, SledAgent, sha256Hex, type Protocol } from '../../agents/index.js';
import { SledAgentClient } from '../../nexus/sled-agent-client.js';

export interface Sled {
  name: string;
  ctx: NodeContext;
  agent: SledAgent;
  client: SledAgentClient;
}

export interface Rack {
  world: World;
  nexus: NodeContext;
  sleds: Sled[];
  /** Runs `body` while the scheduler drains the queue. */
  run<T>(body: () => Promise<T>): Promise<T>;
}

/** Sled ids are UUIDs on the wire (`SledUuid`). */
export function sledUuid(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export async function rack(opts: { sleds?: number; protocol?: Protocol; seed?: number } = {}): Promise<Rack> {
  const world = new World({ seed: opts.seed ?? 1, keepTrace: true });
  const nexus = world.addNode('nexus', 'fd00::1');
  const sleds: Sled[] = [];
  for (let i = 0; i < (opts.sleds ?? 1); i++) {
    const name = `sled-${i}`;
    const ip = `fd00:1::${i + 1}`;
    const ctx = world.addNode(name, ip);
    const agent = new SledAgent(ctx, { sledId: sledUuid(i), protocol: opts.protocol });
    await agent.start();
    const client = new SledAgentClient(nexus.fetch, { id: agent.sledId, ip, port: agent.sledAgentPort, repo_depot_port: agent.repoDepotPort });
    sleds.push({ name, ctx, agent, client });
  }
  const run = async <T>(body: () => Promise<T>): Promise<T> => {
    const p = body();
    p.catch(() => {}); // observed below, after the run
    await world.sched.run();
    return p;
  };
  return { world, nexus, sleds, run };
}

/** The `api-version` headers omicron's generated clients send (raw requests in tests need them too). */
export const DEPOT_HEADERS = { [API_VERSION_HEADER]: REPO_DEPOT_API_VERSION };
export const SLED_AGENT_HEADERS = { [API_VERSION_HEADER]: SLED_AGENT_API_VERSION };

export function artifact(name: string, size = 0): { bytes: Uint8Array; sha: string } {
  const bytes = new Uint8Array(Math.max(size, name.length));
  bytes.set(new TextEncoder().encode(name));
  return { bytes, sha: sha256Hex(bytes) };
}

/** Awaits `p` and returns the error it rejects with (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

export function events(world: World, kind: string): Array<Record<string, unknown>> {
  return (world.trace.lines ?? []).map((l) => JSON.parse(l)).filter((e) => e.kind === kind);
}
