// dropshot's error body (`Error` in every omicron OpenAPI document at b848b6df85): the 4XX and 5XX
// responses of every route.
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['message', 'request_id'],
  properties: { error_code: { type: 'string' }, message: { type: 'string' }, request_id: { type: 'string' } },
} as const;

/** `4XX` and `5XX` → the error body, as fastify response-schema keys. */
export const ERROR_RESPONSES = { '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA } as const;
