// A scenario script as an xstate machine: named steps run in order, each a promise actor on the
// run's virtual clock. Steps are data; the machine is the same shape for every scenario.
import { assign, fromPromise, setup, type AnyStateMachine } from 'xstate';

export interface Step {
  name: string;
  run: () => Promise<void>;
}

export function defineScript(id: string, steps: readonly Step[]): AnyStateMachine {
  if (steps.length === 0) throw new Error(`script ${id} has no steps`);
  const states: Record<string, object> = {};
  steps.forEach((step, i) => {
    const next = i + 1 < steps.length ? `step${i + 1}` : 'done';
    states[`step${i}`] = {
      entry: { type: 'announce', params: { step: step.name } },
      invoke: {
        src: 'step',
        input: { index: i },
        onDone: { target: next },
        onError: { target: 'failed', actions: 'recordError' },
      },
    };
  });
  return setup({
    types: {
      context: {} as { error?: string; onStep: (name: string) => void },
      input: {} as { onStep: (name: string) => void },
    },
    actors: {
      step: fromPromise<void, { index: number }>(({ input }) => steps[input.index].run()),
    },
    actions: {
      announce: ({ context }, params: { step: string }) => context.onStep(params.step),
      recordError: assign({ error: ({ event }) => String((event as { error?: unknown }).error) }),
    },
  }).createMachine({
    id,
    context: ({ input }) => ({ onStep: input.onStep }),
    initial: 'step0',
    states: { ...states, done: { type: 'final' }, failed: { type: 'final' } },
  });
}
