// Lets a script wait on what Nexus tasks do, from trace events only: "activate this task and wait
// until that activation completed", "wait until nexus-0 has read the artifact config". Every wait
// has a sim-time deadline, so a script never hangs on an event that will not come.
import { TUF_TASK_NAME, type Nexus } from '../../nexus/index.js';
import type { TraceEvent, TraceEventOf, World } from '../../sim/index.js';

interface Waiter {
  match: (ev: TraceEvent) => boolean;
  resolve: (ev: TraceEvent) => void;
}

export class TaskWatch {
  private waiters: Waiter[] = [];

  constructor(private readonly world: World) {
    world.trace.subscribe((ev) => this.observe(ev));
  }

  private observe(ev: TraceEvent): void {
    if (this.waiters.length === 0) return;
    const hit = this.waiters.filter((w) => w.match(ev));
    if (hit.length === 0) return;
    this.waiters = this.waiters.filter((w) => !hit.includes(w));
    for (const w of hit) w.resolve(ev);
  }

  /**
   * Resolves with the first later event that matches; rejects after `timeoutMs` of sim time.
   * `atEvent` runs synchronously as the event is emitted: a fault injected there takes effect
   * before the emitting code's next step, whatever the order of promise continuations.
   */
  waitFor<E extends TraceEvent>(what: string, match: (ev: TraceEvent) => ev is E, timeoutMs?: number, atEvent?: (ev: E) => void): Promise<E>;
  waitFor(what: string, match: (ev: TraceEvent) => boolean, timeoutMs?: number, atEvent?: (ev: TraceEvent) => void): Promise<TraceEvent>;
  waitFor(what: string, match: (ev: TraceEvent) => boolean, timeoutMs = 3_600_000, atEvent?: (ev: TraceEvent) => void): Promise<TraceEvent> {
    return new Promise<TraceEvent>((resolve, reject) => {
      const timer = this.world.sched.after(timeoutMs, () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`));
      });
      const waiter: Waiter = {
        match,
        resolve: (ev) => {
          timer.cancel();
          atEvent?.(ev);
          resolve(ev);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Signals the replication task on `n` and waits for the activation that signal caused to end. */
  async activateAndWait(n: Nexus, timeoutMs?: number): Promise<void> {
    const started = this.waitFor(
      `${n.name} ${TUF_TASK_NAME} start`,
      (ev): ev is TraceEventOf<'bgtask.started'> => ev.node === n.name && ev.kind === 'bgtask.started' && ev.task === TUF_TASK_NAME && ev.reason === 'signaled',
      timeoutMs,
    );
    n.process.tasks.activate(TUF_TASK_NAME);
    const { iteration } = await started;
    await this.waitFor(`${n.name} ${TUF_TASK_NAME} iteration ${iteration}`, (ev) => ev.node === n.name && ev.kind === 'bgtask.completed' && ev.task === TUF_TASK_NAME && ev.iteration === iteration, timeoutMs);
  }

  /** Waits for the current or next activation of `n` to end. */
  completed(n: Nexus, timeoutMs?: number): Promise<TraceEvent> {
    return this.waitFor(`${n.name} ${TUF_TASK_NAME} completion`, (ev) => ev.node === n.name && ev.kind === 'bgtask.completed' && ev.task === TUF_TASK_NAME, timeoutMs);
  }
}
