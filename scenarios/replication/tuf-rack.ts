// A rack running the TUF replication task: sleds speak the protocol of the design under test, every
// Nexus runs `tuf_artifact_replication`, and the artifact invariants watch it.
import { MIN_SLED_REPLICATION, generateRepo, tufArtifactReplication, type ReplicationDesign, type TufRepository, type UploadOrder } from '../../nexus/index.js';
import type { World } from '../../sim/index.js';
import {
  ArtifactCopies,
  localDroppedOnlyWhenReplicated,
  neverBackwards,
  noLocalRepoKept,
  noStaleArtifacts,
  noTotalLoss,
  noWritesOnSupersededConfig,
  replicasConverge,
} from '../checkers/index.js';
import { Rack, type RackOptions } from '../rack.js';
import type { Invariant } from '../types.js';
import { TaskWatch } from './task-watch.js';

export interface TufRackOptions extends Partial<RackOptions> {
  sleds: number;
  nexus: number;
  design: ReplicationDesign;
  periodMs?: number;
  /** The Nexus upload handler's order (upload-race's variants). */
  uploadOrder?: UploadOrder;
}

export interface TufRack {
  rack: Rack;
  watch: TaskWatch;
  copies: ArtifactCopies;
  invariants: Invariant[];
}

export async function buildTufRack(world: World, o: TufRackOptions): Promise<TufRack> {
  const { design, periodMs, uploadOrder, ...rackOpts } = o;
  // Deliberately differs from omicron's config (3 multi-sled, 1 single-sled): a rack smaller than
  // the replication factor (2 sleds) could never reach 3 and the uploader would keep its copy forever.
  const plugin = tufArtifactReplication({ design, periodMs, uploadOrder, minSledReplication: Math.min(MIN_SLED_REPLICATION, o.sleds) });
  const rack = await Rack.build(world, { ...rackOpts, plugins: [plugin], sledProtocol: design === 'v1-delete' ? 'v1' : 'generation' });
  const copies = new ArtifactCopies(world, rack.sleds, rack.nexus);
  return {
    rack,
    watch: new TaskWatch(world),
    copies,
    invariants: [
      neverBackwards(copies),
      noTotalLoss(copies),
      localDroppedOnlyWhenReplicated(copies, world.sql),
      noWritesOnSupersededConfig(),
      replicasConverge(copies),
      noStaleArtifacts(copies),
      noLocalRepoKept(copies),
    ],
  };
}

/** The repo a scenario uploads: `artifacts` artifacts of system version `version`. */
export function scenarioRepo(seed: number, version: string, artifacts: number): TufRepository {
  return generateRepo({ seed, systemVersion: version, artifacts });
}
