// The sled's content-addressed artifact store over its two M.2 datasets (omicron's
// `sled-agent/src/artifact_store.rs`), in both protocol generations: today's, with a ledgered
// ArtifactConfig and `?generation=N` writes, and the first one (v1, before omicron PR #7519), with
// no config and an explicit DELETE.
import { createHash } from 'node:crypto';
import { detached, errorCode, type ClientTimeouts, type NodeContext } from '../sim/index.js';
import { ArtifactError, noUpdateDataset } from './artifact-errors.js';
import { DeleteReconciler } from './delete-reconciler.js';
import { sameConfig, type LedgeredConfig, type M2Pair } from './m2.js';
import { API_VERSION_HEADER, REPO_DEPOT_API_VERSION } from './api-version.js';
import type { ArtifactConfig, ArtifactListResponse, ArtifactListV1, ArtifactPutResponse } from './types/index.js';

/** The artifact store's depot client (sled-agent/src/artifact_store.rs `ArtifactStore::new`):
 * a 15 s connect timeout and no request timeout; generated from repo-depot 1.0.0, it sends that
 * version in `api-version`. */
const DEPOT_CLIENT_TIMEOUTS: ClientTimeouts = { connectMs: 15_000 };

export type Protocol = 'generation' | 'v1';


export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Sim time to stream a body of `size` bytes from a depot to disk (about 1 GB/s, at least 1 ms). */
export function transferMs(size: number): number {
  return Math.max(1, Math.round(size / 1e6));
}

export class ArtifactStore {
  /** omicron's `watch` channel of the current config: in memory, reloaded from the ledger at boot. */
  private config: LedgeredConfig | undefined;
  /** Bumped on crash, so background work of an earlier boot (an in-progress copy) never lands. */
  private boot = 0;
  private readonly reconciler: DeleteReconciler;

  constructor(
    private readonly ctx: NodeContext,
    readonly m2: M2Pair,
    readonly protocol: Protocol,
  ) {
    this.reconciler = new DeleteReconciler(ctx, m2, () => this.config);
  }

  /**
   * Boot from durable state. In-progress writes of an earlier boot are gone (tmp is wiped). The
   * ledgered config is loaded but no delete pass runs: omicron's `delete_reconciler` waits on
   * `receiver.changed()` of a watch channel created with that config, so it first runs at the
   * next config *change* (an identical re-PUT sends nothing). Files a crash left half-reconciled
   * stay on disk, unlisted, until then (sled-agent/src/artifact_store.rs, `ArtifactStore::new`).
   */
  start(): void {
    if (this.protocol !== 'generation') return;
    this.config = this.m2.ledgered();
  }

  crash(): void {
    this.boot++;
    this.config = undefined;
    this.reconciler.crash();
  }

  currentConfig(): LedgeredConfig | undefined {
    return this.config;
  }

  configGet(): ArtifactConfig {
    if (!this.config) throw new ArtifactError('NotFound', 'No artifact configuration present');
    return toWire(this.config);
  }

  /** omicron's `ledger_manager` rules for `PUT /artifacts-config`. */
  configPut(wire: ArtifactConfig): void {
    if (this.m2.live().length === 0) throw noUpdateDataset();
    const next: LedgeredConfig = { generation: wire.generation, artifacts: new Set(wire.artifacts) };
    const ledger = this.m2.ledgered();
    if (ledger && next.generation <= ledger.generation) {
      if (sameConfig(next, ledger)) return;
      throw new ArtifactError(
        'GenerationConfig',
        next.generation === ledger.generation
          ? `Generation ${next.generation} already has a different artifact configuration`
          : `Generation number in the new config (${next.generation}) is older than the current generation (${ledger.generation})`,
      );
    }
    for (const d of this.m2.live()) d.ledger = next; // one immutable object, shared by both ledgers
    this.config = next;
    this.ctx.trace('artifact.config', { generation: next.generation, count: next.artifacts.size });
    this.reconciler.poke();
  }

  /** The checks omicron's `writer()` makes before any byte is accepted (PUT and copy). */
  private writer(sha256: string, generation: number | undefined): void {
    if (this.protocol === 'generation') {
      const config = this.config;
      if (!config) throw new ArtifactError('NoConfig', 'Attempt to modify artifacts without an artifact configuration');
      if (generation !== config.generation) {
        throw new ArtifactError(
          'GenerationPut',
          `Attempt to write artifact with generation ${generation}, but the current generation is ${config.generation}`,
        );
      }
      if (!config.artifacts.has(sha256)) {
        throw new ArtifactError('NotInConfig', `Attempt to write artifact ${sha256} not in generation ${config.generation}`);
      }
    }
    if (this.m2.live().length === 0) throw noUpdateDataset();
  }

  /** Stores `bytes` (one shared reference) on every live dataset; returns how many took it. */
  private write(sha256: string, bytes: Uint8Array): number {
    let n = 0;
    for (const d of this.m2.live()) {
      const fresh = !d.files.has(sha256);
      d.files.set(sha256, bytes); // overwrite is allowed and idempotent
      if (fresh) this.ctx.trace('artifact.stored', { sha256, disk: d.disk });
      n++;
    }
    return n;
  }

  put(sha256: string, generation: number | undefined, bytes: Uint8Array): ArtifactPutResponse {
    this.writer(sha256, generation);
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new ArtifactError('HashMismatch', `Digest mismatch: expected ${sha256}, actual ${actual}`);
    const datasets = this.m2.live().length;
    return { datasets, successful_writes: this.write(sha256, bytes) };
  }

  /**
   * Resolves as soon as the depot answered with success (the API then answers 202); the body is
   * written by a spawned task after the transfer time, and its failures are only traced.
   */
  async copyFromDepot(sha256: string, generation: number | undefined, depotBaseUrl: string): Promise<void> {
    // The boot this request is served in: a sled that crashes while the depot answers must not
    // let the dead request's copy land in the next boot (a killed sled agent's task dies with it).
    const boot = this.boot;
    this.writer(sha256, generation);
    const url = `${depotBaseUrl.replace(/\/+$/, '')}/artifact/sha256/${sha256}`;
    let res: Response;
    try {
      res = await this.ctx.fetch(url, { headers: { [API_VERSION_HEADER]: REPO_DEPOT_API_VERSION }, timeouts: DEPOT_CLIENT_TIMEOUTS });
    } catch (err) {
      throw new ArtifactError('DepotCopy', `Error fetching artifact ${sha256} from depot at ${depotBaseUrl}: ${errorCode(err)}`);
    }
    if (!res.ok) {
      throw new ArtifactError('DepotCopy', `Error fetching artifact ${sha256} from depot at ${depotBaseUrl}: status ${res.status}`);
    }
    // The copy runs on after the PUT is answered: not the request's work (sim/scheduler.ts).
    void detached(() => this.finishCopy(sha256, res, boot));
  }

  private async finishCopy(sha256: string, res: Response, boot: number): Promise<void> {
    const bytes = new Uint8Array(await res.arrayBuffer());
    await this.ctx.clock.sleep(transferMs(bytes.length));
    if (boot !== this.boot) return; // the sled crashed mid-copy: the temp files are gone
    const actual = sha256Hex(bytes);
    if (actual !== sha256) {
      this.ctx.trace('artifact.copy-failed', { sha256, reason: `digest mismatch: actual ${actual}` });
      return;
    }
    if (this.m2.live().length === 0) {
      this.ctx.trace('artifact.copy-failed', { sha256, reason: 'no update datasets' });
      return;
    }
    this.write(sha256, bytes);
  }

  /**
   * Repo depot GET: the first live dataset holding it. With no live dataset the loop finds nothing
   * and the answer is 404 NotFound, not 503 (omicron `get_from_storage`: only a dataset that fails
   * to open the file records an error; an absent one is skipped).
   */
  get(sha256: string): Uint8Array {
    for (const d of this.m2.live()) {
      const bytes = d.files.get(sha256);
      if (bytes) return bytes;
    }
    throw new ArtifactError('NotFound', `Artifact ${sha256} not found`);
  }

  /** `GET /artifacts`: only hashes in the current config, with a count > 0. */
  list(): ArtifactListResponse {
    const config = this.config;
    if (!config) throw new ArtifactError('NoConfig', 'No artifact configuration present');
    const counts = this.counts();
    const list: Record<string, number> = {};
    for (const [h, n] of counts) if (config.artifacts.has(h)) list[h] = n;
    return { generation: config.generation, list };
  }

  /** v1 `GET /artifacts`: every hash held. */
  listV1(): ArtifactListV1 {
    return Object.fromEntries(this.counts());
  }

  /** v1 `DELETE /artifacts/{sha256}`: idempotent, as omicron's was (a missing file is not an error). */
  delete(sha256: string): void {
    const live = this.m2.live();
    if (live.length === 0) throw noUpdateDataset();
    for (const d of live) if (d.files.delete(sha256)) this.ctx.trace('artifact.removed', { sha256, disk: d.disk, why: 'delete' });
  }

  /** Copies per hash over live datasets, sorted by hash (omicron's BTreeMap order). */
  private counts(): Map<string, number> {
    const live = this.m2.live();
    if (live.length === 0) throw noUpdateDataset();
    const counts = new Map<string, number>();
    for (const d of live) for (const h of d.files.keys()) counts.set(h, (counts.get(h) ?? 0) + 1);
    return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** For checkers: copies per hash on live disks (no error when none are live). */
  holdings(): Map<string, number> {
    const out = new Map<string, number>();
    for (const d of this.m2.live()) for (const h of d.files.keys()) out.set(h, (out.get(h) ?? 0) + 1);
    return out;
  }

  /** Records, after the world failed `disk`, what that M.2 held; its replacement comes back blank. */
  noticeDiskLoss(disk: number): void {
    if (this.m2.isLive(disk)) throw new Error(`disk ${disk} of ${this.ctx.name} has not failed`);
    const d = this.m2.datasets[disk];
    if (!d) throw new Error(`no disk ${disk}`);
    for (const sha256 of d.files.keys()) this.ctx.trace('artifact.removed', { sha256, disk, why: 'disk-lost' });
    d.wipe();
  }
}

function toWire(c: LedgeredConfig): ArtifactConfig {
  return { generation: c.generation, artifacts: [...c.artifacts].sort() };
}
