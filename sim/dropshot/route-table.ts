// The routes an app serves, as fastify registered them (with implicit HEAD routes and every schema),
// so tests can hold the table against omicron's OpenAPI documents. Recording costs one push per
// route when an app is built; nothing reads it while a simulation runs.
import type { FastifyInstance, FastifySchema } from 'fastify';

export interface ServedRoute {
  method: string;
  /** fastify's form: `/artifacts/:sha256`. */
  url: string;
  schema?: FastifySchema;
}

const tables = new WeakMap<FastifyInstance, ServedRoute[]>();

/** Call before registering routes: from then on, every route of `app` (and its child scopes) is recorded. */
export function recordRoutes(app: FastifyInstance): void {
  const table: ServedRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) table.push({ method, url: r.url, schema: r.schema });
  });
}

/** The routes recorded for `app` (empty if it was built without `recordRoutes`). */
export function routesOf(app: FastifyInstance): readonly ServedRoute[] {
  return tables.get(app) ?? [];
}
