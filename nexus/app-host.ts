// The internal, lockstep and external apps, shared by every Nexus of a rack that runs the same routes: each
// request finds its Nexus process by the address it was sent to (the Host header). Building two
// fastify apps per Nexus per boot was a fifth of a short run; a process's state lives in the
// process, not in the app, so sharing changes no behaviour.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { recordRoutes, sharedSerializerCompiler, sharedValidatorCompiler } from '../sim/index.js';
import { bgtasksRoutes } from './api/bgtasks-routes.js';
import { installErrorHandler } from './api/errors.js';
import { sledAgentsRoutes } from './api/sled-agents-routes.js';
import { sledsRoutes } from './api/sleds-routes.js';
import { NEXUS_EXTERNAL_API_VERSION, NEXUS_INTERNAL_API_VERSION, optionalApiVersion, requireApiVersion } from './api/version.js';
import type { NexusProcess, RouteRegistrar } from './process.js';

export interface NexusApps {
  internal: FastifyInstance;
  lockstep: FastifyInstance;
  /** Only when some plugin serves external routes (the TUF plugin's update API). */
  external?: FastifyInstance;
}

const registrarIds = new WeakMap<RouteRegistrar, number>();
let nextRegistrar = 0;

function idOf(r: RouteRegistrar): number {
  let id = registrarIds.get(r);
  if (id === undefined) registrarIds.set(r, (id = ++nextRegistrar));
  return id;
}

export class NexusAppHost {
  private readonly byAddress = new Map<string, NexusProcess>();
  private readonly apps = new Map<string, Promise<NexusApps>>();

  constructor(private readonly rackId: string) {}

  /** Apps serving exactly these routes, built on first use. */
  appsFor(internal: readonly RouteRegistrar[], lockstep: readonly RouteRegistrar[], external: readonly RouteRegistrar[] = []): Promise<NexusApps> {
    const key = `${internal.map(idOf).join(',')}|${lockstep.map(idOf).join(',')}|${external.map(idOf).join(',')}`;
    let apps = this.apps.get(key);
    if (!apps) {
      apps = Promise.all([
        this.build((app) => {
          requireApiVersion(app, NEXUS_INTERNAL_API_VERSION);
          sledAgentsRoutes(app, this.proc, this.rackId);
          for (const r of internal) r(app, this.proc);
        }),
        this.build((app) => {
          bgtasksRoutes(app, this.proc);
          sledsRoutes(app, this.proc);
          for (const r of lockstep) r(app, this.proc);
        }),
        external.length === 0
          ? undefined
          : this.build((app) => {
              optionalApiVersion(app, NEXUS_EXTERNAL_API_VERSION);
              for (const r of external) r(app, this.proc);
            }),
      ]).then(([i, l, e]) => ({ internal: i, lockstep: l, external: e }));
      this.apps.set(key, apps);
    }
    return apps;
  }

  /** Routes requests for `[ip]:port` to this process (the Nexus's current incarnation). */
  bind(address: string, p: NexusProcess): void {
    this.byAddress.set(address, p);
  }

  private readonly proc = (req: FastifyRequest): NexusProcess => {
    const host = req.headers.host ?? '';
    // A URL on port 80 (the external API's) carries no port: its Host header has none either.
    const p = this.byAddress.get(host.endsWith(']') ? `${host}:80` : host) ?? this.soleProcess();
    if (!p) throw new Error(`no Nexus serves ${req.headers.host}`);
    return p;
  };

  /** A host serving one Nexus (a Nexus built alone, a live one) answers for it whatever the Host. */
  private soleProcess(): NexusProcess | undefined {
    const ps = new Set(this.byAddress.values());
    return ps.size === 1 ? ps.values().next().value : undefined;
  }

  private async build(routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
    const app = Fastify({ logger: false, exposeHeadRoutes: false }); // dropshot serves no implicit HEAD
    recordRoutes(app);
    app.setValidatorCompiler(sharedValidatorCompiler);
    app.setSerializerCompiler(sharedSerializerCompiler);
    installErrorHandler(app);
    routes(app);
    await app.ready();
    return app;
  }
}
