export { BackgroundTasks } from './registry.js';
export { backgroundTaskMachine } from './machine.js';
export type { ActivationReason, BackgroundTaskDef, BackgroundTaskView } from './types.js';
