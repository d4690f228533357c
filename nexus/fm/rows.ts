// Row-level SQL for sitreps, shared by the readers, the commit and GC. Each function is one
// statement (or a few that a caller runs inside one Db step); none of them awaits.
import type { Sqlite } from '../../sim/index.js';
import type { AlertRequest, FmCase, FmConfig, SitrepMetadata, SitrepVersion, SupportBundleRequest } from './types.js';
import { q } from './stmt.js';

export const CHILD_TABLES = ['fm_case', 'fm_alert_request', 'fm_support_bundle_request'] as const;

export function selectCurrentVersion(sql: Sqlite): SitrepVersion | undefined {
  return q(sql, 'SELECT version, sitrep_id, time_made_current FROM fm_sitrep_history ORDER BY version DESC LIMIT 1').get() as
    | SitrepVersion
    | undefined;
}

export function selectMetadata(sql: Sqlite, id: string): SitrepMetadata | undefined {
  return q(sql, 'SELECT * FROM fm_sitrep WHERE id = ?').get(id) as SitrepMetadata | undefined;
}

export function selectCases(sql: Sqlite, id: string): FmCase[] {
  return q(sql, 'SELECT id, de, created_sitrep_id, closed_sitrep_id, comment FROM fm_case WHERE sitrep_id = ? ORDER BY id')
    .all(id) as FmCase[];
}

export function selectAlertRequests(sql: Sqlite, id: string): AlertRequest[] {
  return q(sql, 
      'SELECT id, requested_sitrep_id, case_id, alert_class, payload, comment, alert_version FROM fm_alert_request WHERE sitrep_id = ? ORDER BY id',
    )
    .all(id) as AlertRequest[];
}

export function selectBundleRequests(sql: Sqlite, id: string): SupportBundleRequest[] {
  return q(sql, 'SELECT id, requested_sitrep_id, case_id, comment FROM fm_support_bundle_request WHERE sitrep_id = ? ORDER BY id')
    .all(id) as SupportBundleRequest[];
}

export function selectConfig(sql: Sqlite): FmConfig {
  const r = q(sql, 'SELECT version, analysis_enabled, sitrep_limit, history_pruning_threshold FROM fm_config ORDER BY version DESC LIMIT 1')
    .get() as { version: number; analysis_enabled: number; sitrep_limit: number; history_pruning_threshold: number };
  return { ...r, analysis_enabled: r.analysis_enabled !== 0 };
}

/** A new fm_config version (omdb `fm config set` in omicron). */
export function insertConfig(sql: Sqlite, c: Omit<FmConfig, 'version'>, comment: string, now: string): void {
  const v = (q(sql, 'SELECT COALESCE(MAX(version), 0) AS v FROM fm_config').get() as { v: number }).v + 1;
  q(sql, 
      'INSERT INTO fm_config (version, comment, time_modified, analysis_enabled, sitrep_limit, history_pruning_threshold) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(v, comment, now, c.analysis_enabled ? 1 : 0, c.sitrep_limit, c.history_pruning_threshold);
}
