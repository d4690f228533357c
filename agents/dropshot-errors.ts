// Error bodies shaped like dropshot's: {request_id, error_code?, message}. As in dropshot, a 5xx
// hides its internal message from the client (it is traced instead); a 4xx shows it.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { NodeContext } from '../sim/index.js';
import { ArtifactError } from './artifact-errors.js';
import type { ErrorBody } from './types/index.js';

/** A per-sled counter: request ids are deterministic and survive nothing (reset on crash). */
export type RequestIds = () => string;

export function requestIds(): RequestIds {
  let n = 0;
  return () => `req-${++n}`;
}

const EXTERNAL_5XX: Record<number, string> = { 500: 'Internal Server Error', 503: 'Service Unavailable' };

export function sendError(
  ctx: NodeContext,
  ids: RequestIds,
  reply: FastifyReply,
  status: number,
  message: string,
  errorCode?: string,
): FastifyReply {
  const body: ErrorBody = { request_id: ids(), message };
  if (errorCode !== undefined) body.error_code = errorCode;
  if (status >= 500) {
    ctx.trace('sled.http-error', { status, message });
    body.message = EXTERNAL_5XX[status] ?? 'Internal Server Error';
  }
  return reply.code(status).type('application/json').send(body);
}

/** Installs the dropshot-shaped error and not-found handlers on an app. */
export function dropshotErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ArtifactError, req, reply) => {
    const sled = req.sled;
    if (!sled) return reply.code(503).send({ request_id: 'req-0', message: 'Service Unavailable' });
    const { ctx, ids } = sled;
    if (err instanceof ArtifactError) return sendError(ctx, ids, reply, err.status, err.message, err.errorCode);
    const fe = err as FastifyError;
    if (fe.validation || fe.code === 'FST_ERR_VALIDATION') return sendError(ctx, ids, reply, 400, `invalid ${fe.validationContext ?? 'request'}: ${fe.message}`);
    const status = fe.statusCode && fe.statusCode >= 400 ? fe.statusCode : 500;
    return sendError(ctx, ids, reply, status, fe.message);
  });
  app.setNotFoundHandler((req, reply) =>
    req.sled ? sendError(req.sled.ctx, req.sled.ids, reply, 404, 'Not Found') : reply.code(404).send({ request_id: 'req-0', message: 'Not Found' }),
  );
}
