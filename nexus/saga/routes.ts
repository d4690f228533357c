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

  // One page holds every saga the SEC knows (the simulator's SECs hold a handful).
  app.get('/sagas', { schema: { response: { 200: SAGA_RESULTS_PAGE_SCHEMA, ...ERROR_RESPONSES } } }, async (req) => ({ items: sagaContext(proc(req)).sec.wireList(), next_page: null }));

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
