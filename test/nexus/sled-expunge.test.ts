// Lockstep `POST /sleds/expunge` (omicron nexus/lockstep-api `sled_expunge`, datastore
// `sled_set_policy_to_expunged`): the previous policy on success, idempotent, 404 for an unknown
// sled, 409 with omicron's TransitionError text for a decommissioned one, 400 for a bad body;
// an expunged sled leaves the in-service list the replication tasks read.
import { describe, expect, it } from 'vitest';
import { Nexus, NEXUS_INTERNAL_PORT, NEXUS_LOCKSTEP_PORT, applySchema, sledListInService } from '../../nexus/index.js';
import { SLED_POLICY_SCHEMA } from '../../nexus/api/schemas/sled-policy.js';
import { ERROR_SCHEMA } from '../../nexus/api/schemas/error.js';
import { untilSettled as onVirtualTime, world } from '../support/world.js';
import { expectFits, expectRejects } from './ajv.js';

const SLED = '11111111-2222-4333-8444-555555555555';
const OTHER = '11111111-2222-4333-8444-666666666666';

async function rig() {
  const w = world();
  applySchema(w.sql);
  const ctx = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const client = w.addNode('client', 'fd00::c');
  const nexus = new Nexus(ctx, w.db('nexus-0'), { id: '00000000-0000-4000-8000-000000000001', name: 'nexus-0', generation: 1, rackId: 'r', plugins: [] });
  await onVirtualTime(w, () => nexus.start());
  const call = (port: number, method: string, path: string, body?: unknown) =>
    onVirtualTime(w, async () => {
      const res = await client.fetch(`http://[fd00:1122:3344:1::a]:${port}${path}`, {
        method,
        headers: { ...(port === NEXUS_INTERNAL_PORT ? { 'api-version': '1.0.0' } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
    });
  const register = async (id: string, port: number) =>
    expect(
      (
        await call(NEXUS_INTERNAL_PORT, 'POST', `/sled-agents/${id}`, {
          sa_address: `[fd00:1122:3344:101::1]:${port}`,
          repo_depot_port: 12348,
          role: 'gimlet',
          baseboard: { part: '913-0000019', revision: 0, serial: `s-${port}` },
          usable_hardware_threads: 128,
          usable_physical_ram: 2 ** 40,
          reservoir_size: 0,
          cpu_family: 'amd_milan',
          generation: 1,
          decommissioned: false,
        })
      ).status,
    ).toBe(204);
  const expunge = (sled: unknown) => call(NEXUS_LOCKSTEP_PORT, 'POST', '/sleds/expunge', { sled });
  const policy = (id: string) => (w.sql.prepare('SELECT sled_policy FROM sled WHERE id = ?').get(id) as { sled_policy: string }).sled_policy;
  return { w, call, register, expunge, policy, db: w.db('reader') };
}

describe('lockstep API: POST /sleds/expunge', () => {
  it('answers the previous policy, is idempotent, and takes the sled out of service', async () => {
    const { w, register, expunge, policy, db } = await rig();
    await register(SLED, 12345);
    await register(OTHER, 12346);
    const first = await expunge(SLED);
    expect(first).toEqual({ status: 200, body: { kind: 'in_service', provision_policy: 'provisionable' } });
    expectFits(SLED_POLICY_SCHEMA, first.body);
    expect(policy(SLED)).toBe('expunged');
    // Idempotent: the old policy is now "expunged".
    const again = await expunge(SLED);
    expect(again).toEqual({ status: 200, body: { kind: 'expunged' } });
    expectFits(SLED_POLICY_SCHEMA, again.body);
    expect(policy(OTHER)).toBe('in_service');
    const inService = await onVirtualTime(w, () => sledListInService(db));
    expect(inService.map((s) => s.id)).toEqual([OTHER]);
  });

  it('reports a non-provisionable sled as such', async () => {
    const { w, register, expunge } = await rig();
    await register(SLED, 12345);
    w.sql.prepare("UPDATE sled SET sled_policy = 'no_provision'").run();
    expect(await expunge(SLED)).toEqual({ status: 200, body: { kind: 'in_service', provision_policy: 'non_provisionable' } });
  });

  it('404 for an unknown sled, writing nothing', async () => {
    const { expunge } = await rig();
    const r = await expunge(SLED);
    expect(r).toMatchObject({ status: 404, body: { error_code: 'ObjectNotFound', message: `not found: sled with id "${SLED}"` } });
    expectFits(ERROR_SCHEMA, r.body);
  });

  it('409 with the TransitionError text for a decommissioned sled, even one already expunged', async () => {
    const { w, register, expunge, policy } = await rig();
    await register(SLED, 12345);
    w.sql.prepare("UPDATE sled SET sled_state = 'decommissioned'").run();
    const r = await expunge(SLED);
    expect(r).toMatchObject({
      status: 409,
      body: {
        error_code: 'Conflict',
        message: `sled id ${SLED} has current policy "in service" and state "decommissioned" and the transition to policy "expunged" is not permitted`,
      },
    });
    expectFits(ERROR_SCHEMA, r.body);
    expect(policy(SLED)).toBe('in_service');
    w.sql.prepare("UPDATE sled SET sled_policy = 'expunged'").run();
    expect(await expunge(SLED)).toMatchObject({ status: 409, body: { message: expect.stringContaining('current policy "expunged" and state "decommissioned"') } });
  });

  it('400 for a body that is not a SledSelector', async () => {
    const { call, register, policy } = await rig();
    await register(SLED, 12345);
    for (const body of [{ sled: 'not-a-uuid' }, {}, { id: SLED }]) {
      const r = await call(NEXUS_LOCKSTEP_PORT, 'POST', '/sleds/expunge', body);
      expect(r.status).toBe(400);
      expectFits(ERROR_SCHEMA, r.body);
    }
    expect(policy(SLED)).toBe('in_service');
    expectRejects(SLED_POLICY_SCHEMA, { kind: 'in_service' });
  });
});
