// A Nexus's background tasks: one xstate actor each, on the Nexus's clock. Views for the lockstep
// API and omdb-style output come from here.
import { createActor, type Actor } from 'xstate';
import { detached, type Clock, type Rng, type TraceFn } from '../../sim/index.js';
import { iso } from '../db/time.js';
import { wireDuration } from './duration.js';
import { backgroundTaskMachine } from './machine.js';
import type { ActivationReason, BackgroundTaskDef, BackgroundTaskView, CurrentStatus, LastResult } from './types.js';

interface Entry {
  def: BackgroundTaskDef;
  actor?: Actor<typeof backgroundTaskMachine>;
  current: CurrentStatus;
  last: LastResult;
  startedAt: number;
  /** Signaled before the driver started: the `Activator` keeps the permit. */
  signaledEarly: boolean;
}

export class BackgroundTasks {
  private readonly tasks = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly trace: TraceFn,
    /** Stands in for tokio `select!`'s random choice among ready branches. */
    private readonly rng: Rng,
    /** Multiplies every period (a configured period, as omicron's config can set; default 1). */
    private readonly periodScale = 1,
  ) {}

  private periodMs(def: BackgroundTaskDef): number {
    return this.periodScale === 1 ? def.periodMs : Math.max(1, Math.round(def.periodMs * this.periodScale));
  }

  register(def: BackgroundTaskDef): void {
    if (this.tasks.has(def.name)) throw new Error(`background task ${def.name} registered twice`);
    this.tasks.set(def.name, { def, current: { current_status: 'idle' }, last: { last_result: 'never_completed' }, startedAt: 0, signaledEarly: false });
  }

  /** Starts every registered task's driver (each runs its first activation now). */
  startAll(): void {
    for (const [name, e] of this.tasks) {
      e.actor = createActor(backgroundTaskMachine, {
        clock: this.clock,
        input: {
          periodMs: this.periodMs(e.def),
          now: () => this.clock.now(),
          choose: (n) => this.rng.int(0, n),
          signaled: e.signaledEarly,
          // An activation signalled by a request handler is the task's work, not the request's.
          run: (reason) => detached(() => e.def.activate(reason)),
          onStarted: (reason, iteration) => this.started(name, reason, iteration),
          onCompleted: (reason, iteration, details) => this.completed(name, reason, iteration, details),
        },
      });
      e.actor.start();
    }
  }

  stopAll(): void {
    for (const e of this.tasks.values()) e.actor?.stop();
  }

  has(name: string): boolean {
    return this.tasks.has(name);
  }

  names(): string[] {
    return [...this.tasks.keys()].sort();
  }

  /** Signals a task (its `Activator`); false if there is no such task. */
  activate(name: string): boolean {
    const e = this.tasks.get(name);
    if (!e) return false;
    if (e.actor) e.actor.send({ type: 'ACTIVATION_REQUESTED' });
    else e.signaledEarly = true;
    return true;
  }

  /** A watch channel the task depends on changed (omicron's `with_watcher`): a `dependency`
   * activation. Changes before the driver starts are what the task reads first anyway. */
  dependencyChanged(name: string): void {
    const e = this.tasks.get(name);
    if (!e) throw new Error(`no background task ${name}`);
    e.actor?.send({ type: 'DEPENDENCY_CHANGED' });
  }

  view(name: string): BackgroundTaskView | undefined {
    const e = this.tasks.get(name);
    if (!e) return undefined;
    return { name, description: e.def.description, period: wireDuration(this.periodMs(e.def)), current: e.current, last: e.last };
  }

  /** The details of the last completed activation, if any. */
  lastDetails<T>(name: string): T | undefined {
    const last = this.tasks.get(name)?.last;
    return last?.last_result === 'completed' ? (last.details.details as T) : undefined;
  }

  private started(name: string, reason: ActivationReason, iteration: number): void {
    const e = this.tasks.get(name)!;
    e.startedAt = this.clock.now();
    e.current = { current_status: 'running', details: { iteration, reason, start_time: iso(e.startedAt) } };
    this.trace('bgtask.started', { task: name, iteration, reason });
  }

  private completed(name: string, reason: ActivationReason, iteration: number, details: unknown): void {
    const e = this.tasks.get(name)!;
    const elapsed = this.clock.now() - e.startedAt;
    e.current = { current_status: 'idle' };
    e.last = { last_result: 'completed', details: { iteration, reason, start_time: iso(e.startedAt), elapsed: wireDuration(elapsed), details } };
    this.trace('bgtask.completed', { task: name, iteration, elapsedMs: elapsed });
  }
}
