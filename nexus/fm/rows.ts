// Row-level SQL for sitreps, shared by the readers, the commit and GC. Each function is one
// statement (or a few that a caller runs inside one Db step); none of them awaits.
import type { Sqlite } from '../../sim/index.js';
import type { AlertRequest, FmCase, SitrepMetadata, SitrepVersion, SupportBundleRequest } from './types.js';
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
