// sim/: the deterministic world. It knows nothing about artifacts, sagas or sitreps.
export type { Clock, Rng, Fetch, FetchInit, Db, Sqlite, TraceEvent, TraceEventOf, TraceEventMap, TraceKind, TraceFn, NodeContext, DiskState, Injectable } from './types.js';
export { World, type WorldOptions } from './world.js';
export { Scheduler, type TimerHandle } from './scheduler.js';
export { NodeClock, SIM_EPOCH_MS, NO_SKEW, type Skew } from './clock.js';
export { SeededRng } from './rng.js';
export { Trace, type TraceListener } from './trace.js';
export { Fabric } from './fabric.js';
export { type ClientTimeouts, PROGENITOR_DEFAULT_TIMEOUTS, TCP_ABORT_MS, TCP_CONNECT_ABORT_MS, effectiveDeadlines } from './client-timeouts.js';
export { refused, reset, timedOut, errorCode } from './net-errors.js';
export { sample, describe as describeDistribution, type Distribution } from './faults/distribution.js';
export type { NetPolicy, Message, Verdict } from './faults/policy.js';
export { sampleSkew } from './faults/clock-skew.js';
export { Lifetime } from './lifetime.js';
export { sharedValidatorCompiler } from './validator.js';
export { FABRIC_HEADER, registerFabric, unregisterFabric } from './msw.js';
export { API_VERSION_HEADER, requireApiVersion, versionRefusal } from './dropshot/api-version.js';
export { compareVersions, formatVersion, parseVersion, SemverError, type Version } from './dropshot/semver.js';
export { ERROR_RESPONSES, ERROR_SCHEMA } from './dropshot/error-schema.js';
