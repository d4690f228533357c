// The demo saga (nexus/src/app/sagas/demo.rs): one action, `demo_wait`, that waits until it is
// told to complete. CompletingDemoSagas is the per-process map of waits: a new saga is
// preregistered, so a complete may arrive before the wait; a recovered saga is registered only
// when its action starts waiting, so a complete before that is "not found".
import { simWait } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import type { ActionContext, SagaTemplate } from './types.js';

interface Permit {
  permits: number;
  waiter?: () => void;
}

export class DemoSagaNotFound extends Error {
  constructor(id: string) {
    super(`demo saga ${id} not found`);
  }
}

export class CompletingDemoSagas {
  private readonly ids = new Map<string, Permit>();

  preregister(id: string): void {
    if (!this.ids.has(id)) this.ids.set(id, { permits: 0 });
  }

  /** Waits for one permit (the action's body). */
  subscribe(id: string): Promise<void> {
    let e = this.ids.get(id);
    if (!e) {
      e = { permits: 0 };
      this.ids.set(id, e);
    }
    const entry = e;
    if (entry.permits > 0) {
      entry.permits--;
      return Promise.resolve();
    }
    return simWait((wake) => {
      entry.waiter = () => {
        entry.permits--;
        entry.waiter = undefined;
        wake();
      };
    });
  }

  /** `add_permits(1)`; an unknown id is not found. */
  complete(id: string): void {
    const e = this.ids.get(id);
    if (!e) throw new DemoSagaNotFound(id);
    e.permits++;
    e.waiter?.();
  }
}

export function demoSagas(p: NexusProcess): CompletingDemoSagas {
  return p.local('saga.demo', () => new CompletingDemoSagas());
}

async function demoWait(ctx: ActionContext): Promise<unknown> {
  await demoSagas(ctx.p).subscribe(String(ctx.params.id));
  return null;
}

export const DEMO_SAGA: SagaTemplate = {
  name: 'demo',
  nodes: [{ name: 'demo_wait', action: demoWait }],
};

/** Sim-only: the demo wait followed by steps that take time, so a saga has "next nodes" that two
 * SECs can both execute (zombie-sec). Each step's duration is the params' `step_ms`. */
async function demoStep(ctx: ActionContext): Promise<unknown> {
  await ctx.p.clock.sleep(Number(ctx.params.step_ms ?? 1_000));
  return { done_by: ctx.p.id };
}

export const DEMO_STEPS_SAGA: SagaTemplate = {
  name: 'demo_steps',
  nodes: [
    { name: 'demo_wait', action: demoWait },
    { name: 'demo_step_1', action: demoStep },
    { name: 'demo_step_2', action: demoStep },
    { name: 'demo_step_3', action: demoStep },
  ],
};
