// agents/: the sled agent. Its public surface.
export {
  SledAgent,
  SLED_AGENT_PORT,
  REPO_DEPOT_PORT,
  type SledAgentOptions,
} from './sled-agent.js';
export { REGISTER_RETRY_MS, REGISTER_MAX_TRIES, notifyNexusAboutSelf, type SledAgentInfo, type NotifyOutcome } from './nexus-notifier.js';
export {
  ArtifactStore,
  sha256Hex,
  transferMs,
  type Protocol,
  type ArtifactConfigWire,
  type ArtifactListResponse,
  type ArtifactPutResponse,
} from './artifact-store.js';
export { ArtifactError, type ArtifactErrorKind } from './artifact-errors.js';
export { M2Pair, M2Dataset, M2_COUNT, type ArtifactConfig } from './m2.js';
export { DELETE_MS_PER_FILE } from './delete-reconciler.js';
export { PUT_BODY_LIMIT, type InventoryResponse } from './sled-agent-api.js';
export type { ErrorBody } from './dropshot-errors.js';
export { SledAppHost } from './app-host.js';
export type { DepotSwitch, SledServing } from './serving.js';
