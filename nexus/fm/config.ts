// The FM runtime configuration (omicron nexus/types/src/fm/config.rs at b848b6df85): each setting
// is either an override or "whatever this release's default is" (a NULL column); the config with
// no override rows at all is the default config. Overrides are versioned: a new config is a new row
// whose version is exactly one above the latest.

/** `Setting<V>`: serde `tag = "source", content = "value"`, snake_case. */
export type Setting<T> = { source: 'override'; value: T } | { source: 'default' };

export interface FmConfig {
  analysis_enabled: Setting<boolean>;
  sitrep_limit: Setting<number>;
  history_pruning_threshold: Setting<number>;
}

/** `FmConfigSource`: serde `tag = "type"`, snake_case. */
export type FmConfigSource = { type: 'default' } | { type: 'override'; version: number; time_modified: string; comment: string };

export interface FmConfigView {
  config: FmConfig;
  source: FmConfigSource;
}

export interface FmConfigParam {
  version: number;
  comment: string;
  config: FmConfig;
}

/** The values the tasks act on. */
export interface ResolvedFmConfig {
  analysis_enabled: boolean;
  sitrep_limit: number;
  history_pruning_threshold: number;
}

// `FmConfig::{DEFAULT,MIN,MAX}_*` and `define_setting!` defaults.
export const DEFAULTS: ResolvedFmConfig = { analysis_enabled: true, sitrep_limit: 2500, history_pruning_threshold: 2000 };
export const MIN_SITREP_LIMIT = 5;
export const MIN_HISTORY_PRUNING_THRESHOLD = 2;
export const MAX_LIMIT = 5000;

const DEFAULT: { source: 'default' } = { source: 'default' };

export function defaultFmConfigView(): FmConfigView {
  return { config: { analysis_enabled: DEFAULT, sitrep_limit: DEFAULT, history_pruning_threshold: DEFAULT }, source: { type: 'default' } };
}

export function settingValue<K extends keyof FmConfig>(c: FmConfig, k: K): ResolvedFmConfig[K] {
  const s = c[k] as Setting<ResolvedFmConfig[K]>;
  return s.source === 'override' ? s.value : DEFAULTS[k];
}

export function resolve(c: FmConfig): ResolvedFmConfig {
  return { analysis_enabled: settingValue(c, 'analysis_enabled'), sitrep_limit: settingValue(c, 'sitrep_limit'), history_pruning_threshold: settingValue(c, 'history_pruning_threshold') };
}

/** omicron's `Error::invalid_value(label, message)`. */
export interface InvalidValue {
  label: string;
  message: string;
}

/** `FmConfigParam::validate` then `FmConfig::validate`: the first rule broken, if any. */
export function validateParam(p: FmConfigParam): InvalidValue | undefined {
  if (p.comment.trim() === '') {
    return {
      label: 'comment',
      message: 'when overriding the fault management configuration, please provide a non-empty, non-whitespace comment, for the benefit of future operators',
    };
  }
  return validateConfig(p.config);
}

export function validateConfig(c: FmConfig): InvalidValue | undefined {
  const { sitrep_limit, history_pruning_threshold } = resolve(c);
  const limit = (value: number, field: string, min: number): InvalidValue | undefined => {
    if (value < min) return { label: field, message: `${field} must be at least ${min} (got ${value})` };
    if (value > MAX_LIMIT) return { label: field, message: `${field} must be less than or equal to ${MAX_LIMIT} (got ${value})` };
    return undefined;
  };
  const bad = limit(sitrep_limit, 'sitrep_limit', MIN_SITREP_LIMIT) ?? limit(history_pruning_threshold, 'history_pruning_threshold', MIN_HISTORY_PRUNING_THRESHOLD);
  if (bad) return bad;
  if (history_pruning_threshold >= sitrep_limit) {
    // Two spaces before "must", as omicron's format string has them.
    return {
      label: 'history_pruning_threshold',
      message: `sitrep history pruning threshold (${history_pruning_threshold})  must be less than the total sitrep limit (${sitrep_limit})`,
    };
  }
  return undefined;
}

/** Two views are the same config (the loader's `send_if_modified` comparison). */
export function sameView(a: FmConfigView, b: FmConfigView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
