// Lockstep API background-task endpoints (omicron nexus-lockstep-api): list, view, activate, with
// the not-found bodies of nexus/src/app/background/status.rs at b848b6df85.
import type { FastifyInstance } from 'fastify';
import type { ProcessOf } from '../process.js';
import { notFound } from './errors.js';
import { BACKGROUND_TASK_MAP_SCHEMA, BACKGROUND_TASK_SCHEMA } from './schemas/background-task.js';
import { ERROR_RESPONSES } from './schemas/error.js';

export function bgtasksRoutes(app: FastifyInstance, proc: ProcessOf): void {
  // A BTreeMap in omicron: the tasks in name order.
  app.get('/bgtasks', { schema: { response: { 200: BACKGROUND_TASK_MAP_SCHEMA, ...ERROR_RESPONSES } } }, async (req) => {
    const p = proc(req);
    return Object.fromEntries([...p.tasks.names()].sort().map((n) => [n, p.tasks.view(n)]));
  });

  app.get<{ Params: { bgtask_name: string } }>(
    '/bgtasks/view/:bgtask_name',
    { schema: { params: { type: 'object', properties: { bgtask_name: { type: 'string' } }, required: ['bgtask_name'] }, response: { 200: BACKGROUND_TASK_SCHEMA, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      const view = proc(req).tasks.view(req.params.bgtask_name);
      // LookupType::ByName(..).into_not_found(ResourceType::BackgroundTask)
      if (!view) return notFound(reply, `not found: background-task with name "${req.params.bgtask_name}"`);
      return view;
    },
  );

  // `BackgroundTasksActivateRequest`: serde reads the names into a BTreeSet (duplicates fold,
  // unknown fields are ignored); any unknown name fails the whole request and activates nothing.
  app.post<{ Body: { bgtask_names: string[] } }>(
    '/bgtasks/activate',
    {
      schema: {
        body: { type: 'object', required: ['bgtask_names'], properties: { bgtask_names: { type: 'array', items: { type: 'string' } } } },
        response: ERROR_RESPONSES,
      },
    },
    async (req, reply) => {
      const p = proc(req);
      const names = [...new Set(req.body.bgtask_names)].sort();
      const unknown = names.filter((n) => !p.tasks.has(n));
      // LookupType::ByOther("background tasks: a, b").into_not_found(..)
      if (unknown.length > 0) return notFound(reply, `not found: background tasks: ${unknown.join(', ')}`);
      // In the driver's (registration) order, as `driver.tasks().filter(..)` yields them.
      for (const n of p.tasks.names()) if (names.includes(n)) p.tasks.activate(n);
      return reply.code(204).send();
    },
  );
}
