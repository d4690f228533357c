// One background task's driver as an xstate machine on the node's clock: it runs once at boot,
// then again one period after each activation ends, or at once when signaled. One activation at a
// time; a signal that arrives mid-activation queues exactly one more, as omicron's driver does.
import { assign, fromPromise, setup } from 'xstate';
import type { ActivationReason } from './types.js';

export interface TaskMachineInput {
  periodMs: number;
  run: (reason: ActivationReason, iteration: number) => Promise<unknown>;
  onStarted: (reason: ActivationReason, iteration: number) => void;
  onCompleted: (reason: ActivationReason, iteration: number, details: unknown) => void;
}

interface TaskContext extends TaskMachineInput {
  iteration: number;
  reason: ActivationReason;
  pending: boolean;
}

type TaskEvent = { type: 'ACTIVATION_REQUESTED' };

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
    period: ({ context }) => context.periodMs,
  },
  guards: {
    activationPending: ({ context }) => context.pending,
  },
  actions: {
    beginSignaled: assign({ iteration: ({ context }) => context.iteration + 1, reason: 'signaled' as ActivationReason, pending: false }),
    beginOnTimeout: assign({ iteration: ({ context }) => context.iteration + 1, reason: 'timeout' as ActivationReason, pending: false }),
    markPending: assign({ pending: true }),
    reportStarted: ({ context }) => context.onStarted(context.reason, context.iteration),
    reportCompleted: ({ context, event }) => context.onCompleted(context.reason, context.iteration, (event as { output?: unknown }).output),
    reportFailed: ({ context, event }) =>
      context.onCompleted(context.reason, context.iteration, { error: String((event as { error?: unknown }).error) }),
  },
}).createMachine({
  id: 'background-task',
  context: ({ input }) => ({ ...input, iteration: 1, reason: 'timeout', pending: false }),
  initial: 'running',
  states: {
    idle: {
      after: { period: { target: 'running', actions: 'beginOnTimeout' } },
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
      always: [{ guard: 'activationPending', target: 'running', actions: 'beginSignaled' }, { target: 'idle' }],
    },
  },
});
