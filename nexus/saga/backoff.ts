// omicron's `retry_policy_internal_service` (common/src/backoff.rs), the policy SecStore retries
// with: the `backoff` crate's ExponentialBackoff with a 250 ms initial interval, multiplier 2, the
// interval capped at 3 min and no overall deadline. Each wait is the current interval randomized
// by the crate's default factor 0.5, i.e. uniform in [0.5, 1.5] x interval; the cap applies to the
// interval, not the randomized wait (ihrwein/backoff src/exponential.rs). The jitter comes from a
// seeded stream of the node, never Math.random.
import type { Rng } from '../../sim/index.js';

export const INTERNAL_SERVICE_POLICY = { initialMs: 250, multiplier: 2, maxIntervalMs: 180_000, randomizationFactor: 0.5 };

export class ExponentialBackoff {
  private intervalMs: number;

  constructor(
    private readonly rng: Rng,
    private readonly policy = INTERNAL_SERVICE_POLICY,
  ) {
    this.intervalMs = policy.initialMs;
  }

  /** The interval the next wait is drawn around (before jitter). */
  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** The next wait, then grows the interval (to the cap). */
  nextWaitMs(): number {
    const delta = this.policy.randomizationFactor * this.intervalMs;
    const wait = Math.round(this.intervalMs - delta + this.rng.float() * 2 * delta);
    this.intervalMs = Math.min(this.intervalMs * this.policy.multiplier, this.policy.maxIntervalMs);
    return wait;
  }
}
