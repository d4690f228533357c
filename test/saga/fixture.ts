// A world with Nexus instances running the saga plugin, for API and recovery tests on virtual
// time. Background tasks keep timers forever, so a body runs until it settles, not until the
// queue drains.
import { applySchema, Nexus, sagaPlugin, type SagaOptions } from '../../nexus/index.js';
import { World, type Db, type WorldOptions } from '../../sim/index.js';
import { LockstepClient } from '../../scenarios/saga-client.js';

export interface SagaFixture {
  world: World;
  nexus: Nexus[];
  omdb: LockstepClient;
}

export interface SagaWorldOptions extends Partial<Omit<SagaOptions, 'templates'>> {
  nexus?: number;
  wrapDb?: (db: Db, name: string) => Db;
  /** Defaults to a constant 2 ms, so unit tests see one fixed interleaving. */
  dbLatency?: WorldOptions['dbLatency'];
  seed?: number;
}

export async function sagaWorld(o: SagaWorldOptions = {}): Promise<SagaFixture> {
  const world = new World({ seed: o.seed ?? 7, netLatency: { kind: 'const', ms: 3 }, dbLatency: o.dbLatency ?? { kind: 'const', ms: 2 }, keepTrace: true });
  applySchema(world.sql);
  const ids = world.rng.fork('ids');
  const nexus: Nexus[] = [];
  for (let j = 0; j < (o.nexus ?? 1); j++) {
    const name = `nexus-${j}`;
    const ctx = world.addNode(name, `fd00:1122:3344:1::${(0xa + j).toString(16)}`);
    const db = o.wrapDb ? o.wrapDb(world.db(name), name) : world.db(name);
    nexus.push(new Nexus(ctx, db, { id: ids.uuid(), name, generation: 1, rackId: 'rack', plugins: [sagaPlugin({ fencing: o.fencing, reassignment: o.reassignment, createOrder: o.createOrder, doneInference: o.doneInference, stuckThresholdMs: o.stuckThresholdMs })] }));
  }
  return { world, nexus, omdb: LockstepClient.onWorld(world) };
}

/** Runs `body` on virtual time until it settles. */
export async function settle<T>(world: World, body: () => Promise<T>): Promise<T> {
  let result: { ok: true; v: T } | { ok: false; e: unknown } | undefined;
  body().then(
    (v) => (result = { ok: true, v }),
    (e) => (result = { ok: false, e }),
  );
  await world.sched.run({ untilMs: world.now + 48 * 3_600_000, stop: () => result !== undefined });
  if (!result) throw new Error('body never settled');
  if (!result.ok) throw result.e;
  return result.v;
}
