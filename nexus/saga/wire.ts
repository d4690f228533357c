// The lockstep API's saga view as omicron serializes it (openapi/nexus-lockstep.json at
// b848b6df85: `Saga`, `SagaState`, `SagaErrorInfo`): `state` is internally tagged, and a failed
// or stuck saga carries the node that failed and steno's error for it.

/** steno's `ActionError` as the view reports it. The simulator's actions only ever fail with
 * `action_failed`; `source_error` is what the failed node event recorded. */
export type SagaErrorInfo =
  | { error: 'action_failed'; source_error: unknown }
  | { error: 'deserialize_failed' | 'serialize_failed' | 'subsaga_create_failed'; message: string }
  | { error: 'injected_error' };

export type SagaState =
  | { state: 'running' }
  | { state: 'succeeded' }
  | { state: 'failed'; error_node_name: string; error_info: SagaErrorInfo }
  | { state: 'stuck'; error_node_name: string; error_info: SagaErrorInfo; undo_error_node_name: string; undo_source_error: unknown };

export interface Saga {
  id: string;
  state: SagaState;
}
