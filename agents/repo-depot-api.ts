// The repo depot: a separate server (its own port) so sleds can copy artifacts from each other
// without a circular dependency on the sled-agent API. `failing` models a broken depot (500s).
import Fastify, { type FastifyInstance } from 'fastify';
import type { NodeContext } from '../sim/index.js';
import { ArtifactError } from './artifact-errors.js';
import type { ArtifactStore } from './artifact-store.js';
import { dropshotErrors, type RequestIds } from './dropshot-errors.js';
import { sharedValidatorCompiler as validatorCompiler } from '../sim/index.js';
import { sha256Params } from './schemas.js';

export interface DepotSwitch {
  failing: boolean;
}

export async function buildRepoDepotApp(ctx: NodeContext, store: ArtifactStore, ids: RequestIds, fault: DepotSwitch): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  dropshotErrors(app, ctx, ids);
  app.get<{ Params: { sha256: string } }>('/artifact/sha256/:sha256', { schema: { params: sha256Params } }, async (req, reply) => {
    if (fault.failing) throw new ArtifactError('DepotCopy', 'repo depot failing (injected fault)');
    const bytes = store.get(req.params.sha256);
    return reply.type('application/octet-stream').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  await app.ready();
  return app;
}
