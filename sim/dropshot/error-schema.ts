// dropshot's error body (`Error` in every omicron OpenAPI document at b848b6df85):
// `{request_id, error_code?, message}`. Every simulated server's 4xx and 5xx answers are serialized through it.
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['message', 'request_id'],
  properties: { error_code: { type: 'string' }, message: { type: 'string' }, request_id: { type: 'string' } },
} as const;

/** The `4XX`/`5XX` responses every omicron route declares. */
export const ERROR_RESPONSES = { '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA } as const;
