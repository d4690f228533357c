// One shared response-serializer compiler for every app in the process, as sim/validator.ts is for
// validators. Fastify compiles each route's response schemas with fast-json-stringify per app
// instance (a fresh ajv inside each compile): at a run's start that was about a fifth of a short
// seed. This is fastify's own default compiler (taken from fastify's dependency tree, so the same
// fast-json-stringify and options: no external schemas, no serializerOpts), memoized by the
// schema's text; the functions it builds are pure, so apps can share them.
import { createRequire } from 'node:module';
import type { FastifySerializerCompiler } from 'fastify';

type Build = (route: { schema: unknown }) => (data: unknown) => string;

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const { SerializerSelector } = fromFastify('@fastify/fast-json-stringify-compiler') as {
  SerializerSelector: () => (externalSchemas: Record<string, unknown>, opts: unknown) => Build;
};
// What fastify's schema controller passes when no schema was added and no serializerOpts given.
const build = SerializerSelector()({}, undefined);
const cache = new Map<string, (data: unknown) => string>();

export const sharedSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const key = JSON.stringify(route.schema);
  let fn = cache.get(key);
  if (!fn) {
    fn = build(route);
    cache.set(key, fn);
  }
  return fn;
};
