// The fm_config datastore (omicron nexus/db-queries/src/db/datastore/fm_config.rs at b848b6df85):
// read the latest override or one version, and insert the next version.
import type { Sqlite } from '../../sim/index.js';
import { validateParam, type FmConfigParam, type FmConfigView, type InvalidValue, type Setting } from './config.js';
import { q } from './stmt.js';

export interface FmConfigRow {
  version: number;
  comment: string;
  time_modified: string;
  analysis_enabled: number | null;
  sitrep_limit: number | null;
  history_pruning_threshold: number | null;
}

const COLUMNS = 'version, comment, time_modified, analysis_enabled, sitrep_limit, history_pruning_threshold';

export function fmConfigGetLatest(sql: Sqlite): FmConfigRow | undefined {
  return q(sql, `SELECT ${COLUMNS} FROM fm_config ORDER BY version DESC LIMIT 1`).get() as FmConfigRow | undefined;
}

export function fmConfigGet(sql: Sqlite, version: number): FmConfigRow | undefined {
  return q(sql, `SELECT ${COLUMNS} FROM fm_config WHERE version = ?`).get(version) as FmConfigRow | undefined;
}

/** `TryFrom<db::FmConfig> for FmConfigView`: NULL is the default; a 0 (which the CHECKs forbid)
 * is an error, as omicron's conversion reports it. */
export function rowToView(r: FmConfigRow): FmConfigView | InvalidValue {
  const setting = <T>(v: T | null): Setting<T> => (v === null ? { source: 'default' } : { source: 'override', value: v });
  for (const name of ['sitrep_limit', 'history_pruning_threshold'] as const) {
    if (r[name] === 0) return { label: name, message: `the fm_config row has ${name} 0, which should have violated a CHECK constraint!` };
  }
  if (r.version === 0) return { label: 'version', message: 'the fm_config row has version 0, which should have violated a CHECK constraint!' };
  return {
    config: {
      analysis_enabled: setting(r.analysis_enabled === null ? null : r.analysis_enabled !== 0),
      sitrep_limit: setting(r.sitrep_limit),
      history_pruning_threshold: setting(r.history_pruning_threshold),
    },
    source: { type: 'override', version: r.version, time_modified: r.time_modified, comment: r.comment },
  };
}

export function isInvalid(v: FmConfigView | InvalidValue): v is InvalidValue {
  return 'label' in v;
}

export type InsertError = { kind: 'InvalidValue'; label: string; message: string } | { kind: 'Conflict'; message: string };

/**
 * `fm_config_insert_latest_version`: validate, then one statement that inserts only if the new
 * version is exactly one above the current maximum (0 when empty). omicron writes the guard as a
 * MATERIALIZED CTE that casts a sentinel string to BOOL to abort; SQLite's `INSERT … SELECT …
 * WHERE` is the same single atomic statement, and zero rows inserted is the sentinel.
 */
export function fmConfigInsertLatestVersion(sql: Sqlite, param: FmConfigParam, now: string): InsertError | undefined {
  const bad = validateParam(param);
  if (bad) return { kind: 'InvalidValue', ...bad };
  const c = param.config;
  const val = <T>(s: Setting<T>) => (s.source === 'override' ? s.value : null);
  const enabled = val(c.analysis_enabled);
  try {
    const { changes } = q(
      sql,
      `INSERT INTO fm_config (${COLUMNS}) SELECT ?, ?, ?, ?, ?, ? WHERE (SELECT COALESCE(MAX(version), 0) FROM fm_config) = ?`,
    ).run(param.version, param.comment, now, enabled === null ? null : enabled ? 1 : 0, val(c.sitrep_limit), val(c.history_pruning_threshold), param.version - 1);
    if (changes === 0) return { kind: 'InvalidValue', label: 'version', message: `${param.version} is not the most recent` };
  } catch (err) {
    // The primary key: another insert of this version won the race.
    if (String(err).includes('UNIQUE constraint failed')) return { kind: 'Conflict', message: `version ${param.version} has already been created` };
    throw err;
  }
  return undefined;
}
