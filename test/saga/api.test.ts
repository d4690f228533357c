// The lockstep saga routes, answering in the shapes of openapi/nexus-lockstep.json at omicron
// b848b6df85 (`Saga` with an internally tagged `state`, `SagaResultsPage`, `DemoSaga`, `Error`):
// every body is validated against the route's schema, success and error alike.
import { afterEach, describe, expect, it } from 'vitest';
import { applySchema, DEMO_SAGA, Nexus, NEXUS_LOCKSTEP_PORT, SAGA_RECOVERY_TASK, sagaPlugin, startDemoSaga, type SagaTemplate } from '../../nexus/index.js';
import { ERROR_SCHEMA } from '../../nexus/api/schemas/error.js';
import { DEMO_SAGA_SCHEMA, SAGA_RESULTS_PAGE_SCHEMA, SAGA_SCHEMA, STUCK_SAGA_REPORT_SCHEMA } from '../../nexus/api/schemas/saga.js';
import { LockstepClient } from '../../scenarios/saga-client.js';
import { World } from '../../sim/index.js';
import { expectFits, expectRejects } from '../nexus/ajv.js';
import { sagaWorld, settle, type SagaFixture } from './fixture.js';
import { wireComplaint } from '../wire/openapi-oracle.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('lockstep saga API', () => {
  let f: SagaFixture | undefined;
  // Every answer is also held to omicron's lockstep document (not our route schemas); GET
  // /health/stuck-sagas is ours alone (README) and has no operation there.
  let complaints: string[] = [];
  afterEach(() => {
    f?.world.close();
    const seen = complaints;
    complaints = [];
    expect(seen).toEqual([]);
  });

  async function call(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> {
    const n = f!.nexus[0];
    const res = await f!.omdb.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    const out = { status: res.status, body: text ? JSON.parse(text) : undefined };
    const complaint = path.startsWith('/health/') ? undefined : wireComplaint('nexus-lockstep', { method, url: path, status: out.status, body: out.body ?? null });
    if (complaint) complaints.push(complaint);
    return out;
  }

  it('creates, views, completes and lists a demo saga', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const created = await call('/demo-saga', 'POST');
      expect(created.status).toBe(200);
      expectFits(DEMO_SAGA_SCHEMA, created.body);
      expect(Object.keys(created.body).sort()).toEqual(['demo_saga_id', 'saga_id']);
      const { saga_id, demo_saga_id } = created.body;
      const running = await call(`/sagas/${saga_id}`);
      expect(running).toEqual({ status: 200, body: { id: saga_id, state: { state: 'running' } } });
      expectFits(SAGA_SCHEMA, running.body);
      expect((await call(`/demo-saga/${demo_saga_id}/complete`, 'POST')).status).toBe(204);
      await f!.omdb.awaitSagaState(f!.nexus[0], saga_id, 'succeeded');
      const list = await call('/sagas');
      expect(list.body).toEqual({ items: [{ id: saga_id, state: { state: 'succeeded' } }], next_page: expect.any(String) });
      expectFits(SAGA_RESULTS_PAGE_SCHEMA, list.body);
      // As dropshot's ResultsPage: a non-empty page has a token; the page after the last is empty.
      const rest = await call(`/sagas?page_token=${encodeURIComponent(list.body.next_page)}`);
      expect(rest.body).toEqual({ items: [], next_page: null });
      expectFits(SAGA_RESULTS_PAGE_SCHEMA, rest.body);
      // The flat shape the simulator used to serve is not a `Saga`.
      expectRejects(SAGA_SCHEMA, { id: saga_id, state: 'succeeded' });
      const row = f!.world.sql.prepare('SELECT saga_state, current_sec, adopt_generation FROM saga WHERE id = ?').get(saga_id);
      expect(row).toEqual({ saga_state: 'done', current_sec: f!.nexus[0].id, adopt_generation: 1 });
      const events = f!.world.sql.prepare('SELECT node_id, event_type FROM saga_node_event WHERE saga_id = ? ORDER BY rowid').all(saga_id);
      expect(events).toEqual([
        { node_id: 0, event_type: 'started' },
        { node_id: 0, event_type: 'succeeded' },
      ]);
    });
  });

  it('pages the list by id with limit and page_token, as saga_list_stream reads it', async () => {
    f = await sagaWorld();
    await settle(f.world, async () => {
      await f!.nexus[0].start();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await call('/demo-saga', 'POST')).body.saga_id);
      ids.sort();
      const p1 = await call('/sagas?limit=2&sort_by=id_ascending');
      expect(p1.body.items.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
      const p2 = await call(`/sagas?limit=2&page_token=${encodeURIComponent(p1.body.next_page)}`);
      expect(p2.body.items.map((s: { id: string }) => s.id)).toEqual(ids.slice(2));
      const p3 = await call(`/sagas?limit=2&page_token=${encodeURIComponent(p2.body.next_page)}`);
      expect(p3.body).toEqual({ items: [], next_page: null });
      for (const p of [p1, p2, p3]) expectFits(SAGA_RESULTS_PAGE_SCHEMA, p.body);
      expect((await f!.omdb.sagas(f!.nexus[0])).map((s) => s.id)).toEqual(ids);
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
      expect(unknownSaga.body.message).toBe(`not found: saga-dbg with id "${UNKNOWN}"`);
      expectFits(ERROR_SCHEMA, unknownSaga.body);
      const unknownDemo = await call(`/demo-saga/${UNKNOWN}/complete`, 'POST');
      expect(unknownDemo.status).toBe(404);
      expect(unknownDemo.body).toMatchObject({ error_code: 'Not Found', message: `demo saga with demo saga id ${UNKNOWN} (demo_saga)` });
      expectFits(ERROR_SCHEMA, unknownDemo.body);
      for (const path of ['/sagas/not-a-uuid']) {
        const r = await call(path);
        expect(r.status).toBe(400);
        expect(r.body.message).toMatch(/uuid/);
        expectFits(ERROR_SCHEMA, r.body);
      }
      const badDemo = await call('/demo-saga/nope/complete', 'POST');
      expect(badDemo.status).toBe(400);
      expect(badDemo.body.message).toMatch(/uuid/);
      expectFits(ERROR_SCHEMA, badDemo.body);
      for (const q of ['limit=0', 'limit=x', 'sort_by=name_ascending', 'page_token=!!']) {
        const r = await call(`/sagas?${q}`);
        expect(r.status, q).toBe(400);
        expectFits(ERROR_SCHEMA, r.body);
      }
      expect((await call('/sagas?page_token=bm90LWEtdG9rZW4=')).body.message).toBe('failed to parse pagination token: corrupted token');
      const badThreshold = await call('/health/stuck-sagas?threshold_secs=soon');
      expect(badThreshold.status).toBe(400);
      expect(badThreshold.body.message).toContain('threshold_secs');
      expectFits(ERROR_SCHEMA, badThreshold.body);
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
      expectFits(STUCK_SAGA_REPORT_SCHEMA, r.body);
      expect(r.body.stuck_sagas.map((s: { id: string }) => s.id)).toEqual([saga_id]);
      expect(r.body.stuck_sagas[0]).toMatchObject({ name: 'demo', state: 'running', creator: f!.nexus[0].id, current_sec: f!.nexus[0].id });
    });
  });
});

describe('lockstep saga view of a failed and a stuck saga', () => {
  // A saga whose second action fails (it unwinds: failed), and one whose undo fails too (stuck).
  const boom = (what: string) => async () => {
    throw new Error(what);
  };
  const FAILS: SagaTemplate = { name: 'fails', nodes: [{ name: 'first', action: async () => 1 }, { name: 'second', action: boom('second broke') }] };
  const STUCK: SagaTemplate = {
    name: 'sticks',
    nodes: [
      { name: 'first', action: async () => 1, undo: boom('undo of first broke') },
      { name: 'second', action: boom('second broke') },
    ],
  };

  it('carries error_node_name and error_info (and the undo error when stuck), as the document has them', async () => {
    const world = new World({ seed: 3, netLatency: { kind: 'const', ms: 3 }, dbLatency: { kind: 'const', ms: 2 } });
    try {
      applySchema(world.sql);
      const ctx = world.addNode('nexus-0', 'fd00:1122:3344:1::a');
      const n = new Nexus(ctx, world.db('nexus-0'), { id: '00000000-0000-4000-8000-00000000000a', name: 'nexus-0', generation: 1, rackId: 'r', plugins: [sagaPlugin({ templates: [DEMO_SAGA, FAILS, STUCK] })] });
      const omdb = LockstepClient.onWorld(world);
      await settle(world, async () => {
        await n.start();
        const { saga_id: failed } = await startDemoSaga(n.process, 'fails');
        const { saga_id: stuck } = await startDemoSaga(n.process, 'sticks');
        await omdb.awaitSagaState(n, failed, 'failed', 10, 100);
        await omdb.awaitSagaState(n, stuck, 'stuck', 10, 100);
        const f1 = (await omdb.saga(n, failed)).body!;
        expect(f1).toEqual({ id: failed, state: { state: 'failed', error_node_name: 'second', error_info: { error: 'action_failed', source_error: { message: 'second broke' } } } });
        expectFits(SAGA_SCHEMA, f1);
        const s1 = (await omdb.saga(n, stuck)).body!;
        expect(s1).toEqual({
          id: stuck,
          state: {
            state: 'stuck',
            error_node_name: 'second',
            error_info: { error: 'action_failed', source_error: { message: 'second broke' } },
            undo_error_node_name: 'first',
            undo_source_error: { message: 'undo of first broke' },
          },
        });
        expectFits(SAGA_SCHEMA, s1);
        // A failed saga without its error is not a `Saga`.
        expectRejects(SAGA_SCHEMA, { id: failed, state: { state: 'failed' } });
        expectFits(SAGA_RESULTS_PAGE_SCHEMA, { items: await omdb.sagas(n), next_page: null });
      });
    } finally {
      world.close();
    }
  });
});
