// One sled agent: two M.2 datasets (durable), the artifact store and its two servers (sled-agent
// API and repo depot), and registration with Nexus. The world's crash stops the node's addresses
// from answering; `crash()` here drops what the agent held in memory.
import type { NodeContext } from '../sim/index.js';
import { ArtifactStore, type Protocol } from './artifact-store.js';
import { requestIds } from './dropshot-errors.js';
import { M2Pair, type LedgeredConfig } from './m2.js';
import { notifyNexusAboutSelf } from './nexus-notifier.js';
import { SledAppHost } from './app-host.js';
import type { DepotSwitch } from './serving.js';
import { sledHardware, sledInventory } from './inventory.js';
import type { Inventory } from './types/index.js';

export const SLED_AGENT_PORT = 12345;
export const REPO_DEPOT_PORT = 12348;

export interface SledAgentOptions {
  sledId: string;
  protocol?: Protocol;
  sledAgentPort?: number;
  repoDepotPort?: number;
  /** Apps shared with the rest of the rack; a sled built alone gets its own. */
  apps?: SledAppHost;
  /** The M.2 datasets (default: in memory). A live rack keeps them on the host's disk. */
  m2?: M2Pair;
}

export class SledAgent {
  readonly sledId: string;
  readonly protocol: Protocol;
  readonly sledAgentPort: number;
  readonly repoDepotPort: number;
  /** Durable: survives crash/restart. */
  private readonly m2: M2Pair;
  private readonly store: ArtifactStore;
  private readonly depotFault: DepotSwitch = { failing: false };
  private readonly host: SledAppHost;
  /** Starts so far: request ids differ across restarts. */
  private boots = 0;

  constructor(
    private readonly ctx: NodeContext,
    opts: SledAgentOptions,
  ) {
    this.sledId = opts.sledId;
    this.protocol = opts.protocol ?? 'generation';
    this.sledAgentPort = opts.sledAgentPort ?? SLED_AGENT_PORT;
    this.repoDepotPort = opts.repoDepotPort ?? REPO_DEPOT_PORT;
    this.m2 = opts.m2 ?? new M2Pair(ctx.disks);
    this.store = new ArtifactStore(ctx, this.m2, this.protocol);
    this.host = opts.apps ?? new SledAppHost();
  }

  get address(): string {
    return `[${this.ctx.ip}]:${this.sledAgentPort}`;
  }

  async start(): Promise<void> {
    this.store.start();
    const ids = requestIds(`${this.sledId}/boot/${++this.boots}`);
    const { sledAgent, repoDepot } = await this.host.appsFor(this.protocol);
    const serving = { ctx: this.ctx, store: this.store, ids, inventory: () => this.inventory(), depotFault: this.depotFault };
    this.host.bind(`[${this.ctx.ip}]:${this.sledAgentPort}`, serving);
    this.host.bind(`[${this.ctx.ip}]:${this.repoDepotPort}`, serving);
    this.ctx.listen(this.sledAgentPort, sledAgent);
    this.ctx.listen(this.repoDepotPort, repoDepot);
    this.ctx.trace('sled.started', { sled_id: this.sledId, protocol: this.protocol });
  }

  /** Drops in-memory state: the config cache, in-progress copies, the reconciler, the servers. */
  crash(): void {
    this.store.crash();
  }

  async restart(): Promise<void> {
    await this.start();
  }

  inventory(): Inventory {
    return sledInventory(this.sledId, this.address, this.m2);
  }

  /** Copies per hash on live disks, for checkers. */
  holdings(): Map<string, number> {
    return this.store.holdings();
  }

  /** The config the agent is acting on (undefined before the first PUT, after a crash, in v1). */
  config(): LedgeredConfig | undefined {
    return this.store.currentConfig();
  }

  /** Call right after `world.disks.fail(node, disk)`: traces what was lost; the replacement is blank. */
  noticeDiskLoss(disk: number): void {
    this.store.noticeDiskLoss(disk);
  }

  /** A failing repo depot answers 500 to every GET. */
  setDepotFailing(on: boolean): void {
    this.depotFault.failing = on;
    this.ctx.trace('sled.depot-failing', { on });
  }

  /**
   * Tells Nexus about this sled (GET what it knows, then POST with a newer generation), retrying
   * every 2 s; resolves true once Nexus holds this sled's info, false on decommission or giving up.
   */
  async register(nexusUrl: string): Promise<boolean> {
    const outcome = await notifyNexusAboutSelf(this.ctx, nexusUrl, this.sledId, () => ({
      sa_address: this.address,
      repo_depot_port: this.repoDepotPort,
      ...sledHardware(this.sledId),
    }));
    return outcome === 'registered';
  }
}
