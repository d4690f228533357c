// Background-task shapes, after omicron's lockstep API views (`GET /bgtasks/view/{name}`,
// `BackgroundTask` in openapi/nexus-lockstep.json).
import type { WireDuration } from './duration.js';

export type ActivationReason = 'signaled' | 'timeout' | 'dependency';

export interface BackgroundTaskDef<Status = unknown> {
  name: string;
  description: string;
  periodMs: number;
  /** One activation; its resolved value is the task's status ("details"). Never throws in
   * omicron tasks: errors are reported inside the status. A throw is recorded as {error}. */
  activate(reason: ActivationReason): Promise<Status>;
}

export type CurrentStatus =
  | { current_status: 'idle' }
  | { current_status: 'running'; details: { iteration: number; reason: ActivationReason; start_time: string } };

export type LastResult =
  | { last_result: 'never_completed' }
  | {
      last_result: 'completed';
      details: { iteration: number; reason: ActivationReason; start_time: string; elapsed: WireDuration; details: unknown };
    };

export interface BackgroundTaskView {
  name: string;
  description: string;
  /** How long after an activation completes before another is triggered automatically. */
  period: WireDuration;
  current: CurrentStatus;
  last: LastResult;
}
