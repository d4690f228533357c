// Human-readable output: the seed and its configuration first (before the run), then a verdict per
// invariant, the run line and the violations last, where the eye lands; for sweeps one line per seed and a summary with the reproduce command.
import type { RunResult } from '../runner.js';
import type { ScenarioDef } from '../types.js';

export function reproduceCommand(r: RunResult, def: ScenarioDef): string {
  const parts = ['pnpm scenario', r.scenario, '--seed', String(r.seed)];
  if (r.variant !== def.variants[0]) parts.push('--variant', r.variant);
  if (r.config.sleds !== def.defaults.sleds) parts.push('--sleds', String(r.config.sleds));
  if (r.config.nexus !== def.defaults.nexus) parts.push('--nexus', String(r.config.nexus));
  return parts.join(' ');
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

export function header(def: ScenarioDef, variant: string): string {
  return `scenario ${def.name}  variant ${variant}  (expected: ${def.expected[variant]})  ${def.summary}`;
}

/** The first line of a single run, printed before it starts. */
export function formatRunStart(seed: number, config: RunResult['config']): string {
  return `seed ${seed}  ${Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
}

/** The end of a single run: a verdict per invariant, the run line, and the violations last. */
export function formatRunEnd(r: RunResult): string {
  const lines: string[] = [];
  const width = Math.max(0, ...r.invariants.map((i) => i.name.length));
  for (const inv of r.invariants) lines.push(`  ${inv.kind.padEnd(8)}  ${inv.name.padEnd(width)}  ${inv.verdict}`);
  lines.push(`${r.verdict.toUpperCase()}  sim ${secs(r.simTimeMs)}  wall ${r.wallMs}ms  events ${r.events}  trace ${r.traceHash}`);
  for (const v of r.violations) {
    if (v.event) lines.push(`  first event: ${JSON.stringify(v.event)}`);
    lines.push(`  VIOLATED ${v.invariant} at t=${secs(v.atMs)}: ${v.message}`);
  }
  return lines.join('\n');
}

export function formatRun(r: RunResult): string {
  return `${formatRunStart(r.seed, r.config)}\n${formatRunEnd(r)}`;
}

export function formatSweepLine(r: RunResult): string {
  const head = `seed ${r.seed}  ${r.verdict}  trace ${r.traceHash.slice(0, 16)}  sim ${secs(r.simTimeMs)}  wall ${r.wallMs}ms`;
  return r.violations.length === 0 ? head : `${head}\n${r.violations.map((v) => `  VIOLATED ${v.invariant} at t=${secs(v.atMs)}: ${v.message}`).join('\n')}`;
}

export function formatSummary(def: ScenarioDef, results: RunResult[], of?: number): string {
  const failed = results.filter((r) => r.verdict === 'fail');
  const lines = [of !== undefined ? `interrupted: ${results.length} of ${of} run(s) done, ${failed.length} failed` : `${results.length} run(s), ${failed.length} failed`];
  if (failed.length > 0) {
    const first = failed[0];
    const names = [...new Set(failed.flatMap((r) => r.violations.map((v) => v.invariant)))];
    lines.push(`first failing seed ${first.seed}: ${first.violations.map((v) => v.invariant).join(', ')}`);
    lines.push(`violated invariants: ${names.join(', ')}`);
    lines.push(`reproduce: ${reproduceCommand(first, def)}`);
  }
  return lines.join('\n');
}

/** Designs side by side over the same seeds (`--variant all`). */
export function formatComparison(def: ScenarioDef, variants: readonly string[], byVariant: RunResult[][]): string {
  const rows = variants.map((v, i) => {
    const rs = byVariant[i];
    const failed = rs.filter((r) => r.verdict === 'fail');
    const names = [...new Set(failed.flatMap((r) => r.violations.map((x) => x.invariant)))];
    return [v, def.expected[v], String(rs.length), String(failed.length), failed[0] ? String(failed[0].seed) : '-', names.join(',') || '-'];
  });
  const head = ['VARIANT', 'EXPECTED', 'RUNS', 'FAILED', 'FIRST_FAILING_SEED', 'VIOLATED'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd();
  const seeds = byVariant[0] ?? [];
  const range = seeds.length === 1 ? `seed ${seeds[0].seed}` : `seeds ${seeds[0]?.seed}..${seeds[seeds.length - 1]?.seed}`;
  return [`${def.name}: every design over the same ${range}`, line(head), ...rows.map(line)].join('\n');
}
