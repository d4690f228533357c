// One activation of the first design (omicron PR #7129, before #7519): no generation. Nexus reads
// the wanted artifacts from the DB, lists every sled, DELETEs what a sled holds that the DB no
// longer lists, PUTs local artifacts to random sleds and has the rest copy from the depot. A Nexus
// whose DB read is stale deletes what a faster Nexus just replicated: the race this testbed is for.
import { sledListInService, type SledRow } from '../db/datastore-sled.js';
import type { NexusProcess } from '../process.js';
import { SledAgentClient } from '../sled-agent-client.js';
import { attachAndCleanUpLocal, describeError, drainChannel, executeRequest, type ReplicationConfig } from './activation-common.js';
import { tufListArtifactsUnprunedBatched } from './datastore-tuf.js';
import { Inventory, intoRequests } from './planner.js';
import { runRequests } from './request-stream.js';
import type { TufState } from './state.js';
import type { TufArtifactReplicationError, TufArtifactReplicationStatus } from './status.js';

export async function activateV1(p: NexusProcess, state: TufState, cfg: ReplicationConfig): Promise<TufArtifactReplicationStatus | TufArtifactReplicationError> {
  state.recorder.beginRun();
  drainChannel(state);
  let sleds: SledRow[];
  let wanted: Set<string>;
  let generation: number;
  try {
    sleds = await sledListInService(p.db);
    const config = await tufListArtifactsUnprunedBatched(p.db);
    wanted = new Set(config.artifacts);
    generation = config.generation; // reported only; v1 sleds know no generation
  } catch (err) {
    p.trace('tuf.activation', { design: cfg.design, outcome: 'error' });
    return { error: err instanceof Error ? err.message : String(err) };
  }
  p.trace('tuf.config_read', { generation, artifacts: wanted.size, sleds: sleds.length });
  const inventory = new Inventory([...wanted]);

  // Every sled at once (`join_all`): list what it holds; what the DB does not list is unwanted.
  await Promise.all(
    sleds.map(async (sled) => {
      const client = new SledAgentClient(p.fetch, sled);
      try {
        const list = await client.artifactListV1();
        state.recorder.record(p.clock.now(), sled.id, { operation: 'list' }, undefined);
        inventory.addSledListV1(sled.id, list);
      } catch (err) {
        state.recorder.record(p.clock.now(), sled.id, { operation: 'list' }, describeError(err));
      }
    }),
  );
  attachAndCleanUpLocal(p, state, inventory, cfg.minSledReplication);
  const plan = intoRequests(inventory, sleds, p.rng('tuf-replication'), cfg.minSledReplication);
  await runRequests(plan, (r) => executeRequest(p, state, r, undefined));
  const deletes = plan.other.filter((r) => r.kind === 'delete').length;
  p.trace('tuf.activation', { design: cfg.design, outcome: 'done', deletes, puts: plan.put.length });
  return state.recorder.status(generation, state.local.length);
}
