// `omdb nexus background-tasks show tuf_artifact_replication` and `… show tuf_repo_pruner`: the
// common task header (`printTask`, omdb's `print_task`), then `print_task_tuf_artifact_replication`
// (the request ring buffer, last-run and lifetime counters with labels padded to the longest and
// values right-aligned in 3, local repos) or `print_task_tuf_repo_pruner` (`TufRepoPrunerStatus`'s
// Display), as in omicron dev-tools/omdb/src/bin/omdb/nexus.rs and nexus-types background.rs.
import { printTask, rfc3339Secs, type BackgroundTaskView } from '../bgtask/index.js';
import { chronoUtc } from '../saga/chrono.js';
import type { TufRepoInfo, TufRepoPrunerStatus } from './pruner.js';
import type { TufArtifactReplicationCounters, TufArtifactReplicationOperation, TufArtifactReplicationStatus } from './status.js';

const ROWS: Array<[string, keyof TufArtifactReplicationCounters]> = [
  ['put config ok:', 'put_config_ok'],
  ['put config err:', 'put_config_err'],
  ['list ok:', 'list_ok'],
  ['list err:', 'list_err'],
  ['put ok:', 'put_ok'],
  ['put err:', 'put_err'],
  ['copy ok:', 'copy_ok'],
  ['copy err:', 'copy_err'],
];
const V1_ROWS: Array<[string, keyof TufArtifactReplicationCounters]> = [
  ['delete ok:', 'delete_ok'],
  ['delete err:', 'delete_err'],
];

function counters(c: TufArtifactReplicationCounters): string[] {
  const rows = c.delete_ok === undefined ? ROWS : [...ROWS, ...V1_ROWS];
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([label, key]) => `      ${label.padEnd(width)} ${String(c[key] ?? 0).padStart(3)}`);
}

/** Rust's `{operation:?}` of TufArtifactReplicationOperation. */
function debugOperation(op: TufArtifactReplicationOperation): string {
  switch (op.operation) {
    case 'put_config':
      return `PutConfig { generation: Generation(${op.generation}) }`;
    case 'list':
      return 'List';
    case 'put':
      return `Put { hash: ArtifactHash("${op.hash}") }`;
    case 'copy':
      return `Copy { hash: ArtifactHash("${op.hash}"), source_sled: ${op.source_sled} (sled) }`;
    case 'delete':
      return `Delete { hash: ArtifactHash("${op.hash}") }`;
  }
}

export function showTufArtifactReplication(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => {
    const status = d as TufArtifactReplicationStatus;
    const out = ['    request ringbuf:'];
    if (status.request_debug_ringbuf.length === 0) out.push('      [no entries]');
    for (const r of status.request_debug_ringbuf) {
      out.push(`      - target sled: ${r.target_sled}`);
      out.push(`        operation: ${debugOperation(r)}`);
      out.push(`        at: ${rfc3339Secs(r.time)}`);
      if (r.error !== undefined) out.push(`        error: ${r.error}`);
    }
    out.push('    last run:', ...counters(status.last_run_counters));
    out.push('    lifetime:', ...counters(status.lifetime_counters));
    out.push(`    local repos: ${status.local_repos}`);
    return out;
  });
}

const repoLine = (r: TufRepoInfo) => `${r.id} (${r.system_version}, created ${chronoUtc(r.time_created)})`;

/** `print_collection`: "none", or an empty rest of the line (so the heading ends in a space) and one
 * indented line per repo (the IdOrdMap's order, by id). */
function collection(rs: readonly TufRepoInfo[]): string[] {
  return rs.length === 0 ? ['none'] : ['', ...rs.map((r) => `        ${repoLine(r)}`)];
}

/** `TufRepoPrunerStatus`'s Display, line by line. Warnings are not printed (omicron prints none). */
function prunerLines(s: TufRepoPrunerStatus): string[] {
  if (s.status === 'disabled') return ['    status: disabled', `    reason: ${s.reason}`];
  const [release, ...releases] = collection(s.repos_keep_target_release);
  const [upload, ...uploads] = collection(s.repos_keep_recent_uploads);
  const [other, ...others] = collection(s.other_repos_eligible_to_prune);
  return [
    '    status: enabled',
    '    configuration:',
    `        nkeep_recent_releases: ${s.nkeep_recent_releases}`,
    // omicron prints nkeep_recent_releases on this line too (background.rs, at b848b6df85).
    `        nkeep_recent_uploads:  ${s.nkeep_recent_releases}`,
    `    repo pruned: ${s.repo_prune ? repoLine(s.repo_prune) : 'none'}`,
    `    repos kept because they're recent target releases: ${release}`,
    ...releases,
    `    repos kept because they're recent uploads: ${upload}`,
    ...uploads,
    `    other repos eligible for pruning: ${other}`,
    ...others,
  ];
}

export function showTufRepoPruner(view: BackgroundTaskView, nowMs: number): string {
  return printTask(view, nowMs, (d) => prunerLines(d as TufRepoPrunerStatus));
}
