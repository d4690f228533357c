// The blueprint executor's "reassign sagas" step as a background task on every Nexus, on omicron's
// period (smf/nexus/multi-sled/config-partial.toml: blueprints.period_secs_execute = 60). The
// scripted saga scenarios run it as explicit steps; the workload lets it run on its own, so an
// expungement meets it at whatever moment the schedule gives.
import { reassignSagasFromExpunged, type NexusPlugin } from '../../nexus/index.js';

export const BLUEPRINT_EXECUTOR = 'blueprint_executor';
export const BLUEPRINT_EXECUTE_PERIOD_MS = 60_000;

export function blueprintExecutorPlugin(): NexusPlugin {
  return {
    name: 'blueprint-executor',
    boot(p) {
      p.tasks.register({
        name: BLUEPRINT_EXECUTOR,
        description: 'executes the target blueprint (here: its saga reassignment step)',
        periodMs: BLUEPRINT_EXECUTE_PERIOD_MS,
        activate: () => reassignSagasFromExpunged(p),
      });
    },
  };
}
