// rack-smoke: N sleds boot and register (ip, sled-agent port, repo-depot port) in the DB through a
// Nexus; each Nexus lists the sleds and reaches every sled agent and repo depot through the
// fabric, under the seed's latency, drop and skew.
import { SLED_CLIENT_TIMEOUTS, SledAgentClient, sledListInService, type Nexus, type SledRow } from '../nexus/index.js';
import { API_VERSION_HEADER, REPO_DEPOT_API_VERSION } from '../agents/index.js';
import { errorCode } from '../sim/index.js';
import { DepotAnswers, oneOutcomePerRequest, Reachability } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

const PROBE_TRIES = 10;
const PROBE_RETRY_MS = 1_000;
const NO_SUCH_ARTIFACT = '0'.repeat(64);

/** What a Nexus does to prove it can reach a sled: sled-agent inventory, then a depot lookup. */
async function probeSled(nexus: Nexus, sled: SledRow): Promise<void> {
  const p = nexus.process;
  const client = new SledAgentClient(p.fetch, sled);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.inventory();
      // Any answer ends the probe; every-sled-reached judges whether it was the depot's own 404.
      const url = `${client.depotBaseUrl}/artifact/sha256/${NO_SUCH_ARTIFACT}`;
      const res = await p.fetch(url, { headers: { [API_VERSION_HEADER]: REPO_DEPOT_API_VERSION }, timeouts: SLED_CLIENT_TIMEOUTS });
      p.trace('smoke.depot_answer', { sled: sled.id, port: sled.repo_depot_port, status: res.status, body: await res.text() });
      return;
    } catch (err) {
      p.trace('smoke.probe_failed', { sled: sled.id, attempt, error: errorCode(err) });
      if (attempt >= PROBE_TRIES) throw new Error(`${nexus.name} could not reach sled ${sled.id}: ${errorCode(err)}`);
      await p.clock.sleep(PROBE_RETRY_MS);
    }
  }
}

export const rackSmoke: ScenarioDef = {
  name: 'rack-smoke',
  summary: 'sleds register through Nexus; every Nexus reaches every sled agent and repo depot',
  variants: ['default'],
  expected: { default: 'holds' },
  defaults: { sleds: 4, nexus: 2 },
  limits: { minSleds: 1, minNexus: 1 },
  knobs: (rng) => baseKnobs(rng, { maxDrop: 0.02, maxSkewMs: 2_000 }),

  async setup({ world, sleds, nexus, knobs }) {
    const rack = await Rack.build(world, { sleds, nexus, maxSkewMs: Number(knobs.clock_skew_max_ms) });
    const reach = new Reachability();
    const depot = new DepotAnswers();
    world.trace.subscribe((ev) => {
      reach.observe(ev);
      depot.observe(ev);
    });

    const script = defineScript('rack-smoke', [
      {
        name: 'each-nexus-probes-every-sled',
        run: async () => {
          await Promise.all(
            rack.nexus.map(async (n) => {
              const rows = await sledListInService(n.process.db);
              await Promise.all(rows.map((row) => probeSled(n, row)));
            }),
          );
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      invariants: [
        oneOutcomePerRequest(() => world.now),
        {
          name: 'every-sled-reached',
          kind: 'liveness',
          description: "every registered sled answered every Nexus on its sled-agent port, and on its repo-depot port with the depot API's 404 for a missing artifact",
          atEnd() {
            const rows = world.sql.prepare('SELECT id, ip, port, repo_depot_port FROM sled ORDER BY id').all() as SledRow[];
            if (rows.length !== rack.sleds.length) return `${rows.length} of ${rack.sleds.length} sleds registered`;
            for (const n of rack.nexus) {
              for (const row of rows) {
                const sled = world.fabric.nodeAt(row.ip);
                if (!reach.has(n.name, sled, row.port)) return `${n.name} never reached ${sled} ([${row.ip}]:${row.port})`;
                const why = depot.missingArtifact404(n.name, row.id, row.repo_depot_port, NO_SUCH_ARTIFACT, sled);
                if (why) return `${n.name} never reached the repo depot of ${sled} ([${row.ip}]:${row.repo_depot_port}): ${why}`;
              }
            }
            return undefined;
          },
        },
      ],
    };
  },
};
