// The `api-version` header a versioned omicron server requires: Nexus's internal server runs
// dropshot's `ClientSpecifiesVersionInHeader` with nexus-internal's latest version and no
// `on_missing` (omicron nexus/src/lib.rs at b848b6df85); the lockstep server is unversioned and
// ignores the header. dropshot (versioning.rs) answers a missing header, an unparsable one and a
// version newer than the server's with 400 and no error_code; the parse errors are the semver
// crate's messages.
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.js';

export const VERSION_HEADER = 'api-version';
/** openapi/nexus-internal/nexus-internal-1.0.0-6d8ade.json */
export const NEXUS_INTERNAL_API_VERSION = '1.0.0';

/** Whether the simulator's internal server enforces the header. Off until the sled agent's
 * registration client (agents/nexus-notifier.ts, the sled-agent half of issue 9) sends
 * `api-version: 1.0.0` as omicron's generated client does; then on, as in omicron. */
export const ENFORCE_INTERNAL_API_VERSION = false;

type Semver = { major: number; minor: number; patch: number; pre: string };
const POS = ['major version number', 'minor version number', 'patch version number'] as const;

/** semver's `Version::from_str`: the version, or the crate's error message. */
export function parseSemver(text: string): Semver | string {
  if (text === '') return 'empty string, expected a semver version';
  const nums: number[] = [];
  let rest = text;
  for (let i = 0; i < 3; i++) {
    const m = /^[0-9]+/.exec(rest);
    if (!m) return rest === '' ? `unexpected end of input while parsing ${POS[i]}` : `unexpected character '${rest[0]}' while parsing ${POS[i]}`;
    if (m[0].length > 1 && m[0][0] === '0') return `invalid leading zero in ${POS[i]}`;
    nums.push(Number(m[0]));
    rest = rest.slice(m[0].length);
    if (i === 2) break;
    if (rest[0] !== '.') return rest === '' ? `unexpected end of input while parsing ${POS[i]}` : `unexpected character '${rest[0]}' after ${POS[i]}`;
    rest = rest.slice(1);
  }
  const tail = /^(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.exec(rest);
  if (!tail) return `unexpected character '${rest[0]}' after ${POS[2]}`;
  return { major: nums[0], minor: nums[1], patch: nums[2], pre: tail[1] ?? '' };
}

/** `v <= max` in semver order (a pre-release sorts before its release). */
function atMost(v: Semver, max: Semver): boolean {
  for (const k of ['major', 'minor', 'patch'] as const) if (v[k] !== max[k]) return v[k] < max[k];
  return v.pre !== '' || max.pre === '';
}

/** Installs the policy on every route of `app`. */
export function requireApiVersion(app: FastifyInstance, maxVersion: string): void {
  const max = parseSemver(maxVersion) as Semver;
  app.addHook('onRequest', async (req, reply) => {
    const raw = req.headers[VERSION_HEADER];
    if (raw === undefined) return reply.code(400).send(errorBody(reply, `missing expected header "${VERSION_HEADER}"`));
    const text = Array.isArray(raw) ? raw.join(', ') : raw;
    const v = parseSemver(text);
    if (typeof v === 'string') return reply.code(400).send(errorBody(reply, `bad value for header "${VERSION_HEADER}": ${v}: ${text}`));
    if (!atMost(v, max)) return reply.code(400).send(errorBody(reply, `server does not support this API version: ${text}`));
  });
}
