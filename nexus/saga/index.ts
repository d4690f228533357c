// nexus/saga: the saga executor, the demo saga, saga recovery, reassignment on expungement and
// the stuck-saga health check.
export { sagaPlugin } from './plugin.js';
export { SAGA_SCHEMA } from './schema.js';
export { sagaContext, STUCK_SAGA_THRESHOLD_MS, SAGA_RECOVERY_PERIOD_MS, type SagaOptions, type SagaContext, type CreateOrder, type DoneInference } from './context.js';
export { Sec, PermanentRecoveryError, ServiceUnavailableError, type SecSagaView } from './executor.js';
export type { Saga, SagaState, SagaErrorInfo } from './wire.js';
export { CompletingDemoSagas, DemoSagaNotFound, DEMO_SAGA, DEMO_STEPS_SAGA } from './demo.js';
export { startDemoSaga } from './routes.js';
export { recoveryPass, SAGA_RECOVERY_TASK } from './recovery-task.js';
export { planRecovery, applyPass, RestState, type RecoveryPlan, type KnownState } from './recovery-plan.js';
export { emptyReport, DEBUGGING_HISTORY_CAP, type RecoveryReport, type LastPass } from './recovery-report.js';
export { reassignSagasFromExpunged, type ReassignResult } from './reassign.js';
export { addNexusZones, nexusZoneExpunge, nexusZoneCheckReadyForCleanup, findExpungedNexusIds, NEXUS_ZONE_SCHEMA, type ReassignRule, type NexusZone } from './nexus-zones.js';
export { checkStuckSagas, type StuckSagaReport, type StuckSaga } from './stuck-health.js';
export { omdbSagasList, omdbDemoCreate, omdbDemoComplete, progenitorError, terminal as omdbTerminal, usingNexusUrl, omdbBackgroundTaskShow, omdbBackgroundTasksList, omdbRecoveryReport, stuckSagasText, table as omdbTable, type OmdbOutput } from './omdb.js';
export { chronoUtc } from './chrono.js';
export { sagaCreate, sagaFetch, sagaFetchLog, sagaListRecoveryCandidates, STUCK_SAGA_LIMIT } from './datastore.js';
export { SagaFenced, type Fencing, type SagaRow, type NodeEventRow, type SagaTemplate, type SecSagaState, type DbSagaState } from './types.js';
export { ExponentialBackoff, INTERNAL_SERVICE_POLICY } from './backoff.js';
