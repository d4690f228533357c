// omdb's text for the FM config: `FmConfigView::display_multiline` and `FmConfig::display_multiline`
// (nexus/types/src/fm/config.rs at b848b6df85), and `omdb nexus fm-config current|show|
// show-defaults|set` (dev-tools/omdb/src/bin/omdb/nexus/fm_config.rs). Labels are padded to the
// longest label, "history pruning threshold:" (26), then one space and the value.
import { rfc3339Millis } from '../bgtask/index.js';
import { DEFAULTS, type FmConfig, type FmConfigSource, type FmConfigView, type Setting } from './config.js';

const WIDTH = 'history pruning threshold:'.length;

const line = (indent: number, label: string, value?: string) => `${' '.repeat(indent)}${label.padEnd(WIDTH)}${value === undefined ? '' : ` ${value}`}`;

/** `Setting`'s Display: "2500 (default)" or "5 (overriden)" (omicron's spelling). */
function setting<T>(s: Setting<T>, def: T): string {
  return s.source === 'override' ? `${String(s.value)} (overriden)` : `${String(def)} (default)`;
}

export function fmConfigSourceLines(s: FmConfigSource, indent: number): string[] {
  if (s.type === 'default') return [line(indent, 'source:', 'default')];
  // `{COMMENT:<WIDTH$}` keeps its padding: the "  comment:" line ends in spaces.
  return [line(indent, 'source:', `version ${s.version}`), line(indent, '  modified at:', rfc3339Millis(s.time_modified)), line(indent, '  comment:'), ...rustLines(s.comment).map((l) => `${' '.repeat(indent)}    ${l}`)];
}

/** Rust's `str::lines()`: a line ends at `\n` or `\r\n`, and a final line ending makes no empty
 * last line (a bare `\r` at the very end stays, as it does in Rust). */
function rustLines(s: string): string[] {
  const pieces = s.split('\n');
  const last = pieces.pop()!;
  return [...pieces.map((l) => l.replace(/\r$/, '')), ...(last === '' ? [] : [last])];
}

export function fmConfigLines(c: FmConfig, indent: number): string[] {
  return [
    line(indent, 'analysis enabled:', setting(c.analysis_enabled, DEFAULTS.analysis_enabled)),
    line(indent, 'sitrep limit:', setting(c.sitrep_limit, DEFAULTS.sitrep_limit)),
    line(indent, 'history pruning threshold:', setting(c.history_pruning_threshold, DEFAULTS.history_pruning_threshold)),
  ];
}

export function fmConfigViewLines(v: FmConfigView, indent: number): string[] {
  return [...fmConfigSourceLines(v.source, indent), ...fmConfigLines(v.config, indent)];
}

export type ConfigSelector = { kind: 'default' } | { kind: 'current' } | { kind: 'version'; version: number };

/** `ConfigSelector::from_str`: "default", "current"/"latest", or a version with an optional "v". */
export function parseConfigSelector(s: string): ConfigSelector | undefined {
  if (s.toLowerCase() === 'default') return { kind: 'default' };
  if (s.toLowerCase() === 'current' || s.toLowerCase() === 'latest') return { kind: 'current' };
  const n = s.replace(/^[vV]+/, '');
  if (!/^\+?\d+$/.test(n) || Number(n) === 0 || Number(n) > 4294967295) return undefined;
  return { kind: 'version', version: Number(n) };
}

function selectorTitle(s: ConfigSelector): string {
  if (s.kind === 'default') return 'fault management configuration defaults';
  if (s.kind === 'current') return 'current fault management configuration';
  return `fault management configuration v${s.version}`;
}

/** `show_config`: `println!("{selector}:\n{}", display_multiline(2))`, so a blank line ends it. */
export function omdbFmConfigShow(selector: ConfigSelector, view: FmConfigView): string {
  return `${selectorTitle(selector)}:\n${fmConfigViewLines(view, 2).join('\n')}\n\n`;
}

/** `show_config --json`: `serde_json::to_writer_pretty` of the view omdb deserialized, so the
 * fields come in the Rust structs' order (the lockstep API's JSON may order them otherwise) and no
 * newline follows. */
export function omdbFmConfigJson(v: FmConfigView): string {
  const c = v.config;
  const source = v.source.type === 'default' ? { type: 'default' } : { type: 'override', version: v.source.version, time_modified: v.source.time_modified, comment: v.source.comment };
  return JSON.stringify({ config: { analysis_enabled: c.analysis_enabled, sitrep_limit: c.sitrep_limit, history_pruning_threshold: c.history_pruning_threshold }, source }, null, 2);
}

/** `set_config`'s two outcomes. */
export function omdbFmConfigSetUnchanged(current: FmConfigView): string {
  return `no modifications made to current config values:\n${fmConfigViewLines(current, 2).join('\n')}\n\n`;
}

export function omdbFmConfigUpdated(version: number, config: FmConfig): string {
  return `fault management config updated to version ${version}:\n${fmConfigLines(config, 2).join('\n')}\n\n`;
}

export interface ConfigOpts {
  sitrep_limit?: Setting<number>;
  history_pruning_threshold?: Setting<number>;
  analysis_enabled?: Setting<boolean>;
}

/** `Setting::from_str`: "default" (any case, trimmed), else the value's own `FromStr`. */
export function parseSetting(kind: 'u32' | 'bool', s: string): Setting<number> | Setting<boolean> | undefined {
  if (s.trim().toLowerCase() === 'default') return { source: 'default' };
  if (kind === 'bool') return s === 'true' || s === 'false' ? { source: 'override', value: s === 'true' } : undefined;
  if (!/^\+?\d+$/.test(s) || Number(s) === 0 || Number(s) > 4294967295) return undefined;
  return { source: 'override', value: Number(s) };
}

/** `ConfigOpts::update_if_modified`: the next version's config, or undefined if nothing changed. */
export function updatedConfig(current: FmConfigView, opts: ConfigOpts): { version: number; config: FmConfig } | undefined {
  const c = current.config;
  const config: FmConfig = {
    analysis_enabled: opts.analysis_enabled ?? c.analysis_enabled,
    sitrep_limit: opts.sitrep_limit ?? c.sitrep_limit,
    history_pruning_threshold: opts.history_pruning_threshold ?? c.history_pruning_threshold,
  };
  if (JSON.stringify(config) === JSON.stringify(c)) return undefined;
  return { version: current.source.type === 'default' ? 1 : current.source.version + 1, config };
}
