// One background task's driver as an xstate machine on the node's clock, after omicron's
// `nexus/src/app/background/driver.rs` (`TaskExec::run`): a `tokio::time::interval(period)` with
// `MissedTickBehavior::Delay`, raced in a `select!` against an explicit activation (`Activator`, a
// tokio `Notify`) and against changes of the watch channels the task depends on.
//
// - The interval's first tick is immediate, so every task runs once at boot.
// - Ticks keep a fixed phase (boot, boot + period, ...): other activations do not reset it.
// - A tick that falls due while an activation runs is not lost: it is ready as soon as the
//   activation ends, and under `Delay` the next tick is then one period after that late tick
//   (tokio's rule: a tick taken more than 5 ms past its deadline re-phases to `now + period`).
// - Signals during an activation store one `Notify` permit (however many came), and dependency
//   changes mark the watch as changed: each is one more activation, separately.
// - When several branches are ready, tokio's `select!` (not `biased`) picks one at random; here a
//   seeded choice picks, and the others stay ready for the next turn of the loop.
import { assign, fromPromise, setup } from 'xstate';
import type { ActivationReason } from './types.js';

/** tokio's `Interval::poll_tick`: a tick more than this late counts as missed. */
const TICK_LATE_TOLERANCE_MS = 5;

export interface TaskMachineInput {
  periodMs: number;
  /** The node's clock, which also drives the machine's timers. */
  now: () => number;
  /** `select!`'s random branch choice: an index below `n`, from a seeded stream. */
  choose: (n: number) => number;
  /** Permits stored before the driver started (an `Activator` notified early keeps its permit). */
  signaled?: boolean;
  run: (reason: ActivationReason, iteration: number) => Promise<unknown>;
  onStarted: (reason: ActivationReason, iteration: number) => void;
  onCompleted: (reason: ActivationReason, iteration: number, details: unknown) => void;
}

interface TaskContext extends TaskMachineInput {
  iteration: number;
  reason: ActivationReason;
  /** A stored `Notify` permit. */
  signaled: boolean;
  /** A watched channel changed since the task last looked. */
  dependencyChanged: boolean;
  /** The interval's next deadline, on the node's clock. */
  nextTickAt: number;
}

type TaskEvent = { type: 'ACTIVATION_REQUESTED' } | { type: 'DEPENDENCY_CHANGED' };

/** The deadline after a tick due at `deadline` is taken at `now` (`MissedTickBehavior::Delay`). */
export function nextDeadline(deadline: number, now: number, periodMs: number): number {
  return now > deadline + TICK_LATE_TOLERANCE_MS ? now + periodMs : deadline + periodMs;
}

/** The `select!` branches ready now, in declaration order. */
function readyBranches(c: TaskContext): ActivationReason[] {
  const ready: ActivationReason[] = [];
  if (c.now() >= c.nextTickAt) ready.push('timeout');
  if (c.signaled) ready.push('signaled');
  if (c.dependencyChanged) ready.push('dependency');
  return ready;
}

export const backgroundTaskMachine = setup({
  types: {
    context: {} as TaskContext,
    input: {} as TaskMachineInput,
    events: {} as TaskEvent,
  },
  actors: {
    activation: fromPromise<unknown, { ctx: TaskContext }>(({ input }) =>
      input.ctx.run(input.ctx.reason, input.ctx.iteration),
    ),
  },
  delays: {
    // Only waited on when the tick is not due yet; at least 1 ms, so a fractional clock reading
    // (a drifting node) cannot spin at one instant.
    untilTick: ({ context }) => Math.max(1, Math.ceil(context.nextTickAt - context.now())),
  },
  guards: {
    anyReady: ({ context }) => readyBranches(context).length > 0,
  },
  actions: {
    markSignaled: assign({ signaled: true }),
    markDependency: assign({ dependencyChanged: true }),
    /** Takes one ready branch, as `select!` would, consuming what it consumes. */
    begin: assign(({ context }) => {
      const ready = readyBranches(context);
      const reason = ready.length === 1 ? ready[0] : ready[context.choose(ready.length)];
      return {
        iteration: context.iteration + 1,
        reason,
        signaled: reason === 'signaled' ? false : context.signaled,
        dependencyChanged: reason === 'dependency' ? false : context.dependencyChanged,
        nextTickAt: reason === 'timeout' ? nextDeadline(context.nextTickAt, context.now(), context.periodMs) : context.nextTickAt,
      };
    }),
    reportStarted: ({ context }) => context.onStarted(context.reason, context.iteration),
    reportCompleted: ({ context, event }) => context.onCompleted(context.reason, context.iteration, (event as { output?: unknown }).output),
    reportFailed: ({ context, event }) =>
      context.onCompleted(context.reason, context.iteration, { error: String((event as { error?: unknown }).error) }),
  },
}).createMachine({
  id: 'background-task',
  context: ({ input }) => ({ ...input, iteration: 0, reason: 'timeout', signaled: input.signaled ?? false, dependencyChanged: false, nextTickAt: input.now() }),
  initial: 'waiting',
  states: {
    /** The `select!`: run at once if a branch is ready, else wait for the tick or an event. */
    waiting: {
      always: { guard: 'anyReady', target: 'running', actions: 'begin' },
      after: { untilTick: { target: 'waiting', reenter: true } },
      on: {
        ACTIVATION_REQUESTED: { target: 'waiting', reenter: true, actions: 'markSignaled' },
        DEPENDENCY_CHANGED: { target: 'waiting', reenter: true, actions: 'markDependency' },
      },
    },
    running: {
      entry: 'reportStarted',
      on: {
        ACTIVATION_REQUESTED: { actions: 'markSignaled' },
        DEPENDENCY_CHANGED: { actions: 'markDependency' },
      },
      invoke: {
        src: 'activation',
        input: ({ context }) => ({ ctx: context }),
        onDone: { target: 'waiting', actions: 'reportCompleted' },
        onError: { target: 'waiting', actions: 'reportFailed' },
      },
    },
  },
});
