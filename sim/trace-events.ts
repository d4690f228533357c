// The one place the trace's event families meet. Each family declares its kinds (a kind → payload
// map) in its own file; this joins them into `TraceEvent`, a tagged union on `kind`, so every emit
// site is checked against its kind's payload and a checker narrows with `switch (ev.kind)` instead
// of casting fields. The imports are type-only (erased at run time): sim/ still loads nothing from
// the layers above it. Two families declaring one kind is a compile error (interfaces conflict).
import type { AgentEvents } from '../agents/events.js';
import type { NexusEvents } from '../nexus/events.js';
import type { FmEvents } from '../nexus/fm/events.js';
import type { SagaEvents } from '../nexus/saga/events.js';
import type { TufEvents } from '../nexus/tuf/events.js';
import type { RunEvents } from '../scenarios/events.js';
import type { WorkloadEvents } from '../scenarios/workload/events.js';
import type { DbEvents } from './db-events.js';
import type { FaultEvents } from './faults/events.js';
import type { NetEvents } from './net-events.js';

export interface TraceEventMap extends NetEvents, DbEvents, FaultEvents, AgentEvents, NexusEvents, SagaEvents, TufEvents, FmEvents, RunEvents, WorkloadEvents {}

export type TraceKind = keyof TraceEventMap;

/** One event of kind `K`: where and when, then its payload. */
export type TraceEventOf<K extends TraceKind> = { t: number; node: string; kind: K } & TraceEventMap[K];

export type TraceEvent = { [K in TraceKind]: TraceEventOf<K> }[TraceKind];

/** What emit sites call: `trace('saga.created', { saga, sec, name })`, checked per kind. */
export type TraceFn = <K extends TraceKind>(kind: K, data: TraceEventMap[K]) => void;

/** A payload with no fields. */
export type NoData = Record<string, never>;
