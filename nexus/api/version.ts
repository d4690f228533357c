// The `api-version` header a versioned omicron server requires: Nexus's internal server runs
// dropshot's `ClientSpecifiesVersionInHeader` with nexus-internal's latest version and no
// `on_missing` (omicron nexus/src/lib.rs at b848b6df85); the lockstep server is unversioned and
// ignores the header. The policy itself is dropshot's (sim/dropshot/api-version.ts).
import type { FastifyInstance } from 'fastify';
import { requireApiVersion as require_, versionRefusal } from '../../sim/index.js';
import { errorBody } from './errors.js';
/** openapi/nexus-internal/nexus-internal-1.0.0-6d8ade.json */
export const NEXUS_INTERNAL_API_VERSION = '1.0.0';

/** Installs the policy on every route of `app`, refusing with Nexus's dropshot error body. */
export function requireApiVersion(app: FastifyInstance, maxVersion: string): void {
  require_(app, maxVersion, (reply, message) => reply.code(400).send(errorBody(reply, message)));
}


/** openapi/nexus/nexus-2026081901.0.0-e5e4f5.json: the external API's latest version. */
export const NEXUS_EXTERNAL_API_VERSION = '2026081901.0.0';

/** The external server's policy: as above, but `on_missing(latest_version())` (omicron
 * nexus/src/lib.rs), so a request without the header is served at the latest version. */
export function optionalApiVersion(app: FastifyInstance, maxVersion: string): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers['api-version'] === undefined) return;
    const refusal = versionRefusal(req.headers['api-version'], maxVersion);
    if (refusal !== undefined) return reply.code(400).send(errorBody(reply, refusal));
  });
}
