// Helpers for kernel tests: a world, a tiny fastify app on a node, and "run this on virtual time".
import Fastify, { type FastifyInstance } from 'fastify';
import { World, type WorldOptions } from '../../sim/index.js';

export function world(opts: Partial<WorldOptions> = {}): World {
  return new World({ seed: 1, netLatency: { kind: 'const', ms: 5 }, dbLatency: { kind: 'const', ms: 2 }, keepTrace: true, ...opts });
}

async function drive<T>(w: World, body: () => Promise<T>, stopWhenSettled: boolean): Promise<T> {
  let result: { ok: true; v: T } | { ok: false; e: unknown } | undefined;
  body().then(
    (v) => (result = { ok: true, v }),
    (e) => (result = { ok: false, e }),
  );
  await w.sched.run(stopWhenSettled ? { stop: () => result !== undefined } : {});
  if (!result) throw new Error('body never settled (deadlock on virtual time)');
  if (!result.ok) throw result.e;
  return result.v;
}

/** Runs `body` on the world's virtual time until the scheduler has nothing left to do. */
export function onVirtualTime<T>(w: World, body: () => Promise<T>): Promise<T> {
  return drive(w, body, false);
}

/** Like onVirtualTime, but stops as soon as `body` settles: for worlds whose periodic tasks keep
 * the event queue from ever emptying. */
export function untilSettled<T>(w: World, body: () => Promise<T>): Promise<T> {
  return drive(w, body, true);
}

export async function echoApp(name: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/who', async () => ({ name }));
  app.get('/slow', async () => ({ name }));
  await app.ready();
  return app;
}
