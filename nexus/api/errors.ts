// Error bodies shaped like dropshot's: { request_id, error_code?, message }.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { rememberBodyText, validationMessage } from '../../sim/index.js';

export function errorBody(reply: FastifyReply, message: string, errorCode?: string) {
  return { request_id: String(reply.request.id), ...(errorCode ? { error_code: errorCode } : {}), message };
}

export function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send(errorBody(reply, message, 'ObjectNotFound'));
}

/** omicron's `Error::NotFound` (`non_resourcetype_not_found`): 404 with error_code "Not Found"
 * and the bare message (common/src/api/external/error.rs, `From<Error> for HttpError`). */
export function notFoundPlain(reply: FastifyReply, message: string) {
  return reply.code(404).send(errorBody(reply, message, 'Not Found'));
}

/** omicron's `Error::ObjectNotFound` by id: `not found: {resource-type} with id "{id}"`. */
export function objectNotFoundById(reply: FastifyReply, resourceType: string, id: string) {
  return notFound(reply, `not found: ${resourceType} with id "${id}"`);
}

export function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send(errorBody(reply, message, 'InvalidRequest'));
}

/** Schema-validation failures and malformed bodies become dropshot-style 400s with the reason. */
export function installErrorHandler(app: FastifyInstance): void {
  // fastify's own JSON parser, keeping the text so a 400 can give serde's line and column.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    rememberBodyText(req.raw, body as string);
    json(req, body as string, done);
  });
  app.setErrorHandler((err: { statusCode?: number; message: string; validation?: unknown; validationContext?: string }, req, reply) => {
    // dropshot's extractors answer `HttpError::for_bad_request(None, ..)`: a 400 with no error code.
    if (err.validation) return reply.code(400).send(errorBody(reply, validationMessage(err as Parameters<typeof validationMessage>[0], req.raw, req.body, req.routeOptions.schema?.body as object | undefined)));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    reply.code(status).send(errorBody(reply, err.message, status === 500 ? 'Internal' : 'InvalidRequest'));
  });
  app.setNotFoundHandler((req, reply) => notFound(reply, `no route for ${req.method} ${req.url}`));
}
