// dropshot's `ClientSpecifiesVersionInHeader`, as omicron builds the sled-agent and repo-depot
// servers with it (sled-agent/src/server.rs, sled-agent/src/artifact_store.rs: header
// `api-version`, the API's latest version, no `on_missing`). dropshot picks the version before it
// looks up the route, so a bad header is a 400 even on a path that does not exist
// (dropshot/src/versioning.rs, v0.17.1).
import type { FastifyInstance } from 'fastify';
import type { ApiVersionHeader, RepoDepotApiVersion, SledAgentApiVersion } from './types/index.js';
import { compareVersions, formatVersion, parseVersion, SemverError } from './semver.js';

export const API_VERSION_HEADER: ApiVersionHeader = 'api-version';
/** `sled_agent_api::latest_version()`: the sled-agent server's newest version. */
export const SLED_AGENT_API_VERSION: SledAgentApiVersion = '48.0.0';
/** `repo_depot_api::latest_version()`. */
export const REPO_DEPOT_API_VERSION: RepoDepotApiVersion = '1.0.0';

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

/** Refuses, before routing, every request whose `api-version` is missing, unparsable or newer than `max`. */
export function requireApiVersion(app: FastifyInstance, max: string): void {
  app.addHook('onRequest', async (req) => {
    const refusal = versionRefusal(req.headers[API_VERSION_HEADER], max);
    if (refusal !== undefined) throw new VersionError(refusal);
  });
}
