// Error bodies shaped like dropshot's: { request_id, error_code?, message }.
import type { FastifyInstance, FastifyReply } from 'fastify';

export function errorBody(reply: FastifyReply, message: string, errorCode?: string) {
  return { request_id: String(reply.request.id), ...(errorCode ? { error_code: errorCode } : {}), message };
}

export function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send(errorBody(reply, message, 'ObjectNotFound'));
}

export function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send(errorBody(reply, message, 'InvalidRequest'));
}

/** Schema-validation failures and malformed bodies become dropshot-style 400s with the reason. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: { statusCode?: number; message: string; validation?: unknown }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    reply.code(status).send(errorBody(reply, err.message, status === 500 ? 'Internal' : 'InvalidRequest'));
  });
  app.setNotFoundHandler((req, reply) => notFound(reply, `no route for ${req.method} ${req.url}`));
}
