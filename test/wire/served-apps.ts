// The fastify apps the simulator serves, built as a rack builds them (every Nexus plugin the rack
// workload boots), each with the omicron document it must match.
import type { FastifyInstance } from 'fastify';
import { SledAppHost } from '../../agents/app-host.js';
import { fmPlugin, NexusAppHost, NexusProcess, sagaPlugin, tufArtifactReplication, type NexusPlugin } from '../../nexus/index.js';
import { blueprintExecutorPlugin } from '../../scenarios/workload/blueprint-executor.js';
import { routesOf, type ServedRoute } from '../../sim/index.js';
import { world } from '../support/world.js';
import type { ApiName } from './openapi-oracle.js';

export interface ServedApp {
  app: string;
  api: ApiName;
  routes: readonly ServedRoute[];
}

const PLUGINS = (): NexusPlugin[] => [tufArtifactReplication({ design: 'generation' }), sagaPlugin({}), fmPlugin({ readDesign: 'metadata-last', alertDesign: 'generation-marker' }), blueprintExecutorPlugin()];

export async function servedApps(): Promise<ServedApp[]> {
  const host = new SledAppHost();
  const sleds = await host.appsFor('generation');
  const v1 = await host.appsFor('v1');
  const w = world();
  const ctx = w.addNode('nexus-0', 'fd00:1122:3344:1::a');
  const p = new NexusProcess({ id: '00000000-0000-4000-8000-000000000001', name: 'nexus-0', generation: 1 }, ctx, w.db('nexus-0'), 1);
  for (const plugin of PLUGINS()) plugin.boot(p);
  const nexus = await new NexusAppHost('r').appsFor(p.internalRoutes, p.lockstepRoutes, p.externalRoutes);
  const of = (app: string, api: ApiName, f: FastifyInstance | undefined): ServedApp => {
    if (!f) throw new Error(`no ${app} app`);
    return { app, api, routes: routesOf(f) };
  };
  const out = [
    of('sled agent', 'sled-agent', sleds.sledAgent),
    of('repo depot', 'repo-depot', sleds.repoDepot),
    of('v1 sled agent', 'sled-agent-v1', v1.sledAgent),
    of('Nexus internal', 'nexus-internal', nexus.internal),
    of('Nexus lockstep', 'nexus-lockstep', nexus.lockstep),
    of('Nexus external', 'nexus-external', nexus.external),
  ];
  w.close();
  return out;
}
