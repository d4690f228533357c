// The route table against omicron's documents (test/wire/openapi/, copied by `pnpm openapi:extract`):
// every route each app serves is an operation of its document (method, path, path and query
// parameters), and each route's fastify schema refines the document's (responses per status, JSON
// bodies), so drift on either side fails here. The v1 sled protocol models the sled agent before
// omicron PR #7519 and is held to the document of its commit (74a6c136fc).
import { beforeAll, describe, expect, it } from 'vitest';
import { doc, findOperation, inlined, operations, type ApiName, type Operation, type Schema } from './openapi-oracle.js';
import { refinementGaps } from './schema-refines.js';
import { servedApps, type ServedApp } from './served-apps.js';

/** Routes the simulator serves that omicron's document lacks, each a documented deliberate difference (README, fidelity). */
const OURS_ONLY: Record<string, string> = {
  'Nexus lockstep GET /health/stuck-sagas': 'our stuck-saga report; omicron folds the check into its saga views (README)',
};

/** Responses that deliberately differ from the document, and why. */
const RESPONSE_DIFFERS: Record<string, string> = {
  'v1 sled agent GET /inventory': 'the simulator has one Inventory (48.0.0’s) for both protocols; no v1 scenario reads it beyond the smoke check',
};

const template = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const key = (a: ServedApp, method: string, url: string) => `${a.app} ${method} ${template(url)}`;

let apps: ServedApp[];
beforeAll(async () => {
  apps = await servedApps();
});

function propsOf(s: unknown): { names: string[]; required: string[] } {
  const o = (s ?? {}) as Schema;
  return { names: Object.keys((o.properties ?? {}) as object).sort(), required: [...((o.required ?? []) as string[])].sort() };
}

function params(op: Operation, where: 'path' | 'query') {
  const ps = (op.parameters ?? []).filter((p) => p.in === where);
  return { names: ps.map((p) => p.name).sort(), required: ps.filter((p) => p.required).map((p) => p.name).sort() };
}

describe('the route table matches omicron’s documents', () => {
  it('every route is an operation of its document, nothing else is served (no implicit HEAD)', () => {
    const unknown: string[] = [];
    for (const a of apps) for (const r of a.routes) if (!findOperation(a.api, r.method, template(r.url)) && !(key(a, r.method, r.url) in OURS_ONLY)) unknown.push(key(a, r.method, r.url));
    expect(unknown).toEqual([]);
    // The copies hold exactly what we serve: each of their operations is served.
    for (const a of apps) {
      const served = new Set(a.routes.map((r) => `${r.method} ${template(r.url)}`));
      expect(operations(a.api).map((o) => `${o.method} ${o.path}`).filter((o) => !served.has(o)), a.app).toEqual([]);
    }
    // The carve-outs are real routes (a stale entry would hide nothing and say something false).
    const all = new Set(apps.flatMap((a) => a.routes.map((r) => key(a, r.method, r.url))));
    expect(Object.keys(OURS_ONLY).filter((k) => !all.has(k))).toEqual([]);
  });

  it('path and query parameters are the document’s: names, and which are required', () => {
    const out: Array<[string, unknown, unknown]> = [];
    for (const a of apps) {
      for (const r of a.routes) {
        const found = findOperation(a.api, r.method, template(r.url));
        if (!found) continue;
        const s = (r.schema ?? {}) as Schema;
        const ourPath = propsOf(s.params);
        const pathNames = [...template(r.url).matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        out.push([`${key(a, r.method, r.url)} path`, { names: pathNames, required: pathNames }, params(found.op, 'path')]);
        if (ourPath.names.length > 0) out.push([`${key(a, r.method, r.url)} path schema`, ourPath, params(found.op, 'path')]);
        out.push([`${key(a, r.method, r.url)} query`, propsOf(s.querystring), params(found.op, 'query')]);
      }
    }
    expect(out.filter(([, ours, theirs]) => JSON.stringify(ours) !== JSON.stringify(theirs))).toEqual([]);
  });

  it('each route’s response schemas refine the document’s, status by status', () => {
    const gaps: string[] = [];
    for (const a of apps) {
      for (const r of a.routes) {
        const found = findOperation(a.api, r.method, template(r.url));
        if (!found) continue;
        const k = key(a, r.method, r.url);
        if (k in RESPONSE_DIFFERS) continue;
        const ours = ((r.schema ?? {}) as Schema).response as Record<string, unknown> | undefined;
        if (!ours) {
          gaps.push(`${k}: no response schema`);
          continue;
        }
        const theirKeys = Object.keys(found.op.responses);
        for (const ok of Object.keys(ours)) if (!theirKeys.includes(ok.toUpperCase())) gaps.push(`${k}: ours declares ${ok}, the document ${theirKeys.join(', ')}`);
        for (const [status, resp] of Object.entries(found.op.responses)) {
          const r2 = resp.$ref ? doc(a.api).components.responses![resp.$ref.split('/').pop()!] : resp;
          const json = r2.content?.['application/json'];
          if (!json) continue;
          const mine = ours[status] ?? ours[status.toLowerCase()];
          if (mine === undefined) {
            gaps.push(`${k}: no schema for ${status}`);
            continue;
          }
          gaps.push(...refinementGaps(mine, inlined(a.api, json.schema)).map((g) => `${k} ${status} ${g}`));
        }
      }
    }
    expect(gaps).toEqual([]);
    const all = new Set(apps.flatMap((a) => a.routes.map((r) => key(a, r.method, r.url))));
    expect(Object.keys(RESPONSE_DIFFERS).filter((k) => !all.has(k))).toEqual([]);
  });

  it('JSON request bodies carry the document’s fields, required as it requires them', () => {
    const out: Array<[string, unknown, unknown]> = [];
    for (const a of apps) {
      for (const r of a.routes) {
        const found = findOperation(a.api, r.method, template(r.url));
        const json = found?.op.requestBody?.content['application/json'];
        if (!json) continue;
        out.push([key(a, r.method, r.url), propsOf(((r.schema ?? {}) as Schema).body), propsOf(inlined(a.api, json.schema))]);
      }
    }
    expect(out.length).toBeGreaterThan(0);
    expect(out.filter(([, ours, theirs]) => JSON.stringify(ours) !== JSON.stringify(theirs))).toEqual([]);
  });
});

describe('the refinement check bites', () => {
  const api: ApiName = 'nexus-lockstep';
  const theirs = () => inlined(api, { $ref: '#/components/schemas/BackgroundTask' });
  it('flags a renamed field, a missing required one, a wider enum and a wider type', () => {
    const task = { type: 'object', required: ['current', 'description', 'last', 'name', 'period'], properties: { current: {}, description: { type: 'string' }, last: {}, name: { type: 'string' }, period: { type: 'object', required: ['secs', 'nanos'], properties: { secs: { type: 'integer', minimum: 0 }, nanos: { type: 'integer', minimum: 0, maximum: 999_999_999 } } } } };
    const current = (theirs() as Schema).properties as Schema;
    const ok = { ...task, properties: { ...task.properties, current: current.current, last: current.last } };
    expect(refinementGaps(ok, theirs())).toEqual([]);
    expect(refinementGaps({ ...ok, properties: { ...ok.properties, period_ms: { type: 'integer' } } }, theirs())).toEqual(['$.period_ms: not in the document']);
    expect(refinementGaps({ ...ok, required: ['current', 'last', 'name', 'period'] }, theirs())).toEqual(['$: the document requires description']);
    expect(refinementGaps({ ...ok, properties: { ...ok.properties, name: { type: ['string', 'null'] } } }, theirs())).toEqual(['$.name: ours admits null, the document string']);
    const reason = { type: 'string', enum: ['signaled', 'timeout', 'dependency', 'manual'] };
    const running = { type: 'object', required: ['current_status', 'details'], properties: { current_status: { type: 'string', enum: ['running'] }, details: { type: 'object', required: ['iteration', 'reason', 'start_time'], properties: { iteration: { type: 'integer', minimum: 0 }, reason, start_time: { type: 'string', format: 'date-time' } } } } };
    expect(refinementGaps({ ...ok, properties: { ...ok.properties, current: running } }, theirs()).join('\n')).toMatch(/"manual" is not in the document's enum/);
  });

  it('flags a wider numeric range (format or bounds) and a missing or other string pattern', () => {
    expect(refinementGaps({ type: 'integer' }, { type: 'integer', format: 'uint32', minimum: 1 })).toEqual(['$: ours admits [-Infinity, Infinity], the document [1, 4294967295]']);
    expect(refinementGaps({ type: 'integer', format: 'uint64' }, { type: 'integer', format: 'uint8' })).toEqual(['$: ours admits [0, Infinity], the document [0, 255]']);
    expect(refinementGaps({ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 1 })).toEqual(['$: ours admits [0, Infinity], the document [1, Infinity]']);
    expect(refinementGaps({ type: 'string' }, { type: 'string', pattern: '^[0-9a-f]{64}$' })).toEqual(['$: ours has no pattern, the document ^[0-9a-f]{64}$']);
    expect(refinementGaps({ type: 'string', pattern: '^[0-9a-f]+$' }, { type: 'string', pattern: '^[0-9a-f]{64}$' })).toEqual(['$: pattern ^[0-9a-f]+$, the document ^[0-9a-f]{64}$']);
    expect(refinementGaps({ type: 'string', enum: ['ab', 'x'] }, { type: 'string', pattern: '^[a-f]+$' })).toEqual(['$: "x" does not match the document\'s pattern ^[a-f]+$']);
    // Narrower is fine: a smaller format, bounds inside, an enum inside, the same pattern; and a
    // 64-bit format bounds nothing a JS number reaches.
    expect(refinementGaps({ type: 'integer', format: 'uint8' }, { type: 'integer', format: 'uint32' })).toEqual([]);
    expect(refinementGaps({ type: 'integer', minimum: 1, maximum: 9 }, { type: 'integer', format: 'uint32', minimum: 1 })).toEqual([]);
    expect(refinementGaps({ type: 'integer', enum: [1, 2] }, { type: 'integer', format: 'uint8' })).toEqual([]);
    expect(refinementGaps({ type: 'integer', minimum: 0 }, { type: 'integer', format: 'uint64' })).toEqual([]);
    expect(refinementGaps({ type: 'string', pattern: '^a$' }, { type: 'string', pattern: '^a$' })).toEqual([]);
  });
});
