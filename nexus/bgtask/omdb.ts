// The part of `omdb nexus background-tasks show` that every task shares (`print_task` in omicron's
// dev-tools/omdb/src/bin/omdb/nexus.rs): name, period, what runs now, the last activation, and a
// reported error; each task's own details follow, printed by its capability.
import { durationMs, humanDuration } from './duration.js';
import type { ActivationReason, BackgroundTaskView } from './types.js';

/** omdb's `reason_str`. */
const REASONS: Record<ActivationReason, string> = {
  signaled: 'an explicit signal',
  dependency: 'a dependent task completing',
  timeout: 'a periodic timer firing',
};

/** chrono's `to_rfc3339_opts(SecondsFormat::Secs, true)` of a stored ISO time: whole seconds, `Z`. */
export function rfc3339Secs(iso: string): string {
  return rfc3339Millis(iso).replace(/\.\d{3}Z$/, 'Z');
}

/** humantime's `format_rfc3339_millis` of a stored ISO time. */
export function rfc3339Millis(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

/**
 * The task's text as omdb prints it at `nowMs` (the omdb host's clock), with `details` printing
 * the task-specific lines of a completed activation that reported no error. Ends with a newline.
 */
export function printTask(view: BackgroundTaskView, nowMs: number, details: (d: unknown) => string[]): string {
  const out = [`task: "${view.name}"`, `  configured period: every ${humanDuration(view.period)}`];
  if (view.current.current_status === 'running') {
    const cur = view.current.details;
    out.push(`  currently executing: iter ${cur.iteration}, triggered by ${REASONS[cur.reason]}`);
    out.push(`    started at ${rfc3339Millis(cur.start_time)}, running for ${Math.max(0, nowMs - Date.parse(cur.start_time))}ms`);
  } else {
    out.push('  currently executing: no');
  }
  if (view.last.last_result === 'never_completed') {
    out.push('  last completed activation: never');
    return out.join('\n') + '\n';
  }
  const last = view.last.details;
  // chrono's `num_seconds` truncates toward zero; `{:.3}` of an integer millisecond count is the
  // integer itself.
  const ago = Math.trunc((nowMs - Date.parse(last.start_time)) / 1000);
  out.push(`  last completed activation: iter ${last.iteration}, triggered by ${REASONS[last.reason]}`);
  out.push(`    started at ${rfc3339Millis(last.start_time)} (${ago}s ago) and ran for ${Math.floor(durationMs(last.elapsed))}ms`);
  const d = last.details as { error?: unknown } | null;
  if (d !== null && typeof d === 'object' && typeof d.error === 'string') {
    out.push(`    last completion reported error: ${d.error}`, '');
    return out.join('\n') + '\n';
  }
  out.push(...details(last.details));
  return out.join('\n') + '\n';
}
