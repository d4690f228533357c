// `omdb nexus background-tasks show` for fm_config_loader, fm_analysis, fm_sitrep_history_pruner
// and fm_rendezvous: print_task_fm_* in dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85, with
// `print_start_end_time` / `print_run_time` for the timed parts ("{:.3}" of an integer millisecond
// count prints the integer; "Ns ago" truncates toward zero, as chrono's `num_seconds`).
import { printTask, rfc3339Millis, type BackgroundTaskView } from '../bgtask/index.js';
import { fmConfigLines, fmConfigSourceLines, fmConfigViewLines } from './omdb-config.js';
import type {
  AlertCreationStatus,
  EreportMarkingStatus,
  FmAnalysisStatus,
  FmConfigLoadStatus,
  FmRendezvousStatus,
  MarkerGcStatus,
  OpStatus,
  SitrepHistoryPrunerStatus,
  SupportBundleCreationStatus,
} from './types.js';

const ERRICON = '/!\\';
const warnIfNonzero = (n: number) => (n > 0 ? ERRICON : '   ');
const maxLen = (labels: string[]) => Math.max(...labels.map((l) => l.length));
const num = (n: number, w = 4) => String(n).padStart(w);
/** `{:?}` of an `Option<SitrepUuid>`: the typed UUID prints its kind tag. */
const optSitrep = (id: string | null) => (id === null ? 'None' : `Some(${id} (sitrep))`);

export function startEndLines(start: string, end: string, indent: number, nowMs: number): string[] {
  const pad = ' '.repeat(indent);
  const elapsed = Date.parse(end) - Date.parse(start);
  if (elapsed < 0) return [`${pad}started at: ${rfc3339Millis(start)} (end time ${rfc3339Millis(end)} less than start time, which seems weird?)`];
  return [`${pad}started at ${rfc3339Millis(start)} (${Math.trunc((nowMs - Date.parse(start)) / 1000)}s ago) and ran for ${Math.floor(elapsed)}ms`];
}

export function fmConfigLoaderLines(s: FmConfigLoadStatus): string[] {
  if ('Error' in s) return [`    task did not complete successfully: ${s.Error}`];
  const out: string[] = [];
  let cur;
  if ('LatestConfigInvalid' in s) {
    out.push(`/!\\ the latest FM config override in the database is invalid: ${s.LatestConfigInvalid.error}`);
    cur = s.LatestConfigInvalid.fallback;
  } else cur = s.Loaded;
  const width = maxLen(['config last loaded at:', '  loaded by this activation:']) + 1;
  out.push(`    ${'config last loaded at:'.padEnd(width)}${rfc3339Millis(cur.time_loaded)}`, `    ${'  loaded by this activation:'.padEnd(width)}${cur.updated}`, '    current config:', ...fmConfigViewLines(cur.config, 6));
  return out;
}

export function fmAnalysisLines(s: FmAnalysisStatus, nowMs: number): string[] {
  const labels = ['parent sitrep ID:', 'current inventory collection ID:', 'ereport classes consumed:'];
  const width = maxLen(labels) + 1;
  const out = [`    ${labels[0].padEnd(width)}${optSitrep(s.parent_sitrep_id)}`, `    ${labels[1].padEnd(width)}${s.inv_collection_id === null ? 'None' : `Some(${s.inv_collection_id} (collection))`}`];
  if (s.known_classes.length === 0) out.push(`    ${labels[2].padEnd(width)}(none)`);
  else out.push(`    ${labels[2].padEnd(width)}(${s.known_classes.length} total)`, ...s.known_classes.map((c) => `      - ${c}`));
  out.push('    FAULT MANAGEMENT ANALYSIS SUMMARY', '    =================================');
  const o = s.outcome;
  const justStarted = '(i) note: this should only happen if Nexus has just started.';
  if (o === 'WaitingForConfig') return [...out, '    analysis was not performed, as the fault management', '    configuration has not yet been loaded.', justStarted];
  if (o === 'WaitingForInventory') return [...out, '    analysis was not performed, as the inventory has', '    not yet been loaded.', justStarted];
  if ('Disabled' in o) return [...out, '    fault management analysis explicitly disabled by config!', ...fmConfigSourceLines(o.Disabled, 6), ''];
  if ('PreparationError' in o) return [...out, `${ERRICON} failed to prepare analysis inputs:`, `    ${o.PreparationError}`];
  const { prep_status, analysis_status: a } = o.RanAnalysis;
  let sitrepId: string | undefined;
  const r = a.outcome;
  if (r === 'Unchanged') out.push(`    no changes from the current situation report (${optSitrep(s.parent_sitrep_id)})`);
  else if ('Error' in r) out.push(`${ERRICON} analysis failed: ${r.Error}`);
  else if ('LimitReached' in r) out.push(`${ERRICON}   analysis succeeded, but the database sitrep limit (${r.LimitReached.limit} sitreps) has been reached!`, '    no new sitrep was written.');
  else if ('NotCommitted' in r) {
    sitrepId = r.NotCommitted.sitrep_id;
    out.push('    analysis succeeded, but the sitrep was not committed', `    since the parent sitrep (${optSitrep(s.parent_sitrep_id)}) was out of date`, `    sitrep ID: ${sitrepId} (sitrep)`);
  } else if ('CommitFailed' in r) {
    sitrepId = r.CommitFailed.sitrep_id;
    out.push(`${ERRICON} analysis succeeded, but committing the new sitrep failed!`, `    sitrep ID: ${sitrepId} (sitrep)`, `    error:     ${r.CommitFailed.error}`);
  } else {
    sitrepId = r.Committed.sitrep_id;
    out.push('    analyzed the situation, and committed a new sitrep!', `    sitrep ID: ${sitrepId} (sitrep)`);
  }
  // omdb prints the bare UUID here, and leaves a space after the last command.
  if (sitrepId) out.push('    note: you can view the sitrep and its reports with:', `      $ omdb db sitrep show ${sitrepId}`, `      $ omdb db sitrep analysis-report ${sitrepId} `);
  out.push('');
  if (s.warnings.length > 0) out.push(`${ERRICON}   non-fatal errors occurred during analysis:`, ...s.warnings.map((w) => `      > ${w}`));
  if (a.capacity) {
    out.push(`    sitrep storage capacity: ${Math.floor((a.capacity.count * 100) / a.capacity.limit)}% used`, `      limit: ${num(a.capacity.limit, 6)}`, `      count: ${num(a.capacity.count, 6)}`);
  }
  if (prep_status.warnings.length > 0) out.push(`${ERRICON}   non-fatal errors preparing analysis inputs:`, ...prep_status.warnings.map((w) => `      > ${w}`));
  out.push(...startEndLines(a.start_time, a.end_time, 4, nowMs));
  return out;
}

export function fmSitrepHistoryPrunerLines(s: SitrepHistoryPrunerStatus): string[] {
  if (s === 'WaitingForConfig') {
    return ['    nothing was pruned, as the fault management', '    configuration has not yet been loaded.', '(i) note: this should only happen if Nexus has just started.'];
  }
  const { cfg, batch_size, pruned, outcome } = s.Activated;
  const width = maxLen(['  current count:', '  sitreps pruned:', '  versions pruned:', '  batches:', 'deletion batch size:']) + 1;
  const row = (label: string, v: string) => `    ${label.padEnd(width)}${v}`;
  const out = ['    configuration:', ...fmConfigLines(cfg, 6), row('deletion batch size:', num(batch_size))];
  if ('Error' in outcome) out.push(`${ERRICON} status: failed!`, `      > ${outcome.Error}`);
  else if ('NotPruned' in outcome) out.push('    status: within limit (nothing was deleted)', row('  current count:', num(outcome.NotPruned.count)));
  else out.push('    status: limit reached (old sitreps were deleted)', row('  current count:', num(outcome.Pruned.count)));
  if (pruned.total > 0) {
    out.push(row('  sitreps pruned:', num(pruned.total)));
    // `{:?}` of a RangeInclusive<u32>.
    if (pruned.versions) out.push(row('  versions pruned:', `v${pruned.versions.start}..=${pruned.versions.end}`));
    out.push(row('  batches:', num(pruned.batches)));
  }
  return out;
}

function opLines<T>(name: string, op: OpStatus<T>, details: (d: T) => string[], nowMs: number): string[] {
  const head = [`    ${name}:`];
  if (op.result === 'Skipped') head.push('(i)   note: this operation was not executed');
  else head.push(...startEndLines(op.result.Executed.start, op.result.Executed.end, 6, nowMs));
  return [...head, ...details(op.details)];
}

function creationLines(first: string, d: { total: number; current: number; created: number; existed: number; stale: boolean; errors: string[] }): string[] {
  const labels = [first, '  requested in this sitrep:', '  created in this activation:', '  already existed:', '  errors:'];
  const width = maxLen(labels) + 1;
  const out = d.stale ? [`${ERRICON}   sitrep was stale`] : [];
  out.push(
    `      ${labels[0].padEnd(width)}${num(d.total)}`,
    `      ${labels[1].padEnd(width)}${num(d.current)}`,
    `      ${labels[2].padEnd(width)}${num(d.created)}`,
    `      ${labels[3].padEnd(width)}${num(d.existed)}`,
    `${warnIfNonzero(d.errors.length)}   ${labels[4].padEnd(width)}${num(d.errors.length)}`,
    ...d.errors.map((e) => `        > ${e}`),
  );
  return out;
}

function markingLines(d: EreportMarkingStatus): string[] {
  const labels = ['total ereports in sitrep:', 'not marked when the sitrep was loaded:', '  marked seen by this activation:', '  already marked seen:', 'errors:', 'batch size:', 'batches:'];
  const width = maxLen(labels) + 1;
  const row = (label: string, n: number) => `      ${label.padEnd(width)}${num(n)}`;
  return [
    row(labels[0], d.total_ereports_in_sitrep),
    row(labels[1], d.ereports_not_marked_in_sitrep),
    row(labels[2], d.ereports_marked_seen),
    row(labels[3], Math.max(0, d.ereports_not_marked_in_sitrep - d.ereports_marked_seen)),
    row('batch size:', d.batch_size),
    row('batches:', d.batches),
    `${warnIfNonzero(d.errors.length)}   ${'errors:'.padEnd(width)}${num(d.errors.length)}`,
    ...d.errors.map((e) => `        > ${e}`),
  ];
}

function markerGcLines(d: MarkerGcStatus): string[] {
  const width = maxLen(['rows deleted:', 'batches:', 'errors:']) + 1;
  return [
    `      ${'rows deleted:'.padEnd(width)}${num(d.rows_deleted)}`,
    `      ${'batches:'.padEnd(width)}${num(d.batches)}`,
    `${warnIfNonzero(d.errors.length)}   ${'errors:'.padEnd(width)}${num(d.errors.length)}`,
    ...d.errors.map((e) => `        > ${e}`),
  ];
}

export function fmRendezvousLines(s: FmRendezvousStatus, nowMs: number): string[] {
  const out = [s.sitrep_id !== null ? `    current sitrep: ${s.sitrep_id}` : '(i) no FM situation report loaded, so rendezvous was not performed'];
  const alerts = (d: AlertCreationStatus) =>
    creationLines('alerts requested:', { total: d.total_alerts_requested, current: d.current_sitrep_alerts_requested, created: d.alerts_created, existed: d.alerts_already_existed, stale: d.stale_sitrep, errors: d.errors });
  const bundles = (d: SupportBundleCreationStatus) =>
    creationLines('support bundles requested:', { total: d.total_bundles_requested, current: d.current_sitrep_bundles_requested, created: d.bundles_created, existed: d.bundles_already_existed, stale: d.stale_sitrep, errors: d.errors });
  out.push(
    ...opLines('creating requested alerts', s.alerts, alerts, nowMs),
    ...opLines('creating requested support bundles', s.support_bundles, bundles, nowMs),
    ...opLines('marking ereports as seen', s.ereport_marking, markingLines, nowMs),
    ...opLines('garbage collecting alert creation markers', s.alert_marker_gc, markerGcLines, nowMs),
    ...opLines('garbage collecting support bundle creation markers', s.support_bundle_marker_gc, markerGcLines, nowMs),
  );
  return out;
}

export const showFmConfigLoader = (view: BackgroundTaskView, nowMs: number) => printTask(view, nowMs, (d) => fmConfigLoaderLines(d as FmConfigLoadStatus));
export const showFmAnalysis = (view: BackgroundTaskView, nowMs: number) => printTask(view, nowMs, (d) => fmAnalysisLines(d as FmAnalysisStatus, nowMs));
export const showFmSitrepHistoryPruner = (view: BackgroundTaskView, nowMs: number) => printTask(view, nowMs, (d) => fmSitrepHistoryPrunerLines(d as SitrepHistoryPrunerStatus));
export const showFmRendezvous = (view: BackgroundTaskView, nowMs: number) => printTask(view, nowMs, (d) => fmRendezvousLines(d as FmRendezvousStatus, nowMs));
