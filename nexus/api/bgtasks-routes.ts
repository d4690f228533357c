// Lockstep API background-task endpoints (omicron nexus-lockstep-api): list, view, activate.
import type { FastifyInstance } from 'fastify';
import type { ProcessOf } from '../process.js';
import { notFound } from './errors.js';
import { BACKGROUND_TASK_MAP_SCHEMA, BACKGROUND_TASK_SCHEMA } from './schemas/background-task.js';

export function bgtasksRoutes(app: FastifyInstance, proc: ProcessOf): void {
  app.get('/bgtasks', { schema: { response: { 200: BACKGROUND_TASK_MAP_SCHEMA } } }, async (req) => {
    const p = proc(req);
    return Object.fromEntries(p.tasks.names().map((n) => [n, p.tasks.view(n)]));
  });

  app.get<{ Params: { name: string } }>(
    '/bgtasks/view/:name',
    { schema: { params: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] }, response: { 200: BACKGROUND_TASK_SCHEMA } } },
    async (req, reply) => {
      const view = proc(req).tasks.view(req.params.name);
      if (!view) return notFound(reply, `background task "${req.params.name}" not found`);
      return view;
    },
  );

  app.post<{ Body: { bgtask_names: string[] } }>(
    '/bgtasks/activate',
    {
      schema: {
        body: {
          type: 'object',
          required: ['bgtask_names'],
          additionalProperties: false,
          properties: { bgtask_names: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
    async (req, reply) => {
      const p = proc(req);
      const unknown = req.body.bgtask_names.filter((n) => !p.tasks.has(n));
      if (unknown.length > 0) return notFound(reply, `background task(s) not found: ${unknown.join(', ')}`);
      for (const n of req.body.bgtask_names) p.tasks.activate(n);
      return reply.code(204).send();
    },
  );
}
