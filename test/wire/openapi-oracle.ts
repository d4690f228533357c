// The wire oracle: omicron's OpenAPI documents themselves (the trimmed copies in test/wire/openapi/,
// written by `pnpm openapi:extract` from omicron at the commit each records), not the schemas our
// fastify routes carry. A status the operation does not declare, or a body its schema refuses, is a
// complaint; `$ref`s resolve inside the copy. Nothing here imports the simulator's schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { INTEGER_FORMATS } from './integer-formats.js';

export type ApiName = 'sled-agent' | 'sled-agent-v1' | 'repo-depot' | 'nexus-internal' | 'nexus-lockstep' | 'nexus-external';
export const API_NAMES: readonly ApiName[] = ['sled-agent', 'sled-agent-v1', 'repo-depot', 'nexus-internal', 'nexus-lockstep', 'nexus-external'];

export type Schema = Record<string, unknown>;
export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }>; required?: boolean };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}
export interface OpenApiDoc {
  info: { version: string; 'x-rack-sim-source': { commit?: string; path: string } };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, { content: Record<string, { schema: Schema }> }> };
}

const docs = new Map<ApiName, OpenApiDoc>();
export function doc(name: ApiName): OpenApiDoc {
  let d = docs.get(name);
  if (!d) docs.set(name, (d = JSON.parse(readFileSync(join(import.meta.dirname, 'openapi', `${name}.json`), 'utf8')) as OpenApiDoc));
  return d;
}

/** Every operation of a document: method (upper case), path template, and the operation. */
export function operations(name: ApiName): Array<{ method: string; path: string; op: Operation }> {
  return Object.entries(doc(name).paths).flatMap(([path, item]) => Object.entries(item).map(([m, op]) => ({ method: m.toUpperCase(), path, op })));
}

const templateRe = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** The operation a request reaches, by method and path (the query string ignored). */
export function findOperation(name: ApiName, method: string, url: string): { path: string; op: Operation } | undefined {
  const path = new URL(url, 'http://x').pathname;
  return operations(name).find((o) => o.method === method.toUpperCase() && templateRe(o.path).test(path));
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema: `null` joins the type (and enum), or an anyOf. */
function denull(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(denull);
  if (!v || typeof v !== 'object') return v;
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, denull(x)])) as Schema;
  if (o.nullable !== true) return o;
  delete o.nullable;
  if (typeof o.type === 'string') {
    const out: Schema = { ...o, type: [o.type, 'null'] };
    if (Array.isArray(o.enum)) out.enum = [...o.enum, null];
    return out;
  }
  const { description, ...rest } = o;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  for (const [f, [lo, hi]] of Object.entries(INTEGER_FORMATS)) ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= lo && n <= hi });
  for (const f of ['hex string (32 bytes)', 'Utf8PathBuf', 'binary', 'double', 'float']) ajv.addFormat(f, true);
  for (const name of API_NAMES) ajv.addSchema({ components: denull(doc(name).components) }, name);
  return ajv;
}

let ajvInstance: Ajv | undefined;
const ajv = () => (ajvInstance ??= makeAjv());

/** A schema from the document with its local `$ref`s pointed into the document's copy. */
function anchored(name: ApiName, schema: unknown): unknown {
  return JSON.parse(JSON.stringify(denull(schema)).replaceAll('"$ref":"#/', `"$ref":"${name}#/`));
}

const compiled = new Map<string, ValidateFunction>();
function validator(name: ApiName, key: string, schema: unknown): ValidateFunction {
  const k = `${name} ${key}`;
  let fn = compiled.get(k);
  if (!fn) compiled.set(k, (fn = ajv().compile(anchored(name, schema) as object)));
  return fn;
}

/** The response the document declares for `status` (exact, else its class `4XX`), `$ref` resolved. */
export function declaredResponse(name: ApiName, op: Operation, status: number): { key: string; content?: Record<string, { schema: Schema }> } | undefined {
  const key = String(status) in op.responses ? String(status) : `${String(status)[0]}XX`;
  let r = op.responses[key];
  if (!r) return undefined;
  if (r.$ref) r = doc(name).components.responses![r.$ref.split('/').pop()!];
  return { key, content: r.content };
}

export interface WireAnswer {
  method: string;
  url: string;
  status: number;
  /** Parsed JSON, a Buffer for bytes, null for an empty body. */
  body: unknown;
  contentType?: string | null;
}

/** Why `body` is not the document's `Error` schema (dropshot's error body); undefined if it is. */
export function errorBodyComplaint(name: ApiName, body: unknown): string | undefined {
  const fn = validator(name, 'Error', { $ref: '#/components/schemas/Error' });
  return fn(body) ? undefined : ajv().errorsText(fn.errors);
}

/** Why an answer is not what omicron's document says the operation answers; undefined if it is. */
export function wireComplaint(name: ApiName, a: WireAnswer): string | undefined {
  const found = findOperation(name, a.method, a.url);
  const where = `${a.method} ${new URL(a.url, 'http://x').pathname} → ${a.status}`;
  if (!found) {
    // No operation: dropshot's own 404/405, whose body is the Error schema.
    if (a.status !== 404 && a.status !== 405) return `${where}: no operation in ${name} and not a 404/405`;
    if (a.method === 'HEAD') return a.body === null ? undefined : `${where}: a HEAD answer with a body`;
    const e = errorBodyComplaint(name, a.body);
    return e === undefined ? undefined : `${where}: ${e}`;
  }
  const r = declaredResponse(name, found.op, a.status);
  if (!r) return `${where}: ${found.op.operationId} declares ${Object.keys(found.op.responses).join(', ')}`;
  if (!r.content) return a.body === null ? undefined : `${where}: ${found.op.operationId} declares no body for ${r.key}`;
  const json = r.content['application/json'];
  if (!json) {
    // `*/*` with an empty schema: raw bytes (the depot's artifact).
    return Buffer.isBuffer(a.body) ? undefined : `${where}: ${found.op.operationId} answers raw bytes, got ${typeof a.body}`;
  }
  if (a.contentType !== undefined && a.contentType !== null && !a.contentType.startsWith('application/json')) return `${where}: content type ${a.contentType}, not application/json`;
  const fn = validator(name, `${found.op.operationId} ${r.key}`, json.schema);
  return fn(a.body) ? undefined : `${where}: ${ajv().errorsText(fn.errors)}`;
}

/** A document schema with every `$ref` replaced by its target, `nullable` as JSON Schema (for comparing). */
export function inlined(name: ApiName, schema: unknown, depth = 0): unknown {
  if (depth > 40) throw new Error('recursive schema');
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const o = v as Schema;
    if (typeof o.$ref === 'string') return inlined(name, doc(name).components.schemas[o.$ref.split('/').pop()!], depth + 1);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
  };
  return walk(denull(schema));
}
