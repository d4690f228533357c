// Saga shapes shared by the executor, the datastore and recovery.
import type { NexusProcess } from '../process.js';

/** The two designs under test: omicron today (node-event writes not conditional on the SEC), or
 * every write conditional on `current_sec` and `adopt_generation`. */
export type Fencing = 'unfenced' | 'fenced';

export type DbSagaState = 'running' | 'unwinding' | 'done' | 'abandoned';
export type NodeEventType = 'started' | 'succeeded' | 'failed' | 'undo_started' | 'undo_finished';
export type AbandonReason = 'omdb' | 'unrecoverable' | 'orphaned';

/** The in-memory SEC view (`GET /sagas/{id}`), after steno's SagaState tags. */
export type SecSagaState = 'running' | 'succeeded' | 'failed' | 'stuck';

export interface SagaRow {
  id: string;
  creator: string;
  time_created: string;
  name: string;
  saga_dag: string;
  saga_state: DbSagaState;
  current_sec: string | null;
  adopt_generation: number;
  adopt_time: string;
  abandon_time: string | null;
  abandon_reason: AbandonReason | null;
  abandon_comment: string | null;
}

export interface NodeEventRow {
  saga_id: string;
  node_id: number;
  event_type: NodeEventType;
  data: string | null;
  event_time: string;
  creator: string;
}

/** What an action sees: the process running it, the saga's params and earlier outputs. */
export interface ActionContext {
  p: NexusProcess;
  sagaId: string;
  params: Record<string, unknown>;
  outputs: readonly unknown[];
}

export interface SagaNodeDef {
  name: string;
  action(ctx: ActionContext): Promise<unknown>;
  undo?(ctx: ActionContext): Promise<void>;
}

/** A saga template. Omicron's DAGs are general; every saga modelled here is a chain of nodes. */
export interface SagaTemplate {
  name: string;
  nodes: readonly SagaNodeDef[];
}

/** The serialized DAG stored in `saga.saga_dag`. */
export interface StoredDag {
  name: string;
  params: Record<string, unknown>;
  nodes: string[];
}

/** The SEC tried to write a saga it no longer owns (fenced design only): stop executing it. */
export class SagaFenced extends Error {
  constructor(
    readonly sagaId: string,
    what: string,
  ) {
    super(`saga ${sagaId}: ${what} rejected: this SEC no longer owns the saga (fenced)`);
  }
}

/** `saga_update_state` matched no row for this SEC: omicron's invalid_request error. */
export class SagaNotOwned extends Error {
  constructor(sagaId: string, sec: string) {
    super(`Invalid Request: failed to update saga ${sagaId} with current_sec ${sec}: saga is owned by another SEC`);
  }
}
