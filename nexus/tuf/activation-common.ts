// Pieces both replication designs share: draining the upload channel into the task's local repos,
// dropping local repos once replicated, and executing one planned request (with its counter and
// ring-buffer entry).
import { errorCode } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import { SledAgentClient, SledAgentError } from '../sled-agent-client.js';
import type { Inventory, PlannedRequest } from './planner.js';
import type { TufState } from './state.js';

export type ReplicationDesign = 'generation' | 'v1-delete';

export interface ReplicationConfig {
  design: ReplicationDesign;
  /** `tuf_artifact_replication.min_sled_replication`: 3 multi-sled, 1 single-sled. */
  minSledReplication: number;
}

/** Step 1: `local_rx.try_recv()` until empty, into `self.local`. */
export function drainChannel(state: TufState): void {
  for (let repo = state.channel.tryRecv(); repo; repo = state.channel.tryRecv()) state.local.push(repo);
}

/**
 * Step 4, `list_and_clean_up_local_artifacts`: attach local handles to the inventory, and drop a
 * local repo iff every one of its artifacts that is in the inventory (the config) is on at least
 * `min` sleds. A repo none of whose artifacts is in the config is dropped too (vacuously).
 */
export function attachAndCleanUpLocal(p: NexusProcess, state: TufState, inventory: Inventory, min: number): void {
  const dropped: string[] = [];
  state.local = state.local.filter((repo) => {
    let keep = false;
    for (const a of repo.artifacts) {
      const presence = inventory.byHash.get(a.sha256);
      if (!presence) continue;
      presence.local = a.bytes;
      if (presence.sleds.size < min) keep = true;
    }
    if (!keep) dropped.push(repo.systemVersion);
    return keep;
  });
  // Traced once the repos are gone, so a checker reacting to the event sees the new state.
  for (const repo of dropped) p.trace('tuf.local_dropped', { repo });
}

/** The error text a ring-buffer entry carries. */
export function describeError(err: unknown): string {
  if (err instanceof SledAgentError) {
    return `Error Response: status: ${err.status}; message: ${err.message}${err.errorCode ? `; error_code: ${err.errorCode}` : ''}`;
  }
  return `Communication Error: ${errorCode(err)}`;
}

export function isConfigGenerationConflict(err: unknown): boolean {
  return err instanceof SledAgentError && err.status === 409 && err.errorCode === 'CONFIG_GENERATION';
}

/** Runs one planned request against its target sled; never throws (failures are counted). */
export async function executeRequest(p: NexusProcess, state: TufState, r: PlannedRequest, generation: number | undefined): Promise<void> {
  const client = new SledAgentClient(p.fetch, r.target);
  let error: string | undefined;
  try {
    if (r.kind === 'put') await client.artifactPut(r.hash, generation, r.bytes);
    else if (r.kind === 'copy') await client.artifactCopyFromDepot(r.hash, generation, new SledAgentClient(p.fetch, r.source).depotBaseUrl);
    else await client.artifactDelete(r.hash);
  } catch (err) {
    error = describeError(err);
  }
  const op =
    r.kind === 'copy'
      ? { operation: 'copy' as const, hash: r.hash, source_sled: r.source.id }
      : { operation: r.kind, hash: r.hash };
  state.recorder.record(p.clock.now(), r.target.id, op, error);
}
