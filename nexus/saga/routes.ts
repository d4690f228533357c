// Lockstep API saga endpoints (port 12232): the demo saga (`POST /demo-saga`,
// `POST /demo-saga/{demo_saga_id}/complete`), the in-memory SEC view (`GET /sagas`,
// `GET /sagas/{saga_id}`) and, ours, `GET /health/stuck-sagas` (omicron folds the stuck-saga
// check into `/v1/system/update/status` `contact_support`).
import type { FastifyInstance } from 'fastify';
import { badRequest, notFoundPlain, objectNotFoundById } from '../api/errors.js';
import { ERROR_RESPONSES } from '../api/schemas/error.js';
import { DEMO_SAGA_SCHEMA, SAGA_RESULTS_PAGE_SCHEMA, SAGA_SCHEMA, STUCK_SAGA_REPORT_SCHEMA } from '../api/schemas/saga.js';
import type { NexusProcess, ProcessOf } from '../process.js';
import { sagaContext } from './context.js';
import { DEMO_SAGA, DemoSagaNotFound, demoSagas } from './demo.js';
import { checkStuckSagas } from './stuck-health.js';

const uuidParam = (name: string) => ({
  type: 'object',
  properties: { [name]: { type: 'string', format: 'uuid' } },
  required: [name],
});

/** Starts a demo-style saga: preregisters its wait, then creates it. */
export async function startDemoSaga(p: NexusProcess, template = DEMO_SAGA.name, extra: Record<string, unknown> = {}): Promise<{ saga_id: string; demo_saga_id: string }> {
  const demoId = p.rng('demo-saga-ids').uuid();
  demoSagas(p).preregister(demoId);
  const sagaId = await sagaContext(p).sec.create(template, { id: demoId, ...extra });
  p.trace('saga.demo_created', { saga: sagaId, demo_saga_id: demoId, template });
  return { saga_id: sagaId, demo_saga_id: demoId };
}

/** dropshot's `ConfigDropshot` defaults: `default_request_body_max_bytes` aside, pages default
 * to 100 items and are capped at 10000 (`page_default_nitems`, `page_max_nitems`). */
const DEFAULT_PAGE_ITEMS = 100;
const MAX_PAGE_ITEMS = 10_000;

/** A page token as dropshot writes one: URL-safe base64 (padded) of `{"v":"v1","page_start":…}`. */
function pageToken(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: 'v1', page_start: { sort_by: 'id_ascending', id: lastId } })).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function readPageToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(token)) return undefined;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; page_start?: { id?: unknown } };
    return t.v === 'v1' && typeof t.page_start?.id === 'string' ? t.page_start.id : undefined;
  } catch {
    return undefined;
  }
}

export function sagaRoutes(app: FastifyInstance, proc: ProcessOf): void {
  app.post('/demo-saga', { schema: { response: { 200: DEMO_SAGA_SCHEMA, ...ERROR_RESPONSES } } }, async (req) => startDemoSaga(proc(req)));

  app.post<{ Params: { demo_saga_id: string } }>('/demo-saga/:demo_saga_id/complete', { schema: { params: uuidParam('demo_saga_id'), response: ERROR_RESPONSES } }, async (req, reply) => {
    const p = proc(req);
    try {
      demoSagas(p).complete(req.params.demo_saga_id);
    } catch (err) {
      // nexus/src/app/sagas/demo.rs `complete`: `{:?}` of a DemoSagaUuid prints its kind tag.
      if (err instanceof DemoSagaNotFound) return notFoundPlain(reply, `demo saga with demo saga id ${req.params.demo_saga_id} (demo_saga)`);
      throw err;
    }
    p.trace('saga.demo_completed', { demo_saga_id: req.params.demo_saga_id });
    return reply.code(204).send();
  });

  // `saga_list` is paginated by id (dropshot `PaginationParams<EmptyScanParams, PaginatedById>`):
  // `limit` (at least 1; dropshot's default page is 100 items), an opaque `page_token` that
  // resumes after the last id of the previous page, `sort_by` only `id_ascending`. As dropshot's
  // `ResultsPage::new` does, every non-empty page carries a `next_page` token (only an empty page
  // ends the scan); progenitor's `saga_list_stream` follows it.
  app.get<{ Querystring: { limit?: number; page_token?: string; sort_by?: string } }>(
    '/sagas',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 4294967295 }, page_token: { type: 'string' }, sort_by: { type: 'string', enum: ['id_ascending'] } },
        },
        response: { 200: SAGA_RESULTS_PAGE_SCHEMA, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      let after: string | undefined;
      if (req.query.page_token !== undefined) {
        after = readPageToken(req.query.page_token);
        if (after === undefined) return badRequest(reply, 'failed to parse pagination token: corrupted token');
      }
      const limit = Math.min(req.query.limit ?? DEFAULT_PAGE_ITEMS, MAX_PAGE_ITEMS);
      const all = sagaContext(proc(req)).sec.wireList();
      const items = all.filter((s) => after === undefined || s.id > after).slice(0, limit);
      const next_page = items.length > 0 ? pageToken(items[items.length - 1].id) : null;
      return { items, next_page };
    },
  );

  app.get<{ Params: { saga_id: string } }>('/sagas/:saga_id', { schema: { params: uuidParam('saga_id'), response: { 200: SAGA_SCHEMA, ...ERROR_RESPONSES } } }, async (req, reply) => {
    const v = sagaContext(proc(req)).sec.wire(req.params.saga_id);
    // nexus/src/app/saga.rs `saga_get`: not_found_by_id(ResourceType::SagaDbg, ..).
    if (!v) return objectNotFoundById(reply, 'saga-dbg', req.params.saga_id);
    return v;
  });

  app.get<{ Querystring: { threshold_secs?: string } }>('/health/stuck-sagas', { schema: { response: { 200: STUCK_SAGA_REPORT_SCHEMA, ...ERROR_RESPONSES } } }, async (req, reply) => {
    const p = proc(req);
    let threshold = sagaContext(p).opts.stuckThresholdMs;
    const q = req.query.threshold_secs;
    if (q !== undefined) {
      if (!/^\d+$/.test(q)) return badRequest(reply, `threshold_secs must be a non-negative integer, got "${q}"`);
      threshold = Number(q) * 1000;
    }
    return checkStuckSagas(p, threshold);
  });
}
