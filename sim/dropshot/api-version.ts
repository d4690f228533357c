// dropshot's `ClientSpecifiesVersionInHeader` (dropshot/src/versioning.rs, v0.17.1), as omicron
// builds its versioned servers (sled-agent, repo depot, Nexus's internal API: header
// `api-version`, the API's latest version, no `on_missing`). dropshot picks the version before it
// looks up the route, so a bad header is a 400 without an error code even on a path that does
// not exist. Every simulated server that stands for a versioned omicron API installs this.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { compareVersions, formatVersion, parseVersion, SemverError } from './semver.js';

export const API_VERSION_HEADER = 'api-version';

/** A 400 without an error code, as `HttpError::for_bad_request(None, ..)` makes. */
class VersionError extends Error {
  readonly statusCode = 400;
}

/** Why dropshot would refuse this header value, or undefined when it accepts it. */
export function versionRefusal(value: string | string[] | undefined, max: string): string | undefined {
  // dropshot reads the first value of a repeated header (HeaderMap::get).
  const raw = Array.isArray(value) ? value[0] : value;
  // dropshot formats the header name with Debug, hence the quotes.
  if (raw === undefined) return `missing expected header "${API_VERSION_HEADER}"`;
  try {
    const v = parseVersion(raw);
    return compareVersions(v, parseVersion(max)) <= 0 ? undefined : `server does not support this API version: ${formatVersion(v)}`;
  } catch (err) {
    if (!(err instanceof SemverError)) throw err;
    return `bad value for header "${API_VERSION_HEADER}": ${err.message}: ${raw}`;
  }
}

/**
 * Refuses, before routing, every request whose `api-version` is missing, unparsable or newer than
 * `max`. `refuse` writes the 400 (the server's own dropshot error body); by default the refusal is
 * thrown for the app's error handler to render.
 */
export function requireApiVersion(app: FastifyInstance, max: string, refuse?: (reply: FastifyReply, message: string) => unknown): void {
  app.addHook('onRequest', async (req, reply) => {
    const refusal = versionRefusal(req.headers[API_VERSION_HEADER], max);
    if (refusal === undefined) return;
    if (!refuse) throw new VersionError(refusal);
    return refuse(reply, refusal);
  });
}
