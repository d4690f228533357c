// Partitions: blocked directed links. `isolate(a, b)` cuts both ways; `cutOneWay(a, b)` only a -> b
// (a's requests vanish while b can still reach a, or a's responses to b vanish).
import type { Message, NetPolicy, Verdict } from './policy.js';
import type { Rng } from '../types.js';

export class Partition implements NetPolicy {
  private readonly blocked = new Set<string>();

  constructor(private readonly inner: NetPolicy) {}

  cutOneWay(from: string, to: string): void {
    this.blocked.add(`${from}>${to}`);
  }

  isolate(a: string, b: string): void {
    this.cutOneWay(a, b);
    this.cutOneWay(b, a);
  }

  /** Cuts `node` off from each of `others`, both ways. */
  isolateFrom(node: string, others: readonly string[]): void {
    for (const o of others) this.isolate(node, o);
  }

  /** Restores the links between `a` and `b`, both ways (whichever were cut). */
  restore(a: string, b: string): void {
    this.blocked.delete(`${a}>${b}`);
    this.blocked.delete(`${b}>${a}`);
  }

  heal(): void {
    this.blocked.clear();
  }

  get active(): boolean {
    return this.blocked.size > 0;
  }

  route(msg: Message, rng: Rng): Verdict {
    if (this.blocked.size > 0 && this.blocked.has(`${msg.from}>${msg.to}`)) return { deliver: false, reason: 'partition' };
    return this.inner.route(msg, rng);
  }
}
