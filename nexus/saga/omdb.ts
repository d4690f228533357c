// omdb-style text (dev-tools/omdb/src/bin/omdb/nexus.rs): `omdb nexus sagas list`, the
// saga_recovery section of `omdb nexus background-tasks show`, and the stuck-saga table. Tables
// are laid out as omdb's tabled settings do (no borders, one space after each column);
// trailing spaces are trimmed.
import { humanDuration, printTask, wireDuration, type BackgroundTaskView } from '../bgtask/index.js';
import type { SecSagaView } from './executor.js';
import type { RecoveryReport } from './recovery-report.js';
import type { StuckSagaReport } from './stuck-health.js';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]) + ' ').join('').trimEnd();
  return [line(headers), ...rows.map(line)];
}

const indent = (lines: string[], by: string) => lines.map((l) => by + l);

export function omdbSagasList(sagas: readonly SecSagaView[]): string {
  return [
    'NOTE: This command only reads in-memory state from the targeted Nexus instance.  Sagas may be',
    'missing if they were run by a different Nexus instance or if they finished before this Nexus',
    'instance last started up.',
    ...table(['SAGA_ID', 'STATE'], sagas.map((s) => [s.id, s.state])),
  ].join('\n');
}

const humanPeriod = (ms: number) => humanDuration(wireDuration(ms));

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
      // omdb prints nskipped on this line (a copy-paste slip upstream); we print nremoved.
      `        removed:     ${n3(s.nremoved)} (newly finished)`,
    );
  }
  if (report.recent_recoveries.length === 0) out.push('    no recovered sagas');
  else {
    out.push(`    recently recovered sagas (${report.recent_recoveries.length}):`);
    out.push(...indent(table(['TIME', 'SAGA_ID'], report.recent_recoveries.map((r) => [r.time.replace(/\.\d+Z$/, 'Z'), r.saga_id])), '        '));
  }
  if (report.recent_failures.length === 0) out.push('    no saga recovery failures');
  else {
    out.push(`    recent sagas recovery failures (${report.recent_failures.length}):`);
    out.push(...indent(table(['TIME', 'SAGA_ID', 'MESSAGE'], report.recent_failures.map((r) => [r.time.replace(/\.\d+Z$/, 'Z'), r.saga_id, r.message])), '        '));
  }
  return out;
}

/** `omdb nexus background-tasks show saga_recovery`, as seen at `nowMs` by the omdb host. */
export function omdbBackgroundTaskShow(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => omdbRecoveryReport(d as RecoveryReport)).trimEnd();
}

/** The stuck-saga table; one "none" line when there are none. */
export function stuckSagasText(r: StuckSagaReport): string {
  const head = `stuck sagas (running or unwinding, created more than ${humanPeriod(r.threshold_ms)} before ${r.checked_at}):`;
  if (r.stuck_sagas.length === 0) return `${head} none`;
  const rows = r.stuck_sagas.map((s) => [s.name, s.id, s.state, s.creator, s.current_sec ?? '-', s.time_created]);
  return [head, ...indent(table(['NAME', 'ID', 'STATE', 'CREATOR', 'CURRENT_SEC', 'TIME_CREATED'], rows), '    ')].join('\n');
}
