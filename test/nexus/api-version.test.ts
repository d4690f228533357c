// dropshot's ClientSpecifiesVersionInHeader as Nexus's internal server runs it (no on_missing):
// a missing, unparsable or too-new `api-version` is a 400 with dropshot's message and no
// error_code; a version up to the server's is served.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ERROR_SCHEMA } from '../../nexus/api/schemas/error.js';
import { NEXUS_INTERNAL_API_VERSION, requireApiVersion } from '../../nexus/api/version.js';
import { formatVersion, parseVersion } from '../../sim/index.js';
import { expectFits } from './ajv.js';

async function app() {
  const a = Fastify({ logger: false });
  requireApiVersion(a, NEXUS_INTERNAL_API_VERSION);
  a.get('/v1/ping', async () => ({ status: 'ok' }));
  await a.ready();
  return (version?: string) => a.inject({ method: 'GET', url: '/v1/ping', headers: version === undefined ? {} : { 'api-version': version } });
}

describe('api-version on nexus-internal', () => {
  it('serves 1.0.0 and older pre-releases; refuses what dropshot refuses, with its messages', async () => {
    const get = await app();
    expect((await get('1.0.0')).json()).toEqual({ status: 'ok' });
    expect((await get('1.0.0-rc1')).statusCode).toBe(200);
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'missing expected header "api-version"'],
      ['1.0.1', 'server does not support this API version: 1.0.1'],
      ['2.0.0', 'server does not support this API version: 2.0.0'],
      ['', 'bad value for header "api-version": empty string, expected a semver version: '],
      ['v1', `bad value for header "api-version": unexpected character 'v' while parsing major version number: v1`],
      ['1', 'bad value for header "api-version": unexpected end of input while parsing major version number: 1'],
      ['1.0', 'bad value for header "api-version": unexpected end of input while parsing minor version number: 1.0'],
      ['1.x.0', `bad value for header "api-version": unexpected character 'x' while parsing minor version number: 1.x.0`],
      ['01.0.0', 'bad value for header "api-version": invalid leading zero in major version number: 01.0.0'],
    ];
    for (const [v, message] of cases) {
      const r = await get(v);
      expect(r.statusCode, String(v)).toBe(400);
      expect(r.json()).toEqual({ request_id: expect.any(String), message });
      expectFits(ERROR_SCHEMA, r.json());
    }
  });

  it('parses as the semver crate does', () => {
    expect(formatVersion(parseVersion('1.2.3-alpha.1+build.5'))).toBe('1.2.3-alpha.1+build.5');
    expect(() => parseVersion('1.2.3 ')).toThrow("unexpected character ' ' after patch version number");
  });
});
