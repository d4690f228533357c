import { describe, expect, it } from 'vitest';
import { contentTypeRefusal } from '../../agents/json-body.js';

describe("contentTypeRefusal (dropshot's TypedBody)", () => {
  it.each([
    [undefined, undefined],
    ['application/json', undefined],
    ['Application/JSON; charset=utf-8', undefined],
    ['application/problem+json', undefined],
    ['application/octet-stream', 'expected content type "application/json", got "application/octet-stream"'],
    ['application/x-www-form-urlencoded', 'expected content type "application/json", got "application/x-www-form-urlencoded"'],
    ['text/plain; charset=utf-8', 'unsupported content-type: text/plain'],
    ['application/xml', 'unsupported content-type: application/xml'],
  ])('%s → %s', (header, refusal) => {
    expect(contentTypeRefusal(header)).toBe(refusal);
  });
});
