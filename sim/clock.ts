// Virtual time. The scheduler owns true time; each node reads it through a view that may carry a
// seeded offset and drift (the clock-skew fault), as a real node's clock would.
import type { Scheduler } from './scheduler.js';
import type { Clock } from './types.js';

/** The fixed epoch every run starts at: 2026-01-01T00:00:00Z. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

export interface Skew {
  /** Constant offset in ms. */
  offsetMs: number;
  /** Drift in parts per million of elapsed true time. */
  driftPpm: number;
}

export const NO_SKEW: Skew = { offsetMs: 0, driftPpm: 0 };

export class NodeClock implements Clock {
  constructor(
    private readonly sched: Scheduler,
    public skew: Skew = NO_SKEW,
  ) {}

  now(): number {
    const elapsed = this.sched.now - SIM_EPOCH_MS;
    return Math.round(this.sched.now + this.skew.offsetMs + (elapsed * this.skew.driftPpm) / 1e6);
  }

  sleep(ms: number): Promise<void> {
    return this.sched.sleep(ms);
  }

  // Named as xstate's Clock interface requires; these schedule virtual-time events.
  setTimeout(fn: (...args: any[]) => void, ms: number): any { // det-ok: virtual-time method
    return this.sched.after(ms, fn);
  }

  clearTimeout(id: any): void {
    id?.cancel?.();
  }
}
