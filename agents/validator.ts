// A validator compiler for the small JSON-Schema subset our routes use, cached per schema object
// and shared by every sled's apps. Fastify's default (ajv) compiles each route's schemas again for
// every app instance, which dominates start-up when a rack has 1,024 sleds (two apps each).
import type { FastifySchemaCompiler } from 'fastify';

interface Schema {
  type?: 'object' | 'string' | 'integer' | 'array';
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  items?: Schema;
  pattern?: string;
  minimum?: number;
  minLength?: number;
}

type Check = (value: unknown, path: string) => { value: unknown } | { error: string };

function compile(schema: Schema, coerce: boolean): Check {
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
  const props = Object.entries(schema.properties ?? {}).map(([k, s]) => [k, compile(s, coerce)] as const);
  const items = schema.items && compile(schema.items, coerce);
  return (value, path) => {
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `${path || 'value'} must be object` };
        const obj = value as Record<string, unknown>;
        for (const k of schema.required ?? []) if (obj[k] === undefined) return { error: `${path || 'value'} must have required property '${k}'` };
        const out: Record<string, unknown> = { ...obj };
        for (const [k, check] of props) {
          if (obj[k] === undefined) continue;
          const r = check(obj[k], path ? `${path}/${k}` : k);
          if ('error' in r) return r;
          out[k] = r.value;
        }
        return { value: out };
      }
      case 'array': {
        if (!Array.isArray(value)) return { error: `${path || 'value'} must be array` };
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const r = items ? items(value[i], `${path}/${i}`) : { value: value[i] };
          if ('error' in r) return r;
          out.push(r.value);
        }
        return { value: out };
      }
      case 'integer': {
        const n = coerce && typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isSafeInteger(n)) return { error: `${path || 'value'} must be integer` };
        if (schema.minimum !== undefined && n < schema.minimum) return { error: `${path || 'value'} must be >= ${schema.minimum}` };
        return { value: n };
      }
      case 'string': {
        if (typeof value !== 'string') return { error: `${path || 'value'} must be string` };
        if (schema.minLength !== undefined && value.length < schema.minLength) return { error: `${path || 'value'} must NOT have fewer than ${schema.minLength} characters` };
        if (pattern && !pattern.test(value)) return { error: `${path || 'value'} must match pattern "${schema.pattern}"` };
        return { value };
      }
      default:
        return { value };
    }
  };
}

const cache = new WeakMap<object, Map<string, (data: unknown) => { value: unknown } | { error: Error }>>();

export const validatorCompiler: FastifySchemaCompiler<Schema> = ({ schema, httpPart }) => {
  const part = httpPart ?? 'body';
  let byPart = cache.get(schema);
  if (!byPart) cache.set(schema, (byPart = new Map()));
  let fn = byPart.get(part);
  if (!fn) {
    // Path and query values arrive as strings; bodies are JSON and keep their types.
    const check = compile(schema, part !== 'body');
    fn = (data) => {
      const r = check(data ?? undefined, '');
      return 'error' in r ? { error: new Error(r.error) } : { value: r.value };
    };
    byPart.set(part, fn);
  }
  return fn;
};
