// Validates an answer against a route's fastify `schema.response` the way fastify picks the entry:
// the exact status, else its class (`4xx`, `5xx`).
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const compiled = new Map<object, ValidateFunction>();

export type Responses = Readonly<Record<string, object>>;

/** Undefined when `body` matches the schema for `status`, else ajv's complaint. */
export function schemaErrors(responses: Responses, status: number, body: unknown): string | undefined {
  const schema = responses[String(status)] ?? responses[`${String(status)[0]}xx`];
  if (!schema) return `no schema for status ${status}`;
  let fn = compiled.get(schema);
  if (!fn) compiled.set(schema, (fn = ajv.compile(schema)));
  return fn(body) ? undefined : ajv.errorsText(fn.errors);
}

export interface Answer {
  status: number;
  body: unknown;
}

/** Reads an answer: JSON when it says so, null for an empty body, else the raw bytes. */
export async function answer(res: Response): Promise<Answer> {
  const text = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, body: text.length === 0 ? null : json ? JSON.parse(text.toString('utf8')) : text };
}
