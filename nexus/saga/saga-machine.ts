// A saga's lifecycle in its SEC, as an xstate machine on the Nexus's clock: forward, then done
// or unwinding; unwinding ends failed, or stuck if an undo cannot finish. A fencing rejection
// (fenced design) stops the saga in this SEC: another SEC owns it now.
import { fromPromise, setup } from 'xstate';
import type { SagaRun } from './saga-run.js';
import { SagaFenced } from './types.js';

export type LifecycleState = 'running' | 'unwinding' | 'succeeded' | 'failed' | 'stuck' | 'fenced';

export interface SagaMachineInput {
  run: SagaRun;
  startUnwinding: boolean;
}

export const sagaLifecycleMachine = setup({
  types: {
    context: {} as SagaMachineInput,
    input: {} as SagaMachineInput,
  },
  actors: {
    forward: fromPromise<void, { run: SagaRun }>(({ input }) => input.run.forward()),
    unwind: fromPromise<void, { run: SagaRun }>(({ input }) => input.run.unwind()),
  },
  guards: {
    startsUnwinding: ({ context }) => context.startUnwinding,
    wasFenced: ({ event }) => (event as { error?: unknown }).error instanceof SagaFenced,
  },
}).createMachine({
  id: 'saga',
  context: ({ input }) => input,
  initial: 'resuming',
  states: {
    resuming: {
      always: [{ guard: 'startsUnwinding', target: 'unwinding' }, { target: 'running' }],
    },
    running: {
      invoke: {
        src: 'forward',
        input: ({ context }) => ({ run: context.run }),
        onDone: { target: 'succeeded' },
        onError: [{ guard: 'wasFenced', target: 'fenced' }, { target: 'unwinding' }],
      },
    },
    unwinding: {
      invoke: {
        src: 'unwind',
        input: ({ context }) => ({ run: context.run }),
        onDone: { target: 'failed' },
        onError: [{ guard: 'wasFenced', target: 'fenced' }, { target: 'stuck' }],
      },
    },
    succeeded: { type: 'final' },
    failed: { type: 'final' },
    stuck: { type: 'final' },
    fenced: { type: 'final' },
  },
});
