// The `tuf_artifact_replication` background task as a NexusPlugin: at every boot it creates the
// incarnation's TUF state and registers the task with the xstate driver (period + explicit
// activation, one activation at a time per Nexus; different Nexus instances interleave freely).
import type { NexusPlugin, NexusProcess } from '../process.js';
import { activateGeneration } from './activate-generation.js';
import { activateV1 } from './activate-v1.js';
import type { ReplicationConfig, ReplicationDesign } from './activation-common.js';
import { tufState } from './state.js';
import { TUF_TASK_NAME, type UploadOrder } from './upload.js';
import { updateRoutes } from '../api/update-routes.js';

/** `tuf_artifact_replication.period_secs = 300`. */
export const TUF_REPLICATION_PERIOD_MS = 300_000;
/** smf multi-sled config; single-sled racks use 1. */
export const MIN_SLED_REPLICATION = 3;

export interface TufReplicationOptions {
  design?: ReplicationDesign;
  periodMs?: number;
  minSledReplication?: number;
  /** The upload handler's order (upload-race's variants); omicron's is insert-then-send. */
  uploadOrder?: UploadOrder;
}

export function tufArtifactReplication(opts: TufReplicationOptions = {}): NexusPlugin {
  const cfg: ReplicationConfig = {
    design: opts.design ?? 'generation',
    minSledReplication: opts.minSledReplication ?? MIN_SLED_REPLICATION,
  };
  return {
    name: 'tuf-artifact-replication',
    boot(p: NexusProcess) {
      const state = tufState(p, cfg.design === 'v1-delete');
      state.uploadOrder = opts.uploadOrder ?? 'insert-then-send';
      // The external update API lives with the task it feeds (the upload hands repos to its channel).
      p.externalRoutes.push(updateRoutes);
      p.tasks.register({
        name: TUF_TASK_NAME,
        description: 'replicate update repo artifacts across sleds',
        periodMs: opts.periodMs ?? TUF_REPLICATION_PERIOD_MS,
        activate: () => (cfg.design === 'generation' ? activateGeneration(p, state, cfg) : activateV1(p, state, cfg)),
      });
    },
  };
}
