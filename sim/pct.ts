// Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010) as
// the scheduler's tie-break. Each process (here: a node, "root" for the harness) gets a distinct
// random initial priority above d; d-1 change points are drawn uniformly in [1, k]; when the
// scheduler runs its i-th change-point event, that event's process drops to priority d-i (below
// every initial one). Among events due at the same virtual instant, the one whose process has the
// highest priority runs first; the sequence number breaks remaining ties.
//
// Bound, as it applies here: PCT finds a bug of depth d with probability >= 1/(n * k^(d-1)) (n
// processes, k steps) when the scheduler chooses among all enabled threads at every step. In the
// simulator the enabled set at a step is the events due at that instant (time order is fixed by
// the latencies the seed drew), and an event's priority is read when it is queued, not when it is
// picked (the queue is a heap). So the bound holds for orderings among simultaneous events whose
// priorities did not change while they waited; it says nothing about races that need a different
// latency, which the seed's faults and latency envelopes explore instead.
import type { Rng } from './types.js';

export interface PctOptions {
  /** Bug depth d: d-1 priority change points. */
  depth: number;
  /** k: the step range change points are drawn from (expected events in a run). */
  steps: number;
}

export class Pct {
  private readonly prio = new Map<string, number>();
  private readonly changeAt: number[];
  private next = 0;

  constructor(
    private readonly rng: Rng,
    readonly opts: PctOptions,
  ) {
    this.changeAt = Array.from({ length: Math.max(0, opts.depth - 1) }, () => rng.int(1, opts.steps + 1)).sort((a, b) => a - b);
  }

  /** A new process gets a random priority above every change-point priority (distinct: a float). */
  private priority(owner: string): number {
    let p = this.prio.get(owner);
    if (p === undefined) {
      p = this.opts.depth + this.rng.float();
      this.prio.set(owner, p);
    }
    return p;
  }

  /** The tie value for an event queued by `owner` (the heap runs smaller ties first). */
  tie(owner: string): number {
    return -this.priority(owner);
  }

  /** Called as the scheduler runs its `step`-th event, owned by `owner`. */
  onStep(step: number, owner: string): void {
    while (this.next < this.changeAt.length && this.changeAt[this.next] <= step) {
      this.next++;
      this.priority(owner);
      this.prio.set(owner, this.opts.depth - this.next);
    }
  }

  /** Change points still to come (for tests). */
  get changePoints(): readonly number[] {
    return this.changeAt;
  }
}
