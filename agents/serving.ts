// What one sled brings to a request: its node, store, request ids, inventory and depot fault
// switch. Apps are shared across a rack's sleds (see app-host.ts) and find the sled per request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeContext } from '../sim/index.js';
import type { ArtifactStore } from './artifact-store.js';
import type { RequestIds } from './dropshot-errors.js';
import type { Inventory } from './types/index.js';

export interface DepotSwitch {
  failing: boolean;
}

export interface SledServing {
  ctx: NodeContext;
  store: ArtifactStore;
  ids: RequestIds;
  inventory: () => Inventory;
  depotFault: DepotSwitch;
}

declare module 'fastify' {
  interface FastifyRequest {
    sled: SledServing | null;
  }
}

/** The sled a request was addressed to (the fabric only delivers to bound addresses). */
export function sledOf(req: FastifyRequest): SledServing {
  if (!req.sled) throw new Error(`no sled serves ${req.headers.host}`);
  return req.sled;
}

/** Makes an app serve many sleds: each request carries the sled its Host header names. */
export function serveSleds(app: FastifyInstance, resolve: (host: string | undefined) => SledServing | undefined): void {
  app.decorateRequest('sled', null);
  app.addHook('onRequest', async (req) => {
    req.sled = resolve(req.headers.host) ?? null;
  });
}
