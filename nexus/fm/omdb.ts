// `omdb nexus background-tasks show` for the FM tasks whose status the simulator writes in
// omicron's shape: the common header (`printTask`), then `print_task_fm_sitrep_loader` and
// `print_task_fm_sitrep_gc` (dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85). `{:?}` of a
// typed UUID prints its kind tag: "<uuid> (sitrep)".
import { printTask, rfc3339Millis, type BackgroundTaskView } from '../bgtask/index.js';
import { showFmAnalysis, showFmConfigLoader, showFmRendezvous, showFmSitrepHistoryPruner } from './omdb-tasks.js';
import type { SitrepGcStatus, SitrepLoadStatus } from './types.js';

const ERRICON = '/!\\';

export function fmSitrepLoaderLines(status: SitrepLoadStatus): string[] {
  if (status === 'NoSitrep') return ['    no FM situation report available to load'];
  if ('Error' in status) return [`    task did not complete successfully: ${status.Error}`];
  const { version, time_loaded } = status.Loaded;
  return [
    `    loaded latest FM situation report as of ${rfc3339Millis(time_loaded)}:`,
    `        sitrep ${version.id} (sitrep) (v${version.version})`,
    `        made current at: ${rfc3339Millis(version.time_made_current)}`,
  ];
}

/** Labels padded to 40 (or to the longest child-table label), numbers right-aligned in 4. The
 * "no child tables" warning goes to stderr in omdb; a terminal shows it in place. */
export function fmSitrepGcLines(s: SitrepGcStatus): string[] {
  const tables = Object.keys(s.child_tables).sort();
  const width = tables.reduce((w, name) => Math.max(w, 'orphaned  rows deleted:'.length + name.length + 1), 40);
  const row = (label: string, n: number) => `    ${label.padEnd(width)}${String(n).padStart(4)}`;
  const out: string[] = [];
  if (s.errors.length > 0) {
    out.push(`${ERRICON} ${'errors:'.padEnd(width)}${String(s.errors.length).padStart(4)}`);
    for (const e of s.errors) out.push(`    > ${e}`);
  }
  out.push(row('batch size:', s.batch_size), row('orphaned sitreps deleted:', s.orphaned_sitreps_deleted), row('  batches:', s.sitrep_metadata_batches));
  if (tables.length === 0) out.push('(!)   warning: no child tables reported (likely a bug)');
  for (const t of tables) out.push(row(`orphaned ${t} rows deleted:`, s.child_tables[t].rows_deleted), row('  batches:', s.child_tables[t].batches));
  return out;
}

export function showFmSitrepLoader(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => fmSitrepLoaderLines(d as SitrepLoadStatus));
}

export function showFmSitrepGc(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => fmSitrepGcLines(d as SitrepGcStatus));
}

/** omdb's per-task printers for the FM tasks, by task name (`print_task_details`'s match). */
export const FM_TASK_PRINTERS: Record<string, (view: BackgroundTaskView, nowMs: number) => string> = {
  fm_analysis: showFmAnalysis,
  fm_config_loader: showFmConfigLoader,
  fm_sitrep_loader: showFmSitrepLoader,
  fm_sitrep_gc: showFmSitrepGc,
  fm_sitrep_history_pruner: showFmSitrepHistoryPruner,
  fm_rendezvous: showFmRendezvous,
};
