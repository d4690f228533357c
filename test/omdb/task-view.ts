// A BackgroundTaskView as the lockstep API serves one whose last activation completed: the fixed
// frame the omdb printer tests put a task's details in.
import type { ActivationReason, BackgroundTaskView } from '../../nexus/index.js';
import { wireDuration } from '../../nexus/bgtask/index.js';

export interface LastActivation {
  iteration: number;
  reason: ActivationReason;
  startTime: string;
  elapsedMs: number;
}

export function completedTask(name: string, periodMs: number, last: LastActivation, details: unknown): BackgroundTaskView {
  return {
    name,
    description: '',
    period: wireDuration(periodMs),
    current: { current_status: 'idle' },
    last: { last_result: 'completed', details: { iteration: last.iteration, reason: last.reason, start_time: last.startTime, elapsed: wireDuration(last.elapsedMs), details } },
  };
}
