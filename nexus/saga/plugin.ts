// The saga capability of a Nexus: at every boot, a fresh SEC, the saga_recovery task (which runs
// at boot and so resumes this SEC's sagas from the DB) and the lockstep routes.
import type { NexusPlugin } from '../process.js';
import { initSagaContext, STUCK_SAGA_THRESHOLD_MS, type SagaOptions } from './context.js';
import { DEMO_SAGA, DEMO_STEPS_SAGA } from './demo.js';
import { sagaRecoveryTask } from './recovery-task.js';
import { sagaRoutes } from './routes.js';

export function sagaPlugin(o: Partial<SagaOptions> = {}): NexusPlugin {
  const opts: SagaOptions = {
    fencing: o.fencing ?? 'unfenced',
    reassignment: o.reassignment ?? 'ready-for-cleanup',
    createOrder: o.createOrder ?? 'announce-first',
    doneInference: o.doneInference ?? 'two-listings',
    stuckThresholdMs: o.stuckThresholdMs ?? STUCK_SAGA_THRESHOLD_MS,
    templates: o.templates ?? [DEMO_SAGA, DEMO_STEPS_SAGA],
  };
  return {
    name: 'sagas',
    boot(p) {
      initSagaContext(p, opts);
      p.tasks.register(sagaRecoveryTask(p));
      p.lockstepRoutes.push(sagaRoutes);
    },
  };
}
