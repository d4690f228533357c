// DB latency per node: each datastore step pays a sampled delay each way; a slow Nexus gets an
// extra distribution on top, so it really reads stale data and writes late.
import { sample, type Distribution } from './distribution.js';
import type { Rng } from '../types.js';

export class DbLatency {
  private readonly slow = new Map<string, Distribution>();

  constructor(public base: Distribution) {}

  setSlow(node: string, extra: Distribution | undefined): void {
    if (extra) this.slow.set(node, extra);
    else this.slow.delete(node);
  }

  clear(): void {
    this.slow.clear();
  }

  sample(node: string, rng: Rng): number {
    const extra = this.slow.get(node);
    return sample(this.base, rng) + (extra ? sample(extra, rng) : 0);
  }
}
