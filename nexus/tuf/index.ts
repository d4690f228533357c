// nexus/tuf: TUF repo upload, the `tuf_artifact_replication` task in both designs, its status and
// omdb view.
export { generateRepo, type TufRepository, type TufArtifact, type RepoSpec } from './repo.js';
export { tufRepoInsert, TufRepoInsertError, type TufRepoInsertResult } from './datastore-tuf-insert.js';
export {
  tufRepoMarkPruned,
  tufRepoPrune,
  targetReleaseFetchRecentDistinct,
  targetReleaseInsert,
  TargetReleaseChanged,
  NKEEP_RECENT_TARGET_RELEASES,
  type RecentTargetReleases,
} from './datastore-tuf-prune.js';
export {
  tufRepoListUnpruned,
  tufGenerationGet,
  tufListArtifactsUnprunedBatched,
  presentArtifactHashes,
  TufGenerationConflict,
  SQL_BATCH_SIZE,
  type ArtifactConfig as TufArtifactConfig,
} from './datastore-tuf.js';
export { updatesPutRepository, TUF_TASK_NAME, type UploadOrder } from './upload.js';
export { tufState, TufState, LOCAL_CHANNEL_CAPACITY } from './state.js';
export { Inventory, intoRequests, describePlan, EXPECTED_COUNT, type Plan, type PlannedRequest } from './planner.js';
export { runRequests, MAX_REQUEST_CONCURRENCY } from './request-stream.js';
export { tufArtifactReplication, TUF_REPLICATION_PERIOD_MS, MIN_SLED_REPLICATION, type TufReplicationOptions } from './plugin.js';
export type { ReplicationDesign } from './activation-common.js';
export {
  MAX_REQUEST_DEBUG_BUFFER_LEN,
  ReplicationRecorder,
  lastRunOk,
  type TufArtifactReplicationStatus,
  type TufArtifactReplicationCounters,
  type TufArtifactReplicationRequest,
} from './status.js';
export { showTufArtifactReplication, showTufRepoPruner } from './omdb.js';
export { omdbValidateArtifactReplication, replicationInputs, type ReplicationProbe } from './omdb-validate-replication.js';
export { tufRepoPruner, decideTufPrune, TUF_REPO_PRUNER_TASK_NAME, TUF_REPO_PRUNER_PERIOD_MS, type TufRepoPrunerStatus, type TufRepoPrunerDetails, type TufRepoInfo } from './pruner.js';
