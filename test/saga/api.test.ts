import { afterEach, describe, expect, it } from 'vitest';
import { NEXUS_LOCKSTEP_PORT, SAGA_RECOVERY_TASK } from '../../nexus/index.js';
import { sagaWorld, settle, type SagaFixture } from './fixture.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('lockstep saga API', () => {
  let f: SagaFixture | undefined;
  afterEach(() => f?.world.close());

  async function call(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> {
    const n = f!.nexus[0];
    const res = await f!.omdb.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  it('creates, views, completes and lists a demo saga', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const created = await call('/demo-saga', 'POST');
      expect(created.status).toBe(200);
      expect(Object.keys(created.body).sort()).toEqual(['demo_saga_id', 'saga_id']);
      const { saga_id, demo_saga_id } = created.body;
      expect(await call(`/sagas/${saga_id}`)).toEqual({ status: 200, body: { id: saga_id, state: 'running' } });
      expect((await call(`/demo-saga/${demo_saga_id}/complete`, 'POST')).status).toBe(204);
      await f!.omdb.awaitSagaState(f!.nexus[0], saga_id, 'succeeded');
      expect((await call('/sagas')).body).toEqual({ items: [{ id: saga_id, state: 'succeeded' }], next_page: null });
      const row = f!.world.sql.prepare('SELECT saga_state, current_sec, adopt_generation FROM saga WHERE id = ?').get(saga_id);
      expect(row).toEqual({ saga_state: 'done', current_sec: f!.nexus[0].id, adopt_generation: 1 });
      const events = f!.world.sql.prepare('SELECT node_id, event_type FROM saga_node_event WHERE saga_id = ? ORDER BY rowid').all(saga_id);
      expect(events).toEqual([
        { node_id: 0, event_type: 'started' },
        { node_id: 0, event_type: 'succeeded' },
      ]);
    });
  });

  it('accepts a complete that arrives before the new saga waits (preregistered)', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const { saga_id, demo_saga_id } = (await call('/demo-saga', 'POST')).body;
      // The action may not have started waiting yet; the permit is kept for it.
      expect((await call(`/demo-saga/${demo_saga_id}/complete`, 'POST')).status).toBe(204);
      await f!.omdb.awaitSagaState(f!.nexus[0], saga_id, 'succeeded', 10, 100);
    });
  });

  it('rejects unknown ids with 404 and malformed ids with 400 and a reason', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const unknownSaga = await call(`/sagas/${UNKNOWN}`);
      expect(unknownSaga.status).toBe(404);
      expect(unknownSaga.body.error_code).toBe('ObjectNotFound');
      const unknownDemo = await call(`/demo-saga/${UNKNOWN}/complete`, 'POST');
      expect(unknownDemo.status).toBe(404);
      expect(unknownDemo.body.message).toContain(UNKNOWN);
      for (const path of ['/sagas/not-a-uuid']) {
        const r = await call(path);
        expect(r.status).toBe(400);
        expect(r.body.message).toMatch(/uuid/);
      }
      const badDemo = await call('/demo-saga/nope/complete', 'POST');
      expect(badDemo.status).toBe(400);
      expect(badDemo.body.message).toMatch(/uuid/);
      const badThreshold = await call('/health/stuck-sagas?threshold_secs=soon');
      expect(badThreshold.status).toBe(400);
      expect(badThreshold.body.message).toContain('threshold_secs');
      // Nothing was written by the bad requests.
      expect(f!.world.sql.prepare('SELECT count(*) AS n FROM saga').get()).toEqual({ n: 0 });
    });
  });

  it('shows saga_recovery among the background tasks, with its report', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const v = await f!.omdb.activateAndWait(f!.nexus[0], SAGA_RECOVERY_TASK);
      expect(v.period).toEqual({ secs: 600, nanos: 0 });
      const all = await call('/bgtasks');
      expect(Object.keys(all.body)).toContain(SAGA_RECOVERY_TASK);
      const view = await call(`/bgtasks/view/${SAGA_RECOVERY_TASK}`);
      expect(view.body.last.details.details.last_pass).toEqual({ Success: { nfound: 0, nrecovered: 0, nfailed: 0, nskipped: 0, nremoved: 0 } });
    });
  });

  it('reports running sagas older than the threshold at request time', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const { saga_id } = (await call('/demo-saga', 'POST')).body;
      expect((await call('/health/stuck-sagas')).body.stuck_sagas).toEqual([]);
      await f!.omdb.ctx.clock.sleep(1_000);
      const r = await call('/health/stuck-sagas?threshold_secs=0');
      expect(r.body.stuck_sagas.map((s: { id: string }) => s.id)).toEqual([saga_id]);
      expect(r.body.stuck_sagas[0]).toMatchObject({ name: 'demo', state: 'running', creator: f!.nexus[0].id, current_sec: f!.nexus[0].id });
    });
  });
});
