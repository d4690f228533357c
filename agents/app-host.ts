// One sled-agent app and one repo-depot app per protocol, shared by every sled of a rack: each
// request finds its sled by the address it was sent to (the Host header), as virtual hosting
// would. Building two fastify apps per sled dominated start-up at 1,024 sleds; a sled's in-memory
// state lives in its store, not in the app, so sharing changes no behaviour.
import type { FastifyInstance } from 'fastify';
import type { Protocol } from './artifact-store.js';
import { buildRepoDepotApp } from './repo-depot-api.js';
import type { SledServing } from './serving.js';
import { buildSledAgentApp } from './sled-agent-api.js';

interface Apps {
  sledAgent: FastifyInstance;
  repoDepot: FastifyInstance;
}

export class SledAppHost {
  private readonly byAddress = new Map<string, SledServing>();
  private readonly apps = new Map<Protocol, Promise<Apps>>();

  /** The shared apps for a protocol, built on first use. */
  appsFor(protocol: Protocol): Promise<Apps> {
    let apps = this.apps.get(protocol);
    if (!apps) {
      const resolve = (host: string | undefined) => (host === undefined ? undefined : this.byAddress.get(host)) ?? this.soleSled();
      apps = Promise.all([buildSledAgentApp(protocol, resolve), buildRepoDepotApp(protocol, resolve)]).then(([sledAgent, repoDepot]) => ({ sledAgent, repoDepot }));
      this.apps.set(protocol, apps);
    }
    return apps;
  }

  /** A host serving one sled (a sled built alone, a live sled) answers for it whatever the Host. */
  private soleSled(): SledServing | undefined {
    const sleds = new Set(this.byAddress.values());
    return sleds.size === 1 ? sleds.values().next().value : undefined;
  }

  /** Routes requests for `[ip]:port` to this sled. */
  bind(address: string, sled: SledServing): void {
    this.byAddress.set(address, sled);
  }
}
