// 400s for a body missing one field read as serde_json's through dropshot ("unable to parse JSON
// body: missing field `x` at line L column C", the column of the object's closing brace); with any
// other fault too, ajv's detail stays (serde would name whichever fault comes first in the text).
import { describe, expect, it } from 'vitest';
import { serdeBodyDetail } from '../../sim/index.js';
import { Nexus, NEXUS_INTERNAL_PORT, applySchema } from '../../nexus/index.js';
import { untilSettled, world } from '../support/world.js';

const req = (instancePath: string, missingProperty: string) => [{ keyword: 'required', instancePath, params: { missingProperty } }];

describe('serdeBodyDetail', () => {
  it('points at the closing brace of the object missing the field, top level or nested, on any line', () => {
    expect(serdeBodyDetail(req('', 'b'), '{"a":1}')).toBe('missing field `b` at line 1 column 7');
    expect(serdeBodyDetail(req('/baseboard', 'serial'), '{"a":"x}","baseboard":{"part":"p","revision":0},"z":[1]}')).toBe('missing field `serial` at line 1 column 47');
    expect(serdeBodyDetail(req('/z/1', 'w'), '{"z":[1,{"q":"]"}]}')).toBe('missing field `w` at line 1 column 17');
    expect(serdeBodyDetail(req('', 'b'), '{\n  "a": 1\n}')).toBe('missing field `b` at line 3 column 1');
    expect(serdeBodyDetail([{ keyword: 'type', instancePath: '/a', params: {} }], '{"a":1}')).toBeUndefined();
  });
});

describe('a simulated server 400s as dropshot/serde word them', () => {
  async function post(text: string) {
    const w = world();
    applySchema(w.sql);
    const ctx = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
    const client = w.addNode('client', 'fd00::c');
    const nexus = new Nexus(ctx, w.db('nexus-0'), { id: '00000000-0000-4000-8000-000000000001', name: 'nexus-0', generation: 1, rackId: 'r', plugins: [] });
    await untilSettled(w, () => nexus.start());
    return untilSettled(w, async () => {
      const res = await client.fetch(`http://[fd00:1122:3344:1::a]:${NEXUS_INTERNAL_PORT}/sled-agents/11111111-2222-4333-8444-555555555555`, {
        method: 'POST',
        headers: { 'api-version': '1.0.0', 'content-type': 'application/json' },
        body: text,
      });
      return { status: res.status, body: (await res.json()) as { message: string } };
    });
  }
  const whole = {
    sa_address: '[fd00::1]:1',
    repo_depot_port: 12348,
    role: 'gimlet',
    baseboard: { part: 'p', revision: 0, serial: 's' },
    usable_hardware_threads: 1,
    usable_physical_ram: 2,
    reservoir_size: 1,
    cpu_family: 'amd_milan',
    generation: 1,
    decommissioned: false,
  };

  it('one missing field, compact or pretty-printed: serde\'s text and position', async () => {
    const { baseboard: _b, ...noBaseboard } = whole;
    const compact = JSON.stringify(noBaseboard);
    expect(await post(compact)).toMatchObject({ status: 400, body: { message: `unable to parse JSON body: missing field \`baseboard\` at line 1 column ${compact.length}` } });
    const pretty = JSON.stringify({ ...whole, baseboard: { part: 'p', revision: 0 } }, null, 2);
    const r = await post(pretty);
    const lines = pretty.split('\n');
    const braceLine = lines.findIndex((l) => l.includes('"revision"')) + 2;
    expect(r.body.message).toBe(`unable to parse JSON body: missing field \`serial\` at line ${braceLine} column 3`);
  });

  it('a missing field and another fault: ajv\'s detail, after dropshot\'s prefix', async () => {
    const { baseboard: _b, ...noBaseboard } = whole;
    const r = await post(JSON.stringify({ ...noBaseboard, generation: 'one' }));
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^unable to parse JSON body: /);
    expect(r.body.message).not.toMatch(/at line/);
  });
});
