// One shared JSON-Schema validator compiler (ajv, with fastify's default options) for every app in
// a run. Fastify builds a fresh ajv per instance and recompiles each route's schemas; with 1,024
// sleds running two apps each that start-up dominated the run. Here each schema compiles once per
// process and every app reuses it.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: true, allErrors: false, addUsedSchema: false });
  addFormats(ajv);
  return ajv;
}

// Bodies are not coerced (fastify's default); params and querystrings are.
const forBody = makeAjv(false);
const forRest = makeAjv('array');
// Keyed by the schema's text: routes often build their schema objects afresh for every app.
const cache = new Map<string, ValidateFunction>();

export const sharedValidatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const key = `${httpPart === 'body' ? 'b' : 'r'}${JSON.stringify(schema)}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = (httpPart === 'body' ? forBody : forRest).compile(schema);
    cache.set(key, fn);
  }
  return fn as ReturnType<FastifySchemaCompiler<object>>;
};
