// A slow node: every message it sends or receives pays extra latency (a "slow Nexus").
import { sample, type Distribution } from './distribution.js';
import type { Message, NetPolicy, Verdict } from './policy.js';
import type { Rng } from '../types.js';

export class NodeLatency implements NetPolicy {
  private readonly slow = new Map<string, Distribution>();

  constructor(private readonly inner: NetPolicy) {}

  setSlow(node: string, extra: Distribution | undefined): void {
    if (extra) this.slow.set(node, extra);
    else this.slow.delete(node);
  }

  clear(): void {
    this.slow.clear();
  }

  route(msg: Message, rng: Rng): Verdict {
    const v = this.inner.route(msg, rng);
    if (!v.deliver || this.slow.size === 0) return v;
    let delay = v.delayMs;
    const a = this.slow.get(msg.from);
    if (a) delay += sample(a, rng);
    const b = this.slow.get(msg.to);
    if (b) delay += sample(b, rng);
    return { deliver: true, delayMs: delay };
  }
}
