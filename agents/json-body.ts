// How dropshot reads a `TypedBody` (extractor/body.rs, v0.17.1): no Content-Type means JSON;
// `application/json` and any `application/*+json` parse as JSON (parameters such as charset are
// ignored); another type dropshot knows is "expected … got …", an unknown one "unsupported
// content-type"; all are 400s. Routes with raw bodies install their own parser in their scope.
import type { FastifyInstance } from 'fastify';
import { rememberBodyText } from '../sim/index.js';

const KNOWN_NOT_JSON = new Set(['application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data']);

class BodyError extends Error {
  readonly statusCode = 400;
}

/** Why dropshot would refuse a JSON body sent with this Content-Type, or undefined. */
export function contentTypeRefusal(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const mime = header.split(';')[0].trimEnd().toLowerCase();
  if (mime === 'application/json') return undefined;
  if (KNOWN_NOT_JSON.has(mime)) return `expected content type "application/json", got "${mime}"`;
  const [type, rest] = mime.split('/', 2);
  if (type === 'application' && rest !== undefined && rest.split('+', 2)[1] === 'json') return undefined;
  return `unsupported content-type: ${mime}`;
}

export function dropshotJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, text, done) => {
    const refusal = contentTypeRefusal(req.headers['content-type']);
    if (refusal !== undefined) return done(new BodyError(refusal), undefined);
    rememberBodyText(req.raw, text as string);
    try {
      done(null, JSON.parse(text as string));
    } catch (err) {
      done(new BodyError(`unable to parse JSON body: ${(err as Error).message}`), undefined);
    }
  });
}
