// JSON Schema of the lockstep API's `BackgroundTask` (openapi/nexus-lockstep.json at omicron
// b848b6df85: `BackgroundTask`, `CurrentStatus`, `LastResult`, `Duration`, `ActivationReason`),
// written from the document. fastify serializes responses through it, so a field the document
// does not have cannot leak out; test/wire/openapi-routes.test.ts checks it refines the document.

const duration = {
  type: 'object',
  required: ['secs', 'nanos'],
  properties: { secs: { type: 'integer', minimum: 0 }, nanos: { type: 'integer', minimum: 0, maximum: 999_999_999 } },
} as const;

const activationReason = { type: 'string', enum: ['signaled', 'timeout', 'dependency'] } as const;

const currentStatus = {
  oneOf: [
    { type: 'object', required: ['current_status'], properties: { current_status: { type: 'string', enum: ['idle'] } } },
    {
      type: 'object',
      required: ['current_status', 'details'],
      properties: {
        current_status: { type: 'string', enum: ['running'] },
        details: {
          type: 'object',
          required: ['iteration', 'reason', 'start_time'],
          properties: { iteration: { type: 'integer', minimum: 0 }, reason: activationReason, start_time: { type: 'string', format: 'date-time' } },
        },
      },
    },
  ],
} as const;

const lastResult = {
  oneOf: [
    { type: 'object', required: ['last_result'], properties: { last_result: { type: 'string', enum: ['never_completed'] } } },
    {
      type: 'object',
      required: ['last_result', 'details'],
      properties: {
        last_result: { type: 'string', enum: ['completed'] },
        details: {
          type: 'object',
          required: ['details', 'elapsed', 'iteration', 'reason', 'start_time'],
          properties: {
            // "arbitrary datum emitted by the background task": no schema.
            details: {},
            elapsed: duration,
            iteration: { type: 'integer', minimum: 0 },
            reason: activationReason,
            start_time: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  ],
} as const;

export const BACKGROUND_TASK_SCHEMA = {
  type: 'object',
  required: ['current', 'description', 'last', 'name', 'period'],
  properties: { current: currentStatus, description: { type: 'string' }, last: lastResult, name: { type: 'string' }, period: duration },
} as const;

/** `GET /bgtasks`: a map from task name to `BackgroundTask`. */
export const BACKGROUND_TASK_MAP_SCHEMA = { type: 'object', additionalProperties: BACKGROUND_TASK_SCHEMA } as const;
