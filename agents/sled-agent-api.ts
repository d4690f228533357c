// The sled-agent API (the artifact endpoints of omicron's `sled-agent/api`, plus `GET /inventory`),
// as a fastify app over one ArtifactStore. Which routes exist depends on the protocol: v1 has no
// /artifacts-config and no `?generation`, but has DELETE. Every answer is serialized through the
// document's schema (schemas/sled-agent.ts).
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Protocol } from './artifact-store.js';
import { requireApiVersion, SLED_AGENT_API_VERSION } from './api-version.js';
import { dropshotErrors } from './dropshot-errors.js';
import { dropshotJsonBodies } from './json-body.js';
import { serveSleds, sledOf, type SledServing } from './serving.js';
import { recordRoutes, sharedSerializerCompiler, sharedValidatorCompiler as validatorCompiler } from '../sim/index.js';
import { artifactConfigBody, copyFromDepotBody, generationQuery, lowercaseHashes, sha256Params } from './schemas/requests.js';
import { SLED_AGENT_RESPONSES as R } from './schemas/sled-agent.js';
import type { ArtifactConfig, ArtifactCopyFromDepotBody } from './types/index.js';

/** Keeps a fastify body within reason; omicron's 2 GiB limit is far above any simulated artifact. */
export const PUT_BODY_LIMIT = 64 * 1024 * 1024;

type Sha = { Params: { sha256: string } };
type Gen = { Querystring: { generation?: number } };

/** PUT /artifacts/{sha256}: a raw body of any content type, encapsulated so only this route parses it. */
function putArtifactRoute(protocol: Protocol): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUT_BODY_LIMIT }, (_req, body, done) => done(null, body));
    const request = protocol === 'generation' ? { params: sha256Params, querystring: generationQuery } : { params: sha256Params };
    app.put<Sha & Gen & { Body: Buffer | undefined }>('/artifacts/:sha256', { schema: { ...request, response: R.artifactPut }, bodyLimit: PUT_BODY_LIMIT }, async (req) =>
      sledOf(req).store.put(req.params.sha256, req.query.generation, req.body ?? new Uint8Array(0)),
    );
  };
}

/**
 * The sled-agent API for every sled of one protocol; `resolve` maps a Host header to its sled.
 * Today's protocol requires `api-version` as omicron's server does; v1 models the sled agent of
 * PR #7129 (74a6c136fc), whose servers set no version policy and read no such header.
 */
export async function buildSledAgentApp(protocol: Protocol, resolve: (host: string | undefined) => SledServing | undefined): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, exposeHeadRoutes: false }); // dropshot serves no implicit HEAD
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(sharedSerializerCompiler);
  serveSleds(app, resolve);
  dropshotErrors(app);
  const gen = protocol === 'generation';
  if (gen) requireApiVersion(app, SLED_AGENT_API_VERSION);
  lowercaseHashes(app);
  dropshotJsonBodies(app);

  app.get('/inventory', { schema: { response: R.inventory } }, async (req) => sledOf(req).inventory());

  if (gen) {
    app.get('/artifacts-config', { schema: { response: R.artifactConfigGet } }, async (req) => sledOf(req).store.configGet());
    app.put<{ Body: ArtifactConfig }>('/artifacts-config', { schema: { body: artifactConfigBody, response: R.artifactConfigPut } }, async (req, reply) => {
      sledOf(req).store.configPut(req.body);
      return reply.code(204).send();
    });
    app.get('/artifacts', { schema: { response: R.artifactList } }, async (req) => sledOf(req).store.list());
  } else {
    app.get('/artifacts', { schema: { response: R.artifactListV1 } }, async (req) => sledOf(req).store.listV1());
    app.delete<Sha>('/artifacts/:sha256', { schema: { params: sha256Params, response: R.artifactDeleteV1 } }, async (req, reply) => {
      sledOf(req).store.delete(req.params.sha256);
      return reply.code(204).send();
    });
  }

  const copyRequest = gen ? { params: sha256Params, querystring: generationQuery, body: copyFromDepotBody } : { params: sha256Params, body: copyFromDepotBody };
  app.post<Sha & Gen & { Body: ArtifactCopyFromDepotBody }>(
    '/artifacts/:sha256/copy-from-depot',
    { schema: { ...copyRequest, response: R.artifactCopyFromDepot } },
    async (req, reply) => {
      await sledOf(req).store.copyFromDepot(req.params.sha256, req.query.generation, req.body.depot_base_url);
      return reply.code(202).send({});
    },
  );

  await app.register(putArtifactRoute(protocol));
  await app.ready();
  return app;
}
