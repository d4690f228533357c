// One background task's driver as an xstate machine on the node's clock, after omicron's
// `nexus/src/app/background/driver.rs` (`TaskExec::run`): a `tokio::time::interval(period)` with
// `MissedTickBehavior::Delay`, raced against an explicit activation.
//
// - The interval's first tick is immediate, so every task runs once at boot.
// - Ticks keep a fixed phase (boot, boot + period, boot + 2 periods, ...): an explicit activation
//   does not reset the period.
// - A tick that falls due while an activation runs is not lost: the task runs again as soon as the
//   activation ends, and under `Delay` the next tick is then one period after that late tick
//   (tokio's rule: a tick taken more than 5 ms past its deadline re-phases to `now + period`).
// - An activation signaled mid-activation is stored (tokio `Notify::notify_one` keeps one permit),
//   so exactly one more activation follows however many signals came.
// - When a late tick and a stored signal are both ready, tokio's `select!` picks one at random and
//   the other runs next; here the signal goes first (only the `reason` of the two runs differs).
import { assign, fromPromise, setup } from 'xstate';
import type { ActivationReason } from './types.js';

/** tokio's `Interval::poll_tick`: a tick more than this late counts as missed. */
const TICK_LATE_TOLERANCE_MS = 5;

export interface TaskMachineInput {
  periodMs: number;
  /** The node's clock, which also drives the machine's timers. */
  now: () => number;
  run: (reason: ActivationReason, iteration: number) => Promise<unknown>;
  onStarted: (reason: ActivationReason, iteration: number) => void;
  onCompleted: (reason: ActivationReason, iteration: number, details: unknown) => void;
}

interface TaskContext extends TaskMachineInput {
  iteration: number;
  reason: ActivationReason;
  /** A stored `Notify` permit: an activation was requested while one ran. */
  pending: boolean;
  /** The interval's next deadline, on the node's clock. */
  nextTickAt: number;
}

type TaskEvent = { type: 'ACTIVATION_REQUESTED' };

/** The deadline after a tick due at `deadline` is taken at `now` (`MissedTickBehavior::Delay`). */
export function nextDeadline(deadline: number, now: number, periodMs: number): number {
  return now > deadline + TICK_LATE_TOLERANCE_MS ? now + periodMs : deadline + periodMs;
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
    untilTick: ({ context }) => Math.max(0, context.nextTickAt - context.now()),
  },
  guards: {
    activationPending: ({ context }) => context.pending,
    tickDue: ({ context }) => context.now() >= context.nextTickAt,
  },
  actions: {
    beginSignaled: assign({ iteration: ({ context }) => context.iteration + 1, reason: 'signaled' as ActivationReason, pending: false }),
    beginOnTick: assign({
      iteration: ({ context }) => context.iteration + 1,
      reason: 'timeout' as ActivationReason,
      nextTickAt: ({ context }) => nextDeadline(context.nextTickAt, context.now(), context.periodMs),
    }),
    markPending: assign({ pending: true }),
    reportStarted: ({ context }) => context.onStarted(context.reason, context.iteration),
    reportCompleted: ({ context, event }) => context.onCompleted(context.reason, context.iteration, (event as { output?: unknown }).output),
    reportFailed: ({ context, event }) =>
      context.onCompleted(context.reason, context.iteration, { error: String((event as { error?: unknown }).error) }),
  },
}).createMachine({
  id: 'background-task',
  context: ({ input }) => ({ ...input, iteration: 0, reason: 'timeout', pending: false, nextTickAt: input.now() }),
  initial: 'finished',
  states: {
    idle: {
      after: { untilTick: { target: 'running', actions: 'beginOnTick' } },
      on: { ACTIVATION_REQUESTED: { target: 'running', actions: 'beginSignaled' } },
    },
    running: {
      entry: 'reportStarted',
      on: { ACTIVATION_REQUESTED: { actions: 'markPending' } },
      invoke: {
        src: 'activation',
        input: ({ context }) => ({ ctx: context }),
        onDone: { target: 'finished', actions: 'reportCompleted' },
        onError: { target: 'finished', actions: 'reportFailed' },
      },
    },
    finished: {
      always: [
        { guard: 'activationPending', target: 'running', actions: 'beginSignaled' },
        { guard: 'tickDue', target: 'running', actions: 'beginOnTick' },
        { target: 'idle' },
      ],
    },
  },
});
