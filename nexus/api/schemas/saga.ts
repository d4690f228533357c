// JSON Schemas of the lockstep API's saga routes (openapi/nexus-lockstep.json at omicron
// b848b6df85: `Saga`, `SagaState`, `SagaErrorInfo`, `SagaResultsPage`, `DemoSaga`), written from
// the document. `source_error` and `undo_source_error` are arbitrary JSON there ({}).

const tagged = (state: string, extra: Record<string, object> = {}, required: string[] = []) =>
  ({ type: 'object', required: ['state', ...required], properties: { state: { type: 'string', enum: [state] }, ...extra } }) as const;

const errorInfo = {
  oneOf: [
    { type: 'object', required: ['error', 'source_error'], properties: { error: { type: 'string', enum: ['action_failed'] }, source_error: {} } },
    ...['deserialize_failed', 'serialize_failed', 'subsaga_create_failed'].map((e) => ({
      type: 'object',
      required: ['error', 'message'],
      properties: { error: { type: 'string', enum: [e] }, message: { type: 'string' } },
    })),
    { type: 'object', required: ['error'], properties: { error: { type: 'string', enum: ['injected_error'] } } },
  ],
} as const;

export const SAGA_STATE_SCHEMA = {
  oneOf: [
    tagged('running'),
    tagged('succeeded'),
    tagged('failed', { error_info: errorInfo, error_node_name: { type: 'string' } }, ['error_info', 'error_node_name']),
    tagged(
      'stuck',
      { error_info: errorInfo, error_node_name: { type: 'string' }, undo_error_node_name: { type: 'string' }, undo_source_error: {} },
      ['error_info', 'error_node_name', 'undo_error_node_name', 'undo_source_error'],
    ),
  ],
} as const;

export const SAGA_SCHEMA = {
  type: 'object',
  required: ['id', 'state'],
  properties: { id: { type: 'string', format: 'uuid' }, state: SAGA_STATE_SCHEMA },
} as const;

export const SAGA_RESULTS_PAGE_SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: SAGA_SCHEMA }, next_page: { type: ['string', 'null'] } },
} as const;

export const DEMO_SAGA_SCHEMA = {
  type: 'object',
  required: ['demo_saga_id', 'saga_id'],
  properties: { demo_saga_id: { type: 'string', format: 'uuid' }, saga_id: { type: 'string', format: 'uuid' } },
} as const;

/** `GET /health/stuck-sagas`: the simulator's own route (omicron has no such endpoint; it reports
 * the same check inside `/v1/system/update/status`), so this schema is ours. */
export const STUCK_SAGA_REPORT_SCHEMA = {
  type: 'object',
  required: ['checked_at', 'threshold_ms', 'limit', 'stuck_sagas'],
  properties: {
    checked_at: { type: 'string', format: 'date-time' },
    threshold_ms: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1 },
    stuck_sagas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'id', 'state', 'creator', 'current_sec', 'time_created'],
        properties: {
          name: { type: 'string' },
          id: { type: 'string', format: 'uuid' },
          state: { type: 'string', enum: ['running', 'unwinding'] },
          creator: { type: 'string', format: 'uuid' },
          current_sec: { type: ['string', 'null'], format: 'uuid' },
          time_created: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
