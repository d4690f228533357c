// One activation of `tuf_artifact_replication` as omicron ships it (PR #7519, generation numbers):
// omicron.md §1 "Activation flow" steps 1-7.
import { sledListInService, type SledRow } from '../db/datastore-sled.js';
import type { NexusProcess } from '../process.js';
import { SledAgentClient } from '../sled-agent-client.js';
import { attachAndCleanUpLocal, describeError, drainChannel, executeRequest, isConfigGenerationConflict, type ReplicationConfig } from './activation-common.js';
import { tufListArtifactsUnprunedBatched, type ArtifactConfig } from './datastore-tuf.js';
import { Inventory, intoRequests } from './planner.js';
import { runRequests } from './request-stream.js';
import type { TufState } from './state.js';
import type { TufArtifactReplicationError, TufArtifactReplicationStatus } from './status.js';

/** The fold's outcome: another Nexus is ahead (Break), or every sled's listing (Continue). */
type Listing = { kind: 'break'; reason: string } | { kind: 'continue' };

export async function activateGeneration(
  p: NexusProcess,
  state: TufState,
  cfg: ReplicationConfig,
): Promise<TufArtifactReplicationStatus | TufArtifactReplicationError> {
  state.recorder.beginRun();
  // 1. Drain the upload channel.
  drainChannel(state);
  // 2. Sleds and the artifact config from the DB.
  let sleds: SledRow[];
  let config: ArtifactConfig;
  try {
    sleds = await sledListInService(p.db);
    config = await tufListArtifactsUnprunedBatched(p.db);
  } catch (err) {
    p.trace('tuf.activation', { design: cfg.design, outcome: 'error' });
    return { error: err instanceof Error ? err.message : String(err) };
  }
  p.trace('tuf.config_read', { generation: config.generation, artifacts: config.artifacts.length, sleds: sleds.length });
  const inventory = new Inventory(config.artifacts);

  // 3. Every sled at once: PUT the config, then list. A Break aborts the whole activation.
  const listing = await pushConfigAndList(p, state, sleds, config, inventory);
  if (listing.kind === 'break') {
    p.trace('tuf.activation', { design: cfg.design, outcome: 'aborted', generation: config.generation, reason: listing.reason });
    return state.recorder.status(config.generation, state.local.length);
  }

  // 4. Local repos: attach handles, drop the replicated ones.
  attachAndCleanUpLocal(p, state, inventory, cfg.minSledReplication);
  // 5-6. Plan and run the requests.
  const plan = intoRequests(inventory, sleds, p.rng('tuf-replication'), cfg.minSledReplication);
  await runRequests(plan, (r) => executeRequest(p, state, r, config.generation));
  // 7. Status.
  p.trace('tuf.activation', {
    design: cfg.design,
    outcome: 'done',
    generation: config.generation,
    puts: plan.put.length,
    copies: plan.copyAfterPut.length + plan.other.length + plan.recopy.length,
  });
  return state.recorder.status(config.generation, state.local.length);
}

/**
 * Every sled at once, as omicron's `FuturesUnordered` + `fold`: each sled's config PUT and list run
 * to the end and every result is counted, even after a Break (the fold keeps consuming). The first
 * Break to arrive wins; it only skips the PUT/copy phase and the local cleanup. Waiting for all of
 * them keeps one activation from overlapping the next.
 */
async function pushConfigAndList(p: NexusProcess, state: TufState, sleds: SledRow[], config: ArtifactConfig, inventory: Inventory): Promise<Listing> {
  let first: Listing | undefined;
  await Promise.all(
    sleds.map(async (sled) => {
      const outcome = await listOneSled(p, state, new SledAgentClient(p.fetch, sled), config, inventory);
      if (outcome) first ??= outcome; // arrival order, as the fold sees it
    }),
  );
  return first ?? { kind: 'continue' };
}

/** One sled: PUT config then GET list. Returns a Break, or undefined to continue. */
async function listOneSled(p: NexusProcess, state: TufState, client: SledAgentClient, config: ArtifactConfig, inventory: Inventory): Promise<Listing | undefined> {
  try {
    await client.artifactConfigPut(config);
    state.recorder.record(p.clock.now(), client.sledId, { operation: 'put_config', generation: config.generation }, undefined);
  } catch (err) {
    state.recorder.record(p.clock.now(), client.sledId, { operation: 'put_config', generation: config.generation }, describeError(err));
    if (isConfigGenerationConflict(err)) return { kind: 'break', reason: `sled ${client.sledId} has a newer config` };
    return undefined; // treated as holding nothing; no list is sent
  }
  try {
    const list = await client.artifactList();
    if (list.generation !== config.generation) {
      // omicron counts this as a failed list (list_err, so last_run_ok() is false) and breaks.
      const error = `sled reported generation ${list.generation}, expected ${config.generation}`;
      state.recorder.record(p.clock.now(), client.sledId, { operation: 'list' }, error);
      return { kind: 'break', reason: `sled ${client.sledId}: ${error}` };
    }
    state.recorder.record(p.clock.now(), client.sledId, { operation: 'list' }, undefined);
    inventory.addSledList(client.sledId, list.list);
  } catch (err) {
    state.recorder.record(p.clock.now(), client.sledId, { operation: 'list' }, describeError(err));
  }
  return undefined;
}
