// Error bodies shaped like dropshot's (v0.17.1 error.rs): {request_id, error_code?, message}. As in
// dropshot, `for_internal_error` (500, error code "Internal"), `for_unavail` (503) and
// `for_not_found` (404) show the client only the status's canonical reason (their own message is
// traced instead, as dropshot logs it); other 4xx show their message. A path served under other methods answers 405.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { validationMessage, type NodeContext } from '../sim/index.js';
import { ArtifactError } from './artifact-errors.js';
import { nameUuid } from './name-uuid.js';
import type { ErrorBody } from './types/index.js';

/** dropshot's request ids are random v4 UUIDs; here the n-th id of one boot of one sled. */
export type RequestIds = () => string;

export function requestIds(boot: string): RequestIds {
  let n = 0;
  return () => nameUuid(`${boot}/request/${++n}`);
}

/** The statuses whose message dropshot replaces with the canonical reason. */
const EXTERNAL: Record<number, string> = { 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

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
  // dropshot logs the internal message of every error; the trace keeps those the client never sees.
  if (status >= 500 || status === 404) ctx.trace('sled.http-error', { status, message });
  if (status >= 500 || status === 404) body.message = EXTERNAL[status] ?? 'Internal Server Error';
  return reply.code(status).type('application/json').send(body);
}

/** `/a/:b` → a matcher of concrete paths, as dropshot's router matches `/a/{b}`. */
function pathMatcher(url: string): RegExp {
  const escaped = url.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}$`);
}

/** Installs the dropshot-shaped error, not-found and method-not-allowed handlers; call before adding routes. */
export function dropshotErrors(app: FastifyInstance): void {
  const routes: Array<{ path: RegExp; method: string }> = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ path: pathMatcher(r.url), method });
  });
  app.setErrorHandler((err: FastifyError | ArtifactError, req, reply) => {
    const sled = req.sled;
    if (!sled) return reply.code(503).send({ request_id: 'req-0', message: 'Service Unavailable' });
    const { ctx, ids } = sled;
    if (err instanceof ArtifactError) return sendError(ctx, ids, reply, err.status, err.message, err.errorCode);
    const fe = err as FastifyError;
    if (fe.validation || fe.code === 'FST_ERR_VALIDATION') {
      return sendError(ctx, ids, reply, 400, validationMessage(fe as Parameters<typeof validationMessage>[0], req.raw, req.body, req.routeOptions.schema?.body as object | undefined));
    }
    const status = fe.statusCode && fe.statusCode >= 400 ? fe.statusCode : 500;
    return sendError(ctx, ids, reply, status, fe.message, status === 500 ? 'Internal' : undefined);
  });
  app.setNotFoundHandler((req, reply) => {
    if (!req.sled) return reply.code(404).send({ request_id: 'req-0', message: 'Not Found' });
    const path = req.url.split('?')[0];
    const allowed = [...new Set(routes.filter((r) => r.path.test(path)).map((r) => r.method))];
    if (allowed.length === 0) return sendError(req.sled.ctx, req.sled.ids, reply, 404, 'no route found');
    reply.header('allow', allowed.join(', '));
    return sendError(req.sled.ctx, req.sled.ids, reply, 405, 'Method Not Allowed');
  });
}
