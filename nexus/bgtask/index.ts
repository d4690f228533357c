export { BackgroundTasks } from './registry.js';
export { backgroundTaskMachine } from './machine.js';
export { printTask, rfc3339Millis, rfc3339Secs } from './omdb.js';
export { durationMs, humanDuration, wireDuration, type WireDuration } from './duration.js';
export type { ActivationReason, BackgroundTaskDef, BackgroundTaskView } from './types.js';
