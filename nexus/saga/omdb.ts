// omdb-style text (dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85): `omdb nexus sagas list`
// and `demo-create`, the saga_recovery section of `omdb nexus background-tasks show`, and the
// STALE SAGAS section of an inventory collection (PR #10027's `display_stale_sagas`). Tables are
// laid out as omdb's tabled settings do: no borders, `Padding::new(left, 1, 0, 0)`, so every
// cell, the last one too, is followed by one space (successes.out keeps that trailing space).
import { printTask, rfc3339Secs, type BackgroundTaskView } from '../bgtask/index.js';
import { anyhowAlternate, anyhowMainError } from '../omdb-errors.js';
import { chronoUtc } from './chrono.js';
import type { RecoveryReport } from './recovery-report.js';
import type { StuckSagaReport } from './stuck-health.js';
import type { Saga } from './wire.js';

/** A tabled table; `trim` drops the trailing spaces (for the simulator's own tables only). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], opts: { trim?: boolean; padLeft?: number } = {}): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const left = ' '.repeat(opts.padLeft ?? 0);
  const line = (cells: readonly string[]) => {
    const l = cells.map((c, i) => left + c.padEnd(widths[i]) + ' ').join('');
    return opts.trim ? l.trimEnd() : l;
  };
  return [line(headers), ...rows.map(line)];
}

const indent = (lines: string[], by: string) => lines.map((l) => by + l);

/** What an omdb command writes: stdout and stderr, each a list of lines. */
export interface OmdbOutput {
  stdout: string[];
  stderr: string[];
}

/** As a terminal shows it: every command here writes all of its stderr before its stdout. */
export function terminal(o: OmdbOutput): string {
  return [...o.stderr, ...o.stdout].join('\n');
}

/** `omdb nexus --nexus-internal-url URL ...` prints this first, on stderr. */
export const usingNexusUrl = (url: string) => `note: using Nexus URL ${url}`;

/** `textwrap::wrap(NOTE, 80)`, as successes.out shows it. */
const SAGAS_LIST_NOTE = [
  'NOTE: This command only reads in-memory state from the targeted Nexus instance.',
  'Sagas may be missing if they were run by a different Nexus instance or if they',
  'finished before this Nexus instance last started up.',
];

/** `omdb nexus sagas list` (`cmd_nexus_sagas_list`): the NOTE on stderr, the table on stdout. */
export function omdbSagasList(sagas: readonly Saga[], nexusUrl: string): OmdbOutput {
  return {
    stderr: [usingNexusUrl(nexusUrl), ...SAGAS_LIST_NOTE],
    stdout: table(['SAGA_ID', 'STATE'], sagas.map((s) => [s.id, s.state.state])),
  };
}

/** `omdb --destructive nexus sagas demo-create` (`cmd_nexus_sagas_demo_create`). */
export function omdbDemoCreate(demo: { saga_id: string; demo_saga_id: string }, nexusUrl: string): OmdbOutput {
  return {
    stderr: [usingNexusUrl(nexusUrl)],
    stdout: [`saga id:      ${demo.saga_id}`, `demo saga id: ${demo.demo_saga_id} (use this with \`demo-complete\`)`],
  };
}

/** `omdb --destructive nexus sagas demo-complete ID` (`cmd_nexus_sagas_demo_complete`): nothing on
 * success; on an error response (or, given `causes`, a failure to reach Nexus: progenitor's error
 * and its sources), anyhow's `{:#}` of the context and the chain, omdb's two notes, then what Rust
 * prints for the `Err` main returns (nexus/omdb-errors.ts), exit 1. `atMs` is when Nexus answered. */
export function omdbDemoComplete(answer: { status: number; body?: unknown } | { causes: readonly string[] }, nexusUrl: string, atMs: number): OmdbOutput & { exitCode: number } {
  const stderr = [usingNexusUrl(nexusUrl)];
  let causes: readonly string[];
  if ('causes' in answer) causes = answer.causes;
  else if (answer.status >= 200 && answer.status < 300) return { stdout: [], stderr, exitCode: 0 };
  else causes = [progenitorError(answer.status, answer.body, atMs)];
  stderr.push(
    `error: ${anyhowAlternate('completing demo saga', causes)}`,
    'note: `demo-complete` must be run against the same Nexus instance that is currently running that saga.',
    "note: Be sure that you're using the demo_saga_id, not the saga_id.",
    ...anyhowMainError('completing demo saga', causes),
  );
  return { stdout: [], stderr, exitCode: 1 };
}

/** progenitor_client's `Error::ErrorResponse` Display, as omicron's docs quote it
 * (docs/reconfigurator-dev-guide.adoc): "Error Response: status: 404 Not Found; headers: {...};
 * value: Error { error_code: Some(..), message: .., request_id: .. }". The headers are the ones a
 * dropshot error response carries, in its order: content-type, x-request-id, content-length (of
 * the JSON body), date (when the server answered, `atMs`). */
export function progenitorError(status: number, body: unknown, atMs: number): string {
  const b = (body ?? {}) as { error_code?: string; message?: string; request_id?: string };
  const headers = [
    ['content-type', 'application/json'],
    ['x-request-id', b.request_id ?? ''],
    ['content-length', String(Buffer.byteLength(JSON.stringify(body ?? {})))],
    ['date', new Date(atMs).toUTCString()],
  ];
  const map = `{${headers.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
  const code = b.error_code === undefined ? 'None' : `Some(${JSON.stringify(b.error_code)})`;
  return `Error Response: status: ${status} ${REASON[status] ?? ''}; headers: ${map}; value: Error { error_code: ${code}, message: ${JSON.stringify(b.message ?? '')}, request_id: ${JSON.stringify(b.request_id ?? '')} }`;
}

const REASON: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 503: 'Service Unavailable' };

const n3 = (n: number) => String(n).padStart(3);

export function omdbRecoveryReport(report: RecoveryReport): string[] {
  const out = [
    '    since Nexus started:',
    `        sagas recovered:         ${n3(report.ntotal_recovered)}`,
    `        sagas recovery errors:   ${n3(report.ntotal_failures)}`,
    `        sagas observed started:  ${n3(report.ntotal_started)}`,
    `        sagas inferred finished: ${n3(report.ntotal_finished)}`,
    `        missing from SEC:        ${n3(report.ntotal_sec_errors_missing)}`,
    `        bad state in SEC:        ${n3(report.ntotal_sec_errors_bad_state)}`,
  ];
  const lp = report.last_pass;
  if (lp === 'NeverStarted') out.push('    never run');
  else if ('Failed' in lp) out.push(`    last pass FAILED: ${lp.Failed.message}`);
  else {
    const s = lp.Success;
    out.push(
      '    last pass:',
      `        found sagas: ${n3(s.nfound)} (in-progress, assigned to this Nexus)`,
      `        recovered:   ${n3(s.nrecovered)} (successfully)`,
      `        failed:      ${n3(s.nfailed)}`,
      `        skipped:     ${n3(s.nskipped)} (already running)`,
      // omdb prints nskipped on this line too (a copy-paste slip upstream), and so do we.
      `        removed:     ${n3(s.nskipped)} (newly finished)`,
    );
  }
  if (report.recent_recoveries.length === 0) out.push('    no recovered sagas');
  else {
    out.push(`    recently recovered sagas (${report.recent_recoveries.length}):`);
    out.push(...indent(table(['TIME', 'SAGA_ID'], report.recent_recoveries.map((r) => [rfc3339Secs(r.time), r.saga_id])), '        '));
  }
  if (report.recent_failures.length === 0) out.push('    no saga recovery failures');
  else {
    out.push(`    recent sagas recovery failures (${report.recent_failures.length}):`);
    out.push(...indent(table(['TIME', 'SAGA_ID', 'MESSAGE'], report.recent_failures.map((r) => [rfc3339Secs(r.time), r.saga_id, r.message])), '        '));
  }
  return out;
}

/** `omdb nexus background-tasks show saga_recovery`, as seen at `nowMs` by the omdb host. */
export function omdbBackgroundTaskShow(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => omdbRecoveryReport(d as RecoveryReport)).trimEnd();
}

/** omdb's `reason_code`. */
const REASON_CODE = { signaled: 'S', dependency: 'D', timeout: 'T' } as const;


/** `omdb nexus background-tasks list`: one `BackgroundTaskStatusRow` per task, in name order. */
export function omdbBackgroundTasksList(tasks: Readonly<Record<string, BackgroundTaskView>>): string[] {
  const rows = Object.keys(tasks)
    .sort()
    .map((name) => {
      const t = tasks[name];
      const done =
        t.last.last_result === 'completed'
          ? [
              String(t.last.details.iteration),
              rfc3339Secs(t.last.details.start_time),
              // Rust's `{:5.1}` of the elapsed seconds: one decimal, right-aligned in 5.
              ((t.last.details.elapsed.secs * 1e9 + t.last.details.elapsed.nanos) / 1e9).toFixed(1).padStart(5),
              REASON_CODE[t.last.details.reason],
            ]
          : ['-', '-', '-', '-'];
      const now = t.current.current_status === 'running' ? [rfc3339Secs(t.current.details.start_time), REASON_CODE[t.current.details.reason]] : ['-', '-'];
      return [t.name, ...done, ...now];
    });
  return table(['task_name', 'PGEN#', 'PSTART', 'Psecs', 'P', 'CSTART', 'C'], rows);
}

/** The STALE SAGAS section of an inventory collection (`display_stale_sagas`, PR #10027 at
 * a55e7e231f, nexus/types/src/inventory/display.rs): a blank line, the heading, then under a
 * four-space IndentWriter either the "No sagas" line or a count and a table with four spaces of
 * left padding; a missing current_sec is "none", times are chrono's `DateTime<Utc>` Display.
 * omicron's text says "15 minutes" whatever the threshold; ours says the threshold in use. */
export function stuckSagasText(r: StuckSagaReport): string {
  const minutes = `${r.threshold_ms / 60_000} minutes`;
  const out = ['', 'STALE SAGAS'];
  if (r.stuck_sagas.length === 0) out.push(`    No sagas have been running or unwinding for longer than ${minutes}`);
  else {
    out.push(`    Found ${r.stuck_sagas.length} running or unwinding for longer than ${minutes}`);
    const rows = r.stuck_sagas.map((s) => [s.name, s.id, s.state, s.creator, s.current_sec ?? 'none', chronoUtc(s.time_created)]);
    out.push(...indent(table(['NAME', 'ID', 'STATE', 'CREATOR', 'CURRENT_SEC', 'TIME_CREATED'], rows, { padLeft: 4 }), '    '));
  }
  return out.join('\n');
}
