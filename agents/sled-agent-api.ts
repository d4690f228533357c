// The sled-agent API (the artifact endpoints of omicron's `sled-agent/api`, plus an inventory
// route), as a fastify app over one ArtifactStore. Which routes exist depends on the protocol:
// v1 has no /artifacts-config and no `?generation`, but has DELETE.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { ArtifactConfigWire, Protocol } from './artifact-store.js';
import { dropshotErrors } from './dropshot-errors.js';
import { serveSleds, sledOf, type SledServing } from './serving.js';
import { sharedValidatorCompiler as validatorCompiler } from '../sim/index.js';
import { artifactConfigBody, copyFromDepotBody, generationQuery, sha256Params } from './schemas.js';

/** Keeps a fastify body within reason; omicron's 2 GiB limit is far above any simulated artifact. */
export const PUT_BODY_LIMIT = 64 * 1024 * 1024;

export interface InventoryResponse {
  sled_id: string;
  sled_agent_address: string;
  repo_depot_port: number;
  m2: Array<{ disk: number; ok: boolean }>;
}

type Sha = { Params: { sha256: string } };
type Gen = { Querystring: { generation?: number } };

/** PUT /artifacts/{sha256}: a raw body of any content type, encapsulated so only this route parses it. */
function putArtifactRoute(protocol: Protocol): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUT_BODY_LIMIT }, (_req, body, done) => done(null, body));
    const schema = protocol === 'generation' ? { params: sha256Params, querystring: generationQuery } : { params: sha256Params };
    app.put<Sha & Gen & { Body: Buffer | undefined }>('/artifacts/:sha256', { schema, bodyLimit: PUT_BODY_LIMIT }, async (req) =>
      sledOf(req).store.put(req.params.sha256, req.query.generation, req.body ?? new Uint8Array(0)),
    );
  };
}

/** The sled-agent API for every sled of one protocol; `resolve` maps a Host header to its sled. */
export async function buildSledAgentApp(protocol: Protocol, resolve: (host: string | undefined) => SledServing | undefined): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  serveSleds(app, resolve);
  dropshotErrors(app);
  const gen = protocol === 'generation';

  app.get('/inventory', async (req) => sledOf(req).inventory());

  if (gen) {
    app.get('/artifacts-config', async (req) => sledOf(req).store.configGet());
    app.put<{ Body: ArtifactConfigWire }>('/artifacts-config', { schema: { body: artifactConfigBody } }, async (req, reply) => {
      sledOf(req).store.configPut(req.body);
      return reply.code(204).send();
    });
    app.get('/artifacts', async (req) => sledOf(req).store.list());
  } else {
    app.get('/artifacts', async (req) => sledOf(req).store.listV1());
    app.delete<Sha>('/artifacts/:sha256', { schema: { params: sha256Params } }, async (req, reply) => {
      sledOf(req).store.delete(req.params.sha256);
      return reply.code(204).send();
    });
  }

  app.post<Sha & Gen & { Body: { depot_base_url: string } }>(
    '/artifacts/:sha256/copy-from-depot',
    { schema: gen ? { params: sha256Params, querystring: generationQuery, body: copyFromDepotBody } : { params: sha256Params, body: copyFromDepotBody } },
    async (req, reply) => {
      await sledOf(req).store.copyFromDepot(req.params.sha256, req.query.generation, req.body.depot_base_url);
      return reply.code(202).send({});
    },
  );

  await app.register(putArtifactRoute(protocol));
  await app.ready();
  return app;
}
