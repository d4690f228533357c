// Message loss with a per-run probability; a lost request or response surfaces to the client as a
// timeout at its deadline.
import type { Message, NetPolicy, Verdict } from './policy.js';
import type { Rng } from '../types.js';

export class Drop implements NetPolicy {
  constructor(
    private readonly inner: NetPolicy,
    public probability = 0,
  ) {}

  route(msg: Message, rng: Rng): Verdict {
    if (this.probability > 0 && rng.chance(this.probability)) return { deliver: false, reason: 'drop' };
    return this.inner.route(msg, rng);
  }
}
