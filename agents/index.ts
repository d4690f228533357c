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
} from './artifact-store.js';
export { ArtifactError, type ArtifactErrorKind } from './artifact-errors.js';
export { M2Pair, M2Dataset, M2_COUNT, type LedgeredConfig } from './m2.js';
export { DELETE_MS_PER_FILE } from './delete-reconciler.js';
export { PUT_BODY_LIMIT } from './sled-agent-api.js';
export { API_VERSION_HEADER, SLED_AGENT_API_VERSION, REPO_DEPOT_API_VERSION } from './api-version.js';
export type * from './types/index.js';
export { SledAppHost } from './app-host.js';
export type { DepotSwitch, SledServing } from './serving.js';
