// Parses the CLI contract of ARCHITECTURE.md with node:util parseArgs (strict: unknown flags are
// usage errors) over the flag table of flags.ts, and validates every value before anything runs.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { SCENARIOS, findScenario } from '../registry.js';
import type { ScenarioDef } from '../types.js';
import { RUN_FLAGS, parserOptions, type FlagSpec } from './flags.js';
import { integer, MAX_SEED } from './numbers.js';
import { resolveOutput } from './paths.js';
import { UsageError } from './usage-error.js';

export const USAGE = `usage:
  pnpm scenario list [--json]
  pnpm scenario <name> [--seed N | --seeds N [--from S]] [--variant V|all] [--sleds N] [--nexus N]
                       [--json] [--trace FILE] [--db FILE] [--html FILE] [--keep DIR]
                       [--jobs N] [--shard K/N] [--force]
  pnpm scenario merge FILE... [--json]
  pnpm scenario --help`;

export interface RunCommand {
  kind: 'run';
  scenario: ScenarioDef;
  seeds: number[];
  /** One variant, or every variant in turn (`--variant all`: designs side by side, same seeds). */
  variants: string[];
  sleds?: number;
  nexus?: number;
  json: boolean;
  /** Output paths, absolute (resolved against the caller's directory). */
  trace?: string;
  db?: string;
  html?: string;
  keep?: string;
  jobs?: number;
  shard?: { k: number; n: number };
  force: boolean;
  /** Things the user should know about how their flags were taken (printed on stderr). */
  notes: string[];
}

export type Command = { kind: 'help' } | { kind: 'list'; json: boolean } | { kind: 'merge'; files: string[]; json: boolean } | RunCommand;

function scenarioNames(): string {
  return SCENARIOS.map((s) => s.name).join(', ');
}

/** npm's habit `pnpm scenario -- name ...` passes a bare `--`; and `--seed -1` would read as a
 * flag: bind a string flag's value with `=` so the number check can answer instead. */
function normalize(argv: readonly string[], flags: readonly FlagSpec[]): string[] {
  const strings = new Set(flags.filter((f) => f.type === 'string').map((f) => `--${f.name}`));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (strings.has(a) && i + 1 < argv.length && argv[i + 1].startsWith('-') && argv[i + 1] !== '--') {
      out.push(`${a}=${argv[++i]}`);
    } else out.push(a);
  }
  return out;
}

function parse(argv: readonly string[], flags: readonly FlagSpec[]) {
  try {
    return parseArgs({ args: normalize(argv, flags), allowPositionals: true, strict: true, options: parserOptions(flags) });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}\n(pnpm scenario --help lists every flag)`);
  }
}

function onlyFlags(cmd: string, values: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && !allowed.includes(k));
  if (extra.length > 0) throw new UsageError(`${cmd} takes only ${allowed.map((a) => `--${a}`).join(', ') || 'no flags'}; got --${extra.join(', --')}`);
}

function shardOf(text: string | undefined): { k: number; n: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new UsageError(`--shard must be K/N (the K-th of N parts, 1 <= K <= N), got "${text}"`);
  const n = integer('shard N', m[2], 1, 100_000)!;
  const k = integer('shard K', m[1], 1, n)!;
  return { k, n };
}

export function parseCommand(argv: string[]): Command {
  const { values: v, positionals } = parse(argv, RUN_FLAGS);
  if (v.help || positionals[0] === 'help') return { kind: 'help' };
  if (positionals.length === 0) throw new UsageError(`no scenario given; scenarios: ${scenarioNames()}\n${USAGE}`);
  const name = positionals[0];
  if (name === 'merge') {
    onlyFlags('merge', v, ['json']);
    if (positionals.length < 2) throw new UsageError('merge needs the --json output files of the shards: pnpm scenario merge FILE...');
    return { kind: 'merge', files: positionals.slice(1).map((f) => resolveOutput('merge', f)), json: v.json === true };
  }
  if (positionals.length > 1) throw new UsageError(`one scenario at a time, got: ${positionals.join(' ')}`);
  if (name === 'list') {
    onlyFlags('list', v, ['json']);
    return { kind: 'list', json: v.json === true };
  }
  const scenario = findScenario(name);
  if (!scenario) throw new UsageError(`unknown scenario "${name}"; scenarios: ${scenarioNames()}`);

  const str = (k: string) => v[k] as string | undefined;
  const variant = str('variant') ?? scenario.variants[0];
  if (variant !== 'all' && !scenario.variants.includes(variant)) {
    throw new UsageError(`unknown variant "${variant}" for ${name}; variants: ${scenario.variants.join(', ')} (or all)`);
  }
  const variants = variant === 'all' ? [...scenario.variants] : [variant];
  if (str('seed') !== undefined && str('seeds') !== undefined) throw new UsageError('give --seed or --seeds, not both');
  if (str('from') !== undefined && str('seeds') === undefined) throw new UsageError('--from goes with --seeds');
  const seed = integer('seed', str('seed'), 0);
  const count = integer('seeds', str('seeds'), 1, 1_000_000);
  const from = integer('from', str('from'), 0) ?? 1;
  if (count !== undefined && from + count - 1 > MAX_SEED) {
    throw new UsageError(`--from ${from} --seeds ${count} would run up to seed ${BigInt(from) + BigInt(count) - 1n}, past the largest seed ${MAX_SEED}`);
  }
  let seeds = count === undefined ? [seed ?? 1] : Array.from({ length: count }, (_, i) => from + i);
  const shard = shardOf(str('shard'));
  if (shard) {
    if (count === undefined) throw new UsageError('--shard splits a sweep: use it with --seeds');
    if (shard.n > count) throw new UsageError(`--shard ${shard.k}/${shard.n}: cannot split ${count} seed(s) into ${shard.n} parts`);
    // Contiguous parts whose sizes differ by at most one: part K starts where K-1 ended.
    const start = Math.floor(((shard.k - 1) * count) / shard.n);
    const end = Math.floor((shard.k * count) / shard.n);
    seeds = seeds.slice(start, end);
  }
  const oneRun = seeds.length === 1 && variants.length === 1 && !shard;
  const outputs: Record<string, string | undefined> = {};
  for (const flag of ['trace', 'db', 'html', 'keep']) {
    const text = str(flag);
    if (text === undefined) continue;
    if (flag !== 'keep' && !oneRun) throw new UsageError(`--${flag} writes one run: use it with --seed and one variant`);
    outputs[flag] = resolveOutput(flag, text);
  }
  const seen = new Map<string, string>();
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue;
    const other = seen.get(path);
    if (other) throw new UsageError(`--${other} and --${flag} name the same file ${path}: give each its own`);
    seen.set(path, flag);
  }
  const lim = scenario.limits ?? {};
  const sleds = integer('sleds', str('sleds'), lim.minSleds ?? 1, lim.maxSleds ?? 4096);
  const nexus = integer('nexus', str('nexus'), lim.minNexus ?? 1, lim.maxNexus ?? 16);
  const notes: string[] = [];
  let jobs = integer('jobs', str('jobs'), 1, 1024);
  const cores = availableParallelism();
  if (jobs !== undefined && jobs > cores) {
    // More workers than cores only adds memory and contention (each worker builds its own racks).
    notes.push(`note: --jobs ${jobs} capped at ${cores}, the number of cores here`);
    jobs = cores;
  }
  return {
    kind: 'run',
    scenario,
    seeds,
    variants,
    sleds,
    nexus,
    json: v.json === true,
    trace: outputs.trace,
    db: outputs.db,
    html: outputs.html,
    keep: outputs.keep,
    jobs,
    shard,
    force: v.force === true,
    notes,
  };
}
