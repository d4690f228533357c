// The deterministic scheduler: a priority queue of (time, seeded tie-break, sequence) events.
// Between two events it waits for quiescence: every ready continuation has run and no real-async
// operation it was told about (`hold`) is still going. It knows, rather than guesses, that nothing
// is in flight: the fabric holds the scheduler for the whole time a request is outside the queue.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Heap } from './heap.js';
import { Pct, type PctOptions } from './pct.js';
import { yieldToHost } from './real/host.js';
import type { Rng } from './types.js';

interface SimEvent {
  at: number;
  tie: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
  /** The process (node) whose step queued the event; only PCT mode reads it. */
  owner: string;
}

/** A hold that the code running under it sets aside while all of it waits on simulated events. */
interface Gate {
  owner: Scheduler;
  waiting: number;
  release: (() => void) | undefined;
  closed: boolean;
}

const noop = () => {};

/** Host turns quiesce waits for a hold before calling the run stuck: legitimate work under a hold
 * settles in tens of turns; 100,000 empty turns are 0.1 s to a few seconds of real time. */
export const STUCK_HOLD_TURNS = 100_000;

// One store for every scheduler in the process: each AsyncLocalStorage instance costs every promise
// created anywhere in the process a propagation step, so one per run would slow each later run.
const gates = new AsyncLocalStorage<Gate>();

/**
 * Parks the hold of the request being served here, if any (see holdWhile): for a wait that
 * another simulated actor ends, such as a bounded channel with room again. Returns the unpark,
 * to be called synchronously by whoever ends the wait. Outside a hold it does nothing.
 */
export function parkCurrent(): () => void {
  const gate = gates.getStore();
  return gate ? parkGate(gate.owner, gate) : noop;
}

/**
 * Runs `fn` outside any request's hold: what it starts (a background activation, a saga, a copy a
 * sled spawns) is not the request's work, so its waits must neither park the request's hold nor
 * take it back while the handler itself still runs.
 */
export function detached<T>(fn: () => T): T {
  return gates.exit(fn);
}

function closeGate(gate: Gate): void {
  gate.closed = true;
  gate.release?.();
  gate.release = undefined;
}

function parkGate(sched: Scheduler, gate: Gate | undefined): () => void {
  if (!gate || gate.closed || gate.owner !== sched) return noop;
  if (gate.waiting++ === 0) {
    gate.release?.();
    gate.release = undefined;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--gate.waiting === 0 && !gate.closed) gate.release = sched.hold();
  };
}

export interface TimerHandle {
  readonly at: number;
  cancel(): void;
}

export class Scheduler {
  /** Virtual milliseconds since the Unix epoch. */
  now: number;
  private seq = 0;
  private inflight = 0;
  private readonly queue = new Heap<SimEvent>((a, b) =>
    a.at !== b.at ? a.at < b.at : a.tie !== b.tie ? a.tie < b.tie : a.seq < b.seq,
  );
  eventsRun = 0;
  private failure: unknown;
  private pct: Pct | undefined;
  /** The process the running step belongs to: the owner of the last event run, or the node the
   * last trace event came from (noteOwner), whichever is later. */
  private owner = 'root';
  /** The holds of the requests each node is serving (holdWhile with a node), for abandon. */
  private readonly serving = new Map<string, Set<Gate>>();

  constructor(
    private readonly startMs: number,
    private readonly ties: Rng,
    private readonly stuckTurns = STUCK_HOLD_TURNS,
  ) {
    this.now = startMs;
  }

  /** Runs `fn` at virtual time `at` (never in the past). */
  at(at: number, fn: () => void): TimerHandle {
    const tie = this.pct ? this.pct.tie(this.owner) : this.ties.float();
    const ev: SimEvent = { at: Math.max(at, this.now), tie, seq: this.seq++, fn, cancelled: false, owner: this.owner };
    this.queue.push(ev);
    return {
      at: ev.at,
      cancel: () => {
        ev.cancelled = true;
      },
    };
  }

  /**
   * Switches tie-breaking to PCT (sim/pct.ts) from now on, with its own seeded stream. Opt-in per
   * run (rack-workload picks it per seed); the default random tie-break is unchanged.
   */
  usePct(rng: Rng, opts: PctOptions): Pct {
    this.pct = new Pct(rng, opts);
    return this.pct;
  }

  /** Attributes what runs next to `node` (fed from the trace: the node that just acted). */
  noteOwner(node: string): void {
    this.owner = node;
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    return this.at(this.now + Math.max(0, Math.round(delayMs)), fn);
  }

  sleep(delayMs: number): Promise<void> {
    const unpark = this.park();
    return new Promise((resolve) => this.after(delayMs, () => {
      unpark();
      resolve();
    }));
  }

  /**
   * Runs real-async work (an app serving a request) under a hold, except while everything it
   * started waits on simulated events (a nested request, a sleep, a DB step): then the clock must
   * move for it to finish.
   */
  holdWhile<T>(fn: () => PromiseLike<T>, node?: string): Promise<T> {
    const gate: Gate = { owner: this, waiting: 0, release: this.hold(), closed: false };
    const served = node === undefined ? undefined : this.serving.get(node) ?? this.serving.set(node, new Set()).get(node)!;
    served?.add(gate);
    // `await` inside the context: inject returns a thenable that dispatches when `then` is called.
    return gates.run(gate, async () => await fn()).finally(() => {
      served?.delete(gate);
      closeGate(gate);
    });
  }

  /**
   * `node` crashed: the work it was serving never resumes (its DB steps and requests are dropped
   * by its Lifetime), so its holds are dropped with it. Without this, a step that ended just
   * before its result was dropped would re-take the hold, and the clock would stop for good.
   */
  abandon(node: string): void {
    for (const gate of this.serving.get(node) ?? []) closeGate(gate);
    this.serving.delete(node);
  }

  /** Called before waiting on a scheduled event; the result is called when the event fires. */
  park(): () => void {
    return parkGate(this, gates.getStore());
  }

  /** Marks a real-async operation in flight; the clock will not advance until it is released. */
  hold(): () => void {
    this.inflight++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.inflight--;
      }
    };
  }

  /** Records an error thrown by an event callback; `run` rethrows it. */
  fail(err: unknown): void {
    this.failure ??= err;
  }

  get pending(): number {
    return this.queue.size;
  }

  async quiesce(): Promise<void> {
    let turns = 0;
    do {
      await yieldToHost();
      // Real-async work settles within a few host turns; a hold still up after this many empty
      // turns waits on something only simulated time can bring, which the clock will never reach
      // while the hold stands. Failing names the cause instead of spinning forever.
      if (++turns === this.stuckTurns) {
        throw new Error(
          `scheduler: ${this.inflight} real-async hold(s) still up after ${this.stuckTurns} host turns at simulated ${(this.now - this.startMs) / 1000} s: ` +
            'code run under holdWhile awaits something no scheduled event settles (a wait another simulated actor ends needs simWait, sim/wait.ts; the handlers of a crashed node need Scheduler.abandon)',
        );
      }
    } while (this.inflight > 0);
  }

  /**
   * Runs events in order until the queue is empty, the next event is later than `untilMs`, or
   * `stop()` says so (checked at quiescence, between events).
   */
  async run(opts: { untilMs?: number; stop?: () => boolean; maxEvents?: number } = {}): Promise<void> {
    const limit = opts.maxEvents ?? Number.POSITIVE_INFINITY;
    let n = 0;
    for (;;) {
      await this.quiesce();
      if (this.failure !== undefined) throw this.failure;
      if (opts.stop?.()) return;
      const ev = this.queue.peek();
      if (!ev) return;
      if (opts.untilMs !== undefined && ev.at > opts.untilMs) {
        this.now = Math.max(this.now, opts.untilMs);
        return;
      }
      if (n++ >= limit) throw new Error(`scheduler: more than ${limit} events; runaway run?`);
      this.queue.pop();
      if (ev.cancelled) continue;
      this.now = ev.at;
      this.eventsRun++;
      this.owner = ev.owner;
      this.pct?.onStep(this.eventsRun, ev.owner);
      try {
        ev.fn();
      } catch (err) {
        this.fail(err);
      }
    }
  }
}
