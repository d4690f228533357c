// omicron's `delete_reconciler`: after every config change it removes, from every live dataset,
// files whose hash is not in the *current* config, re-checking the config per file. It runs in the
// background, so `list` can already omit an artifact that is still physically on disk.
import { detached, type NodeContext } from '../sim/index.js';
import type { LedgeredConfig, M2Pair } from './m2.js';

/** Sim time to remove one file. */
export const DELETE_MS_PER_FILE = 2;

export class DeleteReconciler {
  private running = false;
  private dirty = false;
  /** Bumped on crash: a reconciler pass of a previous boot stops at its next step. */
  private boot = 0;

  constructor(
    private readonly ctx: NodeContext,
    private readonly m2: M2Pair,
    private readonly current: () => LedgeredConfig | undefined,
  ) {}

  /** A config was committed (or loaded at boot): make a pass, or another one after the current. */
  poke(): void {
    this.dirty = true;
    // A background pass, not the work of the config PUT that poked it.
    if (!this.running) void detached(() => this.loop(this.boot));
  }

  crash(): void {
    this.boot++;
    this.running = false;
    this.dirty = false;
  }

  private async loop(boot: number): Promise<void> {
    this.running = true;
    while (this.dirty && boot === this.boot) {
      this.dirty = false;
      await this.pass(boot);
    }
    if (boot === this.boot) this.running = false;
  }

  private async pass(boot: number): Promise<void> {
    const config = this.current();
    if (!config) return;
    // Snapshot the candidates; each is re-checked against the then-current config before removal.
    const candidates: Array<[number, string]> = [];
    for (const d of this.m2.live()) for (const h of d.files.keys()) if (!config.artifacts.has(h)) candidates.push([d.disk, h]);
    for (const [disk, sha256] of candidates) {
      await this.ctx.clock.sleep(DELETE_MS_PER_FILE);
      if (boot !== this.boot) return;
      const now = this.current();
      if (!now || now.artifacts.has(sha256) || !this.m2.isLive(disk)) continue;
      const d = this.m2.datasets[disk];
      if (d.files.delete(sha256)) this.ctx.trace('artifact.removed', { sha256, disk, why: 'reconciler' });
    }
  }
}
