// Base link latency: a distribution per link (default for all), plus transfer time by size.
import { sample, type Distribution } from './distribution.js';
import type { Message, NetPolicy, Verdict } from './policy.js';
import type { Rng } from '../types.js';

export class LinkLatency implements NetPolicy {
  private readonly links = new Map<string, Distribution>();

  constructor(
    public base: Distribution,
    /** Bytes per virtual millisecond; artifacts' declared sizes set their transfer time. */
    public bytesPerMs = 1_000_000,
  ) {}

  /** Overrides latency on the directed link from -> to. */
  setLink(from: string, to: string, d: Distribution): void {
    this.links.set(`${from}>${to}`, d);
  }

  route(msg: Message, rng: Rng): Verdict {
    const d = this.links.get(`${msg.from}>${msg.to}`) ?? this.base;
    return { deliver: true, delayMs: sample(d, rng) + Math.floor(msg.bytes / this.bytesPerMs) };
  }
}
