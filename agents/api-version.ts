// The versions the sled-agent and repo-depot servers run (the API's latest, as omicron builds
// them: sled-agent/src/server.rs, sled-agent/src/artifact_store.rs); the policy is dropshot's
// (sim/dropshot/api-version.ts).
import type { ApiVersionHeader, RepoDepotApiVersion, SledAgentApiVersion } from './types/index.js';
import { API_VERSION_HEADER as HEADER } from '../sim/index.js';

export const API_VERSION_HEADER: ApiVersionHeader = HEADER;
/** `sled_agent_api::latest_version()`: the sled-agent server's newest version. */
export const SLED_AGENT_API_VERSION: SledAgentApiVersion = '48.0.0';
/** `repo_depot_api::latest_version()`. */
export const REPO_DEPOT_API_VERSION: RepoDepotApiVersion = '1.0.0';
export { requireApiVersion } from '../sim/index.js';
