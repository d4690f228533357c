// The repo depot: a separate server (its own port) so sleds can copy artifacts from each other
// without a circular dependency on the sled-agent API. `failing` models a broken depot (500s).
import Fastify, { type FastifyInstance } from 'fastify';
import { ArtifactError } from './artifact-errors.js';
import { dropshotErrors } from './dropshot-errors.js';
import { serveSleds, sledOf, type SledServing } from './serving.js';
import { recordRoutes, sharedSerializerCompiler, sharedValidatorCompiler as validatorCompiler } from '../sim/index.js';
import { lowercaseHashes, sha256Params } from './schemas/requests.js';
import { ARTIFACT_GET_BY_SHA256_RESPONSE } from './schemas/repo-depot.js';
import { REPO_DEPOT_API_VERSION, requireApiVersion } from './api-version.js';
import type { Protocol } from './artifact-store.js';

/** The repo depot for every sled of one protocol; `resolve` maps a Host header to its sled. */
export async function buildRepoDepotApp(protocol: Protocol, resolve: (host: string | undefined) => SledServing | undefined): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, exposeHeadRoutes: false }); // dropshot serves no implicit HEAD
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(sharedSerializerCompiler);
  serveSleds(app, resolve);
  dropshotErrors(app);
  // As the sled-agent API: today's depot requires `api-version` (1.0.0); a v1 sled's predates it.
  if (protocol === 'generation') requireApiVersion(app, REPO_DEPOT_API_VERSION);
  lowercaseHashes(app);
  app.get<{ Params: { sha256: string } }>('/artifact/sha256/:sha256', { schema: { params: sha256Params, response: ARTIFACT_GET_BY_SHA256_RESPONSE } }, async (req, reply) => {
    const sled = sledOf(req);
    if (sled.depotFault.failing) throw new ArtifactError('DepotCopy', 'repo depot failing (injected fault)');
    const bytes = sled.store.get(req.params.sha256);
    return reply.type('application/octet-stream').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  await app.ready();
  return app;
}
