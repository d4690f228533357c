// nexus/: Nexus instances, the shared-DB schema and datastore, background tasks, the sled client.
export { Nexus, type NexusOptions } from './nexus.js';
export { NexusProcess, type NexusPlugin, type NexusIdentity, type RouteRegistrar, type ProcessOf } from './process.js';
export { NexusAppHost, type NexusApps } from './app-host.js';
export { NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT, NEXUS_EXTERNAL_PORT } from './constants.js';
export { NEXUS_EXTERNAL_API_VERSION } from './api/version.js';
export { updateRoutes } from './api/update-routes.js';
export * from './api/schemas/update.js';
export { applySchema } from './db/schema.js';
export { SLED_SCHEMA_FOR_MIGRATION } from './db/schema-sled.js';
export { sledListInService, sledUpsert, type SledRow, type SledRegistration } from './db/datastore-sled.js';
export { iso } from './db/time.js';
export { BackgroundTasks, type BackgroundTaskDef, type BackgroundTaskView, type ActivationReason } from './bgtask/index.js';
export { errorBody, notFound, badRequest, installErrorHandler } from './api/errors.js';
export { SledAgentClient, SledAgentError, SLED_CLIENT_TIMEOUTS, type SledAgentClientOptions } from './sled-agent-client.js';
export * from './saga/index.js';
export * from './tuf/index.js';
export * from './fm/index.js';
